import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseScoringConfig } from '@innersource-for-backstage/plugin-innersource-common';
import { openSnapshotStore } from '../database/SnapshotStore';
import { GitProvider } from '../providers/git';
import { readSettings } from '../settings';
import { org, project } from './__testUtils__/fixtures';
import { ProviderRegistry } from './ProviderRegistry';
import { RefreshJob } from './RefreshJob';

jest.setTimeout(120_000);

// The refresh job with the real git provider over a real repository: what a
// `dir:` entity may collect depends on where the catalog read it.

const NOW = new Date();
const TABLES = [
  'innersource_snapshots',
  'innersource_tasks',
  'innersource_contributors',
];

let work: string;

function git(cwd: string, args: string[]) {
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Erin',
      GIT_AUTHOR_EMAIL: 'erin@acme.example',
      GIT_COMMITTER_NAME: 'Erin',
      GIT_COMMITTER_EMAIL: 'erin@acme.example',
    },
  });
}

/** `<work>/repos/key-rotation`: a repository only its own entity may show. */
function restrictedRepository(): string {
  const repo = path.join(work, 'repos', 'key-rotation');
  fs.mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  fs.writeFileSync(path.join(repo, 'README.md'), '# Key rotation\n');
  git(repo, ['add', 'README.md']);
  git(repo, ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'start']);
  return repo;
}

const configuredFile = () => path.join(work, 'catalog', 'entities.yaml');

/** As the catalog annotates an entity it read from that location. */
function readFrom(location: string, sourceLocation: string) {
  return {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
    'backstage.io/source-location': sourceLocation,
  };
}

describe('RefreshJob with the git provider: folders', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  beforeEach(() => {
    work = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-folders-')),
    );
  });
  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function setUp(databaseId: string, entities: Entity[]) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const job = (innersource: Record<string, unknown> = {}) =>
      new RefreshJob({
        catalog: catalogServiceMock({ entities: [...org, ...entities] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        store: store.writer,
        providers: new ProviderRegistry([
          GitProvider.fromConfig(
            new ConfigReader({
              catalog: {
                locations: [{ type: 'file', target: configuredFile() }],
              },
              innersource: {
                git: {
                  localRoots: [work],
                  cacheDir: path.join(work, 'cache'),
                  ...innersource,
                },
              },
            }),
            { logger: mockServices.logger.mock() },
          ),
        ]),
        settings: readSettings(new ConfigReader({})),
        scoring: parseScoringConfig(undefined),
        now: () => NOW,
      });
    const stored = async (entityRef: string) =>
      Object.fromEntries(
        await Promise.all(
          TABLES.map(
            async table =>
              [
                table,
                (await knex(table).where({ entity_ref: entityRef })).length,
              ] as const,
          ),
        ),
      );
    return { store, job, stored };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('collects a folder for the entity of a configured location, named under its root, and refuses it to one registered by URL, storing nothing of it', async () => {
      const repo = restrictedRepository();
      const own = project(
        'restricted-project',
        readFrom(`file:${configuredFile()}`, 'dir:../repos/key-rotation'),
      );
      const republished = project(
        'kr',
        readFrom(
          'url:https://github.com/mallory/catalog/blob/main/catalog-info.yaml',
          `dir:${repo}`,
        ),
      );
      const { store, job, stored } = await setUp(databaseId, [
        own,
        republished,
      ]);

      const counts = await job().run();

      expect(counts).toMatchObject({ collected: 1, failed: 1 });
      const collected = (await store.reader.getProjectSummary(
        'component:default/restricted-project',
      ))!;
      expect(collected.score).not.toBeNull();
      expect(collected.repository).toEqual({
        provider: 'git',
        name: 'repos/key-rotation',
      });
      expect(JSON.stringify(collected)).not.toContain(work);

      const refused = (await store.reader.getProjectSummary(
        'component:default/kr',
      ))!;
      expect(refused).toMatchObject({
        status: 'failed',
        score: null,
        metrics: null,
        repository: null,
        errors: [
          {
            message: expect.stringMatching(
              /^its dir: source location is not collected: .* never for one registered through the catalog API or by URL\.$/,
            ),
          },
        ],
      });
      expect(await stored('component:default/kr')).toEqual({
        innersource_snapshots: 0,
        innersource_tasks: 0,
        innersource_contributors: 0,
      });
      expect(
        (await stored('component:default/restricted-project'))
          .innersource_snapshots,
      ).toBeGreaterThan(0);
    });

    it('collects a folder innersource.git.folders names for an entity registered by URL, and forgets all of it once the rule is gone', async () => {
      const repo = restrictedRepository();
      const named = project(
        'key-rotation',
        readFrom(
          'url:https://github.com/acme/key-rotation/blob/main/catalog-info.yaml',
          `dir:${repo}`,
        ),
      );
      const { store, job, stored } = await setUp(databaseId, [named]);

      await job({
        folders: [{ path: repo, entities: ['component:default/key-rotation'] }],
      }).run();
      expect(
        (await stored('component:default/key-rotation')).innersource_snapshots,
      ).toBeGreaterThan(0);
      expect(
        (await store.reader.getProjectSummary(
          'component:default/key-rotation',
        ))!.repository,
      ).toEqual({ provider: 'git', name: 'repos/key-rotation' });

      await job().run();

      expect(await stored('component:default/key-rotation')).toEqual({
        innersource_snapshots: 0,
        innersource_tasks: 0,
        innersource_contributors: 0,
      });
      expect(
        await store.reader.getProjectSummary('component:default/key-rotation'),
      ).toMatchObject({ status: 'failed', score: null, repository: null });
    });
  });
});
