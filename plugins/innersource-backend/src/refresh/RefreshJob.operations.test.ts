import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DAY_MS,
  parseScoringConfig,
} from '@innersource-for-backstage/plugin-innersource-common';
import { ABANDONED_MESSAGE } from '../database/RefreshRequestLog';
import { openSnapshotStore } from '../database/SnapshotStore';
import { readSettings } from '../settings';
import {
  facts,
  org,
  payments,
  portal,
  ScriptedProvider,
} from './__testUtils__/fixtures';
import { ProviderRegistry } from './ProviderRegistry';
import { RefreshJob } from './RefreshJob';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');

describe('RefreshJob in operation', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(
    databaseId: string,
    options: { catalog?: ReturnType<typeof catalogServiceMock.mock> } = {},
  ) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const provider = new ScriptedProvider();
    for (const entity of [portal, payments]) {
      provider.script.set(`component:default/${entity.metadata.name}`, r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(T0, 2, 1),
      }));
    }
    const logger = mockServices.logger.mock();
    const metrics = metricsServiceMock.mock();
    let now = T0;
    const job = new RefreshJob({
      catalog:
        options.catalog ??
        catalogServiceMock({ entities: [...org, portal, payments] }),
      auth: mockServices.auth(),
      logger,
      store: store.writer,
      providers: new ProviderRegistry([provider]),
      settings: readSettings(
        new ConfigReader({ innersource: { refresh: { logRetentionDays: 7 } } }),
      ),
      scoring: parseScoringConfig(undefined),
      metrics,
      now: () => now,
    });
    const runs = () => knex('innersource_refresh_runs').orderBy('id');
    return {
      knex,
      store,
      provider,
      logger,
      metrics,
      job,
      runs,
      setNow: (at: Date) => (now = at),
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('logs one line per run with what it covered, spent and took, and counts it in the metrics', async () => {
      const { job, logger, metrics, provider, setNow } = await setUp(
        databaseId,
      );
      provider.onCollect = () => setNow(new Date(T0.getTime() + 90_000));

      await job.run();

      expect(logger.info).toHaveBeenCalledWith(
        'InnerSource refresh succeeded: 2 projects, 2 changed, 0 unchanged, 0 failed, 0 deferred; ' +
          'spent scripted 1 requests 2 points; took 90.0 s',
      );
      const counter = (name: string) =>
        metrics.createCounter.mock.results[
          metrics.createCounter.mock.calls.findIndex(([n]) => n === name)
        ].value.add;
      expect(counter('innersource.refresh.runs')).toHaveBeenCalledWith(1, {
        trigger: 'schedule',
        status: 'succeeded',
      });
      expect(counter('innersource.refresh.projects')).toHaveBeenCalledWith(2, {
        trigger: 'schedule',
        outcome: 'collected',
      });
      expect(
        counter('innersource.refresh.provider.requests'),
      ).toHaveBeenCalledWith(1, { provider: 'scripted' });
    });

    it('ends the run row of a requested refresh as failed when the org directory cannot be read', async () => {
      const catalog = catalogServiceMock.mock({
        queryEntities: async () => {
          throw new Error('catalog unavailable');
        },
      });
      const { job, store, runs, logger } = await setUp(databaseId, {
        catalog,
      });
      const claim = await store.requests.claim({
        entityRef: 'component:default/portal',
        requestedBy: 'user:default/alice',
        at: T0,
        limits: { perUserPerHour: 5, globalPerHour: 5, maxConcurrent: 5 },
        abandonAfterMs: DAY_MS,
      });
      const runId = claim.outcome === 'queued' ? claim.runId : -1;

      await expect(job.refreshEntity(portal, runId)).rejects.toThrow(
        'catalog unavailable',
      );
      await expect(job.refreshEntity(payments)).rejects.toThrow(
        'catalog unavailable',
      );

      expect(await runs()).toEqual([
        expect.objectContaining({
          id: runId,
          status: 'failed',
          message: 'catalog unavailable',
          finished_at: T0.toISOString(),
        }),
        expect.objectContaining({ status: 'failed' }),
      ]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^InnerSource requested refresh of component:default\/portal failed: .*stopped by: catalog unavailable$/,
        ),
      );
    });

    it('ends a scheduled run another replica left running past the timeout', async () => {
      const { job, knex, runs, setNow } = await setUp(databaseId);
      const [{ id: lost }] = await knex('innersource_refresh_runs')
        .insert({ started_at: T0.toISOString(), status: 'running' })
        .returning('id');
      // the default schedule's timeout is 30 minutes
      setNow(new Date(T0.getTime() + 20 * 60_000));
      await job.run();
      expect((await runs())[0]).toMatchObject({ status: 'running' });

      setNow(new Date(T0.getTime() + 31 * 60_000));
      await job.run();
      expect((await runs())[0]).toMatchObject({
        id: typeof lost === 'object' ? lost.id : lost,
        status: 'failed',
        message: ABANDONED_MESSAGE,
      });
    });

    it('forgets runs and their errors older than innersource.refresh.logRetentionDays, keeping the latest', async () => {
      const { job, provider, runs, setNow, knex } = await setUp(databaseId);
      provider.script.set('component:default/payments', r => ({
        entityRef: r.entityRef,
        outcome: 'failed',
        error: 'repository not found',
      }));
      await job.run();
      const errorsOf = async (runId: number) =>
        knex('innersource_refresh_errors').where({ run_id: runId });
      const [first] = await runs();
      expect(await errorsOf(first.id)).toHaveLength(1);

      setNow(new Date(T0.getTime() + 6 * DAY_MS));
      await job.run();
      expect(await runs()).toHaveLength(2);

      setNow(new Date(T0.getTime() + 8 * DAY_MS));
      await job.run();
      const kept = await runs();
      expect(kept.map(r => r.started_at)).toEqual([
        new Date(T0.getTime() + 6 * DAY_MS).toISOString(),
        new Date(T0.getTime() + 8 * DAY_MS).toISOString(),
      ]);
      expect(await errorsOf(first.id)).toEqual([]);
    });
  });
});
