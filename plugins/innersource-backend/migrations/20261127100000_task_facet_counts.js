/*
 * Task facet counts kept at write time, so the help-wanted page's first view
 * (no filter, or "for me" alone) sums a few rows instead of grouping every
 * task. Only active projects with open tasks have rows:
 * - innersource_task_projects: one narrow row each (owner, language, skills,
 *   open tasks, newest update), what the first view finds and ranks them by;
 * - innersource_task_facet_counts: how many of its open tasks each facet
 *   value counts;
 * - innersource_task_facet_totals: the same summed over all of them.
 * Task indexes also take the full order of each sort (its column, then
 * entity_ref and id), so an unfiltered page reads its rows in order and stops.
 * The backfill counts what is stored, so an upgrade shows the right counts at
 * once; the store keeps them in step from then on (database/taskFacetCounts.ts).
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
  await knex.schema.createTable('innersource_task_projects', table => {
    table.comment(
      'Active projects with open tasks: what the first view of the help-wanted page ranks them by',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('owner_ref', 255);
    table.string('language', 63);
    table
      .text('skills')
      .notNullable()
      .comment(
        'Its skills, lower-case, each between two unit separators (U+001F)',
      );
    table.integer('tasks').notNullable();
    table
      .string('newest_task_at', 32)
      .notNullable()
      .comment('updated_at of its newest open task');
    table.index(['owner_ref'], 'innersource_task_projects_owner_idx');
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

  const isPostgres = knex.client.config.client === 'pg';
  const separator = isPostgres ? 'chr(31)' : 'char(31)';
  const joined = isPostgres
    ? `string_agg(s.skill, ${separator})`
    : `group_concat(s.skill, ${separator})`;
  await knex.raw(
    `insert into innersource_task_projects (entity_ref, owner_ref, language, skills, tasks, newest_task_at)
    select p.entity_ref, p.owner_ref, p.language,
      ${separator} || coalesce((select ${joined} from innersource_project_skills s
        where s.entity_ref = p.entity_ref), '') || ${separator},
      n.tasks, n.newest
      from innersource_projects p join ${TASKS_PER_PROJECT} n on n.entity_ref = p.entity_ref`,
    [true],
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
  for (const [column, name] of TASK_ORDERS) {
    await knex.raw(`DROP INDEX ${name}`);
    await knex.schema.alterTable('innersource_tasks', table =>
      table.index([column], name),
    );
  }
  await knex.schema.dropTable('innersource_task_facet_totals');
  await knex.schema.dropTable('innersource_task_facet_counts');
  await knex.schema.dropTable('innersource_task_projects');
};
