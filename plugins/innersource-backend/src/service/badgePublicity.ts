import type { Entity } from '@backstage/catalog-model';
import {
  BadgePublicity,
  INNERSOURCE_ANNOTATIONS,
  matchesSelector,
  PUBLIC_BADGES_ANNOTATION_VALUE,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { BadgeSettings } from './badgeSettings';

/**
 * Whether a project's badges may be served to anyone at its token URL: when
 * config makes every project's public, or the entity opts in with
 * `innersource/badges: public`; never for an entity that
 * `innersource.badges.neverPublic` matches (the portal's restricted ones),
 * whatever config or the annotation says.
 */
export function badgePublicity(
  entity: Pick<Entity, 'metadata'> & Partial<Pick<Entity, 'kind' | 'spec'>>,
  settings: Pick<BadgeSettings, 'public' | 'neverPublic'>,
): BadgePublicity {
  if (
    settings.neverPublic &&
    matchesSelector(entity as Entity, settings.neverPublic)
  ) {
    return { allowed: false };
  }
  if (settings.public) return { allowed: true, by: 'config' };
  const value = entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.badges];
  if (
    typeof value === 'string' &&
    value.trim().toLocaleLowerCase('en-US') === PUBLIC_BADGES_ANNOTATION_VALUE
  ) {
    return { allowed: true, by: 'annotation' };
  }
  return { allowed: false };
}
