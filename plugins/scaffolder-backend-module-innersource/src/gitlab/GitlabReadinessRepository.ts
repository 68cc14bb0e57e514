import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGitlabCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import type { PullRequestPlan } from '../github/GithubReadinessRepository';
import type { ForgeCredentials } from '../proposal/forge';
import type { RepositoryState } from '../proposal/proposeReadinessChanges';

/**
 * What follows the project path in the address of one of a GitLab
 * project's files (`…/group/project/-/blob/main/x.yaml`).
 *
 * @public
 */
export const GITLAB_FILE_SEGMENTS = ['-'];

/**
 * A project on a GitLab host of `integrations.gitlab`.
 *
 * @public
 */
export interface GitlabTarget {
  host: string;
  /** `group/subgroup/project`. */
  path: string;
}

/**
 * The project as the merge request starts from it.
 *
 * @public
 */
export interface GitlabRepositoryState extends RepositoryState {
  webUrl: string;
  /** `public`, `internal` or `private`, as GitLab says. */
  visibility: string | null;
  defaultBranch: string;
  /** The branch the merge request would use exists already. */
  branchExists: boolean;
}

/** How many tree entries one request lists; a folder with more is read page by page. */
const TREE_PAGE = 100;
/** Enough pages for any root folder a person keeps. */
const MAX_TREE_PAGES = 20;

/** A GitLab answer other than the one asked for. */
class GitlabResponseError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function describeGitlabError(
  error: unknown,
  target: GitlabTarget,
  credentials: ForgeCredentials = {},
): string {
  const status = (error as { status?: number }).status;
  const user = Boolean(credentials.userToken);
  if (status === 401)
    return user
      ? `GitLab on ${target.host} refused your token (401): sign in to GitLab again and rerun the template`
      : `the GitLab token for ${target.host} was refused (401); check integrations.gitlab`;
  if (status === 403)
    return user
      ? `GitLab on ${target.host} refused access to ${target.path} with your token (403): you need the Developer role in the project`
      : `GitLab on ${target.host} refused access to ${target.path} (403): the token needs the api scope and the Developer role in the project`;
  if (status === 404)
    return user
      ? `${target.path} was not found on ${target.host}, or you may not read it (404)`
      : `${target.path} was not found on ${target.host}, or its GitLab token may not read it (404)`;
  return `GitLab on ${target.host} failed for ${target.path}: ${
    (error as Error).message
  }`;
}

/** The folder of a path from the repository root (`''` for the root) and its name. */
function splitPath(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? ['', path] : [path.slice(0, slash), path.slice(slash + 1)];
}

/** Reads an answer that is not needed to the end, so its connection is free again. */
async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}

interface GitlabProject {
  web_url: string;
  visibility?: string;
  default_branch?: string | null;
  empty_repo?: boolean;
}

/**
 * Reads what a GitLab project holds and opens the readiness merge request
 * with GitLab's REST API (v4): labels, then one commit that creates the
 * branch from the default branch with every file, then the merge request.
 * Credentials come from `integrations.gitlab`, as for every other GitLab
 * module (the token needs the `api` scope), unless the user's own token is
 * given.
 *
 * @public
 */
export class GitlabReadinessRepository {
  static fromConfig(config: Config): GitlabReadinessRepository {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GitlabReadinessRepository({
      integrations,
      credentials:
        DefaultGitlabCredentialsProvider.fromIntegrations(integrations),
    });
  }

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GitlabCredentialsProvider;
    },
  ) {}

  /** Whether `host` is one of `integrations.gitlab`. */
  handles(host: string): boolean {
    return this.options.integrations.gitlab.byHost(host) !== undefined;
  }

  /** The web address GitLab on `host` is served from (`https://gitlab.acme.example/gitlab`), if it is one of `integrations.gitlab`. */
  baseUrlOf(host: string): string | undefined {
    return this.options.integrations.gitlab
      .byHost(host)
      ?.config.baseUrl.replace(/\/+$/, '');
  }

  async inspect(
    target: GitlabTarget,
    request: { paths: string[]; labels: string[]; branch: string },
    credentials: ForgeCredentials = {},
  ): Promise<GitlabRepositoryState> {
    const api = await this.clientFor(target, credentials);
    try {
      const project = await api.json<GitlabProject>('GET', '');
      if (!project.default_branch || project.empty_repo) {
        throw new InputError(
          `${target.path} on ${target.host} has no commit on a default branch yet: push one before proposing files`,
        );
      }
      const ref = project.default_branch;

      // One listing per folder the paths are in (the root, docs/, .gitlab/).
      const folders = new Map<string, Set<string>>();
      for (const path of request.paths) {
        const [folder] = splitPath(path);
        if (!folders.has(folder)) {
          folders.set(folder, await api.folderEntries(folder, ref));
        }
      }
      const presentPaths = request.paths.filter(path => {
        const [folder, name] = splitPath(path);
        return folders.get(folder)?.has(name.toLocaleLowerCase('en-US'));
      });

      const presentLabels: string[] = [];
      for (const label of request.labels) {
        const found = await api.json<Array<{ name: string }>>(
          'GET',
          `/labels?${new URLSearchParams({
            search: label,
            include_ancestor_groups: 'true',
            per_page: '100',
          })}`,
        );
        const wanted = label.toLocaleLowerCase('en-US');
        if (found.some(l => l.name.toLocaleLowerCase('en-US') === wanted)) {
          presentLabels.push(label);
        }
      }

      const branchExists = await api.exists(
        `/repository/branches/${encodeURIComponent(request.branch)}`,
      );
      return {
        webUrl: project.web_url,
        visibility: project.visibility ?? null,
        defaultBranch: ref,
        branchExists,
        presentPaths,
        presentLabels,
      };
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(describeGitlabError(error, target, credentials));
    }
  }

  /**
   * Opens the merge request: its labels, then the branch (one commit) and the
   * merge request. Labels are created only with a merge request: without
   * files, nothing is written.
   */
  async publish(
    target: GitlabTarget,
    state: GitlabRepositoryState,
    plan: PullRequestPlan,
    credentials: ForgeCredentials = {},
  ): Promise<{ url: string; number: number } | undefined> {
    if (plan.files.length === 0) return undefined;
    const api = await this.clientFor(target, credentials);
    try {
      for (const label of plan.labels) {
        try {
          await api.json('POST', '/labels', {
            name: label.name,
            color: `#${label.color}`,
            description: label.description,
          });
        } catch (error) {
          // 409: made in the meantime; the label is there, which is the point.
          if ((error as { status?: number }).status !== 409) throw error;
        }
      }

      await api.json('POST', '/repository/commits', {
        branch: plan.branch,
        start_branch: state.defaultBranch,
        commit_message: plan.commitMessage,
        actions: plan.files.map(file => ({
          action: 'create',
          file_path: file.path,
          content: file.content,
        })),
      });
      const merge = await api.json<{ iid: number; web_url: string }>(
        'POST',
        '/merge_requests',
        {
          source_branch: plan.branch,
          target_branch: state.defaultBranch,
          title: plan.title,
          description: plan.body,
          remove_source_branch: true,
        },
      );
      return { url: merge.web_url, number: merge.iid };
    } catch (error) {
      throw new InputError(describeGitlabError(error, target, credentials));
    }
  }

  private async clientFor(target: GitlabTarget, credentials: ForgeCredentials) {
    const integration = this.options.integrations.gitlab.byHost(target.host);
    if (!integration) {
      throw new InputError(
        `${target.host} is not in integrations.gitlab: add it to open merge requests there`,
      );
    }
    // The user's own token (OAuth or personal access token), or the integration's.
    const { headers, token } = credentials.userToken
      ? { headers: undefined, token: credentials.userToken }
      : await this.options.credentials.getCredentials({
          url: `${integration.config.baseUrl.replace(/\/+$/, '')}/${
            target.path
          }`,
        });
    if (!token && !headers) {
      throw new InputError(
        `no GitLab token for ${target.host}: add a token to integrations.gitlab`,
      );
    }
    const authorization = headers ?? { Authorization: `Bearer ${token}` };
    const projectUrl = `${integration.config.apiBaseUrl.replace(
      /\/+$/,
      '',
    )}/projects/${encodeURIComponent(target.path)}`;

    const send = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${projectUrl}${path}`, {
        method,
        headers: {
          ...authorization,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response;
    };
    const failure = async (response: Response) => {
      let message = response.statusText || `HTTP ${response.status}`;
      try {
        const answer = (await response.json()) as {
          message?: unknown;
          error?: unknown;
        };
        const detail = answer.message ?? answer.error;
        if (detail !== undefined) {
          message =
            typeof detail === 'string' ? detail : JSON.stringify(detail);
        }
      } catch {
        // not JSON: the status text says enough
      }
      return new GitlabResponseError(
        response.status,
        `${response.status} ${message}`,
      );
    };

    return {
      async json<T = unknown>(
        method: string,
        path: string,
        body?: unknown,
      ): Promise<T> {
        const response = await send(method, path, body);
        if (!response.ok) throw await failure(response);
        return (await response.json()) as T;
      },
      /** Whether a GET finds the resource: 404 is no, anything else but success fails. */
      async exists(path: string): Promise<boolean> {
        const response = await send('GET', path);
        if (response.status === 404) {
          await discard(response);
          return false;
        }
        if (!response.ok) throw await failure(response);
        await discard(response);
        return true;
      },
      /** The lower-cased names in a folder of `ref`; none when the folder is not there. */
      async folderEntries(folder: string, ref: string): Promise<Set<string>> {
        const names = new Set<string>();
        for (let page = 1; page <= MAX_TREE_PAGES; page++) {
          const query = new URLSearchParams({
            ref,
            per_page: String(TREE_PAGE),
            page: String(page),
            ...(folder ? { path: folder } : {}),
          });
          const response = await send('GET', `/repository/tree?${query}`);
          // GitLab answers 404 for a folder the branch does not have.
          if (response.status === 404 && folder) {
            await discard(response);
            return names;
          }
          if (!response.ok) throw await failure(response);
          const entries = (await response.json()) as Array<{ name: string }>;
          for (const entry of entries) {
            names.add(entry.name.toLocaleLowerCase('en-US'));
          }
          const next = response.headers.get('x-next-page');
          if (!next || entries.length < TREE_PAGE) break;
        }
        return names;
      },
    };
  }
}
