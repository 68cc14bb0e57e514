import type {
  TaskList,
  TaskListItem,
  TaskMatchProfile,
  TaskQuery,
  TaskSort,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import type { Row } from './rows';
import { unionSkills } from './skills';
import { FACET_VALUES } from './taskFacetCounts';
import {
  afterCursor,
  CursorValue,
  decodeCursor,
  encodeCursor,
  matchKey,
  SORT_KEYS,
  SortKey,
  TIE_BREAKERS,
} from './taskOrder';
import {
  isUnfiltered,
  keptFacetCounts,
  matchCandidates,
  ResolvedScope,
  resolveScope,
  whereInScope,
  whereRefIn,
} from './unfilteredTasks';

const DAY_MS = 86_400_000;
const MAX_TERMS = 10;
/** In-scope tasks from which an unfiltered page reads tasks in sort order rather than by project. */
const WALK_FROM = 2_000;

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

/**
 * Matches a filtered search counts exactly; above it, counting stops and the
 * total says "at least this many" (shown as "10,000+", as GitHub does), so a
 * search for a common word costs what its page costs.
 */
export const COUNT_BOUND = 10_000;
/**
 * Matches whose facet values a filtered search counts exactly; above it, the
 * facet counts are those of the first this many matches found (each one a
 * lower bound), which rank the common values as all matches would.
 */
export const FACET_BOUND = 1_000;

export interface TaskSearchOptions {
  /** Tasks not updated for this many days are marked stale. */
  staleDays: number;
  now?: () => Date;
  /** Matches counted exactly (default COUNT_BOUND). */
  countBound?: number;
  /** Matches whose facet values are counted exactly (default FACET_BOUND, at most countBound). */
  facetBound?: number;
}

type Counts = {
  total: number;
  totalIsLowerBound?: boolean;
  facetsCountedOver?: number;
  facets: TaskList['facets'];
};

/** What a page needs to know to pick its rows. */
interface PageOrder {
  sort: TaskSort;
  /** The user's skills, lower-case, for "for me". */
  skills: string[];
  limit: number;
  match: SortKey;
  keys: SortKey[];
  cursor?: CursorValue[];
}

const PAGE_COLUMNS = [
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
];

function taskItem(
  row: Row,
  staleBefore: number,
  forMe: TaskMatchProfile | undefined,
): TaskListItem {
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
  if (row.number !== null && row.number !== undefined) item.number = row.number;
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
}

/**
 * Searches the help-wanted tasks the providers stored, joined with their
 * projects: text, filters, counts per facet value, keyset paging.
 */
export class TaskSearch {
  private readonly now: () => Date;
  private readonly countBound: number;
  private readonly facetBound: number;

  constructor(
    private readonly db: Knex,
    private readonly options: TaskSearchOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.countBound = options.countBound ?? COUNT_BOUND;
    this.facetBound = Math.min(
      options.facetBound ?? FACET_BOUND,
      this.countBound,
    );
  }

  private get isPostgres() {
    return this.db.client.config.client === 'pg';
  }

  /** Tasks of active projects matching every filter; `readable` limits them to projects the caller may read. */
  private filtered(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ) {
    const base = this.db('innersource_tasks as t').join(
      'innersource_projects as p',
      'p.entity_ref',
      't.entity_ref',
    );
    // SQLite, without statistics, takes any index led by `active` (true
    // nearly everywhere) for selective; a filter on an indexed project
    // column is looked up instead when unary + keeps `active` off indexes.
    const byIndexedColumn = [
      query.project,
      query.owner,
      query.system,
      query.tier,
    ].some(list => list?.length);
    if (byIndexedColumn && !this.isPostgres) {
      base.whereRaw('+p.active = ?', [true]);
    } else {
      base.where('p.active', true);
    }
    // bound as one value: a reader of 20,000 projects costs one parameter, not 20,000
    if (readable !== 'all') whereRefIn(base, this.db, 't.entity_ref', readable);
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
            .whereRaw("t.search_vector @@ to_tsquery('simple', ?)", [prefix])
            .orWhereRaw("p.search_vector @@ to_tsquery('simple', ?)", [prefix])
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
    if (byIndexedColumn && this.isPostgres) {
      // The projects' refs as an array, so that PostgreSQL reads only their
      // tasks by primary key instead of every task.
      const projects = this.db('innersource_projects')
        .select('entity_ref')
        .where('active', true);
      if (query.project?.length) projects.whereIn('entity_ref', query.project);
      if (query.owner?.length) projects.whereIn('owner_ref', query.owner);
      if (query.system?.length) projects.whereIn('system_ref', query.system);
      if (query.tier?.length) projects.whereIn('tier_name', query.tier);
      base.whereRaw('t.entity_ref = any(array(?))', [projects]);
    }
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
   * Tasks of active projects in scope, for a query without filters. SQLite
   * keeps the written order of a CROSS JOIN: tasks first when most are in
   * scope, so the page reads them in its sort's index and stops; projects
   * first for a few, or when the order is the project's. PostgreSQL plans
   * either itself. "For me" ranks projects first and reads only the tasks of
   * those that can be on the page.
   */
  private async unfiltered(
    db: Knex,
    scope: ResolvedScope,
    total: number,
    { sort, skills, limit, cursor }: PageOrder,
  ): Promise<{ base: Knex.QueryBuilder }> {
    // (wrapped: an awaited query builder would run)
    const tasksFirst =
      sort !== 'score' && sort !== 'match' && total > WALK_FROM;
    const base = tasksFirst
      ? db('innersource_tasks as t').crossJoin(
          db.raw('innersource_projects as p'),
        )
      : db('innersource_projects as p').crossJoin(
          db.raw('innersource_tasks as t'),
        );
    base.whereRaw('t.entity_ref = p.entity_ref').where('p.active', true);
    if (sort === 'match') {
      const candidates = await matchCandidates(
        db,
        scope,
        skills,
        limit + 1,
        cursor && { match: Number(cursor[0]), updatedAt: String(cursor[1]) },
      );
      return { base: base.whereIn('p.entity_ref', candidates) };
    }
    // tasks first: read in the sort's index, each one checked
    whereInScope(
      base,
      db,
      tasksFirst ? 't.entity_ref' : 'p.entity_ref',
      scope,
      {
        lookUp: !tasksFirst,
      },
    );
    return { base };
  }

  /**
   * The total and every facet's counts in one statement: the filter runs once
   * into a materialised set of at most `countBound + 1` matches, then each
   * facet groups the first `facetBound` of them. More matches than a bound
   * make the total the bound, marked as a lower bound, or the facet counts
   * those of the first `facetBound` matches, marked with that number: no
   * search reads more than the bounds, however many tasks match.
   */
  private async counts(
    base: Knex.QueryBuilder,
    withFacets: boolean,
  ): Promise<Counts> {
    const bound = this.countBound;
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
      .limit(bound + 1)
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
      "select 'total' as facet, null as value, count(*) as count from m",
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
      `with m as materialized (${matching.sql}),` +
        ` f as materialized (select * from m limit ${Number(
          this.facetBound,
        )})` +
        ` ${statements.join(' union all ')}`,
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
    return {
      ...(total > bound
        ? { total: bound, totalIsLowerBound: true }
        : { total }),
      ...(withFacets && total > this.facetBound
        ? { facetsCountedOver: this.facetBound }
        : {}),
      facets,
    };
  }

  /** The order, page size and cursor a query asks for. */
  private pageOrder(query: TaskQuery, forMe?: TaskMatchProfile): PageOrder {
    const sort = query.sort ?? 'updated';
    const skills = (forMe?.skills ?? []).map(s => s.toLocaleLowerCase('en-US'));
    const match = matchKey(skills);
    const keys =
      sort === 'match'
        ? [match, SORT_KEYS.updated, ...TIE_BREAKERS]
        : [SORT_KEYS[sort], ...TIE_BREAKERS];
    return {
      sort,
      skills,
      limit: query.limit ?? 20,
      match,
      keys,
      cursor: query.cursor ? decodeCursor(query.cursor, sort, keys) : undefined,
    };
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
    const order = this.pageOrder(query, forMe);
    const withFacets = query.facets !== false;
    if (!isUnfiltered(query, searchTerms(query.q))) {
      const base = this.filtered(query, readable, forMe);
      return this.list(base, this.counts(base, withFacets), order, forMe);
    }
    // One snapshot: the scope read first holds for every statement after it.
    return this.db.transaction(
      async tx => {
        // Its statements are short; before statistics exist, PostgreSQL's
        // estimates are far off and it would compile some for longer than they run.
        if (this.isPostgres) await tx.raw('set local jit = off');
        const scope = await resolveScope(tx, {
          readable,
          hiddenOwners: forMe?.hiddenOwners ?? [],
        });
        const kept = await keptFacetCounts(tx, scope, withFacets);
        const { base } = await this.unfiltered(tx, scope, kept.total, order);
        return this.list(base, Promise.resolve(kept), order, forMe);
      },
      this.isPostgres
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined,
    );
  }

  /** The page of `base` in the asked order, with its cursor and counts. */
  private async list(
    base: Knex.QueryBuilder,
    counted: Promise<Counts>,
    { sort, limit, match, keys, cursor }: PageOrder,
    forMe: TaskMatchProfile | undefined,
  ): Promise<TaskList> {
    const page = base
      .clone()
      .select(
        ...PAGE_COLUMNS,
        this.db.raw(`${match.sql} as match_score`, match.bindings),
      )
      .limit(limit + 1);
    for (const key of keys) {
      page.orderByRaw(`${key.sql} ${key.order}`, key.bindings);
    }
    if (cursor) afterCursor(page, keys, cursor);
    const [rows, { total, totalIsLowerBound, facetsCountedOver, facets }]: [
      Row[],
      Counts,
    ] = await Promise.all([page, counted]);

    const staleBefore = this.now().getTime() - this.options.staleDays * DAY_MS;
    const last = rows[limit - 1];
    return {
      items: rows.slice(0, limit).map(row => taskItem(row, staleBefore, forMe)),
      ...(rows.length > limit && last
        ? {
            nextCursor: encodeCursor(
              sort,
              keys.map(key => key.valueOf(last)),
            ),
          }
        : {}),
      total,
      ...(totalIsLowerBound ? { totalIsLowerBound } : {}),
      ...(facetsCountedOver ? { facetsCountedOver } : {}),
      facets,
      ...(forMe ? { forMe } : {}),
    };
  }
}
