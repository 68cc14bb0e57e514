import path from 'node:path';
import { type Entity, parseEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { entityRefOf } from '@innersource-for-backstage/plugin-innersource-common';
import { minimatch } from 'minimatch';

/**
 * The config key of the patterns that allow repositories whatever their visibility.
 *
 * @public
 */
export const REPOSITORY_ALLOW_KEY = 'innersource.repositories.allow';

/**
 * The config key of the folders `dir:` locations of named entities may read.
 *
 * @public
 */
export const FOLDERS_KEY = 'innersource.git.folders';

// Where the catalog read the entity. The origin location is not trusted: every
// entity below a root Location shares it, whoever wrote the file it came from.
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
const MANAGED_BY_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
const VISIBLE = new Set(['public', 'internal']);

/**
 * A repository a provider is about to collect, as its forge described it.
 *
 * @public
 */
export interface RuleRepository {
  /** The forge host: `gitlab.acme.example`, `github.com`. */
  host: string;
  /** `owner/name`, or `group/subgroup/name` on GitLab: the forge's canonical name, which renames do not change. */
  path: string;
  /**
   * `host/owner/name` as the entity named it (its slug or URL): what a
   * refusal says, so it tells nothing the entity's author did not write.
   * Default: `host/path`.
   */
  requested?: string;
  /** What the forge says of who may see it (`public`, `internal`, `private`, any case); null when it said nothing. */
  visibility: string | null | undefined;
  /** Where the forge shows the repository: `https://gitlab.com/acme/portal`. */
  webUrl: string;
  /**
   * The path segments that follow the repository in the address of one of
   * its files: `-` on GitLab (`…/acme/portal/-/blob/main/x.yaml`), `blob`,
   * `tree`, `raw` and `edit` on GitHub. GitLab needs `-` alone: there
   * `…/acme/portal/blob/…` is the address of another project.
   */
  fileSegments: string[];
}

/** @public */
export type RepositoryRuleDecision =
  | {
      allowed: true;
      /** `allowed-by-config`: named by `innersource.repositories.allow`, and the entity was registered from inside it. */
      because: 'visible' | 'allowed-by-config';
    }
  | { allowed: false; error: string };

/**
 * Reads `innersource.repositories.allow`: `host/owner/name` glob patterns
 * (`*` within a segment, `**` across GitLab subgroups). Throws naming the
 * entry that is not such a pattern.
 *
 * @public
 */
export function readRepositoryAllowList(config: Config): string[] {
  const patterns = config.getOptionalStringArray(REPOSITORY_ALLOW_KEY) ?? [];
  patterns.forEach((pattern, index) => {
    const segments = pattern.split('/');
    if (segments.length < 2 || segments.some(s => s.trim() === '')) {
      throw new Error(
        `${REPOSITORY_ALLOW_KEY}[${index}] "${pattern}" is not a host/owner/name pattern ` +
          '(for example gitlab.acme.example/platform/** or github.com/acme/*)',
      );
    }
  });
  return patterns;
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

function matchesAllowList(repository: RuleRepository, allow: string[]) {
  const name = lower(`${repository.host}/${repository.path}`);
  return allow.some(pattern =>
    minimatch(name, lower(pattern), { dot: true, nocase: true }),
  );
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function segmentsOf(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .map(s => lower(decoded(s)));
}

/** Whether a `url:` location names a file inside the repository. */
function isInsideRepository(
  location: string,
  repository: Pick<RuleRepository, 'webUrl' | 'fileSegments'>,
) {
  if (!location.startsWith('url:')) return false;
  let target: URL;
  let home: URL;
  try {
    target = new URL(location.slice('url:'.length));
    home = new URL(repository.webUrl);
  } catch {
    return false;
  }
  if (lower(target.host) !== lower(home.host)) return false;
  const repoSegments = segmentsOf(home);
  const segments = segmentsOf(target);
  if (repoSegments.length === 0) return false;
  const samePrefix = repoSegments.every((s, i) => segments[i] === s);
  const next = segments[repoSegments.length];
  return (
    samePrefix &&
    next !== undefined &&
    repository.fileSegments.map(lower).includes(next)
  );
}

/**
 * Whether the catalog read the entity from a file inside the repository (its
 * `backstage.io/managed-by-location`, never the origin location): its author
 * could write there.
 *
 * @public
 */
export function isRegisteredFromRepository(
  entity: Entity,
  repository: Pick<RuleRepository, 'webUrl' | 'fileSegments'>,
): boolean {
  return isInsideRepository(
    entity.metadata.annotations?.[MANAGED_BY_LOCATION] ?? '',
    repository,
  );
}

/**
 * What an entity is told when its repository is not collected, whether the
 * forge does not have it, the backend cannot read it or the rule refused it:
 * one text for all, so an entity cannot be used to learn which repositories
 * exist.
 *
 * @public
 */
export function unavailableRepositoryMessage(name: string): string {
  return (
    `${name} is not collected: it was not found, the backend cannot read it, or it is neither public nor internal. ` +
    `InnerSource collects a repository that is not public or internal only when ${REPOSITORY_ALLOW_KEY} names it ` +
    'and this entity was registered from a catalog file inside it.'
  );
}

/**
 * InnerSource means visible to the organisation: a repository is collected
 * when its forge calls it public or internal. Any other repository only when
 * `innersource.repositories.allow` names it (the operator admits it) and the
 * entity was registered from a catalog file inside it (it is that
 * repository's own entity), so no other entity can republish it to its
 * readers. A refusal says what `unavailableRepositoryMessage` says, as a
 * missing repository does.
 *
 * @public
 */
export function decideRepositoryCollection(
  repository: RuleRepository,
  context: { entity: Entity; allow: string[]; forge: string },
): RepositoryRuleDecision {
  const visibility = repository.visibility
    ? lower(repository.visibility)
    : undefined;
  if (visibility && VISIBLE.has(visibility)) {
    return { allowed: true, because: 'visible' };
  }
  if (
    matchesAllowList(repository, context.allow) &&
    isRegisteredFromRepository(context.entity, repository)
  ) {
    return { allowed: true, because: 'allowed-by-config' };
  }
  return {
    allowed: false,
    error: unavailableRepositoryMessage(
      repository.requested ?? `${repository.host}/${repository.path}`,
    ),
  };
}

/**
 * A folder `innersource.git.folders` lets named entities read, whichever
 * location they came from.
 *
 * @public
 */
export interface FolderGrant {
  /** An absolute folder; the grant covers what lies below it. */
  path: string;
  /** Entity refs, `kind:namespace/name`, in lower case. */
  entities: string[];
}

/** @public */
export type FolderRuleDecision =
  | { allowed: true; because: 'configured-location' | 'named-by-config' }
  | { allowed: false; error: string };

/**
 * Reads `innersource.git.folders`: `{ path, entities }` entries, paths
 * resolved against the backend's working directory as `localRoots` are.
 * Throws naming the entry that is wrong.
 *
 * @public
 */
export function readFolderGrants(config: Config): FolderGrant[] {
  return (config.getOptionalConfigArray(FOLDERS_KEY) ?? []).map(
    (entry, index) => {
      const key = `${FOLDERS_KEY}[${index}]`;
      const folder = entry.getString('path');
      const entities = entry.getStringArray('entities').map(ref => {
        try {
          return entityRefOf(parseEntityRef(ref));
        } catch {
          throw new Error(
            `${key}.entities: "${ref}" is not an entity ref (kind:namespace/name, for example component:default/billing)`,
          );
        }
      });
      if (entities.length === 0) {
        throw new Error(`${key}.entities names no entity`);
      }
      return { path: path.resolve(folder), entities };
    },
  );
}

function isInsideFolder(folder: string, root: string): boolean {
  const relative = path.relative(root, folder);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) &&
      relative !== '..' &&
      !path.isAbsolute(relative))
  );
}

/**
 * Folders on the backend's disk are the operator's: a `dir:` location is read
 * only for an entity the catalog read from a location in app-config's
 * `catalog.locations` (or from a file on disk below one), or one
 * `innersource.git.folders` names for that folder. Never for an entity
 * registered through the catalog API or by URL, whose author could otherwise
 * republish any folder under the roots to the entity's readers. Decided from
 * the entity alone, before the disk is asked anything.
 *
 * @public
 */
export function decideFolderCollection(
  folder: string,
  context: {
    entity: Entity;
    /** `readConfiguredCatalogLocations(config)`: `file:/abs/path` or `url:…`. */
    configuredLocations: string[];
    folders: FolderGrant[];
  },
): FolderRuleDecision {
  const annotations = context.entity.metadata.annotations ?? {};
  const managedBy = annotations[MANAGED_BY_LOCATION] ?? '';
  const origin = annotations[MANAGED_BY_ORIGIN_LOCATION] ?? '';
  const configured = new Set(context.configuredLocations);
  // Below a configured location only through files on disk: a url: file
  // anyone can push to may sit under a configured Location too.
  if (
    configured.has(managedBy) ||
    (managedBy.startsWith('file:') && configured.has(origin))
  ) {
    return { allowed: true, because: 'configured-location' };
  }
  const ref = entityRefOf(context.entity);
  const resolved = path.resolve(folder);
  if (
    context.folders.some(
      grant =>
        grant.entities.includes(ref) && isInsideFolder(resolved, grant.path),
    )
  ) {
    return { allowed: true, because: 'named-by-config' };
  }
  return {
    allowed: false,
    error:
      'its dir: source location is not collected: folders on the backend are read only for entities from a location ' +
      `in app-config's catalog.locations, or that ${FOLDERS_KEY} names for that folder, never for one registered ` +
      'through the catalog API or by URL.',
  };
}
