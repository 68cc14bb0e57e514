import { InputError } from '@backstage/errors';
import type {
  TaskList,
  TaskListItem,
  TaskMatchProfile,
  TaskQuery,
  TaskSort,
} from '@internal/plugin-innersource-common';
import type { Knex } from 'knex';
import { unionSkills } from './skills';

const DAY_MS = 86_400_000;
const MAX_TERMS = 10;
const FACET_VALUES = 25;

type CursorValue = string | number;

/** One column of the order: an SQL expression, its bindings, and how to read it from a row. */
interface SortKey {
  sql: string;
  bindings: CursorValue[];
  order: 'asc' | 'desc';
  /** The column's type: what a cursor value for it must be. */
  type: 'text' | 'integer';
  valueOf(row: Record<string, any>): CursorValue;
}

const sortKey = (
  sql: string,
  order: 'asc' | 'desc',
  field: string,
  type: SortKey['type'],
): SortKey => ({
  sql,
  bindings: [],
  order,
  type,
  valueOf: row => row[field],
});

const SORT_KEYS: Record<Exclude<TaskSort, 'match'>, SortKey> = {
  updated: sortKey('t.updated_at', 'desc', 'updated_at', 'text'),
  created: sortKey('t.created_at', 'desc', 'created_at', 'text'),
  comments: sortKey('t.comments', 'desc', 'comments', 'integer'),
  score: sortKey('p.rank_score', 'desc', 'rank_score', 'integer'),
};
const TIE_BREAKERS = [
  sortKey('t.entity_ref', 'asc', 'entity_ref', 'text'),
  sortKey('t.id', 'asc', 'id', 'text'),
];

const MAX_INT32 = 2 ** 31 - 1;

/** Whether a cursor value can stand for a value of the key's column: a tampered one would fail in the database. */
function fitsKey(value: unknown, key: SortKey): boolean {
  if (key.type === 'integer') {
    return Number.isInteger(value) && Math.abs(value as number) <= MAX_INT32;
  }
  return (
    typeof value === 'string' &&
    value.length <= 255 &&
    !value.includes('\u0000')
  );
}

function encodeCursor(sort: TaskSort, values: CursorValue[]) {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

function decodeCursor(
  cursor: string,
  sort: TaskSort,
  keys: SortKey[],
): CursorValue[] {
  try {
    const [cursorSort, ...values] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      cursorSort === sort &&
      values.length === keys.length &&
      values.every((v: unknown, i: number) => fitsKey(v, keys[i]))
    ) {
      return values;
    }
  } catch {
    // reported below
  }
  throw new InputError(
    `cursor is not one this search gave for sort=${sort}; start again without it`,
  );
}

/** Rows after the cursor in the order of `keys`: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or … */
function afterCursor(
  query: Knex.QueryBuilder,
  keys: SortKey[],
  values: CursorValue[],
) {
  query.where(any => {
    keys.forEach((key, i) => {
      any.orWhere(branch => {
        for (let j = 0; j < i; j++) {
          branch.whereRaw(`${keys[j].sql} = ?`, [
            ...keys[j].bindings,
            values[j],
          ]);
        }
        branch.whereRaw(`${key.sql} ${key.order === 'desc' ? '<' : '>'} ?`, [
          ...key.bindings,
          values[i],
        ]);
      });
    });
  });
}

export const escapeLike = (term: string) =>
  term.replace(/[\\%_]/g, c => `\\${c}`);

/** The words of a search box, lower-case, at most ten. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

export interface TaskSearchOptions {
  /** Tasks not updated for this many days are marked stale. */
  staleDays: number;
  now?: () => Date;
}

/**
 * Searches the help-wanted tasks the providers stored, joined with their
 * projects: text, filters, counts per facet value, keyset paging.
 */
export class TaskSearch {
  private readonly now: () => Date;

  constructor(
    private readonly db: Knex,
    private readonly options: TaskSearchOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private get isPostgres() {
    return this.db.client.config.client === 'pg';
  }

  /** How many of the user's skills the project's skills and language share. */
  private matchKey(skills: string[]): SortKey {
    if (skills.length === 0) {
      return {
        sql: '0',
        bindings: [],
        order: 'desc',
        type: 'integer',
        valueOf: () => 0,
      };
    }
    const marks = skills.map(() => '?').join(', ');
    return {
      sql:
        `((select count(*) from innersource_project_skills ms where ms.entity_ref = t.entity_ref and ms.skill in (${marks}))` +
        ` + (case when lower(p.language) in (${marks}) then 1 else 0 end))`,
      bindings: [...skills, ...skills],
      order: 'desc',
      type: 'integer',
      valueOf: row => Number(row.match_score),
    };
  }

  /** Tasks of active projects matching every filter; `readable` limits them to projects the caller may read. */
  private filtered(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ) {
    const base = this.db('innersource_tasks as t')
      .join('innersource_projects as p', 'p.entity_ref', 't.entity_ref')
      .where('p.active', true);
    if (readable !== 'all') base.whereIn('t.entity_ref', readable);
    if (forMe?.hiddenOwners.length) {
      base.where(b =>
        b
          .whereNull('p.owner_ref')
          .orWhereNotIn('p.owner_ref', forMe.hiddenOwners),
      );
    }

    for (const term of searchTerms(query.q)) {
      if (this.isPostgres) {
        const word = term.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        if (!word) continue;
        const prefix = word
          .split(' ')
          .map(w => `${w}:*`)
          .join(' & ');
        base.where(b =>
          b
            .whereRaw(
              "to_tsvector('simple', t.search_text) @@ to_tsquery('simple', ?)",
              [prefix],
            )
            .orWhereRaw(
              "to_tsvector('simple', p.search_text) @@ to_tsquery('simple', ?)",
              [prefix],
            )
            .orWhereRaw('lower(p.language) = ?', [term]),
        );
      } else {
        const pattern = `%${escapeLike(term)}%`;
        base.where(b =>
          b
            .whereRaw("t.search_text LIKE ? ESCAPE '\\'", [pattern])
            .orWhereRaw("p.search_text LIKE ? ESCAPE '\\'", [pattern])
            .orWhereRaw('lower(p.language) = ?', [term]),
        );
      }
    }
    if (query.label?.length) {
      const labels = query.label.map(l => l.toLocaleLowerCase('en-US'));
      base.whereExists(
        this.db('innersource_task_labels as l')
          .select(this.db.raw('1'))
          .whereRaw('l.entity_ref = t.entity_ref')
          .andWhereRaw('l.task_id = t.id')
          .whereIn('l.label', labels),
      );
    }
    if (query.skill?.length) {
      const skills = query.skill.map(s => s.toLocaleLowerCase('en-US'));
      base.whereExists(
        this.db('innersource_project_skills as s')
          .select(this.db.raw('1'))
          .whereRaw('s.entity_ref = t.entity_ref')
          .whereIn('s.skill', skills),
      );
    }
    if (query.goodFirst) base.where('t.is_good_first', true);
    if (query.project?.length) base.whereIn('t.entity_ref', query.project);
    if (query.owner?.length) base.whereIn('p.owner_ref', query.owner);
    if (query.system?.length) base.whereIn('p.system_ref', query.system);
    if (query.tier?.length) base.whereIn('p.tier_name', query.tier);
    if (query.language?.length)
      base.whereRaw(
        `lower(p.language) in (${query.language.map(() => '?').join(', ')})`,
        query.language.map(l => l.toLocaleLowerCase('en-US')),
      );
    if (query.updatedWithinDays !== undefined) {
      const since = new Date(
        this.now().getTime() - query.updatedWithinDays * DAY_MS,
      ).toISOString();
      base.where('t.updated_at', '>=', since);
    }
    return base;
  }

  /**
   * The total and every facet's counts in one statement: the filter runs once
   * into a materialised set, then each facet groups that set.
   */
  private async counts(
    base: Knex.QueryBuilder,
    withFacets: boolean,
  ): Promise<{ total: number; facets: TaskList['facets'] }> {
    const matching = base
      .clone()
      .clearSelect()
      .clearOrder()
      .select(
        't.entity_ref',
        't.id',
        'p.owner_ref',
        'p.language',
        'p.tier_name',
      )
      .toSQL();
    // `f cross join x where …` rather than `join … on`: SQLite then reads the
    // few matching tasks first and looks each up by key, instead of scanning
    // every label; PostgreSQL plans both forms alike.
    const facet = (
      name: string,
      column: string,
      join?: { table: string; on: string },
    ) =>
      `select * from (select '${name}' as facet, ${column} as value, count(*) as count` +
      ` from f${join ? ` cross join ${join.table}` : ''}` +
      ` where ${
        join ? `${join.on} and ` : ''
      }${column} is not null group by ${column}` +
      ` order by count(*) desc, ${column} asc limit ${FACET_VALUES}) as ${name}`;
    const statements = [
      "select 'total' as facet, null as value, count(*) as count from f",
    ];
    if (withFacets) {
      statements.push(
        facet('owners', 'f.owner_ref'),
        facet('languages', 'f.language'),
        facet('tiers', 'f.tier_name'),
        facet('labels', 'l.label', {
          table: 'innersource_task_labels l',
          on: 'l.entity_ref = f.entity_ref and l.task_id = f.id',
        }),
        facet('skills', 's.skill', {
          table: 'innersource_project_skills s',
          on: 's.entity_ref = f.entity_ref',
        }),
      );
    }
    const result = await this.db.raw(
      `with f as materialized (${matching.sql}) ${statements.join(
        ' union all ',
      )}`,
      matching.bindings,
    );
    const rows: Array<{
      facet: string;
      value: string | null;
      count: string | number;
    }> = this.isPostgres ? result.rows : result;
    const facets: TaskList['facets'] = {
      labels: [],
      owners: [],
      skills: [],
      languages: [],
      tiers: [],
    };
    let total = 0;
    for (const row of rows) {
      if (row.facet === 'total') total = Number(row.count);
      else
        facets[row.facet as keyof TaskList['facets']].push({
          value: String(row.value),
          count: Number(row.count),
        });
    }
    // each facet's rows keep their order only inside the subquery: sort again
    for (const list of Object.values(facets)) {
      list.sort(
        (x, y) =>
          y.count - x.count ||
          (x.value < y.value ? -1 : Number(x.value > y.value)),
      );
    }
    return { total, facets };
  }

  /**
   * One page of tasks and the facet counts. With `forMe`, the user's teams'
   * projects are left out and `sort: 'match'` ranks by shared skills.
   */
  async search(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ): Promise<TaskList> {
    const sort = query.sort ?? 'updated';
    const limit = query.limit ?? 20;
    const userSkills = (forMe?.skills ?? []).map(s =>
      s.toLocaleLowerCase('en-US'),
    );
    const matchKey = this.matchKey(userSkills);
    const keys =
      sort === 'match'
        ? [matchKey, SORT_KEYS.updated, ...TIE_BREAKERS]
        : [SORT_KEYS[sort], ...TIE_BREAKERS];
    const base = this.filtered(query, readable, forMe);

    const page = base
      .clone()
      .select(
        't.entity_ref',
        't.id',
        't.number',
        't.title',
        't.url',
        't.labels',
        't.is_good_first',
        't.created_at',
        't.updated_at',
        't.comments',
        't.assignee',
        { project_title: 'p.title' },
        'p.owner_ref',
        'p.system_ref',
        'p.language',
        'p.skills',
        'p.repo_skills',
        'p.score',
        'p.rank_score',
        'p.tier_name',
        'p.tier_color',
        this.db.raw(`${matchKey.sql} as match_score`, matchKey.bindings),
      )
      .limit(limit + 1);
    for (const key of keys) {
      page.orderByRaw(`${key.sql} ${key.order}`, key.bindings);
    }
    if (query.cursor) {
      afterCursor(page, keys, decodeCursor(query.cursor, sort, keys));
    }

    const [rows, { total, facets }] = await Promise.all([
      page,
      this.counts(base, query.facets !== false),
    ]);

    const staleBefore = this.now().getTime() - this.options.staleDays * DAY_MS;
    const items: TaskListItem[] = rows.slice(0, limit).map(row => {
      const projectSkills = unionSkills(
        JSON.parse(row.skills ?? '[]'),
        JSON.parse(row.repo_skills ?? '[]'),
      );
      const item: TaskListItem = {
        id: row.id,
        title: row.title,
        url: row.url,
        labels: JSON.parse(row.labels),
        goodFirst: Boolean(row.is_good_first),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        comments: row.comments,
        stale: Date.parse(row.updated_at) < staleBefore,
        project: {
          entityRef: row.entity_ref,
          ...(row.project_title ? { title: row.project_title } : {}),
          ...(row.owner_ref ? { owner: row.owner_ref } : {}),
          ...(row.system_ref ? { system: row.system_ref } : {}),
          ...(row.language ? { language: row.language } : {}),
          skills: projectSkills,
          score: row.score ?? null,
          tier: row.tier_name
            ? { name: row.tier_name, color: row.tier_color }
            : null,
        },
      };
      if (row.number !== null && row.number !== undefined)
        item.number = row.number;
      if (row.assignee) item.assignee = row.assignee;
      if (forMe) {
        const offered = new Set(
          [...projectSkills, row.language ?? ''].map(s =>
            s.toLocaleLowerCase('en-US'),
          ),
        );
        item.matchedSkills = forMe.skills.filter(s =>
          offered.has(s.toLocaleLowerCase('en-US')),
        );
      }
      return item;
    });
    const last = rows[limit - 1];
    return {
      items,
      ...(rows.length > limit && last
        ? {
            nextCursor: encodeCursor(
              sort,
              keys.map(key => key.valueOf(last)),
            ),
          }
        : {}),
      total,
      facets,
      ...(forMe ? { forMe } : {}),
    };
  }
}
