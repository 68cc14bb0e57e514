import {
  BadgePublicity,
  INNERSOURCE_ANNOTATIONS,
  PUBLIC_BADGES_ANNOTATION_VALUE,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * Whether a project's badges may be served to anyone at its token URL: when
 * config makes every project's public, or the entity opts in with
 * `innersource/badges: public`.
 */
export function badgePublicity(
  annotations: Record<string, string> | undefined,
  configPublic: boolean,
): BadgePublicity {
  if (configPublic) return { allowed: true, by: 'config' };
  const value = annotations?.[INNERSOURCE_ANNOTATIONS.badges];
  if (
    typeof value === 'string' &&
    value.trim().toLocaleLowerCase('en-US') === PUBLIC_BADGES_ANNOTATION_VALUE
  ) {
    return { allowed: true, by: 'annotation' };
  }
  return { allowed: false };
}
