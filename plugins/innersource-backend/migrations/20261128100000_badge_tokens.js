/*
 * Badges and the project directory.
 *
 * innersource_badge_tokens: the unguessable token of each project's public
 * badge URL (/badges/t/:token/:badge.svg); rotating replaces the row, so the
 * old URL stops working.
 *
 * innersource_projects gains what the directory sorts and filters by and what
 * a badge shows, as columns the latest snapshot writes: the activity score and
 * band, the open help-wanted count, inside and outside contributors, the last
 * activity and the contribute link. Rows collected before are filled from
 * their stored latest snapshot; the contribute link needs the repository's
 * files and innersource.json, which snapshots do not keep, so the providers
 * are asked to read every repository in full once more.
 */

const BATCH = 500;
const DAY_MS = 86_400_000;

/** What the new columns hold for a stored latest snapshot (JSON text). */
function backfilled(latestText, collectedAt) {
  const latest = JSON.parse(latestText);
  const metrics = latest.metrics ?? {};
  const activity = latest.score?.activity ?? null;
  const known = value => (typeof value === 'number' ? value : null);
  const contributors = known(metrics.contributors);
  const outside = known(metrics.outsideContributors);
  const unmapped = known(metrics.unmappedContributors) ?? 0;
  const idleDays = known(metrics.daysSinceLastActivity);
  const webUrl = latest.repository?.webUrl;
  return {
    activity_score: activity ? Math.round(activity.raw) : -1,
    activity_band: activity ? activity.band : null,
    help_wanted: known(metrics.openHelpWanted),
    inside_contributors:
      contributors === null || outside === null
        ? null
        : Math.max(0, contributors - outside - unmapped),
    outside_contributors: outside,
    last_activity_at:
      idleDays === null || !collectedAt
        ? null
        : new Date(Date.parse(collectedAt) - idleDays * DAY_MS).toISOString(),
    contribute_url:
      typeof webUrl === 'string' && /^https?:\/\//i.test(webUrl)
        ? webUrl
        : null,
  };
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('innersource_badge_tokens', table => {
    table.comment('The token of each project’s public badge URL');
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .references('entity_ref')
      .inTable('innersource_projects')
      .onDelete('CASCADE');
    table.string('token', 64).notNullable().unique();
    table.string('created_at', 32).notNullable();
    table
      .string('created_by', 255)
      .notNullable()
      .comment('Who made or rotated the token: a user or service ref');
  });

  await knex.schema.alterTable('innersource_projects', table => {
    table
      .integer('activity_score')
      .notNullable()
      .defaultTo(-1)
      .comment('Repository Activity Score, rounded; -1 when unknown');
    table.string('activity_band', 16);
    table.integer('help_wanted').comment('Open help-wanted issues');
    table.integer('inside_contributors');
    table.integer('outside_contributors');
    table
      .string('last_activity_at', 32)
      .comment("The repository's last push, update or commit");
    table
      .text('contribute_url')
      .comment('innersource.json docs, else CONTRIBUTING, else the repository');
    table.index(
      ['active', 'activity_score', 'entity_ref'],
      'innersource_projects_activity_idx',
    );
    table.index(
      ['active', 'last_activity_at', 'entity_ref'],
      'innersource_projects_last_activity_idx',
    );
  });

  let after = '';
  for (;;) {
    const rows = await knex('innersource_projects')
      .select('entity_ref', 'latest', 'collected_at')
      .whereNotNull('latest')
      .andWhere('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      await knex('innersource_projects')
        .where({ entity_ref: row.entity_ref })
        .update(backfilled(row.latest, row.collected_at));
    }
    after = rows[rows.length - 1].entity_ref;
  }
  await knex('innersource_projects').update({ fingerprint: null });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table.dropIndex([], 'innersource_projects_last_activity_idx');
    table.dropIndex([], 'innersource_projects_activity_idx');
    table.dropColumn('contribute_url');
    table.dropColumn('last_activity_at');
    table.dropColumn('outside_contributors');
    table.dropColumn('inside_contributors');
    table.dropColumn('help_wanted');
    table.dropColumn('activity_band');
    table.dropColumn('activity_score');
  });
  await knex.schema.dropTable('innersource_badge_tokens');
};
