/*
 * Task search: the text, labels and project fields the help-wanted search
 * filters and counts on, with the indexes it needs on SQLite and PostgreSQL.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table.string('language', 63).comment("The repository's primary language");
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment('Lower-case title, name and skills, for task search');
    table.index(['system_ref'], 'innersource_projects_system_idx');
  });
  await knex.schema.alterTable('innersource_tasks', table => {
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment('Lower-case title and labels, for task search');
    table.index(['created_at'], 'innersource_tasks_created_idx');
    table.index(['comments'], 'innersource_tasks_comments_idx');
  });
  await knex.schema.createTable('innersource_task_labels', table => {
    table.comment('Each label of each task, for label filters and counts');
    table.string('entity_ref', 255).notNullable();
    table.string('task_id', 255).notNullable();
    table.string('label', 255).notNullable();
    table.primary(['entity_ref', 'task_id', 'label']);
    table.index(['label'], 'innersource_task_labels_label_idx');
  });
  await knex.schema.createTable('innersource_project_skills', table => {
    table.comment('Each skill a project asks for, lower-case');
    table.string('entity_ref', 255).notNullable();
    table.string('skill', 255).notNullable();
    table.primary(['entity_ref', 'skill']);
    table.index(['skill'], 'innersource_project_skills_skill_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `CREATE INDEX innersource_tasks_search_fts ON innersource_tasks USING GIN (to_tsvector('simple', search_text))`,
    );
    await knex.raw(
      `CREATE INDEX innersource_projects_search_fts ON innersource_projects USING GIN (to_tsvector('simple', search_text))`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX IF EXISTS innersource_tasks_search_fts');
    await knex.raw('DROP INDEX IF EXISTS innersource_projects_search_fts');
  }
  await knex.schema.dropTable('innersource_project_skills');
  await knex.schema.dropTable('innersource_task_labels');
  await knex.schema.alterTable('innersource_tasks', table => {
    table.dropIndex(['comments'], 'innersource_tasks_comments_idx');
    table.dropIndex(['created_at'], 'innersource_tasks_created_idx');
    table.dropColumn('search_text');
  });
  await knex.schema.alterTable('innersource_projects', table => {
    table.dropIndex(['system_ref'], 'innersource_projects_system_idx');
    table.dropColumn('search_text');
    table.dropColumn('language');
  });
};
