/*
 * yarn bench refresh: a refresh of 10,000 projects through a fake provider
 * (derive, score, write) on SQLite and on PostgreSQL, with peak memory.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { parseScoringConfig } from '../plugins/innersource-common/src';
import { SnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { ProviderRegistry } from '../plugins/innersource-backend/src/refresh/ProviderRegistry';
import { RefreshJob } from '../plugins/innersource-backend/src/refresh/RefreshJob';
import { readSettings } from '../plugins/innersource-backend/src/service/settings';
import { BenchDatabase, postgresDatabase, sqliteDatabase } from './database';
import {
  fakeCatalog,
  syntheticOrg,
  syntheticProjects,
  SyntheticProvider,
} from './fixtures';
import { report, round, trackPeakRss } from './lib';

const PROJECTS = 10_000;

async function refreshOn(database: BenchDatabase): Promise<number> {
  const now = new Date('2026-11-24T12:00:00Z');
  const catalog = fakeCatalog([
    ...syntheticOrg(),
    ...syntheticProjects(PROJECTS),
  ]);
  const store = await SnapshotStore.create({ database: database.service });
  const job = new RefreshJob({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
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

async function main() {
  const memory = trackPeakRss();
  const sqlite_s = await refreshOn(await sqliteDatabase());
  global.gc?.();
  const postgres = await postgresDatabase('refresh');
  const postgres_s = postgres ? await refreshOn(postgres) : null;
  report({
    name: 'refresh',
    projects: PROJECTS,
    peak_rss_mb: memory.stop(),
    sqlite_s,
    postgres_s,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
