import type {
  TaskList,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import type { Row } from './rows';
import {
  COUNTS_TABLE,
  FACET_VALUES,
  FacetCount,
  FacetName,
  PROJECTS_TABLE,
  SKILL_SEPARATOR,
  TOTALS_TABLE,
} from './taskFacetCounts';

// The help-wanted page's first view, no filter but the reader's (and "for
// me"'s hidden owners): counts summed from the kept facet counts, and "for me"
// ranked by project before any task is read.

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/** Whose tasks are listed: projects the caller may read, without the hidden owners' ones. */
export interface TaskScope {
  readable: string[] | 'all';
  hiddenOwners: string[];
}

/** Whether the query filters on nothing but who reads it, so kept counts answer it. */
export function isUnfiltered(query: TaskQuery, terms: string[]): boolean {
  const lists = [
    query.label,
    query.project,
    query.owner,
    query.system,
    query.skill,
    query.language,
    query.tier,
  ];
  return (
    terms.length === 0 &&
    lists.every(list => !list?.length) &&
    !query.goodFirst &&
    query.updatedWithinDays === undefined
  );
}

/** Above this many refs, SQLite checks rows it reads anyway rather than look each ref up. */
export const LOOK_UP_AT_MOST = 1_000;

/**
 * `column in (refs)`, or `not in`, with the list bound as one value: a reader
 * of 20,000 projects costs one parameter, not 20,000. SQLite looks a short
 * list's refs up (unless `lookUp` is false); else it only checks the rows it
 * reads in another index (unary `+` keeps the column off indexes).
 * PostgreSQL plans either itself.
 */
export function whereRefIn(
  builder: Knex.QueryBuilder,
  db: Knex,
  column: string,
  refs: string[],
  options: { negate?: boolean; lookUp?: boolean } = {},
) {
  const negate = options.negate ?? false;
  const lookUp =
    !negate && (options.lookUp ?? true) && refs.length <= LOOK_UP_AT_MOST;
  if (isPostgres(db)) {
    builder.whereRaw(`${column} ${negate ? '<> all' : '= any'}(?::text[])`, [
      refs,
    ] as any);
  } else {
    builder.whereRaw(
      `${lookUp ? '' : '+'}${column} ${
        negate ? 'not in' : 'in'
      } (select value from json_each(?))`,
      [JSON.stringify(refs)],
    );
  }
  return builder;
}

/** Active projects with open tasks (`tp`): the only ones kept counts count. */
const withTasks = (db: Knex) => db(`${PROJECTS_TABLE} as tp`);

/**
 * The projects with open tasks in scope, as the shorter list: only these,
 * or all but these. Read once per search, in its transaction, so every
 * later statement binds a short list and still counts exactly these.
 */
export type ResolvedScope = { only: string[] } | { allBut: string[] };

export async function resolveScope(
  db: Knex,
  { readable, hiddenOwners }: TaskScope,
): Promise<ResolvedScope> {
  const hidden = new Set(hiddenOwners);
  const shown = (row: Row) => !(row.owner_ref && hidden.has(row.owner_ref));
  if (readable === 'all') {
    if (hidden.size === 0) return { allBut: [] };
    const rows = await withTasks(db)
      .select('tp.entity_ref')
      .whereIn('tp.owner_ref', hiddenOwners);
    return { allBut: rows.map(row => row.entity_ref) };
  }
  if (readable.length <= LOOK_UP_AT_MOST) {
    const rows: Row[] = await whereRefIn(
      withTasks(db).select('tp.entity_ref', 'tp.owner_ref'),
      db,
      'tp.entity_ref',
      readable,
    );
    return { only: rows.filter(shown).map(row => row.entity_ref) };
  }
  const readableRefs = new Set(readable);
  const only: string[] = [];
  const allBut: string[] = [];
  for (const row of await withTasks(db).select(
    'tp.entity_ref',
    'tp.owner_ref',
  )) {
    const inScope = readableRefs.has(row.entity_ref) && shown(row);
    (inScope ? only : allBut).push(row.entity_ref);
  }
  return only.length <= allBut.length ? { only } : { allBut };
}

/** Keeps the rows whose `column` (a project ref) is in the resolved scope. */
export function whereInScope(
  builder: Knex.QueryBuilder,
  db: Knex,
  column: string,
  scope: ResolvedScope,
  options: { lookUp?: boolean } = {},
) {
  if ('only' in scope)
    return whereRefIn(builder, db, column, scope.only, options);
  if (scope.allBut.length) {
    whereRefIn(builder, db, column, scope.allBut, { negate: true });
  }
  return builder;
}

/** The most counted values of each facet, as the general search orders them. */
export function topFacetValues(counts: FacetCount[]): {
  total: number;
  facets: TaskList['facets'];
} {
  const sums = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const values = sums.get(c.facet) ?? new Map<string, number>();
    values.set(c.value, (values.get(c.value) ?? 0) + c.tasks);
    sums.set(c.facet, values);
  }
  const top = (facet: FacetName) =>
    [...(sums.get(facet) ?? [])]
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count }))
      .sort(
        (x, y) =>
          y.count - x.count ||
          (x.value < y.value ? -1 : Number(x.value > y.value)),
      )
      .slice(0, FACET_VALUES);
  return {
    total: sums.get('total')?.get('') ?? 0,
    facets: {
      labels: top('labels'),
      owners: top('owners'),
      skills: top('skills'),
      languages: top('languages'),
      tiers: top('tiers'),
    },
  };
}

const rowsOf = (db: Knex, result: any): Row[] =>
  isPostgres(db) ? result.rows : result;

const asCounts = (rows: Row[]): FacetCount[] =>
  rows.map(r => ({ facet: r.facet, value: r.value, tasks: Number(r.tasks) }));

/**
 * The kept counts of these projects, summed. Read a project at a time by key:
 * PostgreSQL would otherwise, before its statistics exist, scan every count.
 */
async function sumCounts(
  db: Knex,
  refs: string[],
  withFacets: boolean,
): Promise<FacetCount[]> {
  if (refs.length === 0) return [];
  const facets = withFacets ? '' : ` where c.facet = 'total'`;
  const sql = isPostgres(db)
    ? `select c.facet, c.value, sum(c.tasks) as tasks from unnest(?::text[]) as r(ref)` +
      ` cross join lateral (select facet, value, tasks from ${COUNTS_TABLE} c` +
      ` where c.entity_ref = r.ref offset 0) as c${facets} group by c.facet, c.value`
    : `select c.facet, c.value, sum(c.tasks) as tasks from json_each(?) as r` +
      ` join ${COUNTS_TABLE} c on c.entity_ref = r.value${facets} group by c.facet, c.value`;
  const result = await db.raw(sql, [
    isPostgres(db) ? (refs as any) : JSON.stringify(refs),
  ]);
  return asCounts(rowsOf(db, result));
}

/**
 * The total and facet counts of every task in scope, from the kept counts:
 * the sums over the projects in scope, or the totals less those left out.
 */
export async function keptFacetCounts(
  db: Knex,
  scope: ResolvedScope,
  withFacets: boolean,
): Promise<{ total: number; facets: TaskList['facets'] }> {
  if ('only' in scope) {
    return topFacetValues(await sumCounts(db, scope.only, withFacets));
  }
  const totals = db(TOTALS_TABLE).select('facet', 'value', 'tasks');
  if (!withFacets) totals.where('facet', 'total');
  const leftOut = await sumCounts(db, scope.allBut, withFacets);
  return topFacetValues([
    ...asCounts(await totals),
    ...leftOut.map(c => ({ ...c, tasks: -c.tasks })),
  ]);
}

/**
 * The projects that hold the next `limit` tasks in "for me" order (match,
 * then newest update, then ref and id): the first `limit` projects ranked
 * by match, newest task and ref hold them, since each one's newest task
 * comes before every task of a project ranked lower. After a cursor at
 * (match, updatedAt), that holds for the projects wholly after it; those of
 * the cursor's match with a task as new as the cursor's (the ones already
 * shown, few) are added to be read from the cursor on.
 */
export async function matchCandidates(
  db: Knex,
  scope: ResolvedScope,
  skills: string[],
  limit: number,
  after?: { match: number; updatedAt: string },
): Promise<string[]> {
  // The count taskOrder's matchKey makes for a task, for every project at
  // once: each of the user's skills found among the project's, and its language.
  const unique = [...new Set(skills)].filter(
    skill => !skill.includes(SKILL_SEPARATOR),
  );
  const find = isPostgres(db) ? 'strpos' : 'instr';
  const terms = [
    ...unique.map(
      () => `(case when ${find}(tp.skills, ?) > 0 then 1 else 0 end)`,
    ),
    skills.length
      ? `(case when lower(tp.language) in (${skills
          .map(() => '?')
          .join(', ')}) then 1 else 0 end)`
      : '0',
  ];
  const shared = withTasks(db).select(
    db.raw(`${terms.join(' + ')} as match_score`, [
      ...unique.map(skill => `${SKILL_SEPARATOR}${skill}${SKILL_SEPARATOR}`),
      ...skills,
    ]),
  );
  const ranked = whereInScope(
    shared.select('tp.entity_ref', 'tp.newest_task_at'),
    db,
    'tp.entity_ref',
    scope,
  ).toSQL();
  const order = `order by match_score desc, newest_task_at desc, entity_ref asc limit ${Number(
    limit,
  )}`;
  if (!after) {
    const result = await db.raw(
      `select entity_ref from (${ranked.sql}) as m ${order}`,
      ranked.bindings,
    );
    return rowsOf(db, result).map(r => r.entity_ref);
  }
  const result = await db.raw(
    `with m as (${ranked.sql})` +
      ` select entity_ref from m where match_score = ? and newest_task_at >= ?` +
      ` union all select entity_ref from (select entity_ref, match_score, newest_task_at from m` +
      ` where match_score < ? or (match_score = ? and newest_task_at < ?) ${order}) as rest`,
    [
      ...ranked.bindings,
      after.match,
      after.updatedAt,
      after.match,
      after.match,
      after.updatedAt,
    ],
  );
  return rowsOf(db, result).map(r => r.entity_ref);
}
