import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { HOUR_MS } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { anotherReplica } from './__testUtils__/replicas';
import { ABANDONED_MESSAGE, RefreshLimits } from './RefreshRequestLog';
import { openSnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const LIMITS: RefreshLimits = {
  perUserPerHour: 3,
  globalPerHour: 5,
  maxConcurrent: 2,
};
const ABANDON_AFTER_MS = 30 * 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('RefreshRequestLog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const claim = (
      entityRef: string,
      requestedBy = 'user:default/alice',
      at = T0,
      limits = LIMITS,
    ) =>
      store.requests.claim({
        entityRef,
        requestedBy,
        at,
        limits,
        abandonAfterMs: ABANDON_AFTER_MS,
      });
    const finish = (runId: number, at = T0) =>
      store.writer.finishRun(runId, {
        status: 'succeeded',
        finishedAt: at,
        projects: 1,
        collected: 1,
        unchanged: 0,
        failed: 0,
        deferred: 0,
      });
    return { knex, store, claim, finish };
  }

  const runIdOf = (answer: { outcome: string; runId?: number }) => {
    if (answer.outcome !== 'queued') throw new Error(answer.outcome);
    return answer.runId!;
  };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('queues a project once until its run ends, then again', async () => {
      const { claim, finish, knex } = await setUp(databaseId);

      const first = await claim('component:default/portal');
      expect(first).toEqual({ outcome: 'queued', runId: expect.any(Number) });
      expect(
        await claim('component:default/portal', 'user:default/bob'),
      ).toEqual({ outcome: 'already queued' });
      expect(await claim('component:default/payments')).toMatchObject({
        outcome: 'queued',
      });

      await finish(runIdOf(first));
      expect(await claim('component:default/portal')).toMatchObject({
        outcome: 'queued',
      });
      const row = await knex('innersource_refresh_runs')
        .where({ id: runIdOf(first) })
        .first();
      expect(row).toMatchObject({
        trigger: 'request',
        entity_ref: 'component:default/portal',
        requested_by: 'user:default/alice',
        status: 'succeeded',
      });
    });

    it('caps what one user asks for in an hour, naming the setting and when to retry', async () => {
      const { claim, finish } = await setUp(databaseId);
      for (let i = 0; i < 3; i++) {
        await finish(
          runIdOf(await claim(`component:default/p${i}`, undefined, later(i))),
        );
      }

      const capped = await claim(
        'component:default/p3',
        undefined,
        later(10 * 60_000),
      );
      expect(capped).toEqual({
        outcome: 'capped',
        message: expect.stringContaining('innersource.refresh.perUserPerHour'),
        // the first request of the hour stops counting 50 minutes later
        retryAfterSeconds: 50 * 60,
      });
      expect(
        await claim('component:default/p3', 'user:default/bob', later(1)),
      ).toMatchObject({ outcome: 'queued' });
      expect(
        await claim('component:default/p4', undefined, later(HOUR_MS + 1)),
      ).toMatchObject({ outcome: 'queued' });
    });

    it('caps what everyone asks for in an hour', async () => {
      const { claim, finish } = await setUp(databaseId);
      for (let i = 0; i < 5; i++) {
        await finish(
          runIdOf(await claim(`component:default/p${i}`, `user:default/u${i}`)),
        );
      }
      expect(
        await claim('component:default/p5', 'user:default/u5'),
      ).toMatchObject({
        outcome: 'capped',
        message: expect.stringContaining('innersource.refresh.globalPerHour'),
      });
    });

    it('caps the requested refreshes running at once', async () => {
      const { claim, finish } = await setUp(databaseId);
      const first = runIdOf(await claim('component:default/a', 'user:x/a'));
      await claim('component:default/b', 'user:x/b');
      expect(await claim('component:default/c', 'user:x/c')).toMatchObject({
        outcome: 'capped',
        message: expect.stringContaining('innersource.refresh.maxConcurrent'),
        retryAfterSeconds: 60,
      });
      await finish(first);
      expect(await claim('component:default/c', 'user:x/c')).toMatchObject({
        outcome: 'queued',
      });
    });

    it('ends a run its replica left running past the timeout, and queues the project again', async () => {
      const { claim, knex } = await setUp(databaseId);
      const lost = runIdOf(await claim('component:default/portal'));

      expect(
        await claim('component:default/portal', undefined, later(60_000)),
      ).toEqual({ outcome: 'already queued' });
      const again = await claim(
        'component:default/portal',
        undefined,
        later(ABANDON_AFTER_MS + 1),
      );

      expect(again).toMatchObject({ outcome: 'queued' });
      expect(
        await knex('innersource_refresh_runs').where({ id: lost }).first(),
      ).toMatchObject({ status: 'failed', message: ABANDONED_MESSAGE });
    });

    it('queues a project once when replicas are asked at the same moment', async () => {
      const { knex, claim, store } = await setUp(databaseId);
      const replica = anotherReplica(knex);
      const other = await openSnapshotStore({
        database: mockServices.database.mock({
          getClient: async () => replica.knex,
        }),
        skipMigrations: true,
      });
      const unlimited = { ...LIMITS, maxConcurrent: 100, globalPerHour: 100 };
      try {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : store).requests.claim({
              entityRef: 'component:default/portal',
              requestedBy: `user:default/u${i}`,
              at: T0,
              limits: unlimited,
              abandonAfterMs: ABANDON_AFTER_MS,
            }),
          ),
        );
        expect(answers.filter(a => a.outcome === 'queued')).toHaveLength(1);
        expect(
          answers.filter(a => a.outcome === 'already queued'),
        ).toHaveLength(9);
        expect(await runningRequests(knex)).toBe(1);
        expect(await claim('component:default/other')).toMatchObject({
          outcome: 'queued',
        });
      } finally {
        await replica.destroy();
      }
    });
  });
});

async function runningRequests(knex: Knex) {
  const [{ n }] = await knex('innersource_refresh_runs')
    .where({ trigger: 'request', status: 'running' })
    .count({ n: '*' });
  return Number(n);
}
