/*
 * Projects asking for help: what a repository's innersource.json asks for
 * (contributions, skills, motivation) and the entity's description, so the
 * help-wanted page can list projects that ask without labelled issues.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table.text('description').comment('metadata.description of the entity');
    table
      .text('repo_skills')
      .notNullable()
      .defaultTo('[]')
      .comment("JSON list: skills from the repository's innersource.json");
    table
      .text('contributions')
      .notNullable()
      .defaultTo('[]')
      .comment(
        "JSON list: contributions from the repository's innersource.json",
      );
    table.text('motivation').comment('motivation from innersource.json');
    table
      .boolean('asks_help')
      .notNullable()
      .defaultTo(false)
      .comment('innersource.json lists contributions or skills');
    table.index(['asks_help'], 'innersource_projects_asks_help_idx');
  });
  // Stored snapshots do not keep innersource.json: forget what providers
  // remember of each repository so the next refresh reads every one in full.
  await knex('innersource_projects').update({ fingerprint: null });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table.dropIndex(['asks_help'], 'innersource_projects_asks_help_idx');
    table.dropColumn('asks_help');
    table.dropColumn('motivation');
    table.dropColumn('contributions');
    table.dropColumn('repo_skills');
    table.dropColumn('description');
  });
};
