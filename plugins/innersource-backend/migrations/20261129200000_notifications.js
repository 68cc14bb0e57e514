/*
 * Notifications.
 *
 * innersource_notification_claims: one row per change of a project that its
 * owners are told about (its tier dropped, a readiness check it passed
 * fails), keyed by the snapshot the change is measured from. The refresh
 * writes it in the transaction that stores the new snapshot and sends only
 * what it inserted itself, after the commit: a second replica writing the
 * same change sends nothing.
 *
 * innersource_notification_settings: what each user asked for (the digest of
 * help-wanted tasks matching their skills) and when their last digest went
 * out, so a digest goes at most once a day.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('innersource_notification_claims', table => {
    table.comment(
      'Changes of a project its owners were notified of, one row each',
    );
    table.string('entity_ref', 255).notNullable();
    table
      .string('change', 127)
      .notNullable()
      .comment('tier, or readiness:<check id>');
    table
      .integer('snapshot_id')
      .notNullable()
      .comment('The latest snapshot before the change');
    table
      .string('claimed_by', 64)
      .notNullable()
      .comment('The write that claimed it: only that one sends');
    table.string('claimed_at', 32).notNullable();
    table.primary(['entity_ref', 'change', 'snapshot_id']);
    table.index(['claimed_at'], 'innersource_notification_claims_at_idx');
  });

  await knex.schema.createTable('innersource_notification_settings', table => {
    table.comment('Per user: the notifications they asked for');
    table.string('user_ref', 255).primary().notNullable();
    table.boolean('digest').notNullable().defaultTo(false);
    table.string('updated_at', 32).notNullable();
    table
      .string('last_digest_at', 32)
      .comment('When the last digest went out; new tasks are those since');
    table.index(['digest'], 'innersource_notification_settings_digest_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('innersource_notification_settings');
  await knex.schema.dropTable('innersource_notification_claims');
};
