import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { openSnapshotStore } from './SnapshotStore';
import {
  MIGRATIONS as migrations,
  migrateUpToBefore,
} from './__testUtils__/migrations';

jest.setTimeout(60_000);

const HISTORY_BY_KEY = '20261127000000_history_by_key.js';

const REF = 'component:default/portal';

/** A history row as stored before the migration: values in the old positional order. */
function positionalRow(day: number, metrics: Array<number | null>) {
  return {
    entity_ref: REF,
    collected_at: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    score: 50,
    tier_name: 'Growing',
    metrics: JSON.stringify(metrics),
  };
}

// commits … watchers, in the order NUMERIC_METRICS had when history was positional
const FULL = [
  12, 4, 1, 0, 0.125, 0.6667, 5.5, 30, 2, 3, 8, 6, 7, 2, 1, 4, 12, 3, 5,
];
const SPARSE = [
  9,
  2,
  null,
  1,
  null,
  null,
  null,
  null,
  1,
  null,
  null,
  null,
  null,
  0,
  0,
  40,
  null,
  null,
  null,
];

const storedMetrics = async (knex: Knex) =>
  (await knex('innersource_snapshots').select('metrics').orderBy('id')).map(
    row => JSON.parse(row.metrics),
  );

describe('migration 20261127000000_history_by_key', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function beforeMigration(rows: ReturnType<typeof positionalRow>[]) {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, HISTORY_BY_KEY);
      await knex.batchInsert('innersource_snapshots', rows, 50);
      return knex;
    }

    it('rewrites positional history rows as objects by metric key, leaving unknown values out', async () => {
      const knex = await beforeMigration([
        positionalRow(1, FULL),
        positionalRow(2, SPARSE),
        positionalRow(3, []),
      ]);

      await knex.migrate.up({ ...migrations, name: HISTORY_BY_KEY });

      expect(await storedMetrics(knex)).toEqual([
        {
          commits: 12,
          contributors: 4,
          outsideContributors: 1,
          unmappedContributors: 0,
          outsideContributionShare: 0.125,
          changeRequestAcceptanceRatio: 0.6667,
          medianTimeToFirstResponseHours: 5.5,
          medianTimeToMergeHours: 30,
          contributorAbsenceFactor: 2,
          newContributors: 3,
          pullRequestsOpened: 8,
          pullRequestsMerged: 6,
          issuesOpened: 7,
          openHelpWanted: 2,
          openGoodFirstIssues: 1,
          daysSinceLastActivity: 4,
          stars: 12,
          forks: 3,
          watchers: 5,
        },
        {
          commits: 9,
          contributors: 2,
          unmappedContributors: 1,
          contributorAbsenceFactor: 1,
          openHelpWanted: 0,
          openGoodFirstIssues: 0,
          daysSinceLastActivity: 40,
        },
        {},
      ]);
    });

    it('serves the migrated history through the store, metric by metric', async () => {
      const knex = await beforeMigration([
        positionalRow(1, FULL),
        positionalRow(2, SPARSE),
      ]);
      const { reader } = await openSnapshotStore({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      const since = new Date('2026-11-01T00:00:00.000Z');
      const history = (metric: 'commits' | 'stars' | 'daysSinceLastActivity') =>
        reader.getMetricHistory(REF, metric, since);

      expect(await history('commits')).toEqual([
        { at: '2026-11-01T10:00:00.000Z', value: 12 },
        { at: '2026-11-02T10:00:00.000Z', value: 9 },
      ]);
      expect(await history('stars')).toEqual([
        { at: '2026-11-01T10:00:00.000Z', value: 12 },
        { at: '2026-11-02T10:00:00.000Z', value: null },
      ]);
      expect(await history('daysSinceLastActivity')).toEqual([
        { at: '2026-11-01T10:00:00.000Z', value: 4 },
        { at: '2026-11-02T10:00:00.000Z', value: 40 },
      ]);
    });

    it('rewrites every row of a long history, batch after batch', async () => {
      const rows = Array.from({ length: 450 }, (_, i) =>
        positionalRow(1 + (i % 28), [i, ...FULL.slice(1)]),
      );
      const knex = await beforeMigration(rows);

      await knex.migrate.up({ ...migrations, name: HISTORY_BY_KEY });

      const stored = await storedMetrics(knex);
      expect(stored.map(row => row.commits)).toEqual(rows.map((_, i) => i));
      expect(stored.every(row => row.watchers === 5)).toBe(true);
    });

    it('turns the rows back into positional arrays on the way down, exactly as they were', async () => {
      const rows = [positionalRow(1, FULL), positionalRow(2, SPARSE)];
      const knex = await beforeMigration(rows);
      await knex.migrate.up({ ...migrations, name: HISTORY_BY_KEY });

      await knex.migrate.down({ ...migrations, name: HISTORY_BY_KEY });

      expect(
        await knex('innersource_snapshots').pluck('metrics').orderBy('id'),
      ).toEqual(rows.map(row => row.metrics));
    });

    it('drops on the way down only the metrics that never had a position', async () => {
      const knex = await beforeMigration([]);
      await knex.migrate.up({ ...migrations, name: HISTORY_BY_KEY });
      // as a later catalogue would write it: a metric added in the middle
      await knex('innersource_snapshots').insert({
        ...positionalRow(3, []),
        metrics: JSON.stringify({
          commits: 7,
          reviewComments: 11,
          watchers: 2,
        }),
      });

      await knex.migrate.down({ ...migrations, name: HISTORY_BY_KEY });

      expect(await storedMetrics(knex)).toEqual([
        [7, ...Array(17).fill(null), 2],
      ]);
    });
  });
});
