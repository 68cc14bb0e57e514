import { isPermission } from '@backstage/plugin-permission-common';
import {
  innersourceBadgeRotatePermission,
  innersourcePermissions,
  innersourceProjectRefreshPermission,
  innersourceReadinessProposePermission,
  innersourceScoringPreviewPermission,
} from './permissions';

describe('permissions', () => {
  it.each([
    [innersourceProjectRefreshPermission, 'innersource.project.refresh'],
    [innersourceBadgeRotatePermission, 'innersource.badge.rotate'],
    [innersourceReadinessProposePermission, 'innersource.readiness.propose'],
  ])(
    'declares %p per catalog entity, under the name policies grant',
    (permission, name) => {
      expect(permission.name).toBe(name);
      expect(permission.type).toBe('resource');
      expect(permission).toMatchObject({ resourceType: 'catalog-entity' });
      expect(isPermission(permission, permission)).toBe(true);
    },
  );

  it('declares the scoring preview as a basic permission', () => {
    expect(innersourceScoringPreviewPermission.name).toBe(
      'innersource.scoring.preview',
    );
    expect(innersourceScoringPreviewPermission.type).toBe('basic');
  });

  it('lists every declared permission once for the registry', () => {
    expect(innersourcePermissions.map(p => p.name).sort()).toEqual([
      'innersource.badge.rotate',
      'innersource.project.refresh',
      'innersource.readiness.propose',
      'innersource.scoring.preview',
    ]);
  });
});
