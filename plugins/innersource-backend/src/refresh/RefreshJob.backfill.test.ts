import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DAY_MS,
  parseScoringConfig,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { CollectRequest } from '@innersource-for-backstage/plugin-innersource-node';
import { openSnapshotStore } from '../database/SnapshotStore';
import { readSettings } from '../settings';
import { facts, org, portal, ScriptedProvider } from './__testUtils__/fixtures';
import { ProviderRegistry } from './ProviderRegistry';
import { RefreshJob } from './RefreshJob';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const ago = (days: number) => new Date(T0.getTime() - days * DAY_MS);
const commit = (sha: string, email: string, days: number) => ({
  sha,
  author: { email },
  committedAt: ago(days).toISOString(),
});

describe('RefreshJob on a first collection', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on %p, asks for the commit history of the window before it and backfills one history point a week from it, once',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await openSnapshotStore({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      const provider = new ScriptedProvider();
      let now = T0;
      const job = new RefreshJob({
        catalog: catalogServiceMock({ entities: [...org, portal] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        store: store.writer,
        providers: new ProviderRegistry([provider]),
        settings: readSettings(new ConfigReader({})),
        scoring: parseScoringConfig(undefined),
        now: () => now,
      });
      // alice is of the owning platform-team, bob of payments-team
      provider.script.set('component:default/portal', (r: CollectRequest) => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 2, 1),
        ...(r.backfill
          ? {
              history: {
                completeSince: r.backfill.since,
                commits: [
                  commit('b1', 'bob@acme.example', 10),
                  commit('a2', 'alice@acme.example', 20),
                  commit('a1', 'alice@acme.example', 100),
                ],
              },
            }
          : {}),
      }));

      await job.run();

      // 12 weeks of the 90-day window, each counting the 90 days that ended with it
      expect(provider.requests[0].backfill).toEqual({
        since: ago(84 + 90).toISOString(),
      });
      const history = (metric: 'commits' | 'outsideContributors' | 'stars') =>
        store.reader.getMetricHistory(
          'component:default/portal',
          metric,
          ago(365),
        );
      const commits = await history('commits');
      expect(commits).toHaveLength(13);
      expect(commits.slice(0, 12).every(p => p.backfilled)).toBe(true);
      expect(commits.map(p => [p.at, p.value])).toEqual([
        ...[84, 77, 70, 63, 56, 49, 42, 35, 28, 21, 14].map(days => [
          ago(days).toISOString(),
          // a1 (100 days ago) lies in each of these windows, a2 (20 days ago) in the last
          days <= 20 ? 2 : 1,
        ]),
        // a1 is 97 days before this week's end: out; a2 and b1 in
        [ago(7).toISOString(), 2],
        [T0.toISOString(), 3],
      ]);
      expect((await history('outsideContributors')).map(p => p.value)).toEqual([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
      ]);
      // not counted from commits: unknown for the backfilled weeks
      expect((await history('stars')).map(p => p.value)).toEqual([
        ...Array(12).fill(null),
        10,
      ]);

      now = new Date(T0.getTime() + DAY_MS);
      await job.run();

      expect(provider.requests[1].backfill).toBeUndefined();
      expect(await history('commits')).toHaveLength(14);
    },
  );
});
