import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import type { RepositoryLocation } from './provider';

const GITHUB_SLUG = 'github.com/project-slug';
const GITLAB_SLUG = 'gitlab.com/project-slug';
const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

const SEGMENT = '[A-Za-z0-9_.-]+';
const GITHUB_SLUG_PATTERN = new RegExp(`^${SEGMENT}/${SEGMENT}$`);
const GITLAB_SLUG_PATTERN = new RegExp(`^${SEGMENT}(/${SEGMENT})+$`);

/** @public */
export type LocationResolution =
  | { location: RepositoryLocation; error?: undefined }
  | { location?: undefined; error: string }
  | { location?: undefined; error?: undefined };

/** `url:https://x/` → `https://x/`; `dir:./a` → `./a`. */
function splitLocationRef(
  ref: string,
): { type: string; target: string } | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0) return undefined;
  return { type: ref.slice(0, colon), target: ref.slice(colon + 1) };
}

function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? parsed.hostname.toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

function sourceLocationOf(entity: Entity): LocationResolution {
  const ref = entity.metadata.annotations?.[SOURCE_LOCATION];
  if (!ref) return {};
  const parsed = splitLocationRef(ref);
  if (!parsed) {
    return {
      error: `${SOURCE_LOCATION} "${ref}" is not of the form url:… or dir:…`,
    };
  }
  if (parsed.type === 'url') {
    const host = hostOf(parsed.target);
    if (!host) {
      return { error: `${SOURCE_LOCATION} "${ref}" is not an http(s) URL` };
    }
    return { location: { type: 'url', host, url: parsed.target } };
  }
  if (parsed.type === 'dir') {
    return resolveDir(entity, parsed.target);
  }
  return {
    error: `${SOURCE_LOCATION} "${ref}" has type "${parsed.type}"; expected url or dir`,
  };
}

/** A `dir:` target is relative to the file or URL the entity was read from. */
function resolveDir(entity: Entity, target: string): LocationResolution {
  if (path.isAbsolute(target)) {
    return { location: { type: 'path', path: path.normalize(target) } };
  }
  const managedBy = splitLocationRef(
    entity.metadata.annotations?.[MANAGED_BY_LOCATION] ?? '',
  );
  if (managedBy?.type === 'file' && path.isAbsolute(managedBy.target)) {
    return {
      location: {
        type: 'path',
        path: path.resolve(path.dirname(managedBy.target), target),
      },
    };
  }
  if (managedBy?.type === 'url') {
    const url = new URL(target, managedBy.target).toString();
    const host = hostOf(url);
    if (host) return { location: { type: 'url', host, url } };
  }
  return {
    error: `${SOURCE_LOCATION} "dir:${target}" is relative, but the entity was not read from a file or URL it could be relative to`,
  };
}

/**
 * Finds an entity's repository in the annotations adopters already have:
 * `github.com/project-slug`, `gitlab.com/project-slug`, then
 * `backstage.io/source-location`. Returns an error naming the annotation when
 * one is malformed, and nothing when the entity names no repository.
 *
 * @public
 */
export function resolveRepositoryLocation(entity: Entity): LocationResolution {
  const annotations = entity.metadata.annotations ?? {};
  const source = sourceLocationOf(entity);
  // A forge slug names the repository; a source location on another host of
  // that forge (GitHub Enterprise, self-managed GitLab) names where it lives.
  const forgeHost = (fallback: string) =>
    source.location?.type === 'url' ? source.location.host : fallback;

  const githubSlug = annotations[GITHUB_SLUG]?.trim();
  if (githubSlug !== undefined) {
    if (!GITHUB_SLUG_PATTERN.test(githubSlug)) {
      return {
        error: `${GITHUB_SLUG} "${githubSlug}" is not of the form owner/repository`,
      };
    }
    return {
      location: {
        type: 'github',
        host: forgeHost('github.com'),
        slug: githubSlug,
      },
    };
  }

  const gitlabSlug = annotations[GITLAB_SLUG]?.trim();
  if (gitlabSlug !== undefined) {
    if (!GITLAB_SLUG_PATTERN.test(gitlabSlug)) {
      return {
        error: `${GITLAB_SLUG} "${gitlabSlug}" is not of the form group/project`,
      };
    }
    return {
      location: {
        type: 'gitlab',
        host: forgeHost('gitlab.com'),
        slug: gitlabSlug,
      },
    };
  }

  return source;
}

/**
 * The locations app-config's `catalog.locations` registers, as the catalog
 * writes them into the `backstage.io/managed-by-location` of what it reads
 * there: `file:` targets resolved against the backend's working directory
 * (`file:/srv/catalog/all.yaml`), others as written (`url:https://…`).
 *
 * @public
 */
export function readConfiguredCatalogLocations(config: Config): string[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? []).map(
    location => {
      const type = location.getString('type');
      const target = location.getString('target');
      return `${type}:${type === 'file' ? path.resolve(target) : target}`;
    },
  );
}
