import { InputError } from '@backstage/errors';
import type {
  FacetCount,
  TaskList,
  TaskListItem,
  TaskQuery,
  TaskSort,
} from '@internal/plugin-innersource-common';
import type { Knex } from 'knex';

const DAY_MS = 86_400_000;
const MAX_TERMS = 10;
const FACET_VALUES = 25;

const SORT_COLUMNS: Record<TaskSort, string> = {
  updated: 't.updated_at',
  created: 't.created_at',
  comments: 't.comments',
  score: 'p.rank_score',
};

type CursorValue = string | number;

function encodeCursor(
  sort: TaskSort,
  value: CursorValue,
  ref: string,
  id: string,
) {
  return Buffer.from(JSON.stringify([sort, value, ref, id])).toString(
    'base64url',
  );
}

function decodeCursor(
  cursor: string,
  sort: TaskSort,
): [CursorValue, string, string] {
  try {
    const [cursorSort, value, ref, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      cursorSort === sort &&
      (typeof value === 'string' || typeof value === 'number') &&
      typeof ref === 'string' &&
      typeof id === 'string'
    ) {
      return [value, ref, id];
    }
  } catch {
    // reported below
  }
  throw new InputError(
    `cursor is not one this search gave for sort=${sort}; start again without it`,
  );
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, c => `\\${c}`);

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

  /** Tasks of active projects matching every filter; `readable` limits them to projects the caller may read. */
  private filtered(query: TaskQuery, readable: string[] | 'all') {
    const base = this.db('innersource_tasks as t')
      .join('innersource_projects as p', 'p.entity_ref', 't.entity_ref')
      .where('p.active', true);
    if (readable !== 'all') base.whereIn('t.entity_ref', readable);

    const terms = (query.q ?? '')
      .toLocaleLowerCase('en-US')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, MAX_TERMS);
    for (const term of terms) {
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

  private async facet(
    base: Knex.QueryBuilder,
    column: string,
    join?: (q: Knex.QueryBuilder) => void,
  ): Promise<FacetCount[]> {
    const q = base.clone().clearSelect().clearOrder();
    join?.(q);
    const rows: Array<{ value: string | null; count: string | number }> =
      await q
        .select({ value: column })
        .count({ count: '*' })
        .whereNotNull(column)
        .groupBy(column)
        .orderBy([
          { column: 'count', order: 'desc' },
          { column: 'value', order: 'asc' },
        ])
        .limit(FACET_VALUES);
    return rows.map(r => ({ value: String(r.value), count: Number(r.count) }));
  }

  async search(
    query: TaskQuery,
    readable: string[] | 'all',
  ): Promise<TaskList> {
    const sort = query.sort ?? 'updated';
    const limit = query.limit ?? 20;
    const column = SORT_COLUMNS[sort];
    const base = this.filtered(query, readable);

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
        'p.score',
        'p.rank_score',
        'p.tier_name',
        'p.tier_color',
      )
      .orderBy([
        { column, order: 'desc' },
        { column: 't.entity_ref', order: 'asc' },
        { column: 't.id', order: 'asc' },
      ])
      .limit(limit + 1);
    if (query.cursor) {
      const [value, ref, id] = decodeCursor(query.cursor, sort);
      page.where(b =>
        b
          .where(column, '<', value)
          .orWhere(tie =>
            tie
              .where(column, '=', value)
              .andWhere(after =>
                after
                  .where('t.entity_ref', '>', ref)
                  .orWhere(same =>
                    same
                      .where('t.entity_ref', '=', ref)
                      .andWhere('t.id', '>', id),
                  ),
              ),
          ),
      );
    }

    const [rows, totalRows, labels, owners, skills, languages, tiers] =
      await Promise.all([
        page,
        base.clone().count({ count: '*' }),
        this.facet(base, 'l.label', q =>
          q.join('innersource_task_labels as l', j =>
            j.on('l.entity_ref', 't.entity_ref').andOn('l.task_id', 't.id'),
          ),
        ),
        this.facet(base, 'p.owner_ref'),
        this.facet(base, 's.skill', q =>
          q.join(
            'innersource_project_skills as s',
            's.entity_ref',
            't.entity_ref',
          ),
        ),
        this.facet(base, 'p.language'),
        this.facet(base, 'p.tier_name'),
      ]);

    const staleBefore = this.now().getTime() - this.options.staleDays * DAY_MS;
    const items: TaskListItem[] = rows.slice(0, limit).map(row => {
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
          skills: JSON.parse(row.skills ?? '[]'),
          score: row.score ?? null,
          tier: row.tier_name
            ? { name: row.tier_name, color: row.tier_color }
            : null,
        },
      };
      if (row.number !== null && row.number !== undefined)
        item.number = row.number;
      if (row.assignee) item.assignee = row.assignee;
      return item;
    });
    const last = rows[limit - 1];
    const sortValue = (row: Record<string, any>): CursorValue =>
      ({
        updated: row.updated_at,
        created: row.created_at,
        comments: row.comments,
        score: row.rank_score,
      }[sort]);
    return {
      items,
      ...(rows.length > limit && last
        ? {
            nextCursor: encodeCursor(
              sort,
              sortValue(last),
              last.entity_ref,
              last.id,
            ),
          }
        : {}),
      total: Number(totalRows[0].count),
      facets: { labels, owners, skills, languages, tiers },
    };
  }
}
