/*
 * yarn bench badges: with 20,000 projects stored, the public badge route at
 * 50 concurrent clients (autocannon over loopback, the server in its own
 * process): p95 of 200 answers and of 304 answers to a matching
 * If-None-Match; `floor_200_p95_ms` and `floor_304_p95_ms` are bare Express
 * answering a constant SVG of a badge's size, and a constant 304, in the same
 * process under the same clients, right after each: what the machine allows
 * at all, so the targets are ratios to them (`badge_vs_floor`,
 * `badge_304_vs_floor`, each at most 1.25).
 * Then the directory API (a word, two filters, a sort, with facet counts)
 * through the store on SQLite and PostgreSQL.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { BADGE_KINDS, ProjectSort } from '../plugins/innersource-common/src';
import { newBadgeToken } from '../plugins/innersource-backend/src/database/BadgeStore';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { BenchDatabase, postgresDatabase, sqliteDatabase } from './database';
import { TEAMS } from './fixtures';
import { percentile, report, round } from './lib';
import { loadCollectedProjects } from './load';

const PROJECTS = 20_000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BADGES_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const DIRECTORY_RUNS = 200;
const WORDS = ['project', 'payments', 'search', 'service', 'docs'];
const SORTS: ProjectSort[] = ['score', 'activity', 'name', 'recent'];

/** Public tokens for every project, written straight to the table. */
async function storeTokens(database: BenchDatabase): Promise<string[]> {
  const refs: string[] = (
    await database.knex('innersource_projects').select('entity_ref')
  ).map(r => r.entity_ref);
  const rows = refs.map(ref => ({
    entity_ref: ref,
    token: newBadgeToken(),
    created_at: new Date().toISOString(),
    created_by: 'user:default/bench',
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await database
      .knex('innersource_badge_tokens')
      .insert(rows.slice(i, i + 200));
  }
  return rows.map(r => r.token);
}

function startServer(filename: string) {
  const child = fork(path.join(__dirname, 'badges-server.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      INNERSOURCE_BADGES_BENCH: JSON.stringify({ filename }),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise<{ url: string; stop(): void }>((resolve, reject) => {
    child.on('message', (message: any) => {
      if (message?.type !== 'ready') return;
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        stop: () => child.kill('SIGTERM'),
      });
    });
    child.once('exit', code => reject(new Error(`server exited with ${code}`)));
  });
}

/** 50 clients for some seconds on the paths given in turn; the latency of every answer, in ms. */
async function hammer(
  url: string,
  next: (i: number) => { path: string; headers?: Record<string, string> },
  seconds: number,
  expectStatus: number,
) {
  const samples: number[] = [];
  let unexpected = 0;
  let i = 0;
  const run = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: request => {
          const { path: p, headers } = next(i++);
          return { ...request, path: p, headers: { ...headers } };
        },
      },
    ],
  });
  (run as any).on(
    'response',
    (_client: unknown, status: number, _bytes: number, ms: number) => {
      samples.push(ms);
      if (status !== expectStatus) unexpected++;
    },
  );
  const result = await run;
  return { samples, unexpected, errors: result.errors + result.timeouts };
}

async function badgeFigures(database: BenchDatabase, filename: string) {
  const tokens = await storeTokens(database);
  const server = await startServer(filename);
  const pathOf = (i: number) =>
    `/api/innersource/badges/t/${tokens[(i * 7919) % tokens.length]}/${
      BADGE_KINDS[i % BADGE_KINDS.length]
    }.svg`;
  try {
    await hammer(server.url, i => ({ path: pathOf(i) }), WARM_UP_SECONDS, 200);
    const fresh = await hammer(
      server.url,
      i => ({ path: pathOf(i) }),
      SECONDS,
      200,
    );
    // The floor for 200s: a constant SVG as long as the badges' average.
    let bytes = 0;
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${server.url}${pathOf(i)}`);
      bytes += (await res.arrayBuffer()).byteLength;
    }
    const badgeBytes = Math.round(bytes / 30);
    const floor200 = await hammer(
      server.url,
      i => ({
        path: `/floor-200/${badgeBytes}/${
          BADGE_KINDS[i % BADGE_KINDS.length]
        }.svg`,
      }),
      SECONDS,
      200,
    );

    // Each client revalidates the badges it has: the ETags of 2,000 of them.
    const known: Array<{ path: string; etag: string }> = [];
    for (let i = 0; i < 2000; i++) {
      const res = await fetch(`${server.url}${pathOf(i)}`);
      await res.arrayBuffer();
      known.push({ path: pathOf(i), etag: res.headers.get('etag')! });
    }
    const revalidate = (i: number) => ({
      path: known[i % known.length].path,
      headers: { 'if-none-match': known[i % known.length].etag },
    });
    await hammer(server.url, revalidate, WARM_UP_SECONDS, 304);
    const notModified = await hammer(server.url, revalidate, SECONDS, 304);
    const floor = await hammer(
      server.url,
      i => ({ path: `/floor/x/${BADGE_KINDS[i % BADGE_KINDS.length]}.svg` }),
      SECONDS,
      304,
    );
    if (
      fresh.unexpected ||
      notModified.unexpected ||
      floor200.unexpected ||
      floor.unexpected ||
      fresh.errors ||
      notModified.errors
    )
      throw new Error(
        `unexpected answers: ${fresh.unexpected} not 200, ${
          notModified.unexpected
        } not 304, ${fresh.errors + notModified.errors} errors`,
      );
    return {
      p95: round(percentile(fresh.samples, 95)),
      p95NotModified: round(percentile(notModified.samples, 95)),
      requests: fresh.samples.length,
      requestsNotModified: notModified.samples.length,
      floorP95: round(percentile(floor.samples, 95)),
      floor200P95: round(percentile(floor200.samples, 95)),
      badgeBytes,
    };
  } finally {
    server.stop();
  }
}

async function directoryP95(database: BenchDatabase, loaded = false) {
  const store = await openSnapshotStore({ database: database.service });
  if (!loaded) await loadCollectedProjects(store, PROJECTS, new Date());
  const tiers = (
    await database.knex('innersource_projects').distinct('tier_name')
  ).map(r => r.tier_name);
  const samples: number[] = [];
  for (let i = 0; i < 20 + DIRECTORY_RUNS; i++) {
    const start = performance.now();
    const page = await store.reader.listProjects(
      {
        q: WORDS[i % WORDS.length],
        owner: [`group:default/team-${i % TEAMS}`],
        tier: [tiers[i % tiers.length]],
        sort: SORTS[i % SORTS.length],
        facets: true,
        limit: 20,
      },
      'all',
    );
    if (i >= 20) samples.push(performance.now() - start);
    if (i === 0 && page.total === undefined)
      throw new Error('the directory query counted nothing');
  }
  return round(percentile(samples, 95));
}

async function main() {
  const sqlite = await sqliteDatabase();
  const store = await openSnapshotStore({ database: sqlite.service });
  await loadCollectedProjects(store, PROJECTS, new Date());
  await sqlite.knex.raw('ANALYZE');
  const filename = sqlite.knex.client.config.connection.filename;
  const badges = await badgeFigures(sqlite, filename);
  const sqliteDirectory = await directoryP95(sqlite, true);
  await sqlite.destroy();
  const pg = await postgresDatabase('badges');
  const postgresDirectory = pg ? await directoryP95(pg) : null;
  if (pg) await pg.destroy();
  report({
    name: 'badges',
    p95_ms: badges.p95,
    p95_304_ms: badges.p95NotModified,
    directory_p95_ms: Math.max(sqliteDirectory, postgresDirectory ?? 0),
    floor_200_p95_ms: badges.floor200P95,
    floor_304_p95_ms: badges.floorP95,
    badge_vs_floor: round(badges.p95 / badges.floor200P95),
    badge_304_vs_floor: round(badges.p95NotModified / badges.floorP95),
    directory_sqlite_p95_ms: sqliteDirectory,
    directory_postgres_p95_ms: postgresDirectory,
    projects: PROJECTS,
    connections: CONNECTIONS,
    badge_requests: badges.requests,
    badge_304_requests: badges.requestsNotModified,
    seconds: SECONDS,
    badge_bytes: badges.badgeBytes,
    load_avg: os.loadavg().map(l => round(l, 2)),
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
