import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets a user ask for an immediate re-collection of one project.
 *
 * @public
 */
export const innersourceProjectRefreshPermission = createPermission({
  name: 'innersource.project.refresh',
  attributes: { action: 'update' },
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
  innersourceScoringPreviewPermission,
];
