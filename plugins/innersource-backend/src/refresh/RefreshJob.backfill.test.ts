import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { GitProvider } from '../providers/git';
import {
  facts,
  org,
  portal,
  project,
  ScriptedProvider,
} from './__testUtils__/fixtures';
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

  it.each(databases.eachSupportedId())(
    'on %p, gives a local git repository a history chart with a point a week on its first collection',
    async databaseId => {
      const work = fs.realpathSync(
        fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-backfill-')),
      );
      try {
        const repo = path.join(work, 'portal');
        fs.mkdirSync(repo);
        const git = (args: string[], daysAgo?: number, who = 'alice') => {
          const date =
            daysAgo === undefined
              ? undefined
              : new Date(Date.now() - daysAgo * DAY_MS).toISOString();
          execFileSync('git', args, {
            cwd: repo,
            env: {
              ...process.env,
              GIT_AUTHOR_NAME: who,
              GIT_AUTHOR_EMAIL: `${who}@acme.example`,
              GIT_COMMITTER_NAME: who,
              GIT_COMMITTER_EMAIL: `${who}@acme.example`,
              ...(date
                ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
                : {}),
            },
          });
        };
        git(['init', '-q', '-b', 'main']);
        // bob is of payments-team: an outside contributor to platform-team's portal
        const days = [150, 120, 100, 80, 60, 45, 30, 20, 10, 3];
        for (const [i, age] of days.entries()) {
          fs.writeFileSync(path.join(repo, 'CHANGELOG.md'), `change ${i}`);
          git(['add', 'CHANGELOG.md']);
          git(
            ['commit', '-q', '-m', `change ${i}`],
            age,
            i % 3 ? 'alice' : 'bob',
          );
        }

        const knex = await databases.init(databaseId);
        const store = await openSnapshotStore({
          database: mockServices.database.mock({
            getClient: async () => knex,
          }),
        });
        const config = new ConfigReader({
          innersource: {
            git: {
              localRoots: [work],
              // the folder is the operator's: it lets this entity read it
              folders: [{ path: repo, entities: ['component:default/portal'] }],
            },
          },
        });
        const job = new RefreshJob({
          catalog: catalogServiceMock({
            entities: [
              ...org,
              project('portal', {
                'backstage.io/source-location': `dir:${repo}`,
              }),
            ],
          }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          store: store.writer,
          providers: new ProviderRegistry([
            GitProvider.fromConfig(config, {
              logger: mockServices.logger.mock(),
            }),
          ]),
          settings: readSettings(config),
          scoring: parseScoringConfig(undefined),
        });

        expect(await job.run()).toMatchObject({ collected: 1, failed: 0 });

        const history = await store.reader.getMetricHistory(
          'component:default/portal',
          'commits',
          new Date(Date.now() - 365 * DAY_MS),
        );
        // each week's 90 days, from 12 weeks ago: 150, 120 and 100 days ago in the first
        expect(history.map(p => [p.value, Boolean(p.backfilled)])).toEqual([
          ...[3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6].map(n => [n, true]),
          [7, false],
        ]);
        const outside = await store.reader.getMetricHistory(
          'component:default/portal',
          'outsideContributors',
          new Date(Date.now() - 365 * DAY_MS),
        );
        expect(outside.every(p => p.value === 1)).toBe(true);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  );
});
