import { InputError } from '@backstage/errors';
import type {
  FacetCount,
  ProjectFacets,
  ProjectSort,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';

// The project directory's order, cursors and facet counts (GET /projects).

const MAX_INT32 = 2 ** 31 - 1;
const FACET_VALUES = 25;

/** The first column of an order: an SQL expression over innersource_projects, and its value in a row. */
interface ProjectSortKey {
  sql: string;
  order: 'asc' | 'desc';
  type: 'integer' | 'text';
  /** The selected column holding the value, under this alias. */
  alias: string;
}

export const PROJECT_SORT_KEYS: Record<ProjectSort, ProjectSortKey> = {
  score: {
    sql: 'rank_score',
    order: 'desc',
    type: 'integer',
    alias: 'rank_score',
  },
  activity: {
    sql: 'activity_score',
    order: 'desc',
    type: 'integer',
    alias: 'activity_score',
  },
  // Never-active repositories last on both databases (PostgreSQL puts NULL first when descending).
  recent: {
    sql: "coalesce(last_activity_at, '')",
    order: 'desc',
    type: 'text',
    alias: 'sort_recent',
  },
  name: {
    sql: 'lower(coalesce(title, name))',
    order: 'asc',
    type: 'text',
    alias: 'sort_name',
  },
};

function fits(value: unknown, type: ProjectSortKey['type']): boolean {
  if (type === 'integer')
    return Number.isInteger(value) && Math.abs(value as number) <= MAX_INT32;
  return (
    typeof value === 'string' &&
    value.length <= 255 &&
    !value.includes('\u0000')
  );
}

const fitsRef = (ref: unknown) => fits(ref, 'text');

/**
 * A cursor: the last row's sort value and ref, opaque to clients. The score
 * order keeps its earlier form `[rank, ref]`; the others name their order,
 * `[value, ref, sort]`, so a cursor of one order is refused by another.
 */
export function encodeDirectoryCursor(
  sort: ProjectSort,
  value: string | number,
  entityRef: string,
): string {
  const parts =
    sort === 'score' ? [value, entityRef] : [value, entityRef, sort];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeDirectoryCursor(
  cursor: string,
  sort: ProjectSort,
): [string | number, string] {
  const key = PROJECT_SORT_KEYS[sort];
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const length = sort === 'score' ? 2 : 3;
    if (
      Array.isArray(value) &&
      value.length === length &&
      (sort === 'score' || value[2] === sort) &&
      fits(value[0], key.type) &&
      fitsRef(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor is not valid');
}

/** Orders the query by the sort, entity_ref breaking ties, starting after the cursor's row. */
export function orderDirectory(
  db: Knex,
  query: Knex.QueryBuilder,
  sort: ProjectSort,
  cursor?: [string | number, string],
) {
  const key = PROJECT_SORT_KEYS[sort];
  if (cursor) {
    const [value, ref] = cursor;
    const beyond = key.order === 'desc' ? '<' : '>';
    query.andWhere(after =>
      after
        .whereRaw(`${key.sql} ${beyond} ?`, [value])
        .orWhere(tie =>
          tie
            .whereRaw(`${key.sql} = ?`, [value])
            .andWhere('entity_ref', '>', ref),
        ),
    );
  }
  if (key.sql !== key.alias) {
    query.select(db.raw(`${key.sql} as ${key.alias}`));
  }
  query.orderByRaw(`${key.sql} ${key.order}`).orderBy('entity_ref', 'asc');
  return query;
}

/** The value a row's cursor carries for the sort. */
export function sortValueOf(row: Record<string, any>, sort: ProjectSort) {
  return row[PROJECT_SORT_KEYS[sort].alias];
}

/**
 * Only the refs given. On PostgreSQL one array parameter, on SQLite one JSON
 * text: a caller may read tens of thousands of projects, more than either
 * takes as separate parameters.
 */
export function whereEntityRefIn(
  builder: Knex.QueryBuilder,
  db: Knex,
  column: string,
  refs: string[],
) {
  if (db.client.config.client === 'pg') {
    builder.whereRaw(`${column} = any(?::text[])`, [refs] as any);
  } else {
    builder.whereRaw(`${column} in (select value from json_each(?))`, [
      JSON.stringify(refs),
    ]);
  }
  return builder;
}

/**
 * How many projects match and how many carry each facet value, in one
 * statement: the filtered projects are materialised once, then grouped per
 * facet (the 25 most frequent values of each).
 */
export async function directoryCounts(
  db: Knex,
  filtered: Knex.QueryBuilder,
): Promise<{ total: number; facets: ProjectFacets }> {
  const matching = filtered
    .clone()
    .clearSelect()
    .clearOrder()
    .select('entity_ref', 'owner_ref', 'tier_name', 'kind', 'language')
    .toSQL();
  const facet = (
    name: keyof ProjectFacets,
    column: string,
    join?: { table: string; on: string },
  ) =>
    `select * from (select '${name}' as facet, ${column} as value, count(*) as count` +
    ` from f${join ? ` cross join ${join.table}` : ''}` +
    ` where ${join ? `${join.on} and ` : ''}${column} is not null` +
    ` group by ${column} order by count(*) desc, ${column} asc limit ${FACET_VALUES}) as ${name}`;
  const statements = [
    "select 'total' as facet, null as value, count(*) as count from f",
    facet('tiers', 'f.tier_name'),
    facet('owners', 'f.owner_ref'),
    facet('kinds', 'f.kind'),
    facet('languages', 'f.language'),
    facet('skills', 's.skill', {
      table: 'innersource_project_skills s',
      on: 's.entity_ref = f.entity_ref',
    }),
    facet('tags', 't.tag', {
      table: 'innersource_project_tags t',
      on: 't.entity_ref = f.entity_ref',
    }),
  ];
  const result = await db.raw(
    `with f as materialized (${matching.sql}) ${statements.join(
      ' union all ',
    )}`,
    matching.bindings,
  );
  const rows: Array<{ facet: string; value: string | null; count: unknown }> =
    db.client.config.client === 'pg' ? result.rows : result;
  const facets: ProjectFacets = {
    tiers: [],
    owners: [],
    kinds: [],
    languages: [],
    skills: [],
    tags: [],
  };
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = Number(row.count);
    else
      facets[row.facet as keyof ProjectFacets].push({
        value: String(row.value),
        count: Number(row.count),
      });
  }
  // each facet's rows keep their order only inside its subquery: sort again
  for (const list of Object.values(facets) as FacetCount[][]) {
    list.sort(
      (a, b) =>
        b.count - a.count ||
        (a.value < b.value ? -1 : Number(a.value > b.value)),
    );
  }
  return { total, facets };
}
