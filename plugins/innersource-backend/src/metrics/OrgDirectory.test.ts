import { OrgDirectory } from './OrgDirectory';
import { testOrg } from './__testUtils__/testOrg';

describe('OrgDirectory with several e-mails per User', () => {
  const directory = OrgDirectory.fromEntities([
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'impostor',
        annotations: { 'innersource/emails': 'dana@acme.example' },
      },
      spec: { profile: { email: 'impostor@acme.example' }, memberOf: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'dana',
        annotations: {
          'innersource/emails': 'Dana@Home.example, dana@old.example',
        },
      },
      spec: { profile: { email: 'dana@acme.example' }, memberOf: [] },
    },
  ]);

  it.each<[string, string | undefined]>([
    ['dana@acme.example', 'user:default/dana'],
    ['DANA@home.example', 'user:default/dana'],
    ['dana@old.example', 'user:default/dana'],
    ['impostor@acme.example', 'user:default/impostor'],
    ['dana@elsewhere.example', undefined],
  ])(
    "resolves %s to %p; a profile's own address beats another User's list",
    (email, expected) => {
      expect(directory.resolve({ email }, 'git')).toBe(expected);
    },
  );
});

describe('OrgDirectory.resolve', () => {
  it.each([
    [
      'an email, case-insensitively',
      { email: 'BOB@acme.example' },
      'git',
      'user:default/bob',
    ],
    ['a GitHub login', { login: 'Alice-GH' }, 'github', 'user:default/alice'],
    [
      'a GitHub login is not a GitLab login',
      { login: 'alice-gh' },
      'gitlab',
      undefined,
    ],
    [
      'the login first, then the email',
      { login: 'alice-gh', email: 'pat@acme.example' },
      'github',
      'user:default/alice',
    ],
    [
      'no one for a forge account that maps to no one, whatever e-mail its commit claims',
      { login: 'nobody', email: 'pat@acme.example' },
      'github',
      undefined,
    ],
    [
      'the email of a commit the forge links to no account',
      { email: 'pat@acme.example' },
      'github',
      'user:default/pat',
    ],
    [
      'a GitHub private commit email',
      { email: '4242+bob-gh@users.noreply.github.com' },
      'git',
      'user:default/bob',
    ],
    [
      'an unknown person stays unmapped',
      { name: 'Mallory', email: 'mallory@elsewhere.example' },
      'git',
      undefined,
    ],
    ['a name alone is never matched', { name: 'alice' }, 'git', undefined],
  ])('matches %s', (_name, identity, provider, expected) => {
    expect(testOrg.resolve(identity, provider)).toBe(expected);
  });
});

describe('OrgDirectory.isInside', () => {
  it.each([
    [
      'a direct member',
      'user:default/alice',
      'group:default/platform-team',
      true,
    ],
    [
      'a member of a child group',
      'user:default/pat',
      'group:default/platform-team',
      true,
    ],
    [
      'a member of a grandchild group',
      'user:default/pat',
      'group:default/engineering',
      true,
    ],
    [
      'a member of a sibling team',
      'user:default/bob',
      'group:default/platform-team',
      false,
    ],
    [
      'a member of the parent is not inside the child team',
      'user:default/alice',
      'group:default/portal-squad',
      false,
    ],
    [
      'a user in no team',
      'user:default/carol',
      'group:default/platform-team',
      false,
    ],
    [
      'the owner itself when it is a user',
      'user:default/carol',
      'user:default/carol',
      true,
    ],
    [
      'an owner written as a short ref',
      'user:default/alice',
      'platform-team',
      true,
    ],
    ['no owner', 'user:default/alice', undefined, false],
  ])('%s', (_name, userRef, ownerRef, expected) => {
    expect(testOrg.isInside(userRef, ownerRef)).toBe(expected);
  });
});
