import type { Entity } from '@backstage/catalog-model';
import {
  gitlabPathOf,
  onDefaultBranch,
  readinessRepositoryOf,
  registeredFromRepository,
} from './forges';

describe('gitlabPathOf', () => {
  it.each<[string, string, string, string | undefined]>([
    [
      'a project address',
      'https://gitlab.com/acme/billing',
      'https://gitlab.com',
      'acme/billing',
    ],
    [
      'a folder of a project in a subgroup',
      'https://gitlab.com/acme/finance/billing/-/tree/main/docs',
      'https://gitlab.com',
      'acme/finance/billing',
    ],
    [
      'a clone address',
      'https://gitlab.com/acme/billing.git',
      'https://gitlab.com',
      'acme/billing',
    ],
    [
      'a GitLab served under a path',
      'https://git.acme.example/gitlab/platform/billing/-/blob/main/x.yaml',
      'https://git.acme.example/gitlab',
      'platform/billing',
    ],
    [
      'an address outside the base path',
      'https://git.acme.example/other/platform/billing',
      'https://git.acme.example/gitlab',
      undefined,
    ],
    [
      'a group, not a project',
      'https://gitlab.com/acme',
      'https://gitlab.com',
      undefined,
    ],
    [
      'a segment GitLab paths cannot hold',
      'https://gitlab.com/acme/bil%20ling',
      'https://gitlab.com',
      undefined,
    ],
  ])('%s', (_case, url, baseUrl, expected) => {
    expect(gitlabPathOf(url, baseUrl)).toBe(expected);
  });
});

describe('readinessRepositoryOf', () => {
  const github = {
    handles: (host: string) => host === 'github.com',
    inspect: jest.fn(),
    publish: jest.fn(),
  };
  const gitlab = {
    baseUrlOf: (host: string) =>
      host === 'gitlab.com' ? 'https://gitlab.com' : undefined,
    inspect: jest.fn(),
    publish: jest.fn(),
  };
  const entity = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'billing', namespace: 'default', annotations },
    spec: {},
  });

  it.each<[string, Record<string, string>, object]>([
    [
      'a GitHub slug',
      { 'github.com/project-slug': 'acme/payments' },
      {
        forge: 'github',
        forgeName: 'GitHub',
        host: 'github.com',
        path: 'acme/payments',
        repositoryUrl: 'https://github.com/acme/payments',
        fileSegments: ['blob', 'tree', 'raw', 'edit'],
      },
    ],
    [
      'a GitLab slug',
      { 'gitlab.com/project-slug': 'acme/finance/billing' },
      {
        forge: 'gitlab',
        forgeName: 'GitLab',
        host: 'gitlab.com',
        path: 'acme/finance/billing',
        repositoryUrl: 'https://gitlab.com/acme/finance/billing',
        fileSegments: ['-'],
      },
    ],
    [
      'a source location on a GitLab host',
      {
        'backstage.io/source-location':
          'url:https://gitlab.com/acme/billing/-/tree/main/',
      },
      { forge: 'gitlab', host: 'gitlab.com', path: 'acme/billing' },
    ],
    [
      'a source location on a GitHub host',
      {
        'backstage.io/source-location':
          'url:https://github.com/acme/payments/tree/main/',
      },
      { forge: 'github', host: 'github.com', path: 'acme/payments' },
    ],
  ])('%s', (_case, annotations, expected) => {
    expect(
      readinessRepositoryOf(entity(annotations), { github, gitlab }),
    ).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>, boolean, string]>([
    [
      'a GitLab slug without a GitLab side',
      { 'gitlab.com/project-slug': 'acme/billing' },
      false,
      'component:default/billing is on GitLab (gitlab.com), which is not a host of integrations.gitlab',
    ],
    [
      'a host of neither integration',
      {
        'backstage.io/source-location':
          'url:https://bitbucket.org/acme/billing/src/main/',
      },
      true,
      'component:default/billing is on bitbucket.org, which is not a host of integrations.github or integrations.gitlab',
    ],
    [
      'a source location on GitLab that names a group only',
      { 'backstage.io/source-location': 'url:https://gitlab.com/acme' },
      true,
      'component:default/billing: its source location https://gitlab.com/acme does not name a GitLab project on gitlab.com (group/project)',
    ],
    [
      'no repository at all',
      {},
      true,
      'component:default/billing names no repository: add github.com/project-slug, gitlab.com/project-slug or backstage.io/source-location',
    ],
  ])('refuses %s', (_case, annotations, withGitlab, message) => {
    expect(() =>
      readinessRepositoryOf(entity(annotations), {
        github,
        gitlab: withGitlab ? gitlab : undefined,
      }),
    ).toThrow(message);
  });

  it.each<[string, string, string, string]>([
    ['a group', 'Group', 'payments', '@acme/finance/payments'],
    ['a user', 'User', 'jane', '@jane.doe'],
  ])('names %s in the GitLab project namespace', (_c, kind, name, handle) => {
    const repository = readinessRepositoryOf(
      entity({ 'gitlab.com/project-slug': 'acme/finance/billing' }),
      { github, gitlab },
    );
    const owner: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'gitlab.com/user-login': 'jane.doe' },
      },
      spec: {},
    };
    expect(repository.codeOwner(owner, undefined)).toEqual({ handle });
  });

  describe('fileOf and registeredFromRepository', () => {
    const selfManaged = {
      ...gitlab,
      baseUrlOf: (host: string) =>
        host === 'git.acme.example'
          ? 'https://git.acme.example/gitlab'
          : undefined,
    };
    const githubRepository = readinessRepositoryOf(
      entity({ 'github.com/project-slug': 'acme/payments' }),
      { github, gitlab },
    );
    const gitlabRepository = readinessRepositoryOf(
      entity({ 'gitlab.com/project-slug': 'acme/finance/billing' }),
      { github, gitlab },
    );
    const underPath = readinessRepositoryOf(
      entity({
        'backstage.io/source-location':
          'url:https://git.acme.example/gitlab/platform/billing/-/tree/main/',
      }),
      { github, gitlab: selfManaged },
    );
    const repositories = {
      github: githubRepository,
      gitlab: gitlabRepository,
      underPath,
    };

    it.each<[string, keyof typeof repositories, string, string | undefined]>([
      [
        'a file on GitHub',
        'github',
        'https://github.com/acme/payments/blob/main/catalog-info.yaml',
        'main/catalog-info.yaml',
      ],
      [
        'a folder on GitHub, any case',
        'github',
        'https://GitHub.com/Acme/Payments/tree/main/',
        'main',
      ],
      [
        'a file of another GitHub repository',
        'github',
        'https://github.com/acme/payments-docs/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'the same owner/name on another host',
        'github',
        'https://github.evil.example/acme/payments/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'a raw file address',
        'github',
        'https://github.com/acme/payments/raw/main/catalog-info.yaml',
        undefined,
      ],
      [
        'the repository page',
        'github',
        'https://github.com/acme/payments',
        undefined,
      ],
      [
        'an address with credentials',
        'github',
        'https://x:y@github.com/acme/payments/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'not a web address',
        'github',
        'ftp://github.com/acme/payments/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'a file of a GitLab project',
        'gitlab',
        'https://gitlab.com/acme/finance/billing/-/blob/main/catalog-info.yaml',
        'main/catalog-info.yaml',
      ],
      [
        'a file of the GitLab group above it',
        'gitlab',
        'https://gitlab.com/acme/finance/-/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'a file of a project below it',
        'gitlab',
        'https://gitlab.com/acme/finance/billing/api/-/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'a GitLab file without /-/',
        'gitlab',
        'https://gitlab.com/acme/finance/billing/blob/main/catalog-info.yaml',
        undefined,
      ],
      [
        'a file on a GitLab served under a path',
        'underPath',
        'https://git.acme.example/gitlab/platform/billing/-/blob/main/all.yaml',
        'main/all.yaml',
      ],
      [
        'the same project path outside the base path',
        'underPath',
        'https://git.acme.example/platform/billing/-/blob/main/all.yaml',
        undefined,
      ],
    ])('%s', (_case, which, url, inside) => {
      const repository = repositories[which];
      expect(repository.fileOf(url)).toBe(inside);
      const registered = entity({
        'backstage.io/managed-by-location': `url:${url}`,
      });
      let outcome: string;
      try {
        outcome = registeredFromRepository(registered, repository);
      } catch (error) {
        outcome = (error as Error).message;
      }
      expect(outcome).toBe(
        inside ??
          `component:default/billing was not registered from a catalog file in ${repository.host}/${repository.path} (its backstage.io/managed-by-location): readiness changes are proposed only to the repository an entity was registered from`,
      );
    });

    it('refuses an entity with no location, or one on the backend', () => {
      const cases: Array<Record<string, string>> = [
        {},
        { 'backstage.io/managed-by-location': 'file:/srv/catalog/all.yaml' },
      ];
      for (const annotations of cases) {
        expect(() =>
          registeredFromRepository(entity(annotations), githubRepository),
        ).toThrow(
          'was not registered from a catalog file in github.com/acme/payments',
        );
      }
    });
  });

  it.each<[string, string, boolean]>([
    ['main/catalog-info.yaml', 'main', true],
    ['main', 'main', true],
    ['release/1/catalog-info.yaml', 'release/1', true],
    ['mainline/catalog-info.yaml', 'main', false],
    ['refs/pull/7/head/catalog-info.yaml', 'main', false],
    ['0123abcd/catalog-info.yaml', 'main', false],
  ])('onDefaultBranch(%s, %s) is %s', (inside, branch, expected) => {
    expect(onDefaultBranch(inside, branch)).toBe(expected);
  });
});
