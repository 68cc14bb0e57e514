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
import { gitlabSchema } from './gitlabSchema';
import { fakeRest } from './fakeRest';

export interface FakeUser {
  username: string;
  bot?: boolean;
}

export interface FakeCommit {
  id: string;
  authorName: string;
  authorEmail: string;
  committedDate: string;
  merge?: boolean;
}

export interface FakeNote {
  author: FakeUser;
  createdAt: string;
  system?: boolean;
}

export interface FakeMergeRequest {
  iid: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  state: 'opened' | 'merged' | 'closed';
  mergedAt?: string;
  closedAt?: string;
  author: FakeUser;
  notes: FakeNote[];
}

export interface FakeIssue {
  iid: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  state: 'opened' | 'closed';
  labels: string[];
  userNotesCount: number;
  assignee?: string;
}

export interface FakeProject {
  id: number;
  fullPath: string;
  description: string | null;
  visibility: 'public' | 'internal' | 'private';
  createdAt: string;
  lastActivityAt: string;
  starCount: number;
  forksCount: number;
  languages: Array<{ name: string; share: number }>;
  /** null for a project whose repository is empty. */
  defaultBranch: string | null;
  commits: FakeCommit[];
  mergeRequests: FakeMergeRequest[];
  issues: FakeIssue[];
  /** Paths from the root: `README.md`, `.gitlab/CODEOWNERS`. */
  files: string[];
  innersourceJson?: string;
}

/** What the fake answers: a status, headers and a JSON (or text) body. */
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Fields GitLab scores above 1 (its type definitions' `complexity:`), and those that call Gitaly (+1). */
const FIELD_COMPLEXITY: Record<string, number> = {
  mergedAt: 5,
  closedAt: 5,
  forksCount: 2,
  languages: 2,
  tree: 2,
  lastCommit: 2,
  rawTextBlob: 2,
};
const CONNECTIONS = new Set([
  'projects',
  'mergeRequests',
  'issues',
  'notes',
  'labels',
  'assignees',
  'blobs',
  'trees',
]);

/**
 * GitLab's complexity score, after its rule (`Types::BaseField`): a field
 * costs 1, a resolver's connection its selection scored once plus 1 (and 1
 * more with `sort`), times 1 plus 1% per requested node. An approximation
 * for tests: GitLab scores a few fields otherwise.
 */
export function queryComplexity(
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): number {
  const score = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += score(selection.selectionSet);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const field = selection as FieldNode;
      const name = field.name.value;
      const args = Object.fromEntries(
        (field.arguments ?? []).map(a => [
          a.name.value,
          valueFromASTUntyped(a.value, variables),
        ]),
      );
      const own = FIELD_COMPLEXITY[name] ?? 1;
      if (!field.selectionSet) {
        total += own;
      } else if (CONNECTIONS.has(name)) {
        const child = score(field.selectionSet) + own + (args.sort ? 1 : 0);
        const first = Math.min(Number(args.first ?? 100), 100);
        total += child * (1 + first * 0.01);
      } else {
        total += score(field.selectionSet) + own;
      }
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION)
      total += score(definition.selectionSet);
  return Math.round(total);
}

function page<T>(items: T[], args: { first?: number; after?: string }) {
  const start = args.after ? Number(args.after) : 0;
  const nodes = items.slice(start, start + (args.first ?? 100));
  const end = start + nodes.length;
  return {
    count: items.length,
    nodes,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? String(start) : null,
      endCursor: nodes.length ? String(end) : null,
    },
  };
}

const desc = <T>(items: T[], key: (t: T) => string) =>
  [...items].sort((a, b) => key(b).localeCompare(key(a)));

function user(u: FakeUser) {
  return {
    id: `gid://gitlab/User/${u.username}`,
    name: u.username,
    ...u,
    bot: !!u.bot,
  };
}

/**
 * GitLab for tests, the browser suite and benchmarks: GraphQL queries run
 * against the documented schema excerpt over fixture projects, with
 * GitLab's complexity limits; REST v4 answers in the documented shapes, with
 * offset pagination headers and `ETag`s.
 */
export class FakeGitlab {
  readonly projects = new Map<string, FakeProject>();
  private readonly byId = new Map<string, FakeProject>();
  requests = { graphql: 0, rest: 0, notModified: 0 };
  /** Sent as `RateLimit-*` headers and counted down when set. */
  rateLimit?: { limit: number; remaining: number; reset: number };
  /** Validation against the schema; a benchmark that counts can skip it. */
  validateQueries = true;
  /** The score of the last GraphQL query. */
  lastComplexity = 0;
  /** GitLab's limits: 250 with a token, 200 without. */
  complexityLimit = { authenticated: 250, anonymous: 200 };

  constructor(readonly webBase = 'https://gitlab.com') {}

  add(...projects: FakeProject[]): this {
    for (const p of projects) {
      this.projects.set(p.fullPath.toLowerCase(), p);
      this.byId.set(String(p.id), p);
    }
    return this;
  }

  find(idOrPath: string): FakeProject | undefined {
    const key = decodeURIComponent(idOrPath).toLowerCase();
    return this.projects.get(key) ?? this.byId.get(key);
  }

  webUrl(project: FakeProject) {
    return `${this.webBase}/${project.fullPath}`;
  }

  /** Answers a request to `…/api/graphql` or `…/api/v4/…`, as GitLab would. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let answer: FakeAnswer;
    if (request.method === 'POST' && url.pathname.endsWith('/api/graphql')) {
      answer = this.graphql(
        (await request.json()) as never,
        request.headers.has('authorization'),
      );
    } else {
      const at = url.pathname.indexOf('/api/v4/');
      this.requests.rest += 1;
      answer =
        request.method === 'GET' && at >= 0
          ? fakeRest(this, url, url.pathname.slice(at + '/api/v4'.length))
          : { status: 404, body: { message: '404 Not Found' } };
      const etag = answer.headers?.etag;
      if (etag && request.headers.get('if-none-match') === etag) {
        this.requests.notModified += 1;
        answer = { status: 304, headers: { etag } };
      }
    }
    return this.respond(answer);
  }

  private respond(answer: FakeAnswer): Response {
    const headers = new Headers(answer.headers);
    if (this.rateLimit) {
      this.rateLimit.remaining = Math.max(0, this.rateLimit.remaining - 1);
      headers.set('ratelimit-limit', String(this.rateLimit.limit));
      headers.set('ratelimit-remaining', String(this.rateLimit.remaining));
      headers.set('ratelimit-reset', String(this.rateLimit.reset));
    }
    if (answer.status === 304 || answer.body === undefined)
      return new Response(null, { status: answer.status, headers });
    const text =
      typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
    if (!headers.has('content-type'))
      headers.set(
        'content-type',
        typeof answer.body === 'string' ? 'text/plain' : 'application/json',
      );
    return new Response(text, { status: answer.status, headers });
  }

  /** One GraphQL request body, as GitLab answers it: data, errors, or both. */
  graphql(
    body: { query: string; variables?: Record<string, unknown> },
    authenticated = true,
  ): FakeAnswer {
    this.requests.graphql += 1;
    const document = parse(body.query);
    if (this.validateQueries) {
      const invalid = validate(gitlabSchema(), document);
      if (invalid.length > 0)
        return {
          status: 200,
          body: { errors: invalid.map(e => ({ message: e.message })) },
        };
    }
    const limit = authenticated
      ? this.complexityLimit.authenticated
      : this.complexityLimit.anonymous;
    const score = queryComplexity(document, body.variables);
    this.lastComplexity = score;
    if (score > limit) {
      return {
        status: 200,
        body: {
          errors: [
            {
              message: `Query has complexity of ${score}, which exceeds max complexity of ${limit}`,
            },
          ],
        },
      };
    }
    const result = execute({
      schema: gitlabSchema(),
      document,
      variableValues: body.variables,
      rootValue: {
        queryComplexity: () => ({ score, limit }),
        project: (args: { fullPath: string }) => {
          const project = this.projects.get(args.fullPath.toLowerCase());
          return project ? this.resolveProject(project) : null;
        },
        projects: (args: { fullPaths?: string[]; first?: number }) => {
          if ((args.fullPaths?.length ?? 0) > 50)
            throw new GraphQLError(
              'You cannot provide more than 50 full_paths',
            );
          const found = (args.fullPaths ?? []).flatMap(path => {
            const project = this.projects.get(path.toLowerCase());
            return project ? [this.resolveProject(project)] : [];
          });
          return page(found, args);
        },
      },
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    return {
      status: 200,
      body: {
        data: result.data,
        ...(result.errors
          ? {
              errors: result.errors.map(e => ({
                message: e.message,
                path: e.path,
              })),
            }
          : {}),
      },
    };
  }

  private resolveProject(p: FakeProject) {
    const webUrl = this.webUrl(p);
    const newest = desc(p.commits, c => c.committedDate)[0];
    const tree = (args: { path?: string }) => {
      if (!p.defaultBranch) return null;
      const folder = (args.path ?? '').replace(/\/$/, '');
      const prefix = folder ? `${folder}/` : '';
      const blobs = new Set<string>();
      const trees = new Set<string>();
      for (const file of p.files) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        (rest.length ? trees : blobs).add(name);
      }
      if (folder && blobs.size + trees.size === 0) return null;
      const entry = (type: string) => (name: string) => ({
        id: `${prefix}${name}`,
        name,
        path: `${prefix}${name}`,
        type,
      });
      return {
        lastCommit: newest ? { id: newest.id, sha: newest.id } : null,
        blobs: (a: { first?: number }) =>
          page([...blobs].map(entry('blob')), a),
        trees: (a: { first?: number }) =>
          page([...trees].map(entry('tree')), a),
      };
    };
    const issue = (i: FakeIssue) => ({
      ...i,
      id: `gid://gitlab/Issue/${p.id * 10_000 + i.iid}`,
      iid: String(i.iid),
      webUrl: `${webUrl}/-/issues/${i.iid}`,
      labels: (a: { first?: number }) =>
        page(
          i.labels.map(title => ({ id: `gid://gitlab/Label/${title}`, title })),
          a,
        ),
      assignees: (a: { first?: number }) =>
        page(i.assignee ? [user({ username: i.assignee })] : [], a),
    });
    const mergeRequest = (mr: FakeMergeRequest) => ({
      ...mr,
      id: `gid://gitlab/MergeRequest/${p.id * 10_000 + mr.iid}`,
      iid: String(mr.iid),
      webUrl: `${webUrl}/-/merge_requests/${mr.iid}`,
      author: user(mr.author),
      notes: (a: { filter?: string; first?: number; after?: string }) =>
        page(
          [...mr.notes]
            .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
            .filter(
              n =>
                !a.filter ||
                a.filter === 'ALL_NOTES' ||
                (a.filter === 'ONLY_COMMENTS' ? !n.system : !!n.system),
            )
            .map((n, i) => ({
              id: `gid://gitlab/Note/${i}`,
              body: '',
              system: !!n.system,
              createdAt: n.createdAt,
              author: user(n.author),
            })),
          a,
        ),
    });
    return {
      id: `gid://gitlab/Project/${p.id}`,
      fullPath: p.fullPath,
      path: p.fullPath.split('/').pop(),
      name: p.fullPath.split('/').pop(),
      description: p.description,
      visibility: p.visibility,
      webUrl,
      archived: false,
      createdAt: p.createdAt,
      updatedAt: p.lastActivityAt,
      lastActivityAt: p.lastActivityAt,
      starCount: p.starCount,
      forksCount: p.forksCount,
      openIssuesCount: p.issues.filter(i => i.state === 'opened').length,
      openMergeRequestsCount: p.mergeRequests.filter(m => m.state === 'opened')
        .length,
      topics: [],
      languages: p.languages,
      repository: {
        rootRef: p.defaultBranch,
        empty: !p.defaultBranch,
        exists: true,
        tree,
        blobs: (a: { paths: string[]; first?: number }) =>
          page(
            a.paths.flatMap(path =>
              path === 'innersource.json' && p.innersourceJson !== undefined
                ? [
                    {
                      id: path,
                      name: path,
                      path,
                      rawTextBlob: p.innersourceJson,
                    },
                  ]
                : [],
            ),
            a,
          ),
      },
      mergeRequests: (a: {
        createdAfter?: string;
        state?: string;
        sort?: string;
        first?: number;
        after?: string;
      }) =>
        page(
          desc(
            p.mergeRequests.filter(
              m =>
                (!a.createdAfter || m.createdAt >= a.createdAfter) &&
                (!a.state || a.state === 'all' || m.state === a.state),
            ),
            m => (/^updated/i.test(a.sort ?? '') ? m.updatedAt : m.createdAt),
          ).map(mergeRequest),
          a,
        ),
      issues: (a: {
        labelName?: string[];
        state?: string;
        sort?: string;
        createdAfter?: string;
        first?: number;
        after?: string;
      }) => {
        // GitLab's labelName means all of the labels.
        const wanted = (a.labelName ?? []).map(l => l.toLowerCase());
        const matching = p.issues.filter(
          i =>
            (!a.state || a.state === 'all' || i.state === a.state) &&
            (!a.createdAfter || i.createdAt >= a.createdAfter) &&
            wanted.every(w => i.labels.some(l => l.toLowerCase() === w)),
        );
        return page(
          desc(matching, i =>
            /^updated/i.test(a.sort ?? '') ? i.updatedAt : i.createdAt,
          ).map(issue),
          a,
        );
      },
    };
  }
}
