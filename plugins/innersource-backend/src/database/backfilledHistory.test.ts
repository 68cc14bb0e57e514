import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { collectedEntry, projectMetrics, projectRecord } from './__testUtils__/fixtures';
import { openSnapshotStore } from './SnapshotStore';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';

jest.setTimeout(60_000);

const MIGRATION = '20261129000000_history_backfilled.js';
const T0 = new Date('2026-11-20T10:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const week = (n: number) => day(-7 * n);
const portal = projectRecord('portal');

/** What a first collection backfills for the week ending `at`: commit metrics only. */
const backfilled = (at: Date, commits: number) => ({
  at,
  metrics: {
    commits,
    contributors: 2,
    outsideContributors: 1,
    unmappedContributors: 0,
    outsideContributionShare: 0.25,
    contributorAbsenceFactor: 1,
  },
});

describe('backfilled history', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.writer.upsertProjects([portal], T0);
    return { store, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('serves a first collection’s backfilled weeks before its snapshot, marked, the other metrics unknown', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.saveManyCollected([
        collectedEntry(portal, T0, 70, {
          metrics: projectMetrics({ commits: 9 }),
          backfill: [backfilled(week(2), 4), backfilled(week(1), 6)],
        }),
      ]);

      const history = (metric: 'commits' | 'pullRequestsOpened') =>
        store.reader.getMetricHistory(portal.entityRef, metric, week(3));
      expect(await history('commits')).toEqual([
        { at: week(2).toISOString(), value: 4, backfilled: true },
        { at: week(1).toISOString(), value: 6, backfilled: true },
        { at: T0.toISOString(), value: 9 },
      ]);
      expect((await history('pullRequestsOpened')).map(p => p.value)).toEqual([
        null,
        null,
        projectMetrics().pullRequestsOpened,
      ]);
      // the project's latest snapshot is the real one
      expect(
        await store.reader.getProjectSummary(portal.entityRef),
      ).toMatchObject({ score: 70, metrics: { commits: 9 } });
    });

    it('never backfills a week that has a real snapshot, and a later backfill replaces only backfilled rows', async () => {
      const { store } = await createStore(databaseId);
      // 10 days before: in the week that ends 7 days before, which keeps only it
      await store.writer.saveManyCollected([
        collectedEntry(portal, day(-10), 55, {
          metrics: projectMetrics({ commits: 3 }),
        }),
      ]);
      await store.writer.saveManyCollected([
        collectedEntry(portal, T0, 70, {
          metrics: projectMetrics({ commits: 9 }),
          backfill: [
            backfilled(week(3), 1),
            backfilled(week(2), 2),
            backfilled(week(1), 5),
          ],
        }),
      ]);
      const points = async () =>
        (
          await store.reader.getMetricHistory(
            portal.entityRef,
            'commits',
            week(4),
          )
        ).map(p => [p.at, p.value, p.backfilled ?? false]);
      expect(await points()).toEqual([
        [week(3).toISOString(), 1, true],
        [week(2).toISOString(), 2, true],
        [day(-10).toISOString(), 3, false],
        [T0.toISOString(), 9, false],
      ]);

      // the refresh of a project collected afresh (forgotten, say) backfills again
      await store.writer.saveManyCollected([
        collectedEntry(portal, day(1), 71, {
          metrics: projectMetrics({ commits: 10 }),
          backfill: [backfilled(day(-20), 8), backfilled(day(-6), 8)],
        }),
      ]);
      expect(await points()).toEqual([
        [day(-20).toISOString(), 8, true],
        [day(-10).toISOString(), 3, false],
        [T0.toISOString(), 9, false],
        [day(1).toISOString(), 10, false],
      ]);
    });

    it('lets a real snapshot of the same day replace a backfilled point', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.saveManyCollected([
        collectedEntry(portal, T0, 70, {
          backfill: [backfilled(week(1), 6)],
        }),
      ]);
      const sameDay = new Date(week(1).getTime() + 3_600_000);
      await store.writer.saveManyCollected([
        collectedEntry(portal, sameDay, 60, {
          metrics: projectMetrics({ commits: 7 }),
        }),
      ]);
      expect(
        await store.reader.getMetricHistory(
          portal.entityRef,
          'commits',
          week(2),
        ),
      ).toEqual([
        { at: sameDay.toISOString(), value: 7 },
        { at: T0.toISOString(), value: projectMetrics().commits },
      ]);
    });
  });
});

describe(`migration ${MIGRATION}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const snapshot = (n: number) => ({
    entity_ref: portal.entityRef,
    collected_at: day(n).toISOString(),
    score: 50 + n,
    tier_name: 'Growing',
    metrics: JSON.stringify({ commits: n }),
  });
  const rows = (knex: Knex) =>
    knex('innersource_snapshots')
      .select('collected_at', 'score', 'tier_name', 'metrics', 'backfilled')
      .orderBy('collected_at');

  it.each(databases.eachSupportedId())(
    'on %p, keeps stored snapshots as real ones, allows a point without score, and goes back down without the backfilled rows',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_snapshots').insert([snapshot(1), snapshot(2)]);

      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });

      expect(
        (await rows(knex)).map(r => [r.score, Boolean(r.backfilled)]),
      ).toEqual([
        [51, false],
        [52, false],
      ]);
      await knex('innersource_snapshots').insert({
        entity_ref: portal.entityRef,
        collected_at: day(0).toISOString(),
        score: null,
        tier_name: null,
        metrics: JSON.stringify({ commits: 4 }),
        backfilled: true,
      });
      expect(await rows(knex)).toHaveLength(3);

      await knex.migrate.down({ ...MIGRATIONS, name: MIGRATION });

      expect(
        (await knex('innersource_snapshots').select('score', 'tier_name')).sort(
          (a, b) => a.score - b.score,
        ),
      ).toEqual([
        { score: 51, tier_name: 'Growing' },
        { score: 52, tier_name: 'Growing' },
      ]);
      // By message, not toThrow(): once better-sqlite3 was loaded by an earlier
      // test file in the same worker, its errors are Errors of another realm.
      await expect(
        knex('innersource_snapshots').insert({ ...snapshot(3), score: null }),
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/NOT NULL constraint failed|not-null constraint/),
      );
      // and up again, as an upgrade after a downgrade would
      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });
      expect(await rows(knex)).toHaveLength(2);
    },
  );
});
