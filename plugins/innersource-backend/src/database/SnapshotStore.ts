import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseProjectReader } from './DatabaseProjectReader';
import { DatabaseRefreshStore } from './DatabaseRefreshStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-innersource-backend',
  'migrations',
);

/** The InnerSource tables: the refresh job writes through `writer`, the API reads through `reader`. */
export interface SnapshotStore {
  writer: DatabaseRefreshStore;
  reader: DatabaseProjectReader;
}

/** Runs the plugin's migrations (unless skipped) and opens both sides of the store. */
export async function openSnapshotStore(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
  /** Tasks without an update for this many days are marked stale. Default 180. */
  staleTaskDays?: number;
}): Promise<SnapshotStore> {
  const client = await options.database.getClient();
  if (!options.skipMigrations && !options.database.migrations?.skip) {
    await client.migrate.latest({
      directory: migrationsDir,
      tableName: 'innersource_knex_migrations',
    });
  }
  return {
    writer: new DatabaseRefreshStore(client),
    reader: new DatabaseProjectReader(client, {
      staleTaskDays: options.staleTaskDays,
    }),
  };
}
