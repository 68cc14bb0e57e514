import knexFactory, { Knex } from 'knex';

/**
 * A connection pool of its own to the database `knex` is connected to, as a
 * second replica opens; PostgreSQL lists its connections under
 * `applicationName`. In-memory SQLite cannot be shared between pools: there
 * the same knex answers (SQLite writes one transaction at a time anyway).
 */
export function anotherReplica(
  knex: Knex,
  applicationName = 'innersource-replica',
): { knex: Knex; destroy(): Promise<void> } {
  const config = knex.client.config as Knex.Config;
  if (config.client !== 'pg') {
    return { knex, destroy: async () => {} };
  }
  const own = knexFactory({
    ...config,
    connection: {
      ...(config.connection as Knex.PgConnectionConfig),
      application_name: applicationName,
    },
  });
  return { knex: own, destroy: () => own.destroy() };
}
