import {
  DAY_MS,
  METRIC_CATALOGUE,
  scoreBucket,
  scoreHistogram,
  TREND_WINDOW_DAYS,
} from '@innersource-for-backstage/plugin-innersource-common';
import type {
  ContributorSummary,
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  PreviewProject,
  ProjectFacets,
  ProjectMetrics,
  ProjectListItem,
  ProjectSummary,
  ProjectTrend,
  ScoringInput,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
  TeamContributionFlow,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { historyValue, metricHistory } from './history';
import type { ProjectListQuery, ProjectReader } from './ProjectReader';
import {
  decodeDirectoryCursor,
  directoryCounts,
  encodeDirectoryCursor,
  orderDirectory,
  sortValueOf,
  whereEntityRefIn,
} from './projectDirectory';
import { json, LatestDetail, LIST_COLUMNS, listItem, Row } from './rows';
import { escapeLike, searchTerms, TaskSearch } from './TaskSearch';

/** Default for tasks without an update for this many days: marked stale. */
const DEFAULT_STALE_TASK_DAYS = 180;

/**
 * The read side of the InnerSource tables, behind the REST API: summaries,
 * lists with their cursors, history, contributors, tasks and histograms.
 */
export class DatabaseProjectReader implements ProjectReader {
  private readonly tasks: TaskSearch;

  constructor(
    private readonly db: Knex,
    options: { staleTaskDays?: number } = {},
  ) {
    this.tasks = new TaskSearch(db, {
      staleDays: options.staleTaskDays ?? DEFAULT_STALE_TASK_DAYS,
    });
  }

  async getProjectSummary(
    entityRef: string,
  ): Promise<ProjectSummary | undefined> {
    const row = await this.db('innersource_projects')
      .where({ entity_ref: entityRef, active: true })
      .first();
    if (!row) return undefined;
    const latest = json<LatestDetail | null>(row.latest, null);
    const trend = row.collected_at
      ? await this.trendBefore(entityRef, row.collected_at)
      : undefined;
    return {
      entityRef: row.entity_ref,
      ...(row.title ? { title: row.title } : {}),
      ...(row.owner_ref ? { owner: row.owner_ref } : {}),
      ...(row.system_ref ? { system: row.system_ref } : {}),
      status: row.status,
      score: row.score ?? null,
      tier: row.tier_name
        ? { name: row.tier_name, color: row.tier_color }
        : null,
      profile: row.profile ?? null,
      dimensions: latest?.score.dimensions ?? [],
      metrics: latest?.metrics ? withEveryMetric(latest.metrics) : null,
      readiness: latest?.score.readiness ?? [],
      activity: latest?.score.activity ?? null,
      repository: latest?.repository ?? null,
      refreshedAt: row.collected_at ?? null,
      checkedAt: row.checked_at ?? null,
      errors: row.last_error
        ? [{ message: row.last_error, at: row.last_error_at }]
        : [],
      ...(trend ? { trend } : {}),
    };
  }

  /** The newest history point at least TREND_WINDOW_DAYS older than the latest snapshot. */
  private async trendBefore(
    entityRef: string,
    latestAt: string,
  ): Promise<ProjectTrend | undefined> {
    const latest = Date.parse(latestAt);
    if (Number.isNaN(latest)) return undefined;
    const row = await this.db('innersource_snapshots')
      .select('collected_at', 'metrics', 'backfilled')
      .where({ entity_ref: entityRef })
      .andWhere(
        'collected_at',
        '<=',
        new Date(latest - TREND_WINDOW_DAYS * DAY_MS).toISOString(),
      )
      .orderBy('collected_at', 'desc')
      .first();
    if (!row) return undefined;
    const metrics: ProjectTrend['metrics'] = {};
    for (const [key, value] of Object.entries(
      metricHistory.decode(row.metrics),
    ) as Array<[keyof ProjectTrend['metrics'], number | null]>) {
      if (value !== null) metrics[key] = value;
    }
    return {
      since: row.collected_at,
      metrics,
      // SQLite answers 1 or 0
      ...(row.backfilled ? { backfilled: true } : {}),
    };
  }

  async listProjects(
    query: ProjectListQuery,
    readable: string[] | 'all',
  ): Promise<{
    items: ProjectListItem[];
    nextCursor?: string;
    total?: number;
    facets?: ProjectFacets;
  }> {
    const sort = query.sort ?? 'score';
    const filtered = this.db('innersource_projects').where({ active: true });
    if (readable !== 'all')
      whereEntityRefIn(filtered, this.db, 'entity_ref', readable);
    this.filterProjects(filtered, query);
    const cursor = query.cursor
      ? decodeDirectoryCursor(query.cursor, sort)
      : undefined;
    const page = orderDirectory(
      this.db,
      filtered.clone().select(LIST_COLUMNS),
      sort,
      cursor,
    ).limit(query.limit + 1);
    const [rows, counted] = await Promise.all([
      page,
      query.facets ? directoryCounts(this.db, filtered) : undefined,
    ]);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(listItem),
      ...(rows.length > query.limit && last
        ? {
            nextCursor: encodeDirectoryCursor(
              sort,
              sortValueOf(last, sort),
              last.entity_ref,
            ),
          }
        : {}),
      ...(counted ?? {}),
    };
  }

  private filterProjects(q: Knex.QueryBuilder, query: ProjectListQuery) {
    if (query.owner?.length) q.whereIn('owner_ref', query.owner);
    if (query.tier?.length) q.whereIn('tier_name', query.tier);
    if (query.kind?.length) q.whereIn('kind', query.kind);
    if (query.language?.length)
      q.whereRaw(
        `lower(language) in (${query.language.map(() => '?').join(', ')})`,
        query.language,
      );
    if (query.asking) q.where('asks_help', true);
    if (query.lookingForHelp)
      q.where(help =>
        help.where('help_wanted', '>', 0).orWhere('asks_help', true),
      );
    if (query.skill?.length) {
      q.whereIn(
        'entity_ref',
        this.db('innersource_project_skills')
          .select('entity_ref')
          .whereIn('skill', query.skill),
      );
    }
    for (const term of searchTerms(query.q)) {
      const pattern = `%${escapeLike(term)}%`;
      q.where(b =>
        b
          .whereRaw("search_text LIKE ? ESCAPE '\\'", [pattern])
          .orWhereRaw("lower(contributions) LIKE ? ESCAPE '\\'", [pattern])
          .orWhereRaw("lower(coalesce(motivation, '')) LIKE ? ESCAPE '\\'", [
            pattern,
          ])
          .orWhereRaw("lower(coalesce(description, '')) LIKE ? ESCAPE '\\'", [
            pattern,
          ]),
      );
    }
    if (query.tag?.length) {
      q.whereIn(
        'entity_ref',
        this.db('innersource_project_tags')
          .select('entity_ref')
          .whereIn('tag', query.tag),
      );
    }
  }

  async getMetricHistory(
    entityRef: string,
    metric: NumericMetricName,
    since: Date,
  ): Promise<MetricHistory['points']> {
    const rows = await this.db('innersource_snapshots')
      .select('collected_at', 'metrics', 'backfilled')
      .where({ entity_ref: entityRef })
      .andWhere('collected_at', '>=', since.toISOString())
      .orderBy('collected_at', 'asc');
    return rows.map(row => ({
      at: row.collected_at,
      value: historyValue(row.metrics, metric),
      // SQLite answers 1 or 0
      ...(row.backfilled ? { backfilled: true } : {}),
    }));
  }

  async getContributors(entityRef: string): Promise<ContributorSummary[]> {
    const rows = await this.db('innersource_contributors')
      .where({ entity_ref: entityRef, current: true })
      .orderByRaw('commits + pull_requests DESC, ?? ASC', ['key']);
    return rows.map(row => ({
      key: row.key,
      displayName: row.display_name,
      ...(row.user_ref ? { userRef: row.user_ref } : {}),
      ...(row.team_ref ? { teamRef: row.team_ref } : {}),
      side: row.side,
      commits: row.commits,
      pullRequests: row.pull_requests,
      lastContributionAt: row.last_contribution_at,
    }));
  }

  async getGroupSummary(
    groupRef: string,
  ): Promise<Omit<GroupSummary, 'groupRef'>> {
    const projects = await this.db('innersource_projects')
      .select(LIST_COLUMNS)
      .where({ active: true, owner_ref: groupRef })
      .orderBy([
        { column: 'rank_score', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(200);
    const flows = (rows: Row[]): TeamContributionFlow[] =>
      rows.map(r => ({
        counterpart: r.counterpart,
        projectRef: r.entity_ref,
        contributors: Number(r.contributors),
        contributions: Number(r.contributions),
      }));
    const current = () =>
      this.db('innersource_contributors as c')
        .join('innersource_projects as p', 'p.entity_ref', 'c.entity_ref')
        .where({ 'c.current': true, 'c.side': 'outside', 'p.active': true });
    const given = await current()
      .where('c.team_ref', groupRef)
      .andWhere(other =>
        other.whereNot('p.owner_ref', groupRef).orWhereNull('p.owner_ref'),
      )
      .select('c.entity_ref', { counterpart: 'p.owner_ref' })
      .count({ contributors: '*' })
      .sum({ contributions: this.db.raw('c.commits + c.pull_requests') })
      .groupBy('c.entity_ref', 'p.owner_ref')
      .orderBy('contributions', 'desc')
      .limit(100);
    const received = await current()
      .where('p.owner_ref', groupRef)
      .whereNotNull('c.team_ref')
      .select('c.entity_ref', { counterpart: 'c.team_ref' })
      .count({ contributors: '*' })
      .sum({ contributions: this.db.raw('c.commits + c.pull_requests') })
      .groupBy('c.entity_ref', 'c.team_ref')
      .orderBy('contributions', 'desc')
      .limit(100);
    return {
      projects: projects.map(listItem),
      given: flows(given),
      received: flows(received),
    };
  }

  async listActiveProjectRefs(): Promise<string[]> {
    const rows = await this.db('innersource_projects')
      .select('entity_ref')
      .where({ active: true });
    return rows.map(r => r.entity_ref);
  }

  searchTasks(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ): Promise<TaskList> {
    return this.tasks.search(query, readable, forMe);
  }

  /** Today's scores of the listed projects the caller may read, counted in buckets of 10 points. */
  async getScoreHistogram(readable: string[] | 'all'): Promise<number[]> {
    const q = this.db('innersource_projects')
      .select('score')
      .count({ count: '*' })
      .where({ active: true })
      .whereNotNull('score')
      .groupBy('score');
    if (readable !== 'all') q.whereIn('entity_ref', readable);
    const rows = (await q) as Array<{ score: number; count: number | string }>;
    const histogram = scoreHistogram([]);
    for (const row of rows)
      histogram[scoreBucket(row.score)] += Number(row.count);
    return histogram;
  }

  async *listScorableProjects(
    pageSize = 1000,
  ): AsyncGenerator<PreviewProject[]> {
    let after = '';
    for (;;) {
      const rows = await this.db('innersource_projects')
        .select('entity_ref', 'entity', 'scoring_input', 'score', 'tier_name')
        .where({ active: true })
        .whereNotNull('scoring_input')
        .andWhere('entity_ref', '>', after)
        .orderBy('entity_ref')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(row => ({
        entityRef: row.entity_ref,
        entity: JSON.parse(row.entity),
        input: JSON.parse(row.scoring_input) as ScoringInput,
        current: { score: row.score, tier: row.tier_name },
      }));
      after = rows[rows.length - 1].entity_ref;
    }
  }
}

/**
 * A snapshot stored before a metric joined the catalogue reads it as unknown
 * (null), as a provider that cannot supply a fact reports it, never as absent.
 */
function withEveryMetric(stored: ProjectMetrics): ProjectMetrics {
  const metrics: Record<string, unknown> = { ...stored };
  for (const { key, format } of METRIC_CATALOGUE) {
    if (format !== 'weekly' && metrics[key] === undefined) metrics[key] = null;
  }
  return metrics as unknown as ProjectMetrics;
}
