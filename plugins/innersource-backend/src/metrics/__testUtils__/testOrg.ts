import type { Entity } from '@backstage/catalog-model';
import { OrgDirectory } from '../OrgDirectory';

function user(
  name: string,
  memberOf: string[],
  email?: string,
  githubLogin?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      annotations: githubLogin ? { 'github.com/user-login': githubLogin } : {},
    },
    spec: { profile: { email, displayName: name.toUpperCase() }, memberOf },
  };
}

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

/**
 * engineering ⊃ platform-team ⊃ portal-squad; payments-team beside it.
 * alice: platform-team, pat: portal-squad, bob: payments-team, carol: no team.
 */
export const testOrg = OrgDirectory.fromEntities([
  group('engineering'),
  group('platform-team', 'engineering'),
  group('portal-squad', 'platform-team'),
  group('payments-team', 'engineering'),
  user('alice', ['platform-team'], 'alice@acme.example', 'alice-gh'),
  user('pat', ['portal-squad'], 'pat@acme.example'),
  user('bob', ['payments-team'], 'Bob@Acme.example', 'bob-gh'),
  user('carol', [], 'carol@acme.example'),
]);
