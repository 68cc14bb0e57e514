import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { collectedEntry, projectMetrics, projectRecord } from './__testUtils__/fixtures';
import { openSnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-20T10:00:00.000Z');
const daysBefore = (n: number) => new Date(T0.getTime() - n * DAY_MS);
const portal = projectRecord('portal');

describe('a project summary’s trend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.writer.upsertProjects([portal], daysBefore(60));
    return store;
  }

  const collect = (at: Date, commits: number, contributors = 6) =>
    collectedEntry(portal, at, 60, {
      metrics: projectMetrics({ commits, contributors }),
    });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('is the newest point at least 28 days older than the latest snapshot, with what it recorded', async () => {
      const store = await createStore(databaseId);
      for (const entry of [
        collect(daysBefore(40), 3, 2),
        collect(daysBefore(29), 5, 4),
        // younger than 28 days before the latest: not the trend's point
        collect(daysBefore(27), 8, 5),
        collect(T0, 12, 6),
      ]) {
        await store.writer.saveManyCollected([entry]);
      }

      const summary = await store.reader.getProjectSummary(portal.entityRef);

      expect(summary?.metrics?.commits).toBe(12);
      expect(summary?.trend).toEqual({
        since: daysBefore(29).toISOString(),
        metrics: expect.objectContaining({ commits: 5, contributors: 4 }),
      });
      expect(summary?.trend?.metrics).not.toHaveProperty('weeklyCommits');
    });

    it('counts a backfilled week, which holds only the metrics counted from commits', async () => {
      const store = await createStore(databaseId);
      await store.writer.saveManyCollected([
        collectedEntry(portal, T0, 60, {
          metrics: projectMetrics({ commits: 12 }),
          backfill: [
            {
              at: daysBefore(35),
              metrics: {
                commits: 4,
                contributors: 2,
                outsideContributors: 1,
                unmappedContributors: 0,
                outsideContributionShare: 0.25,
                contributorAbsenceFactor: 1,
              },
            },
          ],
        }),
      ]);

      const summary = await store.reader.getProjectSummary(portal.entityRef);

      expect(summary?.trend).toEqual({
        since: daysBefore(35).toISOString(),
        backfilled: true,
        metrics: {
          commits: 4,
          contributors: 2,
          outsideContributors: 1,
          unmappedContributors: 0,
          outsideContributionShare: 0.25,
          contributorAbsenceFactor: 1,
        },
      });
    });

    it('is absent while the history is younger than the window', async () => {
      const store = await createStore(databaseId);
      await store.writer.saveManyCollected([collect(daysBefore(20), 5)]);
      await store.writer.saveManyCollected([collect(T0, 12)]);

      const summary = await store.reader.getProjectSummary(portal.entityRef);

      expect(summary?.metrics?.commits).toBe(12);
      expect(summary).not.toHaveProperty('trend');
    });
  });
});
