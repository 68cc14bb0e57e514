import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { resolveCodeOwner, resolveGitlabCodeOwner } from './codeOwner';

function group(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  };
}

function user(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

describe('resolveCodeOwner', () => {
  it.each<[string, Entity | undefined, string | undefined, object]>([
    [
      'a group with a team slug annotation',
      group('payments-team', { 'github.com/team-slug': 'acme/payments' }),
      'group:default/payments-team',
      { handle: '@acme/payments' },
    ],
    [
      'a group without one: the repository organisation’s team of its name',
      group('payments-team'),
      'group:default/payments-team',
      { handle: '@acme/payments-team' },
    ],
    [
      'a group name in capitals: GitHub slugs are lower case',
      group('Payments'),
      'group:default/payments',
      { handle: '@acme/payments' },
    ],
    [
      'a team slug that would add a CODEOWNERS line',
      group('x', { 'github.com/team-slug': 'acme/x\n* @evil/owners' }),
      'group:default/x',
      {
        error:
          'github.com/team-slug of group:default/x is "acme/x * @evil/owners", not of the form organisation/team-slug',
      },
    ],
    [
      'a team slug without organisation',
      group('x', { 'github.com/team-slug': 'payments' }),
      'group:default/x',
      {
        error:
          'github.com/team-slug of group:default/x is "payments", not of the form organisation/team-slug',
      },
    ],
    [
      'a group name GitHub cannot have as a slug',
      group('team.with.dots'),
      'group:default/team.with.dots',
      {
        error:
          'group:default/team.with.dots has no github.com/team-slug annotation and its name is not a GitHub team slug',
      },
    ],
    [
      'a user with a GitHub login',
      user('jane', { 'github.com/user-login': 'jane-doe' }),
      'user:default/jane',
      { handle: '@jane-doe' },
    ],
    [
      'a user without one',
      user('jane'),
      'user:default/jane',
      {
        error:
          'user:default/jane has no valid github.com/user-login annotation',
      },
    ],
    [
      'an owner missing from the catalog',
      undefined,
      'group:default/gone',
      { error: 'the owner group:default/gone is not in the catalog' },
    ],
    [
      'no owner at all',
      undefined,
      undefined,
      { error: 'the entity names no owner (spec.owner)' },
    ],
  ])('%s', (_case, owner, ownerRef, expected) => {
    expect(resolveCodeOwner(owner, ownerRef, 'acme')).toEqual(expected);
  });
});

describe('resolveGitlabCodeOwner', () => {
  it.each<[string, Entity | undefined, string | undefined, string, object]>([
    [
      'a group: the subgroup of its name in the project namespace',
      group('payments'),
      'group:default/payments',
      'acme/finance',
      { handle: '@acme/finance/payments' },
    ],
    [
      'a group of a project at the top of a namespace',
      group('payments-team'),
      'group:default/payments-team',
      'acme',
      { handle: '@acme/payments-team' },
    ],
    [
      'a group whose name GitLab cannot have as a path',
      group('payments--team'),
      'group:default/payments--team',
      'acme',
      {
        error:
          'group:default/payments--team is not a GitLab group path segment, so no group of acme can be named after it',
      },
    ],
    [
      'a GitHub team slug annotation is not used on GitLab',
      group('payments', { 'github.com/team-slug': 'other/team' }),
      'group:default/payments',
      'acme',
      { handle: '@acme/payments' },
    ],
    [
      'a user with a GitLab login',
      user('jane', { 'gitlab.com/user-login': 'jane.doe' }),
      'user:default/jane',
      'acme',
      { handle: '@jane.doe' },
    ],
    [
      'a user login that would add a CODEOWNERS line',
      user('jane', { 'gitlab.com/user-login': 'jane\n* @evil' }),
      'user:default/jane',
      'acme',
      {
        error:
          'user:default/jane has no valid gitlab.com/user-login annotation',
      },
    ],
    [
      'a user with only a GitHub login',
      user('jane', { 'github.com/user-login': 'jane-doe' }),
      'user:default/jane',
      'acme',
      {
        error:
          'user:default/jane has no valid gitlab.com/user-login annotation',
      },
    ],
    [
      'an owner missing from the catalog',
      undefined,
      'group:default/gone',
      'acme',
      { error: 'the owner group:default/gone is not in the catalog' },
    ],
  ])('%s', (_case, owner, ownerRef, namespace, expected) => {
    expect(resolveGitlabCodeOwner(owner, ownerRef, namespace)).toEqual(
      expected,
    );
  });
});

describe('resolveGitlabCodeOwner for owners ingested from GitLab', () => {
  const BASE = 'https://gitlab.acme.example/gitlab';
  const at = (page: string) => ({ 'backstage.io/managed-by-location': page });
  it.each<[string, Entity, object]>([
    [
      "a group by the path of its page on this GitLab, whatever its entity's name",
      group(
        'acme.platform.payments',
        at(`url:${BASE}/groups/acme/platform/payments`),
      ),
      { handle: '@acme/platform/payments' },
    ],
    [
      'a user by the path of its page',
      user('jane', at(`url:${BASE}/jane.doe`)),
      { handle: '@jane.doe' },
    ],
    [
      "a user's gitlab.com/user-login first",
      user('jane', {
        ...at(`url:${BASE}/jane.doe`),
        'gitlab.com/user-login': 'jdoe',
      }),
      { handle: '@jdoe' },
    ],
    [
      'a group from another GitLab: named in the project namespace',
      group('payments', at('url:https://gitlab.com/groups/other/payments')),
      { handle: '@acme/payments' },
    ],
    [
      'a group whose location is a catalog file, not a GitLab page',
      group('payments', at(`url:${BASE}/acme/catalog/-/blob/main/org.yaml`)),
      { handle: '@acme/payments' },
    ],
    [
      'a page path GitLab cannot have: not used',
      group('payments', at(`url:${BASE}/groups/acme/pay ments\n* @evil`)),
      { handle: '@acme/payments' },
    ],
    [
      'a user page deeper than one segment is not a user',
      user('jane', at(`url:${BASE}/acme/jane`)),
      {
        error:
          'user:default/jane has no valid gitlab.com/user-login annotation',
      },
    ],
  ])('%s', (_case, owner, expected) => {
    expect(
      resolveGitlabCodeOwner(owner, stringifyEntityRef(owner), 'acme', BASE),
    ).toEqual(expected);
  });
});
