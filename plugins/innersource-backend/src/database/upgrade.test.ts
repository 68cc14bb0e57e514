import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { BadgeStore } from './BadgeStore';
import { collectedEntry, projectMetrics, projectRecord } from './__testUtils__/fixtures';
import { openSnapshotStore } from './SnapshotStore';
import { MIGRATIONS } from './__testUtils__/migrations';
import {
  fillRelease,
  migrateToRelease,
  migrationDigest,
  migrationFiles,
  RELEASED_MIGRATIONS,
  releasedMigrations,
  releaseRows,
  RELEASES,
} from './__testUtils__/releases';

jest.setTimeout(60_000);

/*
 * Upgrade safety: a database every released version left behind, with its
 * data in it (releases/<version>.json: four projects, one of them gone from
 * the catalog and one never collected, their history, contributors, tasks and
 * counts, a run with an error and a public badge token, stored on
 * 2026-11-26T09:00Z), runs the current migrations forward and reads the same
 * through the current store.
 */
const T = new Date('2026-11-26T09:00:00.000Z');
const daysAfter = (n: number) => new Date(T.getTime() + n * 86_400_000);

const PORTAL = 'component:default/portal';
const PAYMENTS = 'component:default/payments';
const DOCS = 'system:default/docs';
const LEGACY = 'component:default/legacy';

describe('released migrations', () => {
  it('are never edited: each file a release shipped is as it was', () => {
    const last = RELEASES[RELEASES.length - 1].version;
    const shipped = releasedMigrations(last);
    expect(Object.keys(RELEASED_MIGRATIONS)).toEqual(shipped);
    for (const file of shipped) {
      expect({ file, digest: migrationDigest(file) }).toEqual({
        file,
        digest: RELEASED_MIGRATIONS[file],
      });
    }
  });

  it('come first: no new migration sorts before one a release shipped', () => {
    for (const { version, lastMigration } of RELEASES) {
      const shipped = releasedMigrations(version);
      expect(shipped[shipped.length - 1]).toBe(lastMigration);
      expect(migrationFiles().slice(0, shipped.length)).toEqual(shipped);
    }
  });
});

describe.each(RELEASES.map(r => r.version))('upgrading from %s', version => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on %p, keeps every project, its history, tasks, runs and badge token readable through the current store, and goes on collecting',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateToRelease(knex, version);
      await fillRelease(knex, version);

      const store = await openSnapshotStore({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });

      const [, pending] = await knex.migrate.list(MIGRATIONS);
      expect(pending).toEqual([]);

      // projects
      expect(await store.reader.getProjectSummary(PORTAL)).toMatchObject({
        title: 'ACME portal',
        owner: 'group:default/platform-team',
        status: 'collected',
        score: 72,
        tier: { name: 'Thriving' },
        metrics: projectMetrics(),
        repository: { provider: 'github', name: 'acme/portal' },
      });
      expect(await store.reader.getProjectSummary(DOCS)).toMatchObject({
        status: 'failed',
        score: null,
        errors: [
          {
            message: expect.stringContaining('names no repository'),
          },
        ],
      });
      expect(await store.reader.getProjectSummary(LEGACY)).toBeUndefined();
      const listed = await store.reader.listProjects(
        { limit: 10, facets: true },
        'all',
      );
      expect(listed.items.map(i => i.entityRef)).toEqual([
        PORTAL,
        PAYMENTS,
        DOCS,
      ]);
      expect(listed.total).toBe(3);
      expect(listed.items.find(i => i.entityRef === PAYMENTS)).toMatchObject({
        contributions: ['Add a payment provider'],
      });

      // history: real snapshots, none of them backfilled
      expect(
        await store.reader.getMetricHistory(PORTAL, 'commits', daysAfter(-30)),
      ).toEqual([
        { at: daysAfter(-1).toISOString(), value: 50 },
        { at: T.toISOString(), value: projectMetrics().commits },
      ]);
      expect(
        await store.reader.getMetricHistory(LEGACY, 'commits', daysAfter(-30)),
      ).toEqual([{ at: daysAfter(-3).toISOString(), value: 2 }]);

      // tasks: the active projects' open help-wanted issues, with their counts
      const tasks = await store.reader.searchTasks({ limit: 10 }, 'all');
      expect(tasks.total).toBe(2);
      expect(tasks.items.map(t => t.url).sort()).toEqual([
        'https://github.com/acme/portal/issues/101',
        'https://github.com/acme/portal/issues/102',
      ]);
      expect(tasks.facets.owners).toEqual([
        { value: 'group:default/platform-team', count: 2 },
      ]);

      // the last run and its error
      expect(await store.writer.getLatestRun()).toMatchObject({
        status: 'partial',
        collected: 2,
        failed: 1,
        errors: [{ entityRef: DOCS }],
      });

      // the public badge token still finds its project
      const [{ token }] = releaseRows(version).innersource_badge_tokens as [
        { token: string },
      ];
      const badges = new BadgeStore(knex);
      expect((await badges.getProjectByToken(token))?.entityRef).toBe(PORTAL);
      expect(await badges.getToken(PORTAL)).toBe(token);

      // and the next refresh writes as usual: a new snapshot, a first collection with backfilled weeks
      const failures = await store.writer.saveManyCollected([
        collectedEntry(projectRecord('portal'), daysAfter(1), 75, {
          metrics: projectMetrics({ commits: 60 }),
        }),
        collectedEntry(
          projectRecord('docs', { kind: 'system' }),
          daysAfter(1),
          40,
          {
            backfill: [{ at: daysAfter(-6), metrics: { commits: 4 } }],
          },
        ),
      ]);
      expect(failures).toEqual([]);
      expect(
        (
          await store.reader.getMetricHistory(PORTAL, 'commits', daysAfter(-30))
        ).map(p => p.value),
      ).toEqual([50, projectMetrics().commits, 60]);
      expect(
        await store.reader.getMetricHistory(DOCS, 'commits', daysAfter(-30)),
      ).toEqual([
        { at: daysAfter(-6).toISOString(), value: 4, backfilled: true },
        { at: daysAfter(1).toISOString(), value: projectMetrics().commits },
      ]);
      expect(await store.reader.getProjectSummary(PORTAL)).toMatchObject({
        score: 75,
      });
    },
  );
});
