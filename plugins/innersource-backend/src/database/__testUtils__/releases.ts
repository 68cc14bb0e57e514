import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { MIGRATIONS } from './migrations';

/**
 * Every release of the plugin and the last migration it shipped, oldest
 * first. A release adds one line here, the digests of its new migrations to
 * {@link RELEASED_MIGRATIONS} and its database to `releases/<version>.json`
 * (see {@link dumpRelease}); upgrade.test.ts then migrates from it.
 *
 * No version is on npm yet: 0.1.0 is the schema of every migration up to and
 * including the badge tokens.
 */
export const RELEASES = [
  { version: '0.1.0', lastMigration: '20261128100000_badge_tokens.js' },
] as const;

export type ReleaseVersion = (typeof RELEASES)[number]['version'];

/**
 * SHA-256 of each migration a release shipped. Databases out there ran these
 * files: they are never edited, and a change of the schema is a new file.
 */
export const RELEASED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261124000000_init.js':
    '35a82f926266a98f8afc135f6f13715387520777cf242e2b33f79151ad5d7799',
  '20261125000000_task_search.js':
    '03a9e4961f6ecd3e9d724084b3085e450e1cb70e847cf5bcac865133b18ddf52',
  '20261126000000_project_asks.js':
    '47d65d7d8445d5cebc84ca9dfa01d80b912ac9b91c47fb56593f769aa6ad78e9',
  '20261127000000_history_by_key.js':
    'f9796e57bba20c43a65e1bf9e103040c2a8e8a1937f963fead90513fb1978d60',
  '20261127100000_task_facet_counts.js':
    '47a908bf64593f1f8706ff79aa4e750b468fa2b3342426c714ff3fa5a2856953',
  '20261127200000_unmapped_without_email.js':
    'c3c1c98709a2f9f9fe5b03405055135adadd5dfe5300542aee3ed7ea95ef8206',
  '20261128000000_refresh_requests.js':
    '92aa524ab000fc8b499601acbf5ce25fcce7bdef9a03ae57607387fe686b6e64',
  '20261128100000_badge_tokens.js':
    'b77db8c9c8695e58b2e4db3b445f32358a176cc42324c53b22deb8fcf2744a00',
};

/** The plugin's migration files, in the order knex runs them. */
export function migrationFiles(): string[] {
  return fs
    .readdirSync(MIGRATIONS.directory)
    .filter(file => file.endsWith('.js'))
    .sort();
}

/** The SHA-256 of a migration file as it is now. */
export function migrationDigest(file: string): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(MIGRATIONS.directory, file)))
    .digest('hex');
}

/** The migrations `version` shipped, in order. */
export function releasedMigrations(version: ReleaseVersion): string[] {
  const release = RELEASES.find(r => r.version === version)!;
  const files = migrationFiles();
  return files.slice(0, files.indexOf(release.lastMigration) + 1);
}

/** Creates the schema `version` shipped: its migrations, in order, and no later one. */
export async function migrateToRelease(knex: Knex, version: ReleaseVersion) {
  for (const name of releasedMigrations(version)) {
    await knex.migrate.up({ ...MIGRATIONS, name });
  }
}

type Rows = Record<string, Array<Record<string, unknown>>>;

const fixturePath = (version: string) =>
  path.join(__dirname, 'releases', `${version}.json`);

/** The tables of `version`'s database and their rows, in an order their foreign keys accept. */
export function releaseRows(version: ReleaseVersion): Rows {
  return JSON.parse(fs.readFileSync(fixturePath(version), 'utf8')).tables;
}

/** Inserts the rows `version`'s store left in its database (`releases/<version>.json`). */
export async function fillRelease(knex: Knex, version: ReleaseVersion) {
  const tables = releaseRows(version);
  for (const [table, rows] of Object.entries(tables)) {
    if (rows.length) await knex.batchInsert(table, rows, 50);
  }
  if (knex.client.config.client === 'pg') {
    // Rows inserted with their ids leave the sequences behind: the next row would take a used id.
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length && 'id' in rows[0] && typeof rows[0].id === 'number') {
        await knex.raw(
          `SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT max(id) FROM ??))`,
          [table, table],
        );
      }
    }
  }
}

/**
 * Writes `releases/<version>.json` from `source`, a database the release's
 * store wrote: the rows of every table `schema` (a database migrated to that
 * release) has, with the columns it has, booleans as booleans.
 */
export async function dumpRelease(
  source: Knex,
  schema: Knex,
  version: string,
  tableOrder: string[],
) {
  const tables: Rows = {};
  for (const table of tableOrder) {
    const columns = await schema(table).columnInfo();
    const names = Object.keys(columns).sort();
    const rows = await source(table).select(names).orderBy(names);
    tables[table] = rows.map(row =>
      Object.fromEntries(
        names.map(name => [
          name,
          columns[name].type === 'boolean' && row[name] !== null
            ? Boolean(row[name])
            : row[name],
        ]),
      ),
    );
  }
  fs.mkdirSync(path.dirname(fixturePath(version)), { recursive: true });
  fs.writeFileSync(
    fixturePath(version),
    `${JSON.stringify({ version, tables }, null, 2)}\n`,
  );
}
