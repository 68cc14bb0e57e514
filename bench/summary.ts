/*
 * yarn bench summary: the project summary route (GET /projects/:namespace/:kind/:name)
 * over HTTP, with 20,000 projects and a year of daily history stored (SQLite).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import { parseScoringConfig } from '../plugins/innersource-common/src';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { createTestRouter } from '../plugins/innersource-backend/src/service/__testUtils__/createTestRouter';
import { readSettings } from '../plugins/innersource-backend/src/settings';
import { sqliteDatabase } from './database';
import { fakeCatalog } from './fixtures';
import { loadCollectedProjects } from './load';
import { percentile, quietLogger, report, round } from './lib';

const PROJECTS = 20_000;
const HISTORY_DAYS = 365;
const REQUESTS = 2_000;

async function main() {
  const now = new Date('2026-11-24T12:00:00Z');
  const database = await sqliteDatabase();
  await database.knex.raw('PRAGMA synchronous = OFF'); // loading only; the reads are what is measured
  const store = await openSnapshotStore({ database: database.service });
  const { org, projects } = await loadCollectedProjects(store, PROJECTS, now);
  const settings = readSettings(new ConfigReader({}));
  // A year of daily history behind each latest snapshot, written in one statement.
  await database.knex.raw(`
    INSERT INTO innersource_snapshots (entity_ref, collected_at, score, tier_name, metrics)
    WITH RECURSIVE days(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM days WHERE n < ${
      HISTORY_DAYS - 1
    })
    SELECT s.entity_ref, strftime('%Y-%m-%dT%H:%M:%fZ', s.collected_at, '-' || days.n || ' days'), s.score, s.tier_name, s.metrics
    FROM innersource_snapshots s CROSS JOIN days`);
  const [{ n: snapshots }] = await database
    .knex('innersource_snapshots')
    .count({ n: '*' });
  if (Number(snapshots) !== PROJECTS * HISTORY_DAYS)
    throw new Error(
      `expected ${PROJECTS * HISTORY_DAYS} snapshots, found ${snapshots}`,
    );
  await database.knex.raw('ANALYZE');

  const user = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/user-1' },
  };
  const router = await createTestRouter({
    httpAuth: { credentials: async () => user } as any,
    userInfo: {
      getUserInfo: async () => ({
        userEntityRef: 'user:default/user-1',
        ownershipEntityRefs: ['user:default/user-1'],
      }),
    },
    catalog: fakeCatalog([...org, ...projects]),
    permissions: {} as any,
    logger: quietLogger,
    reader: store.reader,
    settings,
    scoring: parseScoringConfig(undefined),
    requestRefresh: () => 'queued',
  });
  const server = http.createServer(express().use(router));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const get = async (i: number) => {
    const name = `project-${(i * 7919) % PROJECTS}`;
    const started = process.hrtime.bigint();
    const response = await fetch(
      `http://127.0.0.1:${port}/projects/default/component/${name}`,
    );
    const body = await response.json();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 200 || body.status !== 'collected')
      throw new Error(`unexpected answer ${response.status}`);
    return ms;
  };
  for (let i = 0; i < 200; i++) await get(i);
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) samples.push(await get(i + 1000));

  server.close();
  await database.destroy();
  report({
    name: 'summary',
    p95_ms: round(percentile(samples, 95), 2),
    p50_ms: round(percentile(samples, 50), 2),
    projects: PROJECTS,
    snapshots: Number(snapshots),
    requests: REQUESTS,
    database: 'sqlite',
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
