/*
 * Unmapped contributors were keyed, and sometimes named, by their commit
 * e-mail, which every reader of the project saw. Their keys become the same
 * opaque keys the refresh job now writes (deriveMetrics' unmappedKey), and a
 * display name that is the e-mail becomes "Unnamed contributor".
 */
const { createHash } = require('node:crypto');

const BATCH = 500;
const UNNAMED_CONTRIBUTOR = 'Unnamed contributor';

/** As unmappedKey in src/metrics/deriveMetrics.ts, frozen here. */
function opaqueKey(emailKey) {
  return `unmapped:${createHash('sha256')
    .update(emailKey)
    .digest('hex')
    .slice(0, 16)}`;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (;;) {
    const rows = await knex('innersource_contributors')
      .select('entity_ref', 'key', 'display_name')
      .where('key', 'like', 'email:%')
      .limit(BATCH);
    if (rows.length === 0) return;
    await knex.transaction(async tx => {
      for (const row of rows) {
        const email = row.key.slice('email:'.length);
        await tx('innersource_contributors')
          .where({ entity_ref: row.entity_ref, key: row.key })
          .update({
            key: opaqueKey(row.key),
            display_name:
              row.display_name.trim().toLowerCase() === email ||
              row.display_name.includes('@')
                ? UNNAMED_CONTRIBUTOR
                : row.display_name,
          });
      }
    });
  }
};

/**
 * The e-mails are gone on purpose: nothing to restore.
 *
 * @param {import('knex').Knex} _knex
 */
exports.down = async function down(_knex) {};
