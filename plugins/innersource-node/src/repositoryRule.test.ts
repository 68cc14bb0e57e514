import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  decideFolderCollection,
  decideRepositoryCollection,
  FolderGrant,
  isRegisteredFromRepository,
  readFolderGrants,
  readRepositoryAllowList,
  RuleRepository,
  unavailableRepositoryMessage,
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
  projectPath = 'acme/platform/portal',
): RuleRepository => ({
  host: 'gitlab.acme.example',
  path: projectPath,
  visibility,
  webUrl: `https://gitlab.acme.example/${projectPath}`,
  fileSegments: ['-'],
});

const githubRepository = (visibility: string | null): RuleRepository => ({
  host: 'github.com',
  path: 'acme/secret',
  visibility,
  webUrl: 'https://github.com/acme/secret',
  fileSegments: ['blob', 'tree', 'raw', 'edit'],
});

const GITLAB_FILE =
  'url:https://gitlab.acme.example/acme/platform/portal/-/blob/main/catalog-info.yaml';
const GITHUB_FILE =
  'url:https://github.com/acme/secret/blob/main/catalog-info.yaml';
const at = (location: string) => ({
  'backstage.io/managed-by-location': location,
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
      'a private project named by an allow pattern, for the entity registered from a file inside it',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/platform/portal'],
      at(GITLAB_FILE),
      'allowed-by-config',
    ],
    [
      'a private project under a ** pattern across subgroups, registered from inside it',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      at(GITLAB_FILE),
      'allowed-by-config',
    ],
    [
      'an allow pattern in another case, registered from inside it',
      githubRepository('private'),
      ['GitHub.com/ACME/*'],
      at(GITHUB_FILE),
      'allowed-by-config',
    ],
    [
      'a private repository whose visibility was not reported (git), allowed and registered from inside it',
      githubRepository(null),
      ['github.com/acme/secret'],
      at(GITHUB_FILE.replace('/blob/', '/tree/')),
      'allowed-by-config',
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
      'named by an allow pattern, for an entity registered elsewhere',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      at(
        'url:https://gitlab.acme.example/mallory/catalog/-/blob/main/catalog-info.yaml',
      ),
    ],
    [
      'named by an allow pattern, for an entity registered through the API with no location',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      {},
    ],
    [
      'registered from a file inside it but named by no allow pattern',
      gitlabProject('private'),
      [],
      at(GITLAB_FILE),
    ],
    [
      'allowed, whose origin location only is inside it (every entity below a root Location shares it)',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      {
        'backstage.io/managed-by-location':
          'url:https://gitlab.acme.example/acme/catalog/-/blob/main/all.yaml',
        'backstage.io/managed-by-origin-location': GITLAB_FILE,
      },
    ],
    [
      'when the pattern names a sibling only',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/*'],
      at(GITLAB_FILE),
    ],
    [
      'when the pattern names another host',
      gitlabProject('private'),
      ['gitlab.com/acme/**'],
      at(GITLAB_FILE),
    ],
    [
      'allowed, registered from a file on disk',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      at('file:/srv/catalog/x.yaml'),
    ],
    [
      'allowed, registered from another project of the same group',
      gitlabProject('private', 'acme/platform'),
      ['gitlab.acme.example/acme/**'],
      // the project acme/platform/portal, not a file of acme/platform
      at(GITLAB_FILE),
    ],
    [
      'allowed, registered from a GitLab project named like a file view',
      gitlabProject('private', 'acme/platform'),
      ['gitlab.acme.example/acme/**'],
      // on GitLab that is the project acme/platform/blob
      at(
        'url:https://gitlab.acme.example/acme/platform/blob/main/catalog-info.yaml',
      ),
    ],
    [
      'allowed, registered from the same path on another host',
      gitlabProject('private'),
      ['gitlab.acme.example/acme/**'],
      at(
        'url:https://gitlab.evil.example/acme/platform/portal/-/blob/main/catalog-info.yaml',
      ),
    ],
  ])(
    'refuses a private project %s, in the words of a missing one',
    (_name, repository, allow, annotations) => {
      expect(
        decideRepositoryCollection(repository, {
          entity: entity(annotations),
          allow,
          forge: 'GitLab',
        }),
      ).toEqual({
        allowed: false,
        error: unavailableRepositoryMessage(
          `gitlab.acme.example/${repository.path}`,
        ),
      });
    },
  );

  it('says one thing of a private repository and of a missing one, naming it as the entity did', () => {
    const refusal = decideRepositoryCollection(
      { ...githubRepository('PRIVATE'), requested: 'github.com/acme/old-name' },
      { entity: entity(), allow: [], forge: 'GitHub' },
    );
    expect(refusal).toEqual({
      allowed: false,
      error:
        'github.com/acme/old-name is not collected: it was not found, the backend cannot read it, or it is neither public nor internal. ' +
        'InnerSource collects a repository that is not public or internal only when innersource.repositories.allow names it ' +
        'and this entity was registered from a catalog file inside it.',
    });
    // the canonical name (acme/secret) is not told
    expect(JSON.stringify(refusal)).not.toContain('secret');
    expect(refusal).toEqual({
      allowed: false,
      error: unavailableRepositoryMessage('github.com/acme/old-name'),
    });
  });

  it('matches the allow-list against the name the forge answered, not the one the entity asked for', () => {
    // GitHub answers acme/old-name with the renamed acme/secret
    const renamed = {
      ...githubRepository('PRIVATE'),
      requested: 'github.com/acme/old-name',
    };
    const registered = entity(at(GITHUB_FILE));
    expect(
      decideRepositoryCollection(renamed, {
        entity: registered,
        allow: ['github.com/acme/old-*'],
        forge: 'GitHub',
      }).allowed,
    ).toBe(false);
    expect(
      decideRepositoryCollection(renamed, {
        entity: registered,
        allow: ['github.com/acme/secret'],
        forge: 'GitHub',
      }).allowed,
    ).toBe(true);
  });
});

describe('isRegisteredFromRepository', () => {
  it.each([
    [at(GITHUB_FILE), true],
    [at(GITHUB_FILE.replace('/blob/', '/edit/')), true],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/catalog/blob/main/all.yaml',
        'backstage.io/managed-by-origin-location': GITHUB_FILE,
      },
      false,
    ],
    [at('url:https://github.com/acme/secret-fork/blob/main/x.yaml'), false],
    [at('file:/srv/acme/secret/catalog-info.yaml'), false],
    [{}, false],
  ])('%j: %p', (annotations, inside) => {
    expect(
      isRegisteredFromRepository(
        entity(annotations),
        githubRepository('PRIVATE'),
      ),
    ).toBe(inside);
  });
});

describe('decideFolderCollection', () => {
  const configuredLocations = [
    'file:/srv/portal/examples/entities.yaml',
    'url:https://github.com/acme/catalog/blob/main/portal.yaml',
  ];
  const folders: FolderGrant[] = [
    { path: '/srv/repos/billing', entities: ['component:default/billing'] },
  ];
  const component = (
    name: string,
    annotations: Record<string, string>,
  ): Entity => ({ ...entity(annotations), metadata: { name, annotations } });

  it.each([
    [
      'an entity read from a configured file location',
      '/srv/repos/anything',
      component('x', at('file:/srv/portal/examples/entities.yaml')),
      'configured-location',
    ],
    [
      'an entity read from a configured url location',
      '/srv/repos/anything',
      component(
        'x',
        at('url:https://github.com/acme/catalog/blob/main/portal.yaml'),
      ),
      'configured-location',
    ],
    [
      'an entity read from a file on disk that a configured file location includes',
      '/srv/repos/anything',
      component('x', {
        'backstage.io/managed-by-location':
          'file:/srv/portal/examples/more.yaml',
        'backstage.io/managed-by-origin-location':
          'file:/srv/portal/examples/entities.yaml',
      }),
      'configured-location',
    ],
    [
      'the entity innersource.git.folders names, for that folder',
      '/srv/repos/billing',
      component('billing', at('url:https://github.com/acme/billing/x.yaml')),
      'named-by-config',
    ],
    [
      'the entity innersource.git.folders names, for a folder below it',
      '/srv/repos/billing/plugins/../api',
      component('Billing', {}),
      'named-by-config',
    ],
  ])('collects for %s', (_name, folder, e, because) => {
    expect(
      decideFolderCollection(folder, {
        entity: e,
        configuredLocations,
        folders,
      }),
    ).toEqual({ allowed: true, because });
  });

  it.each([
    [
      'an entity registered by URL',
      '/srv/repos/payment-gateway',
      component(
        'kr',
        at('url:https://github.com/mallory/x/blob/main/catalog-info.yaml'),
      ),
    ],
    [
      'an entity registered through the catalog API (its own url location as origin)',
      '/srv/repos/payment-gateway',
      component('kr', {
        'backstage.io/managed-by-location':
          'url:https://github.com/mallory/x/blob/main/catalog-info.yaml',
        'backstage.io/managed-by-origin-location':
          'url:https://github.com/mallory/x/blob/main/catalog-info.yaml',
      }),
    ],
    [
      'an entity with no location annotation',
      '/srv/repos/payment-gateway',
      component('kr', {}),
    ],
    [
      'an entity read from a file location nobody configured',
      '/srv/repos/payment-gateway',
      component('kr', at('file:/tmp/upload/catalog-info.yaml')),
    ],
    [
      'a url file below a configured location (anyone who can push there wrote it)',
      '/srv/repos/payment-gateway',
      component('kr', {
        'backstage.io/managed-by-location':
          'url:https://github.com/mallory/x/blob/main/catalog-info.yaml',
        'backstage.io/managed-by-origin-location':
          'file:/srv/portal/examples/entities.yaml',
      }),
    ],
    [
      'a configured location only in the origin, read from a url',
      '/srv/repos/payment-gateway',
      component('kr', {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/catalog/blob/main/teams/mallory.yaml',
        'backstage.io/managed-by-origin-location':
          'url:https://github.com/acme/catalog/blob/main/portal.yaml',
      }),
    ],
    [
      'the named entity, for another folder',
      '/srv/repos/key-rotation',
      component('billing', {}),
    ],
    [
      'the named entity, for a sibling folder whose name starts alike',
      '/srv/repos/billing-secrets',
      component('billing', {}),
    ],
    [
      'the named entity, for a folder reached by .. out of it',
      '/srv/repos/billing/../key-rotation',
      component('billing', {}),
    ],
    [
      'an entity of the same name in another namespace',
      '/srv/repos/billing',
      {
        ...component('billing', {}),
        metadata: { name: 'billing', namespace: 'other' },
      },
    ],
  ])('refuses %s', (_name, folder, e) => {
    const decision = decideFolderCollection(folder, {
      entity: e,
      configuredLocations,
      folders,
    });
    expect(decision).toEqual({
      allowed: false,
      error:
        "its dir: source location is not collected: folders on the backend are read only for entities from a location in app-config's catalog.locations, " +
        'or that innersource.git.folders names for that folder, never for one registered through the catalog API or by URL.',
    });
    // nothing of where the folder is
    expect(JSON.stringify(decision)).not.toContain('/srv');
  });
});

describe('readFolderGrants', () => {
  it('reads the folders, resolved, and the entities as full refs in lower case', () => {
    expect(readFolderGrants(new ConfigReader({}))).toEqual([]);
    expect(
      readFolderGrants(
        new ConfigReader({
          innersource: {
            git: {
              folders: [
                {
                  path: 'repos/billing',
                  entities: ['component:Billing', 'system:finance/ledger'],
                },
              ],
            },
          },
        }),
      ),
    ).toEqual([
      {
        path: path.resolve('repos/billing'),
        entities: ['component:default/billing', 'system:finance/ledger'],
      },
    ]);
  });

  it.each([
    [
      { path: '/srv/x', entities: ['billing'] },
      /\[0\]\.entities: "billing" is not an entity ref/,
    ],
    [{ path: '/srv/x', entities: [] }, /\[0\]\.entities names no entity/],
    [{ entities: ['component:x'] }, /path/],
  ])('names the entry that is wrong: %j', (entry, message) => {
    expect(() =>
      readFolderGrants(
        new ConfigReader({ innersource: { git: { folders: [entry] } } }),
      ),
    ).toThrow(message);
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
