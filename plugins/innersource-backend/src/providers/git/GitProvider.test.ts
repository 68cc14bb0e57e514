import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  CollectRequest,
  RepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import { GitProvider, gitAuthConfig } from './GitProvider';
import { parseCloneTarget } from './remoteUrl';
import { runGit } from './runGit';

jest.setTimeout(60_000);

const repositoryRoot = path.resolve(__dirname, '../../../../..');
let work: string;

function git(cwd: string, args: string[], daysAgo?: number) {
  const date =
    daysAgo === undefined
      ? undefined
      : new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Alice',
      GIT_AUTHOR_EMAIL: 'alice@acme.example',
      GIT_COMMITTER_NAME: 'Alice',
      GIT_COMMITTER_EMAIL: 'alice@acme.example',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

function commit(
  repo: string,
  file: string,
  daysAgo: number,
  content = String(Math.random()),
) {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), content);
  git(repo, ['add', '--', file]);
  git(repo, ['commit', '-q', '-m', `change ${file}`], daysAgo);
}

/** A repository with history over 200 days, a merge, base documents and a plugin folder. */
function fixtureRepository(): string {
  const repo = path.join(work, 'portal');
  fs.mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  commit(repo, 'README.md', 200, '# Portal');
  commit(repo, 'LICENSE', 120);
  commit(repo, '.github/CODEOWNERS', 85);
  commit(repo, 'docs/Contributing.md', 60);
  commit(repo, '.github/ISSUE_TEMPLATE/bug.md', 30);
  commit(
    repo,
    'innersource.json',
    10,
    JSON.stringify({
      title: 'Portal',
      motivation: 'One place for every team',
      skills: ['typescript', 7],
      language: 'TypeScript',
      unknown: true,
    }),
  );
  commit(repo, 'plugins/search/README.md', 9);
  git(repo, ['checkout', '-q', '-b', 'feature']);
  commit(repo, 'plugins/search/index.ts', 5);
  git(repo, ['checkout', '-q', 'main']);
  git(repo, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], 4);
  commit(repo, 'src/app.ts', 2);
  return repo;
}

/** The catalog file app-config registers: entities read from it may name folders. */
const configuredFile = () => path.join(work, 'catalog', 'entities.yaml');
const configuredLocations = () => ({
  locations: [{ type: 'file', target: configuredFile() }],
});

/** Settings every provider of a test gives git: the backend's own environment reaches git no more. */
let gitConfig: Array<[string, string]> = [];

/** git itself maps the https URLs of git.test.example to the bare repositories in `remotes`. */
function mapRemotes(remotes: string) {
  gitConfig = [
    [`url.file://${remotes}/.insteadOf`, 'https://git.test.example/acme/'],
  ];
}

const fromConfig: typeof GitProvider.fromConfig = (config, options) =>
  GitProvider.fromConfig(config, { gitConfig, ...options });

function provider(overrides: Record<string, unknown> = {}) {
  return fromConfig(
    new ConfigReader({
      catalog: configuredLocations(),
      innersource: {
        git: {
          localRoots: [work],
          cacheDir: path.join(work, 'cache'),
          ...overrides,
        },
      },
    }),
    { logger: mockServices.logger.mock() },
  );
}

function request(
  location: RepositoryLocation,
  previous?: CollectRequest['previous'],
): CollectRequest {
  return {
    entityRef: 'component:default/portal',
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'portal',
        annotations: {
          'backstage.io/managed-by-location': `file:${configuredFile()}`,
          'backstage.io/managed-by-origin-location': `file:${configuredFile()}`,
        },
      },
    },
    location,
    windowDays: 90,
    labels: {
      helpWanted: ['help wanted'],
      goodFirstIssue: ['good first issue'],
    },
    ...(previous ? { previous } : {}),
  };
}

async function collectOne(p: GitProvider, r: CollectRequest) {
  const [result] = await p.collect([r]);
  return result;
}

function revListCount(repo: string): number {
  return Number(
    execFileSync(
      'git',
      ['rev-list', '--count', '--no-merges', '--since="90 days ago"', 'HEAD'],
      { cwd: repo, encoding: 'utf8' },
    ).trim(),
  );
}

beforeEach(() => {
  gitConfig = [];
  work = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-git-')),
  );
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('GitProvider on a local working tree', () => {
  it('counts what git rev-list --count --no-merges --since="90 days ago" HEAD counts', async () => {
    const repo = fixtureRepository();
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    // CODEOWNERS (85 days), CONTRIBUTING (60), template (30), innersource.json (10),
    // plugin README (9), feature commit (5), app.ts (2); not the merge
    expect(result.facts.commits).toHaveLength(7);
    expect(result.facts.commits).toHaveLength(revListCount(repo));
    expect(result.facts.commits![0]).toMatchObject({
      author: { name: 'Alice', email: 'alice@acme.example' },
    });
  });

  it('reads who committed before the newcomer cohort, its commits, and Co-authored-by trailers', async () => {
    const repo = fixtureRepository();
    const as = (who: string, email: string, daysAgo: number, message: string) =>
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: who,
          GIT_AUTHOR_EMAIL: email,
          GIT_COMMITTER_NAME: who,
          GIT_COMMITTER_EMAIL: email,
          GIT_AUTHOR_DATE: new Date(
            Date.now() - daysAgo * DAY_MS,
          ).toISOString(),
          GIT_COMMITTER_DATE: new Date(
            Date.now() - daysAgo * DAY_MS,
          ).toISOString(),
        },
      });
    as('Bob', 'bob@acme.example', 100, 'First from Bob');
    as(
      'Bob',
      'bob@acme.example',
      1,
      'With an agent\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-Authored-By: Carol Chen <carol@acme.example>',
    );
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    const history = result.facts.contributionHistory!;
    // the cohort starts 180 days before now (a 90-day window and 90 days to come back)
    expect(Date.now() - Date.parse(history.since)).toBeGreaterThanOrEqual(
      180 * DAY_MS,
    );
    expect(Date.now() - Date.parse(history.since)).toBeLessThan(181 * DAY_MS);
    // Alice's README, 200 days ago, is before it
    expect(history.earlierAuthors).toEqual([
      { name: 'Alice', email: 'alice@acme.example' },
    ]);
    // LICENSE (120 days) and Bob's first (100): between the cohort's start and the window's
    expect(history.commits.map(c => c.author.name)).toEqual(['Bob', 'Alice']);
    expect(result.facts.commits![0]).toMatchObject({
      author: { name: 'Bob', email: 'bob@acme.example' },
      coAuthors: [
        { name: 'Claude', email: 'noreply@anthropic.com' },
        { name: 'Carol Chen', email: 'carol@acme.example' },
      ],
    });
  });

  it("counts this repository's own commits as git does", async () => {
    const p = fromConfig(
      new ConfigReader({
        catalog: configuredLocations(),
        innersource: { git: { localRoots: [repositoryRoot] } },
      }),
      { logger: mockServices.logger.mock() },
    );
    const result = await collectOne(
      p,
      request({ type: 'path', path: repositoryRoot }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    expect(result.facts.commits).toHaveLength(revListCount(repositoryRoot));
  });

  it('buckets the last 13 weeks of commits, oldest week first', async () => {
    const repo = fixtureRepository();
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    // weeks ago: 85 d → 12, 60 d → 8, 30 d → 4, 10 d and 9 d → 1, 5 d and 2 d → 0
    expect(result.facts.weeklyCommits).toEqual([
      1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 2, 2,
    ]);
  });

  it('finds the base documents in the committed tree, in any case and in .github/ or docs/', async () => {
    const repo = fixtureRepository();
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    expect(result.facts.files).toEqual({
      readme: true,
      contributing: true,
      codeowners: true,
      license: true,
      issueTemplate: true,
      pullRequestTemplate: false,
      innersourceJson: true,
    });
    expect(result.facts.innersourceJson).toEqual({
      title: 'Portal',
      motivation: 'One place for every team',
      skills: ['typescript'],
      language: 'TypeScript',
    });
    expect(result.facts).toMatchObject({
      provider: 'git',
      defaultBranch: 'main',
      primaryLanguage: 'TypeScript',
      stars: null,
      forks: null,
      watchers: null,
      openIssues: null,
      pullRequests: null,
      helpWantedIssues: null,
    });
    expect(Date.parse(result.facts.createdAt!)).toBeLessThan(
      Date.now() - 199 * DAY_MS,
    );
    expect(Date.parse(result.facts.updatedAt!)).toBeGreaterThan(
      Date.now() - 3 * DAY_MS,
    );
  });

  it('reads only the files committed, not what lies uncommitted in the working tree', async () => {
    const repo = fixtureRepository();
    fs.writeFileSync(
      path.join(repo, 'PULL_REQUEST_TEMPLATE.md'),
      'uncommitted',
    );
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    expect(
      result.outcome === 'collected' && result.facts.files?.pullRequestTemplate,
    ).toBe(false);
  });

  it('treats an innersource.json that does not parse as absent and keeps the other facts', async () => {
    const repo = fixtureRepository();
    commit(repo, 'innersource.json', 1, '{ "title": ');
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    expect(result.facts.innersourceJson).toBeNull();
    expect(result.facts.files?.innersourceJson).toBe(true);
    expect(result.facts.commits).toHaveLength(8);
  });

  it("restricts a monorepo folder's facts to that folder, falling back to the root for documents", async () => {
    const repo = fixtureRepository();
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: path.join(repo, 'plugins/search') }),
    );
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    // plugin README (9 days) and the feature commit (5 days)
    expect(result.facts.commits).toHaveLength(2);
    expect(result.facts.files).toMatchObject({
      readme: true,
      license: true,
      codeowners: true,
    });
  });

  it('reports the commit history a first collection asks to backfill from, none otherwise', async () => {
    const repo = fixtureRepository();
    const since = new Date(Date.now() - 150 * DAY_MS).toISOString();
    const first = await collectOne(provider(), {
      ...request({ type: 'path', path: repo }),
      backfill: { since },
    });
    if (first.outcome !== 'collected') throw new Error(JSON.stringify(first));
    // LICENSE (120 days) and the 7 commits of the window; not README (200) nor the merge
    expect(first.history?.completeSince).toBe(since);
    expect(first.history?.commits).toHaveLength(8);
    expect(first.history?.commits.map(c => c.committedAt)).toEqual(
      [...first.history!.commits.map(c => c.committedAt)].sort().reverse(),
    );
    expect(first.history?.commits[7]).toMatchObject({
      author: { name: 'Alice', email: 'alice@acme.example' },
      committedAt: expect.any(String),
    });
    expect(Date.parse(first.history!.commits[7].committedAt)).toBeLessThan(
      Date.now() - 119 * DAY_MS,
    );

    const later = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    expect(later.outcome === 'collected' && later.history).toBeUndefined();
  });

  it("reads a monorepo folder's history only from that folder", async () => {
    const repo = fixtureRepository();
    const result = await collectOne(provider(), {
      ...request({ type: 'path', path: path.join(repo, 'plugins/search') }),
      backfill: { since: new Date(Date.now() - 365 * DAY_MS).toISOString() },
    });
    if (result.outcome !== 'collected') throw new Error(JSON.stringify(result));
    // its README (9 days) and the feature commit (5 days)
    expect(result.history?.commits).toHaveLength(2);
  });

  it('answers unchanged when HEAD has not moved since the last collection, collected after a commit', async () => {
    const repo = fixtureRepository();
    const p = provider();
    const first = await collectOne(p, request({ type: 'path', path: repo }));
    if (first.outcome !== 'collected') throw new Error(JSON.stringify(first));
    const previous = {
      collectedAt: 'x',
      checkedAt: 'x',
      fingerprint: first.fingerprint,
    };
    expect(
      (await collectOne(p, request({ type: 'path', path: repo }, previous)))
        .outcome,
    ).toBe('unchanged');
    commit(repo, 'src/more.ts', 0);
    expect(
      (await collectOne(p, request({ type: 'path', path: repo }, previous)))
        .outcome,
    ).toBe('collected');
  });

  it.each([
    [
      'a folder outside the local roots',
      () => fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-')),
      /is outside innersource\.git\.localRoots; add its folder there to collect it$/,
    ],
    [
      'a symlink inside the roots that leads outside them',
      () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-'));
        fs.symlinkSync(outside, path.join(work, 'link'));
        return path.join(work, 'link');
      },
      /is outside innersource\.git\.localRoots/,
    ],
    [
      'a folder outside the roots that does not exist, as one that does: nothing said of what exists there',
      () => path.join(os.tmpdir(), 'no-such-folder-anywhere', 'x'),
      /is outside innersource\.git\.localRoots; add its folder there to collect it$/,
    ],
    [
      'a folder that does not exist',
      () => path.join(work, 'missing'),
      /^the folder .*missing does not exist on the backend$/,
    ],
    [
      'a folder that is no repository',
      () =>
        fs.mkdirSync(path.join(work, 'plain'), { recursive: true }) ??
        path.join(work, 'plain'),
      /is not inside a git repository$/,
    ],
  ])('refuses %s with a message', async (_name, folder, message) => {
    const result = await collectOne(
      provider(),
      request({ type: 'path', path: folder() }),
    );
    expect(result).toEqual({
      entityRef: 'component:default/portal',
      outcome: 'failed',
      error: expect.stringMatching(message),
    });
  });

  it('refuses a folder inside the roots whose repository reaches outside them', async () => {
    const outer = fixtureRepository();
    const inner = path.join(outer, 'plugins', 'search');
    const result = await collectOne(
      provider({ localRoots: [inner] }),
      request({ type: 'path', path: inner }),
    );
    expect(result).toEqual({
      entityRef: 'component:default/portal',
      outcome: 'failed',
      error: expect.stringMatching(/is outside innersource\.git\.localRoots/),
    });
  });

  it('records a failing repository without failing the others of its batch', async () => {
    const repo = fixtureRepository();
    const results = await provider().collect([
      {
        ...request({ type: 'path', path: '/etc' }),
        entityRef: 'component:default/etc',
      },
      request({ type: 'path', path: repo }),
    ]);
    expect(results.map(r => [r.entityRef, r.outcome])).toEqual([
      ['component:default/etc', 'failed'],
      ['component:default/portal', 'collected'],
    ]);
  });
});

describe('GitProvider: folders belong to the entities the operator lets read them', () => {
  const FOLDER_REFUSAL =
    "its dir: source location is not collected: folders on the backend are read only for entities from a location in app-config's catalog.locations, " +
    'or that innersource.git.folders names for that folder, never for one registered through the catalog API or by URL.';

  function registeredFrom(
    folder: string,
    annotations: Record<string, string>,
    name = 'kr',
  ): CollectRequest {
    const r = request({ type: 'path', path: folder });
    return {
      ...r,
      entityRef: `component:default/${name}`,
      entity: { ...r.entity, metadata: { name, annotations } },
    };
  }
  const byUrl = {
    'backstage.io/managed-by-location':
      'url:https://github.com/mallory/x/blob/main/catalog-info.yaml',
    'backstage.io/managed-by-origin-location':
      'url:https://github.com/mallory/x/blob/main/catalog-info.yaml',
  };

  it.each([
    ['an entity registered by URL', byUrl],
    ['an entity with no location', {}],
    [
      'an entity read from a file nobody configured',
      { 'backstage.io/managed-by-location': 'file:/tmp/upload.yaml' },
    ],
  ])(
    'refuses %s, saying to forget what was stored of it, and the same whatever lies at the path',
    async (_what, annotations) => {
      const repo = fixtureRepository();
      const p = provider();
      const results = await p.collect([
        registeredFrom(repo, annotations),
        registeredFrom(path.join(work, 'missing'), annotations),
        registeredFrom('/etc', annotations),
      ]);
      expect(results.map(({ entityRef: _, ...rest }) => rest)).toEqual([
        { outcome: 'failed', error: FOLDER_REFUSAL, forget: true },
        { outcome: 'failed', error: FOLDER_REFUSAL, forget: true },
        { outcome: 'failed', error: FOLDER_REFUSAL, forget: true },
      ]);
    },
  );

  it('collects for an entity read from a configured location, or from a file on disk below one', async () => {
    const repo = fixtureRepository();
    const below = await collectOne(
      provider(),
      registeredFrom(repo, {
        'backstage.io/managed-by-location': `file:${path.join(
          work,
          'catalog',
          'more.yaml',
        )}`,
        'backstage.io/managed-by-origin-location': `file:${configuredFile()}`,
      }),
    );
    expect(below.outcome).toBe('collected');
    const direct = await collectOne(
      provider(),
      request({ type: 'path', path: repo }),
    );
    expect(direct.outcome).toBe('collected');
  });

  it('collects a folder innersource.git.folders names for the entity, registered by URL, and nothing else for it', async () => {
    const repo = fixtureRepository();
    const other = path.join(work, 'other');
    fs.mkdirSync(other);
    git(other, ['init', '-q', '-b', 'main']);
    commit(other, 'README.md', 3);
    // a link inside the named folder to another repository under the roots
    fs.symlinkSync(other, path.join(repo, 'escape'));
    const p = provider({
      folders: [{ path: repo, entities: ['component:default/kr'] }],
    });
    const [named, below, linked, otherFolder, otherEntity] = await p.collect([
      registeredFrom(repo, byUrl),
      registeredFrom(path.join(repo, 'plugins', 'search'), byUrl),
      registeredFrom(path.join(repo, 'escape'), byUrl),
      registeredFrom(other, byUrl),
      registeredFrom(repo, byUrl, 'someone-else'),
    ]);
    expect(named.outcome).toBe('collected');
    expect(below.outcome).toBe('collected');
    for (const refused of [linked, otherFolder, otherEntity]) {
      expect(refused).toMatchObject({
        outcome: 'failed',
        error: FOLDER_REFUSAL,
        forget: true,
      });
    }
  });

  it('names a folder by its path under its root, never where the root is', async () => {
    const repo = fixtureRepository();
    const names = async (folder: string, roots = [work]) => {
      const result = await collectOne(
        provider({ localRoots: roots }),
        request({ type: 'path', path: folder }),
      );
      if (result.outcome !== 'collected')
        throw new Error(JSON.stringify(result));
      expect(JSON.stringify(result)).not.toContain(work);
      return result.facts.repository;
    };
    expect(await names(repo)).toBe('portal');
    expect(await names(path.join(repo, 'plugins', 'search'))).toBe(
      'portal/plugins/search',
    );
    // the innermost root
    expect(await names(path.join(repo, 'plugins'), [work, repo])).toBe(
      'plugins',
    );
    // a root itself: its own name
    expect(await names(repo, [repo])).toBe('portal');
  });

  it('tells an entity from a configured location why a folder is not read, without the path of the root', async () => {
    fs.mkdirSync(path.join(work, 'plain'));
    const results = await provider().collect([
      request({ type: 'path', path: path.join(work, 'missing') }),
      request({ type: 'path', path: path.join(work, 'plain') }),
      request({ type: 'path', path: '/etc' }),
    ]);
    expect(results.map(r => (r.outcome === 'failed' ? r.error : r))).toEqual([
      'the folder missing does not exist on the backend',
      'plain is not inside a git repository',
      'its dir: source location is outside innersource.git.localRoots; add its folder there to collect it',
    ]);
  });
});

describe('GitProvider on a remote repository', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  describe('the repository rule: the backend lends its credentials only where the rule allows', () => {
    const location: RepositoryLocation = {
      type: 'url',
      host: 'git.test.example',
      url: 'https://git.test.example/acme/portal.git',
    };
    function publicRemote() {
      const repo = fixtureRepository();
      const remotes = path.join(work, 'remotes');
      fs.mkdirSync(remotes, { recursive: true });
      execFileSync('git', [
        'clone',
        '-q',
        '--bare',
        repo,
        path.join(remotes, 'portal.git'),
      ]);
      mapRemotes(remotes);
    }
    const registeredFrom = (managedBy: string): CollectRequest => {
      const r = request(location);
      r.entity.metadata.annotations = {
        'backstage.io/managed-by-location': managedBy,
      };
      return r;
    };
    const clones = () =>
      fs
        .readdirSync(path.join(work, 'cache'))
        .filter(name => !name.startsWith('.'));

    it.each([
      [
        'an entity registered elsewhere, anonymously',
        {},
        'url:https://git.test.example/acme/other/blob/main/catalog-info.yaml',
        0,
      ],
      [
        'an entity registered from a file in it that config does not allow, anonymously',
        {},
        'url:https://git.test.example/acme/portal/blob/main/catalog-info.yaml',
        0,
      ],
      [
        'a repository innersource.repositories.allow names, for an entity registered elsewhere, anonymously',
        { allow: ['git.test.example/acme/*'] },
        'url:https://elsewhere.example/x.yaml',
        0,
      ],
      [
        'a repository innersource.repositories.allow names, for the entity registered from a file in it, with credentials',
        { allow: ['git.test.example/acme/*'] },
        'url:https://git.test.example/acme/portal/blob/main/catalog-info.yaml',
        1,
      ],
    ])(
      'clones for %s',
      async (_what, repositories, managedBy, credentialLookups) => {
        publicRemote();
        const lookups = jest.fn(async () => [] as Array<[string, string]>);
        const p = fromConfig(
          new ConfigReader({
            innersource: {
              git: {
                allowedHosts: ['git.test.example'],
                cacheDir: path.join(work, 'cache'),
              },
              repositories,
            },
          }),
          { logger: mockServices.logger.mock(), credentialsFor: lookups },
        );
        const result = await collectOne(p, registeredFrom(managedBy));
        expect(result.outcome).toBe('collected');
        expect(lookups).toHaveBeenCalledTimes(credentialLookups);
      },
    );

    it('keeps an anonymous clone apart from one the backend’s credentials made', async () => {
      publicRemote();
      const p = fromConfig(
        new ConfigReader({
          innersource: {
            git: {
              allowedHosts: ['git.test.example'],
              cacheDir: path.join(work, 'cache'),
            },
            repositories: { allow: ['git.test.example/acme/portal'] },
          },
        }),
        { logger: mockServices.logger.mock() },
      );
      await collectOne(
        p,
        registeredFrom(
          'url:https://git.test.example/acme/portal/blob/main/catalog-info.yaml',
        ),
      );
      expect(clones()).toHaveLength(1);
      await collectOne(p, request(location));
      expect(clones()).toHaveLength(2);
    });

    it('refuses an ssh clone, which would use the backend’s key, for an entity the rule does not allow', async () => {
      const p = provider({ allowedHosts: ['git.test.example'] });
      const result = await collectOne(
        p,
        request({
          type: 'url',
          host: 'git.test.example',
          url: 'ssh://git@git.test.example/acme/portal.git',
        }),
      );
      expect(result).toEqual({
        entityRef: 'component:default/portal',
        outcome: 'failed',
        error: expect.stringContaining('innersource.repositories.allow'),
      });
    });
  });

  it('clones an https URL on an allowed host as a bare clone, then fetches incrementally', async () => {
    const repo = fixtureRepository();
    const remotes = path.join(work, 'remotes');
    fs.mkdirSync(remotes);
    execFileSync('git', [
      'clone',
      '-q',
      '--bare',
      repo,
      path.join(remotes, 'portal.git'),
    ]);
    // git itself maps the https URL to the local bare repository; the provider checks the https URL
    mapRemotes(remotes);

    const p = provider({ allowedHosts: ['git.test.example'] });
    const location: RepositoryLocation = {
      type: 'url',
      host: 'git.test.example',
      url: 'https://git.test.example/acme/portal.git/tree/main/plugins/search',
    };
    expect(p.supports(location)).toBe(true);
    const first = await collectOne(p, request(location));
    if (first.outcome !== 'collected') throw new Error(JSON.stringify(first));
    expect(first.facts).toMatchObject({
      repository: 'https://git.test.example/acme/portal.git',
      webUrl: 'https://git.test.example/acme/portal',
    });
    expect(first.facts.commits).toHaveLength(2);

    const previous = {
      collectedAt: 'x',
      checkedAt: 'x',
      fingerprint: first.fingerprint,
    };
    expect((await collectOne(p, request(location, previous))).outcome).toBe(
      'unchanged',
    );

    commit(repo, 'plugins/search/more.ts', 0);
    execFileSync(
      'git',
      ['push', '-q', path.join(remotes, 'portal.git'), 'main'],
      { cwd: repo },
    );
    const third = await collectOne(p, request(location, previous));
    expect(third.outcome === 'collected' && third.facts.commits).toHaveLength(
      3,
    );
  });

  it('removes the clone of a repository no refresh asked for within innersource.git.evictAfterDays', async () => {
    const repo = fixtureRepository();
    const remotes = path.join(work, 'remotes');
    fs.mkdirSync(remotes);
    execFileSync('git', [
      'clone',
      '-q',
      '--bare',
      repo,
      path.join(remotes, 'portal.git'),
    ]);
    mapRemotes(remotes);
    const cacheDir = path.join(work, 'cache');
    let now = new Date();
    const p = fromConfig(
      new ConfigReader({
        innersource: {
          git: {
            allowedHosts: ['git.test.example'],
            cacheDir,
            evictAfterDays: 7,
          },
        },
      }),
      { logger: mockServices.logger.mock(), now: () => now },
    );
    const portal = request({
      type: 'url',
      host: 'git.test.example',
      url: 'https://git.test.example/acme/portal.git',
    });
    const later = (days: number) => new Date(now.getTime() + days * DAY_MS);

    expect((await collectOne(p, portal)).outcome).toBe('collected');
    expect(await p.runFinished()).toEqual({ requests: 1 });
    now = later(6);
    // a fetch six days on is a use: the clone stays another week
    expect((await collectOne(p, portal)).outcome).toBe('collected');
    now = later(6);
    expect(await p.runFinished()).toEqual({ requests: 1 });
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);

    now = later(2);
    expect(await p.runFinished()).toEqual({ requests: 0 });
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });

  it('gives up on a git command that hangs, after the configured timeout', async () => {
    // git runs this through a shell, with the host and command after it: comment those out
    process.env.GIT_SSH_COMMAND = 'sleep 30 #';
    await expect(
      runGit(
        [
          'clone',
          '--bare',
          '--',
          'ssh://git.test.example/acme/portal.git',
          path.join(work, 'hang'),
        ],
        { timeoutMs: 300 },
      ),
    ).rejects.toThrow('git clone timed out after 0.3 s');
  });

  it('tells the entity plainly why a clone failed, and keeps git’s own words for the log', async () => {
    const remotes = path.join(work, 'remotes-empty');
    fs.mkdirSync(remotes);
    mapRemotes(remotes);
    const logger = mockServices.logger.mock();
    const p = fromConfig(
      new ConfigReader({
        innersource: {
          git: {
            allowedHosts: ['git.test.example'],
            cacheDir: path.join(work, 'cache'),
          },
        },
      }),
      { logger },
    );
    const result = await collectOne(
      p,
      request({
        type: 'url',
        host: 'git.test.example',
        url: 'https://git.test.example/acme/missing.git',
      }),
    );
    if (result.outcome !== 'failed') throw new Error(JSON.stringify(result));
    expect(result.error).not.toContain(work);
    expect(result.error).not.toContain('fatal');
    expect(result.error).toMatch(/backend log|not found/);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^git could not read the repository of component:default\/portal: git clone failed/,
      ),
    );
  });

  it('scopes a token to the repository URL, so git sends it nowhere else, a redirect included', async () => {
    const config = gitAuthConfig(
      'x-access-token:secret',
      'https://github.com/acme/portal.git',
    );
    const headerFor = (url: string) =>
      runGit(['config', '--get-urlmatch', 'http.extraHeader', url], {
        timeoutMs: 5000,
        cwd: work,
        config,
      }).then(
        out => out.trim(),
        () => '',
      );
    expect(await headerFor('https://github.com/acme/portal.git')).toMatch(
      /^Authorization: Basic /,
    );
    expect(await headerFor('https://evil.example/acme/portal.git')).toBe('');
    expect(await headerFor('https://github.com/other/repo.git')).toBe('');
  });

  it('stops a git command when the refresh run is stopped', async () => {
    process.env.GIT_SSH_COMMAND = 'sleep 30 #';
    const stop = new AbortController();
    const running = runGit(
      [
        'clone',
        '--bare',
        '--',
        'ssh://git.test.example/acme/portal.git',
        path.join(work, 'stopped'),
      ],
      { timeoutMs: 60_000, signal: stop.signal },
    );
    stop.abort();
    await expect(running).rejects.toThrow(
      'git clone stopped: the refresh was stopped',
    );
  });

  it('ends git once its answer passes the byte limit, answering what it printed so far', async () => {
    const repo = fixtureRepository();
    const full = await runGit(['log', '--format=%H %s'], {
      cwd: repo,
      timeoutMs: 5000,
    });
    const capped = await runGit(['log', '--format=%H %s'], {
      cwd: repo,
      timeoutMs: 5000,
      maxBytes: 50,
    });
    expect(full.length).toBeGreaterThan(50);
    expect(capped).toBe(full.slice(0, 50));
  });

  it('leaves the repositories of a stopped run for the next one, starting no git', async () => {
    const repo = fixtureRepository();
    const stop = new AbortController();
    stop.abort();
    const results = await provider().collect(
      [request({ type: 'path', path: repo })],
      { signal: stop.signal },
    );
    expect(results).toEqual([
      {
        entityRef: 'component:default/portal',
        outcome: 'deferred',
        reason: 'the refresh run was stopped before this repository',
      },
    ]);
  });

  it('passes a token to git through the environment, never the command line', async () => {
    const header = await runGit(['config', '--get', 'http.extraHeader'], {
      timeoutMs: 5000,
      cwd: work,
      config: [['http.extraHeader', 'Authorization: Basic c2VjcmV0']],
    });
    expect(header.trim()).toBe('Authorization: Basic c2VjcmV0');
  });

  it('does not support URLs on hosts nobody allowed', () => {
    expect(
      provider().supports({
        type: 'url',
        host: 'evil.example',
        url: 'https://evil.example/x.git',
      }),
    ).toBe(false);
    expect(
      provider().supports({ type: 'github', host: 'github.com', slug: 'a/b' }),
    ).toBe(false);
  });
});

describe('parseCloneTarget', () => {
  const allowed = new Set([
    'github.com',
    'git.acme.example',
    'gitlab.acme.example',
  ]);

  it.each([
    [
      'https://github.com/acme/portal',
      {
        cloneUrl: 'https://github.com/acme/portal',
        host: 'github.com',
        subPath: '',
        webUrl: 'https://github.com/acme/portal',
      },
    ],
    [
      'https://github.com/acme/portal/tree/main/',
      {
        cloneUrl: 'https://github.com/acme/portal',
        host: 'github.com',
        subPath: '',
        webUrl: 'https://github.com/acme/portal',
      },
    ],
    [
      'https://github.com/acme/portal/tree/main/plugins/search/',
      {
        cloneUrl: 'https://github.com/acme/portal',
        host: 'github.com',
        subPath: 'plugins/search',
        webUrl: 'https://github.com/acme/portal',
      },
    ],
    [
      'https://gitlab.acme.example/group/sub/project/-/tree/main/docs',
      {
        cloneUrl: 'https://gitlab.acme.example/group/sub/project',
        host: 'gitlab.acme.example',
        subPath: 'docs',
        webUrl: 'https://gitlab.acme.example/group/sub/project',
      },
    ],
    [
      'ssh://git@git.acme.example/team/repo.git',
      {
        cloneUrl: 'ssh://git@git.acme.example/team/repo.git',
        host: 'git.acme.example',
        subPath: '',
      },
    ],
    [
      'git@git.acme.example:team/repo.git',
      {
        cloneUrl: 'git@git.acme.example:team/repo.git',
        host: 'git.acme.example',
        subPath: '',
      },
    ],
  ])('clones %s', (url, expected) => {
    expect(parseCloneTarget(url, allowed)).toEqual(expected);
  });

  it.each([
    [
      'http://github.com/acme/portal',
      'http://github.com/acme/portal uses http; only https and ssh repositories are cloned',
    ],
    [
      'file:///etc/passwd',
      'file:///etc/passwd uses file; only https and ssh repositories are cloned',
    ],
    [
      'ext::sh -c touch% /tmp/pwned',
      'ext::sh -c touch% /tmp/pwned is not a repository URL',
    ],
    [
      '--upload-pack=touch /tmp/pwned',
      '--upload-pack=touch /tmp/pwned is not a repository URL',
    ],
    [
      'https://evil.example/acme/portal',
      'https://evil.example/acme/portal is on evil.example, which is neither in integrations nor in innersource.git.allowedHosts',
    ],
    [
      'git@evil.example:acme/portal.git',
      'git@evil.example:acme/portal.git is on evil.example, which is neither in integrations nor in innersource.git.allowedHosts',
    ],
    [
      'https://user:hunter2@github.com/acme/portal',
      'https://github.com/… carries a password; configure credentials in integrations instead',
    ],
    [
      'https://github.com/acme/portal/tree/main/../../etc',
      'https://github.com/acme/portal/tree/main/../../etc points outside its repository',
    ],
  ])('refuses %s', (url, error) => {
    expect(parseCloneTarget(url, allowed)).toEqual({ error });
  });
});
