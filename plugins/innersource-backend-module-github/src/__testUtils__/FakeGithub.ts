import type {
  Commit,
  Issue,
  PullRequest,
  RateLimit,
  Repository,
} from '@octokit/graphql-schema';
import { createHash } from 'node:crypto';
import {
  DocumentNode,
  execute,
  FieldNode,
  GraphQLError,
  Kind,
  parse,
  SelectionSetNode,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { githubSchema } from '../testUtils';

/** An actor as the fixtures give it: a user, or a bot. */
export interface FakeActor {
  login: string;
  bot?: boolean;
}

export interface FakeCommit {
  oid: Commit['oid'];
  committedDate: Commit['committedDate'];
  author: { name: string; email: string; login?: string };
  merge?: boolean;
}

export interface FakePullRequest {
  id: PullRequest['id'];
  number: PullRequest['number'];
  createdAt: PullRequest['createdAt'];
  state: PullRequest['state'];
  mergedAt?: PullRequest['mergedAt'];
  closedAt?: PullRequest['closedAt'];
  author: FakeActor;
  responses: Array<{
    kind: 'IssueComment' | 'PullRequestReview';
    createdAt: string;
    author: FakeActor;
  }>;
}

export interface FakeIssue {
  id: Issue['id'];
  number: Issue['number'];
  title: Issue['title'];
  createdAt: Issue['createdAt'];
  updatedAt: Issue['updatedAt'];
  state: Issue['state'];
  labels: string[];
  comments: number;
  assignee?: string;
}

export interface FakeRepository {
  owner: string;
  name: string;
  /** PUBLIC unless a test says otherwise. */
  visibility?: Repository['visibility'];
  description: Repository['description'];
  createdAt: Repository['createdAt'];
  pushedAt: Repository['pushedAt'];
  updatedAt: Repository['updatedAt'];
  stargazerCount: Repository['stargazerCount'];
  forkCount: Repository['forkCount'];
  /** Subscribers, which GitHub calls watchers. */
  watchers: number;
  primaryLanguage?: string;
  defaultBranch: string;
  /** Branches besides the default one. */
  branches?: string[];
  commits: FakeCommit[];
  pullRequests: FakePullRequest[];
  issues: FakeIssue[];
  /** The repository's labels besides those its issues carry (which exist on GitHub by definition). */
  labels?: string[];
  /** Paths from the root: `README.md`, `.github/CODEOWNERS`. */
  files: string[];
  innersourceJson?: string;
}

/** GitHub's documented cost: requests per connection, nested ones once per parent node, over 100. */
export function queryCost(
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): number {
  return Math.max(1, Math.round(queryRequests(document, variables) / 100));
}

/** The requests GitHub counts for a query: one per connection, nested ones once per parent node. */
export function queryRequests(
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): number {
  let requests = 0;
  const walk = (selectionSet: SelectionSetNode | undefined, times: number) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const limitArg = (selection as FieldNode).arguments?.find(
          a => a.name.value === 'first' || a.name.value === 'last',
        );
        if (limitArg) {
          const limit = Number(valueFromASTUntyped(limitArg.value, variables));
          requests += times;
          walk(selection.selectionSet, times * limit);
        } else {
          walk(selection.selectionSet, times);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, times);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION)
      walk(definition.selectionSet, 1);
  }
  return requests;
}

function page<T>(items: T[], args: { first?: number; after?: string }) {
  const start = args.after ? Number(args.after) : 0;
  const nodes = items.slice(start, start + (args.first ?? 100));
  const end = start + nodes.length;
  return {
    totalCount: items.length,
    nodes,
    pageInfo: {
      hasNextPage: end < items.length,
      endCursor: nodes.length ? String(end) : null,
    },
  };
}

const desc = <T>(items: T[], key: (t: T) => string) =>
  [...items].sort((a, b) => key(b).localeCompare(key(a)));

/** A git object id for fixture content: 40 hex digits, the same for the same parts. */
function gitOid(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

function actor(a: FakeActor) {
  return {
    __typename: a.bot ? 'Bot' : 'User',
    login: a.bot ? `${a.login}[bot]` : a.login,
  };
}

/**
 * GitHub's GraphQL API for tests and benchmarks: queries run against GitHub's
 * published schema over fixture repositories, with the rate limit counted by
 * GitHub's rule. A query GitHub would reject is rejected here.
 */
export class FakeGithub {
  readonly repositories = new Map<string, FakeRepository>();
  rateLimit = {
    limit: 5000,
    remaining: 5000,
    resetAt: '2100-01-01T00:00:00Z',
  };
  requests = 0;
  points = 0;
  /** Validation of each query against the schema; a benchmark that counts can skip it. */
  validateQueries = true;

  add(...repos: FakeRepository[]): this {
    for (const repo of repos)
      this.repositories.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
    return this;
  }

  /** Answers one GraphQL request body as GitHub would: data, errors, or both. */
  graphql(body: { query: string; variables?: Record<string, unknown> }): {
    data?: unknown;
    errors?: Array<{
      type?: string;
      path?: ReadonlyArray<string | number>;
      message: string;
    }>;
  } {
    this.requests += 1;
    const document = parse(body.query);
    const invalid = this.validateQueries
      ? validate(githubSchema(), document)
      : [];
    if (invalid.length > 0) {
      return { errors: invalid.map(e => ({ message: e.message })) };
    }
    const cost = queryCost(document, body.variables);
    this.points += cost;
    this.rateLimit.remaining = Math.max(0, this.rateLimit.remaining - cost);
    const rateLimit: Partial<RateLimit> = { cost, ...this.rateLimit };
    const result = execute({
      schema: githubSchema(),
      document,
      variableValues: body.variables,
      rootValue: {
        rateLimit: () => rateLimit,
        repository: (args: { owner: string; name: string }) => {
          const repo = this.repositories.get(
            `${args.owner}/${args.name}`.toLowerCase(),
          );
          if (!repo) {
            throw new GraphQLError(
              `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`,
              { extensions: { type: 'NOT_FOUND' } },
            );
          }
          return this.resolveRepository(repo);
        },
      },
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    return {
      data: result.data,
      ...(result.errors
        ? {
            errors: result.errors.map(e => ({
              type: e.extensions?.type as string | undefined,
              path: e.path,
              message: e.message,
            })),
          }
        : {}),
    };
  }

  private resolveRepository(repo: FakeRepository) {
    const tree = (folder: string) => {
      const prefix = folder ? `${folder}/` : '';
      const names = new Set<string>();
      for (const file of repo.files) {
        if (!file.startsWith(prefix)) continue;
        names.add(file.slice(prefix.length).split('/')[0]);
      }
      if (folder && names.size === 0) return null;
      return {
        __typename: 'Tree',
        entries: [...names].map(name => ({
          name,
          type: repo.files.includes(`${prefix}${name}`) ? 'blob' : 'tree',
        })),
      };
    };
    const issue = (i: FakeIssue) => ({
      ...i,
      url: `https://github.com/${repo.owner}/${repo.name}/issues/${i.number}`,
      comments: { totalCount: i.comments },
      labels: (args: { first: number }) =>
        page(
          i.labels.map(name => ({ name })),
          args,
        ),
      assignees: (args: { first: number }) =>
        page(i.assignee ? [{ login: i.assignee }] : [], args),
    });
    const slug = `${repo.owner}/${repo.name}`;
    const blob = (path: string) => ({
      __typename: 'Blob',
      id: `${slug}:blob:${path}`,
      oid: gitOid(slug, 'blob', path),
    });
    const labels = new Map<string, string>();
    for (const name of [
      ...(repo.labels ?? []),
      ...repo.issues.flatMap(i => i.labels),
    ]) {
      const key = name.toLowerCase();
      if (!labels.has(key)) labels.set(key, name);
    }
    return {
      nameWithOwner: `${repo.owner}/${repo.name}`,
      url: `https://github.com/${repo.owner}/${repo.name}`,
      visibility: repo.visibility ?? 'PUBLIC',
      description: repo.description,
      createdAt: repo.createdAt,
      pushedAt: repo.pushedAt,
      updatedAt: repo.updatedAt,
      stargazerCount: repo.stargazerCount,
      forkCount: repo.forkCount,
      watchers: () => ({ totalCount: repo.watchers }),
      primaryLanguage: repo.primaryLanguage
        ? { name: repo.primaryLanguage }
        : null,
      defaultBranchRef: {
        name: repo.defaultBranch,
        target: {
          __typename: 'Commit',
          oid: () =>
            desc(repo.commits, c => c.committedDate)[0]?.oid ??
            gitOid(slug, 'commit'),
          tree: () => ({
            id: `${slug}:tree:`,
            oid: gitOid(slug, 'tree', ...repo.files),
          }),
          history: (args: {
            since?: string;
            until?: string;
            first?: number;
            after?: string;
          }) =>
            page(
              desc(repo.commits, c => c.committedDate)
                .filter(c => !args.since || c.committedDate >= args.since)
                .filter(c => !args.until || c.committedDate <= args.until)
                .map(c => ({
                  oid: c.oid,
                  committedDate: c.committedDate,
                  parents: () => ({ totalCount: c.merge ? 2 : 1 }),
                  author: {
                    name: c.author.name,
                    email: c.author.email,
                    user: c.author.login ? { login: c.author.login } : null,
                  },
                })),
              args,
            ),
        },
      },
      pullRequests: (args: { first?: number; after?: string }) =>
        page(
          desc(repo.pullRequests, p => p.createdAt).map(p => ({
            ...p,
            author: actor(p.author),
            timelineItems: (a: { first?: number; itemTypes?: string[] }) =>
              page(
                p.responses
                  .filter(
                    r =>
                      !a.itemTypes ||
                      a.itemTypes.includes(
                        r.kind === 'IssueComment'
                          ? 'ISSUE_COMMENT'
                          : 'PULL_REQUEST_REVIEW',
                      ),
                  )
                  .map(r => ({
                    __typename: r.kind,
                    createdAt: r.createdAt,
                    author: actor(r.author),
                  })),
                a,
              ),
          })),
          args,
        ),
      issues: (args: {
        states?: string[];
        labels?: string[];
        first?: number;
        after?: string;
        orderBy?: { field: string };
      }) => {
        const wanted = args.labels?.map(l => l.toLowerCase());
        const matching = repo.issues.filter(
          i =>
            (!args.states || args.states.includes(i.state)) &&
            (!wanted || i.labels.some(l => wanted.includes(l.toLowerCase()))),
        );
        const ordered = desc(matching, i =>
          args.orderBy?.field === 'UPDATED_AT' ? i.updatedAt : i.createdAt,
        );
        return page(ordered.map(issue), args);
      },
      object: (args: { expression: string }) => {
        const path = args.expression.replace(/^HEAD:/, '').replace(/\/$/, '');
        if (path === 'innersource.json') {
          return repo.innersourceJson === undefined
            ? null
            : {
                ...blob(path),
                text: repo.innersourceJson,
                byteSize: repo.innersourceJson.length,
              };
        }
        if (repo.files.includes(path)) return blob(path);
        const folder = tree(path);
        return folder
          ? {
              ...folder,
              id: `${slug}:tree:${path}`,
              oid: gitOid(slug, 'tree', path),
            }
          : null;
      },
      ref: (args: { qualifiedName: string }) => {
        const branch = args.qualifiedName.replace(/^refs\/heads\//, '');
        return branch === repo.defaultBranch ||
          (repo.branches ?? []).includes(branch)
          ? { id: `${slug}:ref:${branch}`, name: branch }
          : null;
      },
      label: (args: { name: string }) => {
        const name = labels.get(args.name.toLowerCase());
        return name ? { id: `${slug}:label:${name}`, name } : null;
      },
    };
  }
}
