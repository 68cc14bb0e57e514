/*
 * Task facet counts kept at write time, so the help-wanted page's first view
 * (no filter, or "for me" alone) sums a few rows instead of grouping every
 * task: per project, how many of its open tasks each facet value counts
 * (only active projects have rows), and the same summed over all of them.
 * Also each project's newest task time, which ranks "for me" by project, and
 * task indexes in the full order of each sort (its column, then entity_ref and
 * id), so an unfiltered page reads its rows in order and stops.
 * The backfill counts what is stored, so an upgrade shows the right counts at
 * once; the store keeps them in step from then on (database/taskFacets.ts).
 */

const TASK_ORDERS = [
  ['updated_at', 'innersource_tasks_updated_idx'],
  ['created_at', 'innersource_tasks_created_idx'],
  ['comments', 'innersource_tasks_comments_idx'],
];

/** Tasks per active project, as a derived table (`entity_ref`, `tasks`, `newest`). */
const TASKS_PER_PROJECT = `(select t.entity_ref, count(*) as tasks, max(t.updated_at) as newest
  from innersource_tasks t join innersource_projects p on p.entity_ref = t.entity_ref
  where p.active = ? group by t.entity_ref)`;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table
      .string('newest_task_at', 32)
      .comment('updated_at of its newest open task; null without open tasks');
  });
  await knex.schema.createTable('innersource_task_facet_counts', table => {
    table.comment(
      'Per active project with open tasks: how many of them each facet value counts (facet total, empty value: all of them)',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('facet', 16).notNullable();
    table.string('value', 255).notNullable();
    table.integer('tasks').notNullable();
    table.primary(['entity_ref', 'facet', 'value']);
  });
  await knex.schema.createTable('innersource_task_facet_totals', table => {
    table.comment('innersource_task_facet_counts summed over all projects');
    table.string('facet', 16).notNullable();
    table.string('value', 255).notNullable();
    table.integer('tasks').notNullable();
    table.primary(['facet', 'value']);
  });
  for (const [column, name] of TASK_ORDERS) {
    await knex.schema.alterTable('innersource_tasks', table =>
      table.dropIndex([column], name),
    );
    await knex.raw(
      `CREATE INDEX ${name} ON innersource_tasks (${column} DESC, entity_ref, id)`,
    );
  }
  // What ranking "for me" reads of every project: covered, not the wide rows.
  await knex.schema.alterTable('innersource_projects', table =>
    table.index(
      ['active', 'newest_task_at', 'entity_ref', 'owner_ref', 'language'],
      'innersource_projects_task_rank_idx',
    ),
  );

  await knex.raw(
    `update innersource_projects set newest_task_at =
      (select max(t.updated_at) from innersource_tasks t where t.entity_ref = innersource_projects.entity_ref)`,
  );
  const projectFacet = (facet, column) =>
    `select p.entity_ref, '${facet}', ${column}, n.tasks
      from innersource_projects p join ${TASKS_PER_PROJECT} n on n.entity_ref = p.entity_ref
      where ${column} is not null`;
  await knex.raw(
    `insert into innersource_task_facet_counts (entity_ref, facet, value, tasks)
    ${projectFacet('total', "''")}
    union all ${projectFacet('owners', 'p.owner_ref')}
    union all ${projectFacet('languages', 'p.language')}
    union all ${projectFacet('tiers', 'p.tier_name')}
    union all select s.entity_ref, 'skills', s.skill, n.tasks
      from innersource_project_skills s join ${TASKS_PER_PROJECT} n on n.entity_ref = s.entity_ref
    union all select l.entity_ref, 'labels', l.label, count(*)
      from innersource_task_labels l
      join innersource_tasks t on t.entity_ref = l.entity_ref and t.id = l.task_id
      join innersource_projects p on p.entity_ref = l.entity_ref
      where p.active = ? group by l.entity_ref, l.label`,
    [true, true, true, true, true, true],
  );
  await knex.raw(
    `insert into innersource_task_facet_totals (facet, value, tasks)
    select facet, value, sum(tasks) from innersource_task_facet_counts group by facet, value`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('innersource_projects', table => {
    table.dropIndex([], 'innersource_projects_task_rank_idx');
    table.dropColumn('newest_task_at');
  });
  for (const [column, name] of TASK_ORDERS) {
    await knex.raw(`DROP INDEX ${name}`);
    await knex.schema.alterTable('innersource_tasks', table =>
      table.index([column], name),
    );
  }
  await knex.schema.dropTable('innersource_task_facet_totals');
  await knex.schema.dropTable('innersource_task_facet_counts');
};
