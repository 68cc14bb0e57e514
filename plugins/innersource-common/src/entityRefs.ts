import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity ref as the InnerSource plugins keep and compare it: entity refs
 * compare case-insensitively, so every stored or compared ref is lower-case
 * (`en-US` rules, whatever the server's locale).
 *
 * @public
 */
export function lowerRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * The lower-case ref of an entity (`component:default/my-service`).
 *
 * @public
 */
export function entityRefOf(
  entity: Entity | { kind: string; namespace?: string; name: string },
): string {
  return lowerRef(stringifyEntityRef(entity));
}

/**
 * A ref as an entity writes it (`my-team`, `group:my-team`,
 * `group:default/my-team`) in its full lower-case form, with the kind and
 * namespace it leaves out filled in. Throws on a ref that cannot be parsed.
 *
 * @public
 */
export function normalizeRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  return entityRefOf(parseEntityRef(ref, { defaultKind, defaultNamespace }));
}
