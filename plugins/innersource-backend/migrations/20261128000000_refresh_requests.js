/*
 * Refreshes asked for from the API are runs too: what started them (the
 * schedule or a request), which project and who asked, so every replica sees
 * the same queue, the same per-user counts and the same global count.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('innersource_refresh_runs', table => {
    table
      .string('trigger', 16)
      .notNullable()
      .defaultTo('schedule')
      .comment("'schedule' or 'request' (the refresh button)");
    table
      .string('entity_ref', 255)
      .comment('The project a requested refresh is about');
    table
      .string('requested_by', 255)
      .comment('The user or service entity ref that asked for the refresh');
    table.index(
      ['trigger', 'status', 'started_at'],
      'innersource_refresh_runs_trigger_idx',
    );
    table.index(['started_at'], 'innersource_refresh_runs_started_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('innersource_refresh_runs', table => {
    table.dropIndex([], 'innersource_refresh_runs_started_idx');
    table.dropIndex([], 'innersource_refresh_runs_trigger_idx');
    table.dropColumn('requested_by');
    table.dropColumn('entity_ref');
    table.dropColumn('trigger');
  });
};
