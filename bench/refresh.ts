import { spawn } from 'node:child_process';
/*
 * yarn bench refresh: a refresh of 10,000 projects through a fake provider
 * (derive, score, write) on SQLite and on PostgreSQL, with peak memory.
 */
import { ConfigReader } from '@backstage/config';
import { parseScoringConfig } from '../plugins/innersource-common/src';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { ProviderRegistry } from '../plugins/innersource-backend/src/refresh/ProviderRegistry';
import { RefreshJob } from '../plugins/innersource-backend/src/refresh/RefreshJob';
import { readSettings } from '../plugins/innersource-backend/src/settings';
import { BenchDatabase, postgresDatabase, sqliteDatabase } from './database';
import {
  fakeCatalog,
  syntheticOrg,
  syntheticProjects,
  SyntheticProvider,
} from './fixtures';
import { quietLogger, report, round, serviceAuth, trackPeakRss } from './lib';

const PROJECTS = 10_000;
const HEAP_LIMIT_MB = 256;

async function refreshOn(database: BenchDatabase): Promise<number> {
  const now = new Date('2026-11-24T12:00:00Z');
  const catalog = fakeCatalog([
    ...syntheticOrg(),
    ...syntheticProjects(PROJECTS),
  ]);
  const store = await openSnapshotStore({ database: database.service });
  const job = new RefreshJob({
    catalog,
    auth: serviceAuth,
    logger: quietLogger,
    store: store.writer,
    providers: new ProviderRegistry([new SyntheticProvider(now)]),
    settings: readSettings(new ConfigReader({})),
    scoring: parseScoringConfig(undefined),
    now: () => now,
  });
  const started = process.hrtime.bigint();
  const counts = await job.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (counts.collected !== PROJECTS) {
    throw new Error(
      `expected ${PROJECTS} projects collected, got ${JSON.stringify(counts)}`,
    );
  }
  const [{ n }] = await database
    .knex('innersource_snapshots')
    .count({ n: '*' });
  if (Number(n) !== PROJECTS)
    throw new Error(`expected ${PROJECTS} snapshots, found ${n}`);
  await database.destroy();
  return round(seconds, 2);
}

/** Each database refreshes in a process of its own, so each run's memory is its own. */
async function runOne(name: 'sqlite' | 'postgres') {
  const memory = trackPeakRss();
  const database =
    name === 'sqlite'
      ? await sqliteDatabase()
      : await postgresDatabase('refresh');
  const seconds = database ? await refreshOn(database) : null;
  const peak_rss_mb = memory.stop();
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      peak_rss_mb,
      peak_heap_mb: memory.peakHeapMb(),
    })}\n`,
  );
}

function child(name: string): Promise<{
  seconds: number | null;
  peak_rss_mb: number;
  peak_heap_mb: number;
}> {
  return new Promise((resolve, reject) => {
    // As a memory-limited container runs a backend: with the V8 heap capped, not left to grow lazily.
    const proc = spawn(
      process.execPath,
      [
        ...process.execArgv,
        `--max-old-space-size=${HEAP_LIMIT_MB}`,
        __filename,
        name,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', chunk => (out += chunk));
    proc.on('close', code => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0)
        reject(new Error(`the ${name} run failed with exit code ${code}`));
      else resolve(JSON.parse(last));
    });
  });
}

async function main() {
  const which = process.argv[2];
  if (which === 'sqlite' || which === 'postgres') {
    await runOne(which);
    return;
  }
  const sqlite = await child('sqlite');
  const postgres = await child('postgres');
  report({
    name: 'refresh',
    projects: PROJECTS,
    peak_rss_mb: Math.max(sqlite.peak_rss_mb, postgres.peak_rss_mb),
    sqlite_s: sqlite.seconds,
    postgres_s: postgres.seconds,
    sqlite_peak_rss_mb: sqlite.peak_rss_mb,
    postgres_peak_rss_mb: postgres.peak_rss_mb,
    peak_heap_mb: Math.max(sqlite.peak_heap_mb, postgres.peak_heap_mb),
    heap_limit_mb: HEAP_LIMIT_MB,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
