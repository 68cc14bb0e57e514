import { isPermission } from '@backstage/plugin-permission-common';
import {
  innersourcePermissions,
  innersourceProjectRefreshPermission,
  innersourceScoringPreviewPermission,
} from './permissions';

describe('permissions', () => {
  it.each([
    [innersourceProjectRefreshPermission, 'innersource.project.refresh'],
    [innersourceScoringPreviewPermission, 'innersource.scoring.preview'],
  ])('declares %p under the name policies grant', (permission, name) => {
    expect(permission.name).toBe(name);
    expect(permission.type).toBe('basic');
    expect(isPermission(permission, permission)).toBe(true);
  });

  it('lists every declared permission once for the registry', () => {
    expect(innersourcePermissions.map(p => p.name).sort()).toEqual([
      'innersource.project.refresh',
      'innersource.scoring.preview',
    ]);
  });
});
