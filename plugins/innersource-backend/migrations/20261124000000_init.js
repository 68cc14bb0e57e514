/*
 * The InnerSource tables. Times are ISO 8601 strings in UTC, which sort and
 * compare the same on SQLite and PostgreSQL; JSON is stored as text.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('innersource_projects', table => {
    table.comment(
      'One row per InnerSource project: catalog fields and the latest snapshot in full',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255);
    table.string('owner_ref', 255);
    table.string('system_ref', 255);
    table.text('tags').notNullable().defaultTo('[]');
    table.string('spec_type', 63);
    table.string('lifecycle', 63);
    table.text('skills').notNullable().defaultTo('[]');
    table
      .text('entity')
      .notNullable()
      .comment('The entity fields scoring profiles filter on');
    table.boolean('active').notNullable().defaultTo(true);
    table.string('last_seen_at', 32).notNullable();
    table.string('status', 16).notNullable().defaultTo('pending');
    table.integer('score');
    table
      .integer('rank_score')
      .notNullable()
      .defaultTo(-1)
      .comment('score, or -1 before the first one: the listing key');
    table.string('tier_name', 63);
    table.string('tier_color', 16);
    table.string('profile', 63);
    table.string('collected_at', 32);
    table.string('checked_at', 32);
    table.text('fingerprint');
    table.integer('latest_snapshot_id');
    table.text('latest').comment('JSON: metrics, score detail, repository');
    table
      .text('scoring_input')
      .comment('JSON: what re-scoring needs, read by the scoring preview');
    table.text('last_error');
    table.string('last_error_at', 32);
    table.index(
      ['active', 'rank_score', 'entity_ref'],
      'innersource_projects_rank_idx',
    );
    table.index(['owner_ref'], 'innersource_projects_owner_idx');
    table.index(['tier_name'], 'innersource_projects_tier_idx');
    table.index(['kind'], 'innersource_projects_kind_idx');
  });

  await knex.schema.createTable('innersource_project_tags', table => {
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('innersource_projects')
      .onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['entity_ref', 'tag']);
    table.index(['tag'], 'innersource_project_tags_tag_idx');
  });

  await knex.schema.createTable('innersource_snapshots', table => {
    table.comment('The history: one lean row per collected snapshot');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('collected_at', 32).notNullable();
    table.integer('score').notNullable();
    table.string('tier_name', 63).notNullable();
    table.text('metrics').notNullable();
    table.index(
      ['entity_ref', 'collected_at'],
      'innersource_snapshots_ref_time_idx',
    );
    table.index(['collected_at'], 'innersource_snapshots_time_idx');
  });

  await knex.schema.createTable('innersource_contributors', table => {
    table.comment(
      'Everyone who contributed to a project; current marks the latest snapshot',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('key', 255).notNullable();
    table.string('display_name', 255).notNullable();
    table.string('user_ref', 255);
    table.string('team_ref', 255);
    table.string('side', 16).notNullable();
    table.integer('commits').notNullable().defaultTo(0);
    table.integer('pull_requests').notNullable().defaultTo(0);
    table.string('last_contribution_at', 32);
    table.string('first_seen_at', 32).notNullable();
    table.boolean('current').notNullable().defaultTo(true);
    table.primary(['entity_ref', 'key']);
    table.index(['user_ref'], 'innersource_contributors_user_idx');
    table.index(['team_ref'], 'innersource_contributors_team_idx');
  });

  await knex.schema.createTable('innersource_tasks', table => {
    table.comment(
      'Open help-wanted and good-first-issue work, replaced at each collected snapshot',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('id', 255).notNullable();
    table.integer('number');
    table.text('title').notNullable();
    table.text('url').notNullable();
    table.text('labels').notNullable();
    table.boolean('is_good_first').notNullable().defaultTo(false);
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.integer('comments').notNullable().defaultTo(0);
    table.string('assignee', 255);
    table.primary(['entity_ref', 'id']);
    table.index(['updated_at'], 'innersource_tasks_updated_idx');
    table.index(
      ['is_good_first', 'updated_at'],
      'innersource_tasks_good_first_idx',
    );
  });

  await knex.schema.createTable('innersource_refresh_runs', table => {
    table.increments('id');
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.string('status', 16).notNullable();
    table.integer('projects').notNullable().defaultTo(0);
    table.integer('collected').notNullable().defaultTo(0);
    table.integer('unchanged').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.integer('deferred').notNullable().defaultTo(0);
    table.text('message');
  });

  await knex.schema.createTable('innersource_refresh_errors', table => {
    table.increments('id');
    table
      .integer('run_id')
      .notNullable()
      .references('id')
      .inTable('innersource_refresh_runs')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.text('message').notNullable();
    table.string('at', 32).notNullable();
    table.index(['run_id'], 'innersource_refresh_errors_run_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('innersource_refresh_errors');
  await knex.schema.dropTable('innersource_refresh_runs');
  await knex.schema.dropTable('innersource_tasks');
  await knex.schema.dropTable('innersource_contributors');
  await knex.schema.dropTable('innersource_snapshots');
  await knex.schema.dropTable('innersource_project_tags');
  await knex.schema.dropTable('innersource_projects');
};
