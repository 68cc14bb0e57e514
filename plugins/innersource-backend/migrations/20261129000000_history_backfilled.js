/*
 * History from day one. A project's first collection backfills one history
 * row per week before it, reconstructed from the repository's commit history
 * (database/snapshotTables.ts writeBackfill). Such rows are marked
 * `backfilled`, hold only the metrics counted from commits, and have no score
 * or tier: nobody scored the project then. Rows stored before are real
 * snapshots and stay as they are.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('innersource_snapshots', table => {
    table
      .boolean('backfilled')
      .notNullable()
      .defaultTo(false)
      .comment(
        "Reconstructed from the repository's commit history at its first collection, not collected then",
      );
  });
  // One change per statement: on SQLite each rebuilds the table from the
  // schema the one before left.
  await knex.schema.alterTable('innersource_snapshots', table => {
    table.setNullable('score');
  });
  await knex.schema.alterTable('innersource_snapshots', table => {
    table.setNullable('tier_name');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // The schema before had no place for a point nobody scored: backfilled rows go.
  await knex('innersource_snapshots').where({ backfilled: true }).delete();
  // One change per statement: on SQLite each rebuilds the table from the
  // schema the one before left.
  await knex.schema.alterTable('innersource_snapshots', table => {
    table.dropColumn('backfilled');
  });
  await knex.schema.alterTable('innersource_snapshots', table => {
    table.dropNullable('score');
  });
  await knex.schema.alterTable('innersource_snapshots', table => {
    table.dropNullable('tier_name');
  });
};
