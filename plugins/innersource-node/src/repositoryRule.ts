import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { minimatch } from 'minimatch';

/**
 * The config key of the patterns that allow repositories whatever their visibility.
 *
 * @public
 */
export const REPOSITORY_ALLOW_KEY = 'innersource.repositories.allow';

const MANAGED_BY_LOCATIONS = [
  'backstage.io/managed-by-location',
  'backstage.io/managed-by-origin-location',
];
const VISIBLE = new Set(['public', 'internal']);

/**
 * A repository a provider is about to collect, as its forge described it.
 *
 * @public
 */
export interface RuleRepository {
  /** The forge host: `gitlab.acme.example`, `github.com`. */
  host: string;
  /** `owner/name`, or `group/subgroup/name` on GitLab. */
  path: string;
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
      because: 'visible' | 'allowed-by-config' | 'registered-from-repository';
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
function isInsideRepository(location: string, repository: RuleRepository) {
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
 * InnerSource means visible to the organisation: a repository is collected
 * only when its forge calls it public or internal, when
 * `innersource.repositories.allow` names it, or when the entity was
 * registered from a catalog file inside it (its author could write there).
 * Anything else is refused with a reason that names the setting allowing it,
 * since the backend's credentials can read more than the entity's author.
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
  if (matchesAllowList(repository, context.allow)) {
    return { allowed: true, because: 'allowed-by-config' };
  }
  const annotations = context.entity.metadata.annotations ?? {};
  if (
    MANAGED_BY_LOCATIONS.some(key =>
      isInsideRepository(annotations[key] ?? '', repository),
    )
  ) {
    return { allowed: true, because: 'registered-from-repository' };
  }
  const name = `${repository.host}/${repository.path}`;
  const described = visibility
    ? `is ${visibility} on ${context.forge}`
    : `has no visibility ${context.forge} reports as public or internal`;
  return {
    allowed: false,
    error:
      `${name} ${described}, and InnerSource collects only public and internal repositories, ` +
      `so nothing of it is collected. To collect it anyway, add a pattern such as "${name}" ` +
      `to ${REPOSITORY_ALLOW_KEY}, or register this entity from a catalog file inside that repository.`,
  };
}
