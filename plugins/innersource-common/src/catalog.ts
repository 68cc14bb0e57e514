import type { Entity } from '@backstage/catalog-model';

export { entityRefOf, lowerRef, normalizeRef } from './entityRefs';

/**
 * Annotations the InnerSource plugins read from catalog entities.
 *
 * @public
 */
export const INNERSOURCE_ANNOTATIONS = {
  enabled: 'innersource/enabled',
  skills: 'innersource/skills',
  helpWantedLabels: 'innersource/help-wanted-labels',
  trustedCommitters: 'innersource/trusted-committers',
  badges: 'innersource/badges',
  scoringProfile: 'innersource/scoring-profile',
  /** On a User: more e-mail addresses they commit from, a comma list, beside `spec.profile.email`. */
  emails: 'innersource/emails',
} as const;

/**
 * Which entities are InnerSource projects, in the shape of a catalog filter:
 * each key is a dotted path into the entity, each value one accepted value or
 * a list of them (any of). Keys are and-ed. Matching is case-insensitive, and
 * a list in the entity (tags) matches when any of its items does.
 *
 * @public
 */
export type EntitySelector = Record<string, string | string[]>;

/** @public */
export const DEFAULT_SELECTOR: EntitySelector = {
  kind: ['Component', 'System', 'Resource'],
  'metadata.tags': 'innersource',
};

function valuesAt(entity: Entity, path: string): string[] {
  let current: unknown = entity;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return [];
    current = (current as Record<string, unknown>)[key];
  }
  if (Array.isArray(current)) {
    return current.filter(v => typeof v === 'string') as string[];
  }
  return typeof current === 'string' ? [current] : [];
}

function valuesAtPath(entity: Entity, path: string): string[] {
  // `metadata.annotations.innersource/enabled` style keys: the part after the
  // map name is one key even when it contains dots (`backstage.io/x`).
  const mapMatch = /^(metadata\.(?:annotations|labels))\.(.+)$/.exec(path);
  if (mapMatch) {
    const map =
      mapMatch[1] === 'metadata.annotations'
        ? entity.metadata.annotations
        : entity.metadata.labels;
    const value = map?.[mapMatch[2]];
    return typeof value === 'string' ? [value] : [];
  }
  return valuesAt(entity, path);
}

/** @public */
export function matchesSelector(
  entity: Entity,
  selector: EntitySelector,
): boolean {
  return Object.entries(selector).every(([path, expected]) => {
    const accepted = (Array.isArray(expected) ? expected : [expected]).map(v =>
      v.toLocaleLowerCase('en-US'),
    );
    return valuesAtPath(entity, path).some(actual =>
      accepted.includes(actual.toLocaleLowerCase('en-US')),
    );
  });
}

/**
 * An entity is an InnerSource project when it matches the selector, or opts in
 * with `innersource/enabled: "true"`; `"false"` opts out whatever it matches.
 *
 * @public
 */
export function isInnerSourceProject(
  entity: Entity,
  selector: EntitySelector = DEFAULT_SELECTOR,
): boolean {
  const optIn = entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.enabled];
  if (optIn === 'false') return false;
  if (optIn === 'true') return true;
  return matchesSelector(entity, selector);
}

/**
 * Splits a comma list annotation (`innersource/skills`) into trimmed, lower-case items.
 *
 * @public
 */
export function parseListAnnotation(value: string | undefined): string[] {
  if (!value) return [];
  const items = value
    .split(',')
    .map(item => item.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
  return [...new Set(items)];
}

/**
 * The most help-wanted labels an entity may add with
 * `innersource/help-wanted-labels`: each one costs every refresh a search on
 * the shared forge budget.
 *
 * @public
 */
export const MAX_HELP_WANTED_LABELS = 10;

/**
 * The labels an entity's `innersource/help-wanted-labels` adds to the
 * configured ones: its first {@link MAX_HELP_WANTED_LABELS} distinct labels,
 * and those it listed beyond them (ignored, for a message).
 *
 * @public
 */
export function parseHelpWantedLabels(entity: Entity): {
  labels: string[];
  ignored: string[];
} {
  const all = parseListAnnotation(
    entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.helpWantedLabels],
  );
  return {
    labels: all.slice(0, MAX_HELP_WANTED_LABELS),
    ignored: all.slice(MAX_HELP_WANTED_LABELS),
  };
}
