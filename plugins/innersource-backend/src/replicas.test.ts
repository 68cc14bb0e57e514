import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { innersourceProvidersExtensionPoint } from '@innersource-for-backstage/plugin-innersource-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { anotherReplica } from './database/__testUtils__/replicas';
import { ABANDONED_MESSAGE } from './database/RefreshRequestLog';
import { innersourcePlugin } from './plugin';
import {
  facts,
  org,
  payments,
  portal,
  ScriptedProvider,
} from './refresh/__testUtils__/fixtures';

jest.setTimeout(180_000);

const PORTAL = 'component:default/portal';
const PROJECTS = [PORTAL, 'component:default/payments'];
/** Short enough for a test to outlive: a replica's lost claim frees after the timeout. */
const SCHEDULE = {
  frequency: { seconds: 1 },
  timeout: { seconds: 5 },
  initialDelay: { seconds: 0 },
};

interface Replica {
  name: string;
  provider: ScriptedProvider;
  server: Parameters<typeof request>[0];
  scheduler: SchedulerService;
  knex: Knex;
  stop(): Promise<void>;
}

/** One backend with the real plugin and Backstage's real scheduler, on its own pool to the shared database. */
async function startReplica(shared: Knex, name: string): Promise<Replica> {
  const pool = anotherReplica(shared, name);
  const provider = new ScriptedProvider();
  for (const ref of PROJECTS) {
    provider.script.set(ref, r => ({
      entityRef: r.entityRef,
      outcome: 'collected',
      facts: facts(new Date(), 3, 1),
    }));
  }
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      innersourcePlugin,
      createBackendModule({
        pluginId: 'innersource',
        moduleId: 'scripted-forge',
        register(reg) {
          reg.registerInit({
            deps: {
              providers: innersourceProvidersExtensionPoint,
              pluginScheduler: coreServices.scheduler,
            },
            async init({ providers, pluginScheduler }) {
              providers.addProvider(provider);
              scheduler = pluginScheduler;
            },
          });
        },
      }),
      catalogServiceMock.factory({ entities: [...org, portal, payments] }),
      mockServices.database.factory({ knex: pool.knex }),
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: { innersource: { schedule: SCHEDULE } },
      }),
    ],
  });
  return {
    name,
    provider,
    server: backend.server,
    scheduler: scheduler!,
    knex: pool.knex,
    async stop() {
      await backend.stop();
      await pool.destroy();
    },
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => (resolve = r));
  return { promise, resolve };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

const runs = (knex: Knex) => knex('innersource_refresh_runs').orderBy('id');
const user = mockCredentials.user.header('user:default/alice');

const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });
const describeOnPostgres = postgres.eachSupportedId().length
  ? describe
  : describe.skip;
if (!postgres.eachSupportedId().length) {
  // eslint-disable-next-line no-console
  console.warn(
    'replicas.test.ts needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (.ci/run does)',
  );
}

describeOnPostgres('two replicas on one PostgreSQL database', () => {
  let replicas: Replica[] = [];
  let shared: Knex;

  beforeEach(async () => {
    shared = await postgres.init('POSTGRES_15');
  });

  afterEach(async () => {
    for (const replica of replicas) {
      replica.provider.gate = undefined;
      await replica.stop().catch(() => {});
    }
    replicas = [];
  });

  async function startBoth(gate?: Promise<void>) {
    replicas = await Promise.all(
      ['replica-a', 'replica-b'].map(async name => {
        const replica = await startReplica(shared, name);
        replica.provider.gate = gate;
        return replica;
      }),
    );
    return replicas;
  }

  it('runs the migrations once when both start at the same moment', async () => {
    await startBoth();

    const applied = await shared('innersource_knex_migrations').select('name');
    const names = applied.map(m => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect(
      await shared('innersource_knex_migrations_lock').first('is_locked'),
    ).toEqual({ is_locked: 0 });
  });

  it('runs the scheduled refresh on one replica at a time', async () => {
    const [a, b] = await startBoth();
    const overlap = { collecting: 0, most: 0 };
    // a forge that takes a while, so overlapping runs would show
    const slowly =
      (collect: ScriptedProvider['collect']): ScriptedProvider['collect'] =>
      async requests => {
        overlap.collecting += 1;
        overlap.most = Math.max(overlap.most, overlap.collecting);
        try {
          await new Promise(r => setTimeout(r, 200));
          return await collect(requests);
        } finally {
          overlap.collecting -= 1;
        }
      };
    for (const { provider } of [a, b]) {
      provider.collect = slowly(provider.collect.bind(provider));
    }

    const scheduled = await waitFor('four scheduled runs', async () => {
      const done = (await runs(shared)).filter(
        r => r.trigger === 'schedule' && r.status !== 'running',
      );
      return done.length >= 4 && done;
    });

    expect(overlap.most).toBe(1);
    expect(scheduled.every(r => r.status === 'succeeded')).toBe(true);
    for (let i = 1; i < scheduled.length; i++) {
      expect(scheduled[i].started_at >= scheduled[i - 1].finished_at).toBe(
        true,
      );
    }
  });

  it('lets a requested refresh and the scheduled one write the same project at once, and both replicas answer the same', async () => {
    const gate = deferred();
    const [a, b] = await startBoth(gate.promise);
    const inFlight = () =>
      a.provider.requests.length + b.provider.requests.length;
    // the scheduled run holds both projects at the forge, on whichever replica claimed it
    await waitFor('the scheduled run at the forge', () => inFlight() === 2);

    const res = await request(b.server)
      .post('/api/innersource/refresh/default/component/portal')
      .set('Authorization', user);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'queued' });
    expect(
      (
        await request(a.server)
          .post('/api/innersource/refresh/default/component/portal')
          .set('Authorization', user)
      ).body,
    ).toEqual({ status: 'already queued' });
    await waitFor('the requested refresh at the forge', () => inFlight() === 3);

    // both now write portal's snapshot, contributors and tasks together
    gate.resolve();
    const ended = await waitFor('both runs ended', async () => {
      const all = await runs(shared);
      const first = all.find(r => r.trigger === 'schedule');
      const requested = all.find(r => r.trigger === 'request');
      return (
        first?.status !== 'running' &&
        requested?.status !== 'running' && [first, requested]
      );
    });

    expect(ended).toEqual([
      expect.objectContaining({ status: 'succeeded', failed: 0 }),
      expect.objectContaining({
        status: 'succeeded',
        failed: 0,
        entity_ref: PORTAL,
        requested_by: 'user:default/alice',
      }),
    ]);
    expect(await shared('innersource_refresh_errors')).toEqual([]);
    // one after the other: the later replaced the day's snapshot and tasks, nothing doubled
    expect(
      await shared('innersource_snapshots').where({ entity_ref: PORTAL }),
    ).toHaveLength(1);
    expect(
      await shared('innersource_tasks').where({ entity_ref: PORTAL }),
    ).toHaveLength(1);

    const answers = await Promise.all(
      [a, b].flatMap(replica =>
        [
          '/api/innersource/projects',
          '/api/innersource/projects/default/component/portal',
          '/api/innersource/tasks',
        ].map(path =>
          request(replica.server).get(path).set('Authorization', user),
        ),
      ),
    );
    expect(answers.map(r => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.slice(3).map(r => r.body)).toEqual(
      answers.slice(0, 3).map(r => r.body),
    );
    expect(answers[0].body.items).toHaveLength(2);
  });

  it('leaves no partial snapshot when a replica dies mid-write, and the other completes the next run', async () => {
    const gate = deferred();
    const [a, b] = await startBoth(gate.promise);
    const victim = await waitFor('the scheduled run at the forge', () =>
      [a, b].find(r => r.provider.requests.length > 0),
    );
    const survivor = victim === a ? b : a;

    // Hold the last table the snapshot transaction writes, so it stops half-way.
    const blocker = await shared.transaction();
    await blocker.raw(
      'LOCK TABLE innersource_task_labels IN ACCESS EXCLUSIVE MODE',
    );
    gate.resolve();
    await waitFor('the snapshot write blocked half-way', async () => {
      const { rows } = await shared.raw(
        `select 1 from pg_stat_activity
          where application_name = ? and wait_event_type = 'Lock'`,
        [victim.name],
      );
      return rows.length > 0;
    });
    expect(
      await shared('innersource_snapshots').count({ n: '*' }).first(),
    ).toEqual({ n: '0' });

    // The process dies: its pool takes no more queries and its connections drop.
    const poolGone = victim.knex.destroy();
    await shared.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?',
      [victim.name],
    );
    await poolGone;
    await blocker.rollback();
    await victim.stop().catch(() => {});
    replicas = [survivor];

    expect(await shared('innersource_snapshots')).toEqual([]);
    expect(await shared('innersource_tasks')).toEqual([]);
    expect(
      await shared('innersource_projects').select('entity_ref', 'status'),
    ).toEqual(
      expect.arrayContaining(
        PROJECTS.map(ref => ({ entity_ref: ref, status: 'pending' })),
      ),
    );

    // The dead replica's claim expires after the timeout. Backstage's
    // scheduler janitor then frees it (within a minute); it does not run
    // under NODE_ENV=test, so the test frees it the way the janitor does.
    await waitFor('the lost claim to expire', async () => {
      const freed = await shared('backstage_backend_tasks__tasks')
        .where('current_run_expires_at', '<', shared.fn.now())
        .update({
          current_run_ticket: null,
          current_run_started_at: null,
          current_run_expires_at: null,
        });
      return freed > 0;
    });
    const next = await waitFor(
      "the survivor's run",
      async () => {
        const all = await runs(shared);
        return (
          all.some(r => r.trigger === 'schedule' && r.status === 'succeeded') &&
          all
        );
      },
      30_000,
    );
    expect(next[0]).toMatchObject({
      status: 'failed',
      message: ABANDONED_MESSAGE,
    });
    expect(
      await shared('innersource_projects')
        .whereIn('entity_ref', PROJECTS)
        .select('status'),
    ).toEqual([{ status: 'collected' }, { status: 'collected' }]);
    const summary = await request(survivor.server)
      .get('/api/innersource/projects/default/component/portal')
      .set('Authorization', user);
    expect(summary.body).toMatchObject({ status: 'collected' });
  });
});
