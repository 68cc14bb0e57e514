import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { resolveRepositoryLocation } from '@innersource-for-backstage/plugin-innersource-node';
import {
  GITHUB_FILE_SEGMENTS,
  GithubReadinessRepository,
  PullRequestPlan,
} from '../github/GithubReadinessRepository';
import {
  GITLAB_FILE_SEGMENTS,
  GitlabReadinessRepository,
} from '../gitlab/GitlabReadinessRepository';
import {
  resolveCodeOwner,
  resolveGitlabCodeOwner,
} from '../proposal/codeOwner';
import type { ForgeCredentials, ReadinessForge } from '../proposal/forge';
import {
  pathsToLookUp,
  RepositoryState,
} from '../proposal/proposeReadinessChanges';

const SLUG_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** What the action needs of the GitHub side. */
export type GithubForge = Pick<
  GithubReadinessRepository,
  'handles' | 'inspect' | 'publish'
>;
/** What the action needs of the GitLab side. */
export type GitlabForge = Pick<
  GitlabReadinessRepository,
  'baseUrlOf' | 'inspect' | 'publish'
>;

/** The repository as the forge showed it, and how to write the proposal there. */
export interface InspectedRepository extends RepositoryState {
  webUrl: string;
  visibility: string | null;
  defaultBranch: string;
  branchExists: boolean;
  publish(
    plan: PullRequestPlan,
  ): Promise<{ url: string; number: number } | undefined>;
}

/** One entity's repository on the forge that holds it. */
export interface ReadinessRepository {
  forge: ReadinessForge;
  /** `GitHub` or `GitLab`, as the repository rule names forges. */
  forgeName: 'GitHub' | 'GitLab';
  host: string;
  /** `owner/name`, or `group/subgroup/project` on GitLab. */
  path: string;
  /** Its web address, built from the validated host and path. */
  repositoryUrl: string;
  fileSegments: string[];
  codeOwner(
    owner: Entity | undefined,
    ownerRef: string | undefined,
  ): { handle: string } | { error: string };
  /**
   * For the web address of a file or folder in this repository
   * (`…/owner/name/blob/<branch>/<path>`, on GitLab
   * `…/group/project/-/blob/<branch>/<path>`): what follows `blob/` or
   * `tree/`, the branch and the path. Undefined for any other address.
   */
  fileOf(url: string): string | undefined;
  /** Reads the repository, with the user's token when given, else the integration's credentials; every later write uses the same. */
  inspect(
    request: {
      labels: string[];
      branch: string;
    },
    credentials?: ForgeCredentials,
  ): Promise<InspectedRepository>;
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/** The decoded segments of a web address's path on `host`; undefined for another host, a non-web scheme or an address with credentials. */
function pathSegmentsOn(url: string, host: string): string[] | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (
    !['https:', 'http:'].includes(parsed.protocol) ||
    parsed.username ||
    parsed.password ||
    lower(parsed.hostname) !== lower(host)
  ) {
    return undefined;
  }
  try {
    return parsed.pathname
      .split('/')
      .filter(Boolean)
      .map(s => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

const FILE_KINDS = ['blob', 'tree'];

/** What follows `blob/` or `tree/` when `segments` start with it; undefined otherwise. */
function afterFileKind(segments: string[]): string | undefined {
  const [kind, ...rest] = segments;
  return kind !== undefined && FILE_KINDS.includes(kind) && rest.length > 0
    ? rest.join('/')
    : undefined;
}

function githubRepository(
  github: GithubForge,
  target: { host: string; owner: string; name: string },
): ReadinessRepository {
  return {
    forge: 'github',
    forgeName: 'GitHub',
    host: target.host,
    path: `${target.owner}/${target.name}`,
    repositoryUrl: `https://${target.host}/${target.owner}/${target.name}`,
    fileSegments: GITHUB_FILE_SEGMENTS,
    codeOwner: (owner, ownerRef) =>
      resolveCodeOwner(owner, ownerRef, target.owner),
    fileOf(url) {
      const segments = pathSegmentsOn(url, target.host);
      if (
        !segments ||
        lower(segments[0] ?? '') !== lower(target.owner) ||
        lower(segments[1] ?? '') !== lower(target.name)
      ) {
        return undefined;
      }
      return afterFileKind(segments.slice(2));
    },
    async inspect(request, credentials = {}) {
      const state = await github.inspect(
        target,
        { ...request, paths: pathsToLookUp('github') },
        credentials,
      );
      return {
        ...state,
        publish: plan => github.publish(target, state, plan, credentials),
      };
    },
  };
}

function gitlabRepository(
  gitlab: GitlabForge,
  target: { host: string; path: string },
  baseUrl: string,
): ReadinessRepository {
  const namespace = target.path.slice(0, target.path.lastIndexOf('/'));
  return {
    forge: 'gitlab',
    forgeName: 'GitLab',
    host: target.host,
    path: target.path,
    repositoryUrl: `${baseUrl}/${target.path}`,
    fileSegments: GITLAB_FILE_SEGMENTS,
    codeOwner: (owner, ownerRef) =>
      resolveGitlabCodeOwner(owner, ownerRef, namespace, baseUrl),
    fileOf(url) {
      let segments = pathSegmentsOn(url, target.host);
      const baseSegments = pathSegmentsOn(baseUrl, target.host) ?? [];
      if (
        !segments ||
        !baseSegments.every((s, i) => segments![i] === s) ||
        segments.length <= baseSegments.length
      ) {
        return undefined;
      }
      segments = segments.slice(baseSegments.length);
      const dash = segments.indexOf('-');
      if (
        dash < 2 ||
        lower(segments.slice(0, dash).join('/')) !== lower(target.path)
      ) {
        return undefined;
      }
      return afterFileKind(segments.slice(dash + 1));
    },
    async inspect(request, credentials = {}) {
      const state = await gitlab.inspect(
        target,
        { ...request, paths: pathsToLookUp('gitlab') },
        credentials,
      );
      return {
        ...state,
        publish: plan => gitlab.publish(target, state, plan, credentials),
      };
    },
  };
}

/**
 * The project path a GitLab web address names: what follows the
 * integration's base path, up to GitLab's `/-/` or a trailing `.git`.
 */
export function gitlabPathOf(url: string, baseUrl: string): string | undefined {
  let pathname: string;
  let basePath: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (basePath) {
    if (!pathname.startsWith(`${basePath}/`)) return undefined;
    pathname = pathname.slice(basePath.length);
  }
  const segments = pathname.split('/-/')[0].split('/').filter(Boolean);
  if (segments.length > 0) {
    segments[segments.length - 1] = segments[segments.length - 1].replace(
      /\.git$/,
      '',
    );
  }
  return segments.length >= 2 && segments.every(s => SLUG_SEGMENT.test(s))
    ? segments.join('/')
    : undefined;
}

/**
 * The repository an entity names, on the GitHub or GitLab host of
 * `integrations` that holds it, or a clear error for anything else.
 */
export function readinessRepositoryOf(
  entity: Entity,
  forges: { github: GithubForge; gitlab?: GitlabForge },
): ReadinessRepository {
  const { github, gitlab } = forges;
  const ref = stringifyEntityRef(entity);
  const resolution = resolveRepositoryLocation(entity);
  if (resolution.error) throw new InputError(`${ref}: ${resolution.error}`);
  const location = resolution.location;
  if (!location) {
    throw new InputError(
      `${ref} names no repository: add github.com/project-slug, gitlab.com/project-slug or backstage.io/source-location`,
    );
  }
  if (location.type === 'path') {
    throw new InputError(
      `${ref} is a folder on the backend's disk (${location.path}), not a GitHub or GitLab repository`,
    );
  }

  const gitlabBase = gitlab?.baseUrlOf(location.host);
  if (location.type === 'gitlab') {
    if (!gitlab || !gitlabBase) {
      throw new InputError(
        `${ref} is on GitLab (${location.host}), which is not a host of integrations.gitlab`,
      );
    }
    return gitlabRepository(
      gitlab,
      { host: location.host, path: location.slug },
      gitlabBase,
    );
  }
  if (location.type === 'url' && gitlab && gitlabBase) {
    const path = gitlabPathOf(location.url, gitlabBase);
    if (!path) {
      throw new InputError(
        `${ref}: its source location ${location.url} does not name a GitLab project on ${location.host} (group/project)`,
      );
    }
    return gitlabRepository(gitlab, { host: location.host, path }, gitlabBase);
  }

  let owner: string | undefined;
  let name: string | undefined;
  if ('slug' in location) {
    [owner, name] = location.slug.split('/');
  } else {
    const parts = new URL(location.url).pathname.split('/').filter(Boolean);
    [owner, name] = [parts[0], parts[1]?.replace(/\.git$/, '')];
  }
  if (!github.handles(location.host)) {
    throw new InputError(
      `${ref} is on ${location.host}, which is not a host of integrations.github or integrations.gitlab`,
    );
  }
  if (
    !owner ||
    !name ||
    !SLUG_SEGMENT.test(owner) ||
    !SLUG_SEGMENT.test(name)
  ) {
    throw new InputError(
      `${ref}: its repository on ${location.host} is not named as owner/name`,
    );
  }
  return githubRepository(github, { host: location.host, owner, name });
}

/**
 * Where in the repository the catalog read the entity: what follows `blob/`
 * or `tree/` in its `backstage.io/managed-by-location` (never the origin
 * location, which every entity below a root Location shares), starting with
 * the branch. The file's authors could write to the repository, so its
 * `spec.owner` speaks for it. Throws NotAllowedError when the entity came from
 * anywhere else: another repository, a file on the backend's disk, a
 * provider's own location.
 */
export function registeredFromRepository(
  entity: Entity,
  repository: ReadinessRepository,
): string {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  const inside = location.startsWith('url:')
    ? repository.fileOf(location.slice('url:'.length))
    : undefined;
  if (inside === undefined) {
    throw new NotAllowedError(
      `${stringifyEntityRef(
        entity,
      )} was not registered from a catalog file in ${repository.host}/${
        repository.path
      } (its ${ANNOTATION_LOCATION}): readiness changes are proposed only to the repository an entity was registered from`,
    );
  }
  return inside;
}

/**
 * Whether the entity's catalog file is on the repository's default branch
 * (`inside` as `registeredFromRepository` answers it). A file on another
 * branch, a tag or a commit may come from a pull request's or a fork's
 * commits, which anyone can push.
 */
export function onDefaultBranch(inside: string, defaultBranch: string) {
  return inside === defaultBranch || inside.startsWith(`${defaultBranch}/`);
}
