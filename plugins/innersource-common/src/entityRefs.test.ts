import { entityRefOf, lowerRef, normalizeRef } from './entityRefs';

describe('entity refs', () => {
  it.each([
    ['component:default/My-Service', 'component:default/my-service'],
    ['Group:Platform/Team-İ', 'group:platform/team-i̇'],
  ])('lowerRef(%s) is %s', (ref, expected) => {
    expect(lowerRef(ref)).toBe(expected);
  });

  it.each([
    [
      { kind: 'Component', metadata: { name: 'My-Service' } },
      'component:default/my-service',
    ],
    [
      { kind: 'System', metadata: { name: 'Shop', namespace: 'Retail' } },
      'system:retail/shop',
    ],
  ])('entityRefOf(%j) is %s', (entity, expected) => {
    expect(entityRefOf({ apiVersion: 'v1', ...entity })).toBe(expected);
  });

  it('entityRefOf takes a compound ref', () => {
    expect(entityRefOf({ kind: 'User', name: 'Alice' })).toBe(
      'user:default/alice',
    );
  });

  it.each([
    ['my-team', 'group', undefined, 'group:default/my-team'],
    ['My-Team', 'group', 'Retail', 'group:retail/my-team'],
    ['user:Alice', 'group', 'retail', 'user:retail/alice'],
    ['group:other/Team', 'group', 'retail', 'group:other/team'],
    ['shop', 'system', 'default', 'system:default/shop'],
  ])('normalizeRef(%s, %s, %s) is %s', (ref, kind, namespace, expected) => {
    expect(normalizeRef(ref, kind, namespace)).toBe(expected);
  });

  it('normalizeRef throws on a ref it cannot read', () => {
    expect(() => normalizeRef('group:', 'group')).toThrow();
  });
});
