import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Where the plugin's migrations are and the table knex tracks them in. */
export const MIGRATIONS = {
  directory: resolvePackagePath(
    '@innersource-for-backstage/plugin-innersource-backend',
    'migrations',
  ),
  tableName: 'innersource_knex_migrations',
};

/** Runs the migrations before `name`, one by one, leaving `name` and later ones pending. */
export async function migrateUpToBefore(knex: Knex, name: string) {
  const [, pending] = await knex.migrate.list(MIGRATIONS);
  for (const migration of pending as Array<{ file: string }>) {
    if (migration.file === name) return;
    await knex.migrate.up({ ...MIGRATIONS, name: migration.file });
  }
  throw new Error(`no pending migration ${name}`);
}
