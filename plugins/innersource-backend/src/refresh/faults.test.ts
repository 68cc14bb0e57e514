import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseScoringConfig } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { openSnapshotStore } from '../database/SnapshotStore';
import { readSettings } from '../settings';
import {
  facts,
  org,
  payments,
  portal,
  ScriptedProvider,
} from './__testUtils__/fixtures';

// Killing connections is PostgreSQL's (SQLite is a file in the same process).
import { ProviderRegistry } from './ProviderRegistry';
import { RefreshJob } from './RefreshJob';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const T1 = new Date('2026-11-25T10:00:00.000Z');
const T2 = new Date('2026-11-26T10:00:00.000Z');

/** What a reader is served: every stored row a refresh writes, counted. */
async function storedRows(knex: Knex) {
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);
  return {
    snapshots: await count('innersource_snapshots'),
    tasks: await count('innersource_tasks'),
    contributors: await count('innersource_contributors'),
    scored: Number(
      (
        await knex('innersource_projects')
          .whereNotNull('score')
          .count({ n: '*' })
      )[0].n,
    ),
  };
}

describe('a refresh under faults', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on %p, the database going away mid-run loses nothing, and the next run recovers by itself',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await openSnapshotStore({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      let now = T0;
      const clock = () => now;
      const provider = new ScriptedProvider();
      const answer = (r: { entityRef: string }) => ({
        entityRef: r.entityRef,
        outcome: 'collected' as const,
        facts: facts(clock(), 3, 1),
      });
      provider.script.set('component:default/portal', answer);
      provider.script.set('component:default/payments', answer);
      const logger = mockServices.logger.mock();
      const job = new RefreshJob({
        catalog: catalogServiceMock({ entities: [...org, portal, payments] }),
        auth: mockServices.auth(),
        logger,
        store: store.writer,
        providers: new ProviderRegistry([provider]),
        settings: readSettings(new ConfigReader({})),
        scoring: parseScoringConfig(undefined),
        now: clock,
      });
      await job.run();
      const before = await storedRows(knex);
      expect(before.scored).toBe(2);

      // The next run's forge answers, then every connection to the database is cut.
      now = T1;
      provider.onCollect = () => {
        provider.onCollect = undefined;
        provider.gate = knex
          .raw(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
          )
          .then(() => knex.raw('select pg_terminate_backend(pg_backend_pid())'))
          .then(
            () => undefined,
            () => undefined,
          );
      };
      const failure = await job.run().then(
        () => undefined,
        (error: Error) => error,
      );
      provider.gate = undefined;
      expect(failure?.message).toMatch(/terminat|connection/i);

      // A reader is served the last good data: nothing lost, nothing half-written.
      const after = await storedRows(knex);
      expect(after).toEqual(before);

      now = T2;
      await job.run();
      const recovered = await storedRows(knex);
      expect(recovered.scored).toBe(2);
      expect(recovered.snapshots).toBe(before.snapshots + 2);
    },
  );
});
