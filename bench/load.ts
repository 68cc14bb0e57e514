/*
 * yarn bench load: two backend replicas (bench/load-replica.ts, Backstage's
 * own backend with the real plugin) over one PostgreSQL database holding
 * 20,000 projects and 100,000 tasks. First the floor: the same 50 clients
 * on the plugin's /health route, what the replicas and this machine allow
 * any route. Then 50 clients for 60 s on the summary, project list, task
 * search and badge routes (autocannon), on loopback only. Prints errors,
 * p99 per route, the replicas' memory growth after warm-up, and throughput
 * and p99s as ratios to the floor's. LOAD_CPU_PROF_DIR=dir writes each
 * replica's CPU profile there (node --cpu-prof) when it stops.
 *
 * Also exports loadCollectedProjects, which other benchmarks fill their
 * stores with, as a refresh of the synthetic catalog would.
 */
import { ChildProcess, fork } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  parseScoringConfig,
  scoreProject,
} from '../plugins/innersource-common/src';
import type { SnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { deriveMetrics } from '../plugins/innersource-backend/src/metrics/deriveMetrics';
import { OrgDirectory } from '../plugins/innersource-backend/src/metrics/OrgDirectory';
import { buildScoringInput } from '../plugins/innersource-backend/src/refresh/buildScoringInput';
import { toProjectRecord } from '../plugins/innersource-backend/src/refresh/RefreshJob';
import { readSettings } from '../plugins/innersource-backend/src/settings';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import {
  hash,
  syntheticFacts,
  syntheticOrg,
  syntheticProjects,
  TEAMS,
} from './fixtures';
import { report, round } from './lib';

/** The installation secret unmapped contributors are keyed under: a constant, as data is made up. */
const BENCH_KEY_SECRET = Buffer.alloc(32, 7);

export async function loadCollectedProjects(
  store: SnapshotStore,
  count: number,
  now: Date,
): Promise<{ org: Entity[]; projects: Entity[] }> {
  const org = syntheticOrg();
  const projects = syntheticProjects(count);
  const directory = OrgDirectory.fromEntities(org);
  const scoring = parseScoringConfig(undefined);
  const settings = readSettings(new ConfigReader({}));

  await store.writer.upsertProjects(
    projects.map(p =>
      toProjectRecord(`component:default/${p.metadata.name}`, p),
    ),
    now,
  );
  for (let i = 0; i < projects.length; i += 500) {
    const entries = projects.slice(i, i + 500).map(entity => {
      const entityRef = `component:default/${entity.metadata.name}`;
      const facts = syntheticFacts(entityRef, hash(entityRef), now);
      const { metrics, contributors } = deriveMetrics(facts, {
        ownerRef: String(entity.spec!.owner),
        directory,
        knownContributorKeys: new Set(),
        labels: settings.labels,
        now,
        keySecret: BENCH_KEY_SECRET,
      });
      const scoringInput = buildScoringInput(entity, facts, metrics);
      return {
        entityRef,
        collectedAt: now,
        facts,
        metrics,
        scoringInput,
        score: scoreProject(scoringInput, scoring.model, now),
        contributors,
        tasks: facts.helpWantedIssues ?? [],
        goodFirstLabels: ['good first issue'],
      };
    });
    await store.writer.saveManyCollected(entries);
  }
  return { org, projects };
}

const PROJECTS = 20_000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const WARM_UP_SECONDS = Number(process.env.LOAD_WARM_UP_SECONDS ?? 15);
const FLOOR_SECONDS = Number(process.env.LOAD_FLOOR_SECONDS ?? 20);
const CPU_PROF_DIR = process.env.LOAD_CPU_PROF_DIR;
const TOKEN = 'innersource-load-bench-static-token';
const WORDS = ['logging', 'docs', 'tests', 'retries', 'metrics'];
const BADGES = ['score', 'tier', 'activity'];

/** The routes a portal's pages call most, each a stream of different requests. */
function routes(names: string[]): Record<string, (i: number) => string> {
  const team = (i: number) => `group:default/team-${i % TEAMS}`;
  return {
    summary: i =>
      `/api/innersource/projects/default/component/${
        names[(i * 7919) % names.length]
      }`,
    projects: i =>
      [
        '/api/innersource/projects?limit=20',
        `/api/innersource/projects?limit=20&owner=${team(i)}`,
        `/api/innersource/projects?limit=20&q=${names[i % names.length]}`,
        '/api/innersource/projects?limit=20&asking=true',
      ][i % 4],
    tasks: i =>
      [
        '/api/innersource/tasks?limit=20',
        `/api/innersource/tasks?limit=20&q=${WORDS[i % WORDS.length]}`,
        `/api/innersource/tasks?limit=20&label=help%20wanted&owner=${team(i)}`,
        '/api/innersource/tasks?limit=20&goodFirst=true&sort=created',
      ][i % 4],
    badge: i =>
      `/api/innersource/badges/default/component/${
        names[(i * 104729) % names.length]
      }/${BADGES[i % BADGES.length]}.svg`,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Replica {
  url: string;
  child: ChildProcess;
  rss(): Promise<number>;
}

function startReplica(port: number, config: Record<string, any>) {
  const child = fork(path.join(__dirname, 'load-replica.ts'), [], {
    execArgv: [
      '--expose-gc',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : []),
    ],
    env: {
      ...process.env,
      // request logs are Backstage's, the same for every plugin: not measured here
      LOG_LEVEL: 'warn',
      INNERSOURCE_LOAD_REPLICA: JSON.stringify({
        port,
        projects: PROJECTS,
        config,
      }),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (message: any) => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', code =>
        reject(new Error(`replica on port ${port} exited with ${code}`)),
      );
    });
  return next('ready').then(
    (): Replica => ({
      url: `http://127.0.0.1:${port}`,
      child,
      async rss() {
        const answer = next('rss');
        child.send({ type: 'rss' });
        return (await answer).rss;
      },
    }),
  );
}

/** Every route on every replica at once, the connections shared out; latency and failures per route. */
async function hammer(
  replicas: Replica[],
  paths: Record<string, (i: number) => string>,
  seconds: number,
) {
  const names = Object.keys(paths);
  const runs = names.flatMap((route, r) =>
    replicas.map((replica, p) => {
      const slot = r * replicas.length + p;
      const slots = names.length * replicas.length;
      const connections =
        Math.floor(CONNECTIONS / slots) + (slot < CONNECTIONS % slots ? 1 : 0);
      let i = slot;
      return autocannon({
        url: replica.url,
        connections,
        duration: seconds,
        timeout: 10,
        headers: { authorization: `Bearer ${TOKEN}` },
        requests: [
          {
            method: 'GET',
            setupRequest: request => ({ ...request, path: paths[route](i++) }),
          },
        ],
      }).then(result => ({ route, result }));
    }),
  );
  const results = await Promise.all(runs);
  const byRoute: Record<
    string,
    {
      p99: number;
      errors: number;
      requests: number;
      kinds: Record<string, number>;
    }
  > = {};
  for (const { route, result } of results) {
    const entry = (byRoute[route] ??= {
      p99: 0,
      errors: 0,
      requests: 0,
      kinds: {},
    });
    // the slower replica's p99 stands for the route
    entry.p99 = Math.max(entry.p99, result.latency.p99);
    // autocannon's errors include its timeouts; non2xx are answers other than 2xx
    entry.errors += result.errors + result.non2xx;
    entry.requests += result.requests.total;
    for (const [kind, n] of Object.entries({
      timeouts: result.timeouts,
      connection: result.errors - result.timeouts,
      '4xx': result['4xx'],
      '5xx': result['5xx'],
    })) {
      if (n) entry.kinds[kind] = (entry.kinds[kind] ?? 0) + n;
    }
  }
  return byRoute;
}

/** What failed, by route and kind, warm-up and measurement together. */
function failuresOf(
  ...phases: Array<Record<string, { kinds: Record<string, number> }>>
) {
  const failures: Record<string, Record<string, number>> = {};
  for (const phase of phases) {
    for (const [route, { kinds }] of Object.entries(phase)) {
      for (const [kind, n] of Object.entries(kinds)) {
        failures[route] ??= {};
        failures[route][kind] = (failures[route][kind] ?? 0) + n;
      }
    }
  }
  return failures;
}

async function seed(connection: string, database: string) {
  const admin = knexFactory({ client: 'pg', connection });
  await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
  await admin.raw('CREATE DATABASE ??', [database]);
  const knex = knexFactory({
    client: 'pg',
    connection: `${connection.replace(/\/$/, '')}/${database}`,
  });
  const store = await openSnapshotStore({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const { projects } = await loadCollectedProjects(store, PROJECTS, new Date());
  const [{ tasks }] = await knex('innersource_tasks').count({ tasks: '*' });
  await knex.raw('ANALYZE');
  await knex.destroy();
  return {
    names: projects.map(p => p.metadata.name),
    tasks: Number(tasks),
    drop: async () => {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
      await admin.destroy();
    },
  };
}

async function main() {
  const connection =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!connection) {
    throw new Error(
      'yarn bench load needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/run.sh does when one answers on 127.0.0.1:5432)',
    );
  }
  // Backstage names each plugin's database with this prefix and the plugin id.
  const prefix = `innersource_load_${process.pid}_`;
  const data = await seed(connection, `${prefix}innersource`);
  const replicas: Replica[] = [];
  try {
    for (let r = 0; r < 2; r++) {
      const port = await freePort();
      replicas.push(
        await startReplica(port, {
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
            database: { client: 'pg', connection, prefix },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'load-bench' },
                },
              ],
            },
          },
          // no refresh during the measurement: the reads are what is measured
          innersource: {
            schedule: {
              frequency: { hours: 24 },
              initialDelay: { hours: 24 },
              timeout: { minutes: 30 },
            },
          },
        }),
      );
    }
    const paths = routes(data.names);
    // The floor: every client on /health, through the same instances and connections.
    const health = () => '/api/innersource/health';
    const floorPaths = Object.fromEntries(
      Object.keys(paths).map(route => [route, health]),
    );
    await hammer(replicas, floorPaths, 3);
    const floor = await hammer(replicas, floorPaths, FLOOR_SECONDS);
    const floorRequests = Object.values(floor).reduce(
      (n, r) => n + r.requests,
      0,
    );
    const floorP99 = Math.max(...Object.values(floor).map(r => r.p99));
    const floorErrors = Object.values(floor).reduce((n, r) => n + r.errors, 0);
    const floorPerSecond = floorRequests / FLOOR_SECONDS;

    const warmUp = await hammer(replicas, paths, WARM_UP_SECONDS);
    const rssWarm = await Promise.all(replicas.map(r => r.rss()));
    const measured = await hammer(replicas, paths, SECONDS);
    const rssEnd = await Promise.all(replicas.map(r => r.rss()));

    const growth = rssEnd.map(
      (end, i) => ((end - rssWarm[i]) / rssWarm[i]) * 100,
    );
    const requests = Object.values(measured).reduce(
      (n, r) => n + r.requests,
      0,
    );
    report({
      name: 'load',
      errors:
        Object.values(measured).reduce((n, r) => n + r.errors, 0) +
        Object.values(warmUp).reduce((n, r) => n + r.errors, 0),
      p99_ms: Object.fromEntries(
        Object.entries(measured).map(([route, r]) => [route, r.p99]),
      ),
      rss_growth_pct: round(Math.max(...growth), 1),
      replicas: replicas.length,
      requests,
      requests_per_s: round(requests / SECONDS, 0),
      floor_requests_per_s: round(floorPerSecond, 0),
      floor_p99_ms: floorP99,
      throughput_vs_floor: round(requests / SECONDS / floorPerSecond, 3),
      p99_vs_floor: Object.fromEntries(
        Object.entries(measured).map(([route, r]) => [
          route,
          round(r.p99 / Math.max(floorP99, 1), 1),
        ]),
      ),
      floor_errors: floorErrors,
      rss_mb: rssEnd.map(rss => round(rss / 1024 / 1024, 0)),
      failures: failuresOf(warmUp, measured),
      projects: data.names.length,
      tasks: data.tasks,
      connections: CONNECTIONS,
      seconds: SECONDS,
      floor_seconds: FLOOR_SECONDS,
      load_avg: os.loadavg().map(l => round(l, 2)),
    });
  } finally {
    await Promise.all(
      replicas.map(
        r =>
          new Promise(resolve => {
            r.child.once('exit', resolve);
            r.child.kill('SIGTERM');
          }),
      ),
    );
    await data.drop();
  }
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
