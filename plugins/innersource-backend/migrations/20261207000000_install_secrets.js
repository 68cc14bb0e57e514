/*
 * innersource_install_secrets: secrets generated once per installation and
 * shared by every replica through the database. The first is
 * `contributor-keys`, the HMAC key of unmapped contributors' keys (the
 * refresh job inserts it on its first run; a replica that loses the race
 * reads the winner's).
 *
 * Contributor keys of the former scheme (`unmapped:` and an unsalted SHA-256
 * of the e-mail) cannot be rewritten here: the e-mails are gone, and the new
 * keys need the secret. Each project's next collection replaces them (an
 * unmapped person it credits counts as known through their former key, and the
 * former rows are deleted). What can be done without the secret is done here:
 * unmapped rows keyed or named by an e-mail-shaped git user.name lose it.
 */

const UNNAMED_CONTRIBUTOR = 'Unnamed contributor';

/** As isEmailShaped in src/metrics/deriveMetrics.ts, frozen here. */
const EMAIL_SHAPED = /[^\s@<>()]+@[^\s@<>()]+/;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('innersource_install_secrets', table => {
    table.comment(
      'Secrets generated once per installation, shared by every replica',
    );
    table.string('name', 64).primary().notNullable();
    table
      .string('value', 255)
      .notNullable()
      .comment('base64 of random bytes; never shown');
    table.string('created_at', 32).notNullable();
  });
  // a name-only key holding an e-mail is an identity: the next collection keys the person by its HMAC
  const rows = await knex('innersource_contributors')
    .select('entity_ref', 'key', 'display_name', 'side')
    .where('key', 'like', 'name:%@%')
    .orWhere(q =>
      q.where('side', 'unmapped').andWhere('display_name', 'like', '%@%'),
    );
  for (const row of rows) {
    const where = { entity_ref: row.entity_ref, key: row.key };
    if (
      row.key.startsWith('name:') &&
      EMAIL_SHAPED.test(row.key.slice('name:'.length))
    ) {
      await knex('innersource_contributors').where(where).delete();
    } else if (row.side === 'unmapped' && EMAIL_SHAPED.test(row.display_name)) {
      await knex('innersource_contributors')
        .where(where)
        .update({ display_name: UNNAMED_CONTRIBUTOR });
    }
  }
};

/**
 * The secret goes with its table; the names removed on the way up stay removed.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('innersource_install_secrets');
};
