import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  decideRepositoryCollection,
  readRepositoryAllowList,
  RuleRepository,
} from './repositoryRule';

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
    spec: {},
  };
}

const gitlabProject = (
  visibility: string | null,
  path = 'acme/platform/portal',
): RuleRepository => ({
  host: 'gitlab.acme.example',
  path,
  visibility,
  webUrl: `https://gitlab.acme.example/${path}`,
  fileSegments: ['-'],
});

const githubRepository = (visibility: string | null): RuleRepository => ({
  host: 'github.com',
  path: 'acme/secret',
  visibility,
  webUrl: 'https://github.com/acme/secret',
  fileSegments: ['blob', 'tree', 'raw', 'edit'],
});

describe('decideRepositoryCollection', () => {
  it.each([
    ['a public project', gitlabProject('public'), [], {}, 'visible'],
    ['an internal project', gitlabProject('internal'), [], {}, 'visible'],
    [
      'visibility in any case (GitHub says INTERNAL)',
      githubRepository('INTERNAL'),
      [],
      {},
      'visible',
    ],
    [
      'a private project named by an allow pattern',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/platform/portal'],
      {},
      'allowed-by-config',
    ],
    [
      'a private project under a ** pattern across subgroups',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      {},
      'allowed-by-config',
    ],
    [
      'an allow pattern in another case',
      githubRepository('private'),
      ['GitHub.com/ACME/*'],
      {},
      'allowed-by-config',
    ],
    [
      'a private project whose catalog file is inside it',
      gitlabProject('private'),
      [],
      {
        'backstage.io/managed-by-location':
          'url:https://gitlab.acme.example/acme/platform/portal/-/blob/main/catalog-info.yaml',
      },
      'registered-from-repository',
    ],
    [
      'a private repository registered from its origin location inside it',
      githubRepository('private'),
      [],
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/catalog/blob/main/all.yaml',
        'backstage.io/managed-by-origin-location':
          'url:https://github.com/acme/secret/tree/main/catalog-info.yaml',
      },
      'registered-from-repository',
    ],
  ])('collects %s', (_name, repository, allow, annotations, because) => {
    expect(
      decideRepositoryCollection(repository, {
        entity: entity(annotations),
        allow,
        forge: 'GitLab',
      }),
    ).toEqual({ allowed: true, because });
  });

  it.each([
    ['with no pattern or location', gitlabProject('private'), [], {}],
    [
      'when the pattern names a sibling only',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/*'],
      {},
    ],
    [
      'when the pattern names another host',
      gitlabProject('private'),
      ['gitlab.com/acme/**'],
      {},
    ],
    [
      'registered from a file on disk',
      gitlabProject('private'),
      [],
      { 'backstage.io/managed-by-location': 'file:/srv/catalog/x.yaml' },
    ],
    [
      'registered from another project of the same group',
      gitlabProject('private', 'acme/platform'),
      [],
      {
        // the project acme/platform/portal, not a file of acme/platform
        'backstage.io/managed-by-location':
          'url:https://gitlab.acme.example/acme/platform/portal/-/blob/main/catalog-info.yaml',
      },
    ],
    [
      'registered from a GitLab project named like a file view',
      gitlabProject('private', 'acme/platform'),
      [],
      {
        // on GitLab that is the project acme/platform/blob
        'backstage.io/managed-by-location':
          'url:https://gitlab.acme.example/acme/platform/blob/main/catalog-info.yaml',
      },
    ],
    [
      'registered from the same path on another host',
      gitlabProject('private'),
      [],
      {
        'backstage.io/managed-by-location':
          'url:https://gitlab.evil.example/acme/platform/portal/-/blob/main/catalog-info.yaml',
      },
    ],
  ])(
    'refuses a private project %s',
    (_name, repository, allow, annotations) => {
      expect(
        decideRepositoryCollection(repository, {
          entity: entity(annotations),
          allow,
          forge: 'GitLab',
        }),
      ).toEqual({
        allowed: false,
        error:
          `gitlab.acme.example/${repository.path} is private on GitLab, and InnerSource collects only public and internal repositories, ` +
          `so nothing of it is collected. To collect it anyway, add a pattern such as "gitlab.acme.example/${repository.path}" ` +
          'to innersource.repositories.allow, or register this entity from a catalog file inside that repository.',
      });
    },
  );

  it('refuses a repository whose visibility the forge did not report', () => {
    const decision = decideRepositoryCollection(githubRepository(null), {
      entity: entity(),
      allow: [],
      forge: 'GitHub',
    });
    expect(decision).toMatchObject({
      allowed: false,
      error: expect.stringMatching(
        /^github\.com\/acme\/secret has no visibility GitHub reports as public or internal,/,
      ),
    });
  });
});

describe('readRepositoryAllowList', () => {
  it('reads the patterns, none by default', () => {
    expect(readRepositoryAllowList(new ConfigReader({}))).toEqual([]);
    expect(
      readRepositoryAllowList(
        new ConfigReader({
          innersource: { repositories: { allow: ['github.com/acme/*'] } },
        }),
      ),
    ).toEqual(['github.com/acme/*']);
  });

  it.each([['acme'], ['github.com/'], ['github.com//x']])(
    'names the entry that is not a host/owner/name pattern: %p',
    pattern => {
      expect(() =>
        readRepositoryAllowList(
          new ConfigReader({
            innersource: {
              repositories: { allow: ['github.com/acme/*', pattern] },
            },
          }),
        ),
      ).toThrow(
        `innersource.repositories.allow[1] "${pattern}" is not a host/owner/name pattern (for example gitlab.acme.example/platform/** or github.com/acme/*)`,
      );
    },
  );
});
