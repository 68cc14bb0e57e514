/* Fresh databases for benchmarks: SQLite in a temp file, PostgreSQL in a new database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';

export interface BenchDatabase {
  name: 'sqlite' | 'postgres';
  knex: Knex;
  service: DatabaseService;
  destroy(): Promise<void>;
}

function service(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

export async function sqliteDatabase(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  await knex.raw('PRAGMA journal_mode = WAL');
  return {
    name: 'sqlite',
    knex,
    service: service(knex),
    async destroy() {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the server named by the same variable the tests read; undefined without one. */
export async function postgresDatabase(
  label: string,
): Promise<BenchDatabase | undefined> {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) return undefined;
  const database = `innersource_bench_${label}_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
  await admin.raw(`CREATE DATABASE ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/$/, '')}/${database}`,
    pool: { min: 1, max: 8 },
  });
  return {
    name: 'postgres',
    knex,
    service: service(knex),
    async destroy() {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
      await admin.destroy();
    },
  };
}
