import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/core';
import type { ForgeCredentials } from '../proposal/forge';
import type {
  ProposedFile,
  ProposedLabel,
  RepositoryState,
} from '../proposal/proposeReadinessChanges';

/**
 * What follows `owner/name` in the address of one of a repository's files.
 *
 * @public
 */
export const GITHUB_FILE_SEGMENTS = ['blob', 'tree', 'raw', 'edit'];

/**
 * A repository on a GitHub host of `integrations.github`.
 *
 * @public
 */
export interface GithubTarget {
  host: string;
  owner: string;
  name: string;
}

/**
 * The repository as the pull request starts from it.
 *
 * @public
 */
export interface GithubRepositoryState extends RepositoryState {
  webUrl: string;
  /** `PUBLIC`, `INTERNAL` or `PRIVATE`, as GitHub says. */
  visibility: string | null;
  defaultBranch: string;
  headCommit: string;
  headTree: string;
  /** The branch the pull request would use exists already. */
  branchExists: boolean;
}

/** @public */
export interface PullRequestPlan {
  branch: string;
  title: string;
  body: string;
  commitMessage: string;
  files: ProposedFile[];
  labels: ProposedLabel[];
}

/** The state of a repository one GraphQL query answers: file presence by alias, labels by alias, the branch. */
export function readinessStateQuery(paths: number, labels: number): string {
  const variables = [
    '$owner: String!',
    '$name: String!',
    '$branch: String!',
    ...Array.from({ length: paths }, (_, i) => `$p${i}: String!`),
    ...Array.from({ length: labels }, (_, i) => `$l${i}: String!`),
  ];
  const fields = [
    'url',
    'visibility',
    'defaultBranchRef { name target { oid ... on Commit { tree { oid } } } }',
    'branch: ref(qualifiedName: $branch) { id }',
    ...Array.from(
      { length: paths },
      (_, i) => `p${i}: object(expression: $p${i}) { id }`,
    ),
    ...Array.from(
      { length: labels },
      (_, i) => `l${i}: label(name: $l${i}) { name }`,
    ),
  ];
  return `query ReadinessState(${variables.join(', ')}) {
  repository(owner: $owner, name: $name) {
    ${fields.join('\n    ')}
  }
}`;
}

interface StateAnswer {
  repository: {
    url: string;
    visibility?: string | null;
    defaultBranchRef: {
      name: string;
      target: { oid: string; tree?: { oid: string } };
    } | null;
    branch: { id: string } | null;
    [alias: string]: unknown;
  } | null;
}

function describeGithubError(
  error: unknown,
  target: GithubTarget,
  credentials: ForgeCredentials = {},
): string {
  const status = (error as { status?: number }).status;
  const slug = `${target.owner}/${target.name}`;
  if (status === 401)
    return credentials.userToken
      ? `GitHub on ${target.host} refused your token (401): sign in to GitHub again and rerun the template`
      : `the GitHub token for ${target.host} was refused (401); check integrations.github`;
  if (status === 403 || status === 404)
    return credentials.userToken
      ? `GitHub on ${target.host} refused access to ${slug} with your token (${status}): you need write access to the repository`
      : `GitHub on ${target.host} refused access to ${slug} (${status}): the token needs contents, pull requests and issues write access`;
  const errors = (error as { errors?: Array<{ type?: string }> }).errors;
  if (errors?.some(e => e.type === 'NOT_FOUND'))
    return `${slug} was not found on ${target.host}, or its token may not read it`;
  return `GitHub on ${target.host} failed for ${slug}: ${
    (error as Error).message
  }`;
}

/**
 * Reads what a repository holds (one GraphQL query) and opens the readiness
 * pull request with the REST API: labels, then a tree, a commit and a branch
 * from the default branch's head, then the pull request. Credentials come
 * from `integrations.github`, as for every other GitHub module, unless the
 * user's own token is given.
 *
 * @public
 */
export class GithubReadinessRepository {
  static fromConfig(config: Config): GithubReadinessRepository {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubReadinessRepository({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
  }

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GithubCredentialsProvider;
    },
  ) {}

  /** Whether `host` is one of `integrations.github`. */
  handles(host: string): boolean {
    return this.options.integrations.github.byHost(host) !== undefined;
  }

  async inspect(
    target: GithubTarget,
    request: { paths: string[]; labels: string[]; branch: string },
    credentials: ForgeCredentials = {},
  ): Promise<GithubRepositoryState> {
    const client = await this.clientFor(target, credentials);
    const variables: Record<string, string> = {
      owner: target.owner,
      name: target.name,
      branch: `refs/heads/${request.branch}`,
    };
    request.paths.forEach((path, i) => {
      variables[`p${i}`] = `HEAD:${path}`;
    });
    request.labels.forEach((label, i) => {
      variables[`l${i}`] = label;
    });
    let answer: StateAnswer;
    try {
      answer = await client.graphql<StateAnswer>(
        readinessStateQuery(request.paths.length, request.labels.length),
        variables,
      );
    } catch (error) {
      throw new InputError(describeGithubError(error, target, credentials));
    }
    const repository = answer.repository;
    if (!repository) {
      throw new InputError(
        `${target.owner}/${target.name} was not found on ${target.host}, or its token may not read it`,
      );
    }
    const head = repository.defaultBranchRef;
    if (!head?.target.tree) {
      throw new InputError(
        `${target.owner}/${target.name} has no commit on a default branch yet: push one before proposing files`,
      );
    }
    return {
      webUrl: repository.url,
      visibility: repository.visibility ?? null,
      defaultBranch: head.name,
      headCommit: head.target.oid,
      headTree: head.target.tree.oid,
      branchExists: repository.branch !== null,
      presentPaths: request.paths.filter((_, i) => repository[`p${i}`]),
      presentLabels: request.labels.filter((_, i) => repository[`l${i}`]),
    };
  }

  /**
   * Opens the pull request: its labels, then the branch and the pull request.
   * Labels are created only with a pull request: without files, nothing is
   * written.
   */
  async publish(
    target: GithubTarget,
    state: GithubRepositoryState,
    plan: PullRequestPlan,
    credentials: ForgeCredentials = {},
  ): Promise<{ url: string; number: number } | undefined> {
    if (plan.files.length === 0) return undefined;
    const client = await this.clientFor(target, credentials);
    const repo = { owner: target.owner, repo: target.name };
    try {
      for (const label of plan.labels) {
        try {
          await client.request('POST /repos/{owner}/{repo}/labels', {
            ...repo,
            ...label,
          });
        } catch (error) {
          // 422: made in the meantime; the label is there, which is the point.
          if ((error as { status?: number }).status !== 422) throw error;
        }
      }

      const tree = await client.request(
        'POST /repos/{owner}/{repo}/git/trees',
        {
          ...repo,
          base_tree: state.headTree,
          tree: plan.files.map(file => ({
            path: file.path,
            mode: '100644' as const,
            type: 'blob' as const,
            content: file.content,
          })),
        },
      );
      const commit = await client.request(
        'POST /repos/{owner}/{repo}/git/commits',
        {
          ...repo,
          message: plan.commitMessage,
          tree: tree.data.sha,
          parents: [state.headCommit],
        },
      );
      await client.request('POST /repos/{owner}/{repo}/git/refs', {
        ...repo,
        ref: `refs/heads/${plan.branch}`,
        sha: commit.data.sha,
      });
      const pull = await client.request('POST /repos/{owner}/{repo}/pulls', {
        ...repo,
        title: plan.title,
        head: plan.branch,
        base: state.defaultBranch,
        body: plan.body,
      });
      return { url: pull.data.html_url, number: pull.data.number };
    } catch (error) {
      throw new InputError(describeGithubError(error, target, credentials));
    }
  }

  private async clientFor(
    target: GithubTarget,
    credentials: ForgeCredentials,
  ): Promise<Octokit> {
    const integration = this.options.integrations.github.byHost(target.host);
    if (!integration) {
      throw new InputError(
        `${target.host} is not in integrations.github: add it to open pull requests there`,
      );
    }
    if (credentials.userToken) {
      return new Octokit({
        auth: credentials.userToken,
        baseUrl: integration.config.apiBaseUrl,
      });
    }
    const { token } = await this.options.credentials.getCredentials({
      url: `https://${target.host}/${target.owner}/${target.name}`,
    });
    if (!token) {
      throw new InputError(
        `no GitHub token for ${target.host}: add a token or a GitHub App to integrations.github`,
      );
    }
    return new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl });
  }
}
