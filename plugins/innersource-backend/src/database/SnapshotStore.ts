import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseProjectReader } from './DatabaseProjectReader';
import { DatabaseRefreshStore } from './DatabaseRefreshStore';
import { NotificationSettingsStore } from './NotificationSettingsStore';
import { RefreshRequestLog } from './RefreshRequestLog';

const migrationsDir = resolvePackagePath(
  '@innersource-for-backstage/plugin-innersource-backend',
  'migrations',
);

/**
 * The InnerSource tables: the refresh job writes through `writer`, the API
 * reads through `reader` and queues refresh requests through `requests`.
 */
export interface SnapshotStore {
  writer: DatabaseRefreshStore;
  reader: DatabaseProjectReader;
  requests: RefreshRequestLog;
  /** What users asked to be notified of, and their digests. */
  notificationSettings: NotificationSettingsStore;
}

/** Runs the plugin's migrations (unless skipped) and opens the four stores over one client; `BadgeStore` is opened apart. */
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
    requests: new RefreshRequestLog(client),
    notificationSettings: new NotificationSettingsStore(client),
  };
}

/** Any number that names this lock among the portal's advisory locks. */
const STARTUP_LOCK = 0x1a5e_0001;

/**
 * Runs a replica's startup steps (migrations, registering the scheduled
 * task) while no other replica runs its own: replicas starting together on a
 * new PostgreSQL database would otherwise both create knex's migration tables,
 * ours and the scheduler's, and one would fail. The next finds nothing left.
 */
export async function oneReplicaAtATime<T>(
  database: DatabaseService,
  steps: () => Promise<T>,
): Promise<T> {
  const client = await database.getClient();
  if (client.client.config.client !== 'pg') return steps();
  return client.transaction(async lock => {
    await lock.raw('select pg_advisory_xact_lock(?)', [STARTUP_LOCK]);
    return steps();
  });
}
