import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The catalog's entity resource type (`RESOURCE_TYPE_CATALOG_ENTITY` in
 * `@backstage/plugin-catalog-common/alpha`): the permissions below are checked
 * per entity, so a policy can grant them with the catalog's rules
 * (`isEntityOwner`, `hasAnnotation`, …).
 */
const CATALOG_ENTITY = 'catalog-entity' as const;

/**
 * Lets a user ask for an immediate re-collection of one project. Checked
 * per entity: the portal's policy grants it to the entity's owners.
 *
 * @public
 */
export const innersourceProjectRefreshPermission = createPermission({
  name: 'innersource.project.refresh',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Lets a user replace a project's public badge token (old badge URLs stop
 * answering). Checked per entity: the portal's policy grants it to the
 * entity's owners.
 *
 * @public
 */
export const innersourceBadgeRotatePermission = createPermission({
  name: 'innersource.badge.rotate',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Lets a user have the portal propose readiness changes (a branch, a commit,
 * labels and a pull or merge request) to the repository an entity was
 * registered from. Checked per entity before any forge request: the
 * portal's policy grants it to the entity's owners.
 *
 * @public
 */
export const innersourceReadinessProposePermission = createPermission({
  name: 'innersource.readiness.propose',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Lets a platform engineer score the stored projects under a candidate config.
 *
 * @public
 */
export const innersourceScoringPreviewPermission = createPermission({
  name: 'innersource.scoring.preview',
  attributes: {},
});

/**
 * Every permission the InnerSource plugins declare, for the permission registry.
 *
 * @public
 */
export const innersourcePermissions = [
  innersourceProjectRefreshPermission,
  innersourceBadgeRotatePermission,
  innersourceReadinessProposePermission,
  innersourceScoringPreviewPermission,
];
