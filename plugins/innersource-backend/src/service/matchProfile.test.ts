import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadMatchProfile } from './matchProfile';

const group = (name: string, skills?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    ...(skills ? { annotations: { 'innersource/skills': skills } } : {}),
  },
  spec: { type: 'team', children: [] },
});
const user = (name: string, skills?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    ...(skills ? { annotations: { 'innersource/skills': skills } } : {}),
  },
  spec: { memberOf: [] },
});

const catalog = catalogServiceMock({
  entities: [
    group('platform-team', 'Go, Kubernetes'),
    group('docs-guild', 'kubernetes, Markdown'),
    group('quiet-team'),
    user('skilled', 'TypeScript, react'),
    user('teamed'),
    user('alone'),
  ],
});

function services(teams: Record<string, string[]>) {
  return {
    catalog,
    userInfo: {
      async getUserInfo(credentials: any) {
        const ref: string = credentials.principal.userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(teams[ref] ?? [])],
        };
      },
    },
  };
}

describe('loadMatchProfile', () => {
  it.each([
    {
      who: 'a user with skills of their own ranks by those',
      ref: 'user:default/skilled',
      teams: ['group:default/platform-team'],
      expected: {
        skills: ['typescript', 'react'],
        skillsFrom: 'user',
        hiddenOwners: ['user:default/skilled', 'group:default/platform-team'],
      },
    },
    {
      who: 'a user without skills ranks by their teams’, each skill once whatever its case (Kubernetes, kubernetes)',
      ref: 'user:default/teamed',
      teams: ['group:default/platform-team', 'group:default/docs-guild'],
      expected: {
        skills: ['go', 'kubernetes', 'markdown'],
        skillsFrom: 'teams',
        hiddenOwners: [
          'user:default/teamed',
          'group:default/platform-team',
          'group:default/docs-guild',
        ],
      },
    },
    {
      who: 'a user whose teams have no skills either has none',
      ref: 'user:default/alone',
      teams: ['group:default/quiet-team'],
      expected: {
        skills: [],
        skillsFrom: 'none',
        hiddenOwners: ['user:default/alone', 'group:default/quiet-team'],
      },
    },
  ])('$who', async ({ ref, teams, expected }) => {
    expect(
      await loadMatchProfile(
        services({ [ref]: teams }),
        mockCredentials.user(ref),
      ),
    ).toEqual(expected);
  });
});
