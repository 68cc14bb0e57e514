/*
 * yarn bench preview: POST /scoring/preview with a candidate block (a library
 * profile and four tiers) over 20,000 stored projects, through the real router.
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
import { percentile, quietLogger, report, round } from './lib';
import { loadCollectedProjects } from './load';

const PROJECTS = 20_000;
const RUNS = 5;

const candidate = {
  tiers: [
    { name: 'Gold', min: 80, color: '#c9a227' },
    { name: 'Silver', min: 60, color: '#9e9e9e' },
    { name: 'Bronze', min: 35, color: '#8d6e63' },
    { name: 'Seed', min: 0, color: '#eeeeee' },
  ],
  profiles: [
    {
      name: 'libraries',
      filter: { 'spec.type': 'library' },
      dimensions: { responsiveness: { weight: 0 } },
    },
  ],
};

async function main() {
  const now = new Date();
  const database = await sqliteDatabase();
  await database.knex.raw('PRAGMA synchronous = OFF'); // loading only
  const store = await openSnapshotStore({ database: database.service });
  const { org, projects } = await loadCollectedProjects(store, PROJECTS, now);

  const router = await createTestRouter({
    httpAuth: {
      credentials: async () => ({
        principal: { type: 'user', userEntityRef: 'user:default/user-1' },
      }),
    } as any,
    userInfo: {
      getUserInfo: async () => ({
        userEntityRef: 'user:default/user-1',
        ownershipEntityRefs: ['user:default/user-1'],
      }),
    },
    catalog: fakeCatalog([...org, ...projects]),
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: 'ALLOW' })),
    } as any,
    logger: quietLogger,
    reader: store.reader,
    settings: readSettings(new ConfigReader({})),
    scoring: parseScoringConfig(undefined),
    requestRefresh: () => 'queued',
  });
  const server = http.createServer(express().use(router));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const samples: number[] = [];
  let body: any;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`http://127.0.0.1:${port}/scoring/preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scoring: candidate }),
    });
    body = await response.json();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (response.status !== 200 || body.projects !== PROJECTS)
      throw new Error(
        `unexpected answer ${response.status}: ${JSON.stringify(body).slice(
          0,
          300,
        )}`,
      );
  }
  server.close();
  await database.destroy();
  report({
    name: 'preview',
    projects: PROJECTS,
    ms: round(percentile(samples, 50), 1),
    max_ms: round(Math.max(...samples), 1),
    changed_projects: body.changedProjects,
    runs: RUNS,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
