/*
 * innersource_owner_notification_days: how many notifications each owner
 * (a group or user ref) was sent on each UTC day, so a catalog author who
 * names another team as owner, or flips a check and refreshes, cannot flood
 * it: sends past the cap are dropped and logged. Rows older than a few days
 * are deleted as new days start.
 *
 * innersource_notification_settings gains the projects the user could read
 * at their last signed-in visit (readable_refs, JSON) and when that was
 * (readable_at): the digest runs without the user's credentials, so it
 * ranks only tasks of those projects, and sends nothing once they are older
 * than a few days.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'innersource_owner_notification_days',
    table => {
      table.comment(
        'Notifications sent to each owner per UTC day, for the cap',
      );
      table.string('owner_ref', 255).notNullable();
      table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
      table.integer('sent').notNullable().defaultTo(0);
      table.primary(['owner_ref', 'day']);
      table.index(['day'], 'innersource_owner_notification_days_day_idx');
    },
  );
  await knex.schema.alterTable('innersource_notification_settings', table => {
    table
      .text('readable_refs')
      .comment('JSON: projects the user could read at their last visit');
    table
      .string('readable_at', 32)
      .comment('When readable_refs was captured; the digest skips old ones');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('innersource_notification_settings', table => {
    table.dropColumn('readable_at');
    table.dropColumn('readable_refs');
  });
  await knex.schema.dropTable('innersource_owner_notification_days');
};
