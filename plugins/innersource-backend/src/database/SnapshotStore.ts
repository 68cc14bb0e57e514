import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  NUMERIC_METRICS,
  scoreBucket,
  scoreHistogram,
} from '@internal/plugin-innersource-common';
import type {
  ContributorSummary,
  MetricHistory,
  NumericMetricName,
  ProjectListItem,
  ProjectMetrics,
  ProjectScore,
  ProjectStatus,
  ProjectSummary,
  RepositoryFacts,
  ScoringInput,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
  TeamContributionFlow,
} from '@internal/plugin-innersource-common';
import type { Knex } from 'knex';
import { unionSkills } from './skills';
import { escapeLike, searchTerms, TaskSearch } from './TaskSearch';
import type {
  CollectedEntry,
  ProjectRecord,
  RefreshState,
  RefreshStore,
  RunOutcome,
} from '../refresh/RefreshStore';
import type { ProjectListQuery, ProjectReader } from '../service/ProjectReader';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-innersource-backend',
  'migrations',
);

const DAY_MS = 86_400_000;

/** History rows keep the numeric metrics as an array in NUMERIC_METRICS order: small at a year × thousands of projects. */
function encodeHistory(metrics: ProjectMetrics): string {
  return JSON.stringify(NUMERIC_METRICS.map(name => metrics[name]));
}

function startOfUtcDay(date: Date): string {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString();
}

/** Rows per statement: far below SQLite's bound-variable limit. */
const CHUNK = 50;

/** The full detail of a project's latest snapshot, kept on its row. */
interface LatestDetail {
  metrics: ProjectMetrics;
  score: Pick<ProjectScore, 'dimensions' | 'readiness' | 'activity'>;
  repository: ProjectSummary['repository'];
}

/** What the scoring preview needs of each project. */
export interface ScorableProject {
  entityRef: string;
  entity: ProjectRecord['entity'];
  input: ScoringInput;
  current: { score: number; tier: string };
}

type Row = Record<string, any>;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/** What task search matches words against: the parts, lower-case, one line. */
function searchText(parts: Array<string | undefined | null>): string {
  return lower(parts.filter(Boolean).join(' ').replace(/\s+/g, ' '));
}

function projectSearchText(
  row: { title?: string | null; name?: string },
  skills: string[],
) {
  return searchText([row.title, row.name, ...skills]);
}

function json<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

function encodeCursor(rankScore: number, entityRef: string): string {
  return Buffer.from(JSON.stringify([rankScore, entityRef])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not valid');
}

function repositoryOf(facts: RepositoryFacts): ProjectSummary['repository'] {
  return {
    provider: facts.provider,
    name: facts.repository,
    ...(facts.webUrl ? { webUrl: facts.webUrl } : {}),
  };
}

function listItem(row: Row): ProjectListItem {
  return {
    entityRef: row.entity_ref,
    ...(row.title ? { title: row.title } : {}),
    kind: row.kind,
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    ...(row.system_ref ? { system: row.system_ref } : {}),
    tags: json<string[]>(row.tags, []),
    ...(row.description ? { description: row.description } : {}),
    skills: unionSkills(
      json<string[]>(row.skills, []),
      json<string[]>(row.repo_skills, []),
    ),
    contributions: json<string[]>(row.contributions, []),
    ...(row.motivation ? { motivation: row.motivation } : {}),
    status: row.status as ProjectStatus,
    score: row.score ?? null,
    tier: row.tier_name ? { name: row.tier_name, color: row.tier_color } : null,
    refreshedAt: row.collected_at ?? null,
  };
}

const LIST_COLUMNS = [
  'entity_ref',
  'title',
  'kind',
  'owner_ref',
  'system_ref',
  'tags',
  'description',
  'skills',
  'repo_skills',
  'contributions',
  'motivation',
  'status',
  'score',
  'rank_score',
  'tier_name',
  'tier_color',
  'collected_at',
];

/**
 * The one class that owns the InnerSource tables: projects with their latest
 * snapshot, the snapshot history, contributors, help-wanted tasks and the
 * refresh log. Runs on SQLite and PostgreSQL alike.
 */
export class SnapshotStore implements RefreshStore, ProjectReader {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Tasks without an update for this many days are marked stale. Default 180. */
    staleTaskDays?: number;
  }): Promise<SnapshotStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'innersource_knex_migrations',
      });
    }
    return new SnapshotStore(client, {
      staleTaskDays: options.staleTaskDays,
    });
  }

  constructor(
    private readonly db: Knex,
    private readonly options: { staleTaskDays?: number } = {},
  ) {}

  // --- refresh log ---------------------------------------------------------

  async startRun(startedAt: Date): Promise<number> {
    const [row] = await this.db('innersource_refresh_runs')
      .insert({ started_at: startedAt.toISOString(), status: 'running' })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async finishRun(runId: number, outcome: RunOutcome): Promise<void> {
    await this.db('innersource_refresh_runs')
      .where({ id: runId })
      .update({
        finished_at: outcome.finishedAt.toISOString(),
        status: outcome.status,
        projects: outcome.projects,
        collected: outcome.collected,
        unchanged: outcome.unchanged,
        failed: outcome.failed,
        deferred: outcome.deferred,
        message: outcome.message ?? null,
      });
  }

  async getLatestRun(): Promise<
    | (RunOutcome & {
        id: number;
        startedAt: string;
        errors: Array<{ entityRef: string; message: string }>;
      })
    | undefined
  > {
    const run = await this.db('innersource_refresh_runs')
      .orderBy('id', 'desc')
      .first();
    if (!run) return undefined;
    const errors = await this.db('innersource_refresh_errors')
      .where({ run_id: run.id })
      .orderBy('id');
    return {
      id: run.id,
      startedAt: run.started_at,
      finishedAt: new Date(run.finished_at ?? run.started_at),
      status: run.status,
      projects: run.projects,
      collected: run.collected,
      unchanged: run.unchanged,
      failed: run.failed,
      deferred: run.deferred,
      message: run.message ?? undefined,
      errors: errors.map(e => ({
        entityRef: e.entity_ref,
        message: e.message,
      })),
    };
  }

  // --- writes from the refresh job ----------------------------------------

  async upsertProjects(projects: ProjectRecord[], seenAt: Date): Promise<void> {
    const seen = seenAt.toISOString();
    await this.db.transaction(async tx => {
      for (const batch of chunks(projects)) {
        const repoSkills = new Map<string, string[]>();
        for (const row of await tx('innersource_projects')
          .select('entity_ref', 'repo_skills')
          .whereIn(
            'entity_ref',
            batch.map(p => p.entityRef),
          )) {
          repoSkills.set(row.entity_ref, json<string[]>(row.repo_skills, []));
        }
        const allSkills = new Map(
          batch.map(p => [
            p.entityRef,
            unionSkills(p.skills, repoSkills.get(p.entityRef) ?? []),
          ]),
        );
        await tx('innersource_projects')
          .insert(
            batch.map(p => ({
              entity_ref: p.entityRef,
              kind: p.kind,
              namespace: p.namespace,
              name: p.name,
              title: p.title ?? null,
              owner_ref: p.ownerRef ?? null,
              system_ref: p.systemRef ?? null,
              tags: JSON.stringify(p.tags),
              spec_type: p.specType ?? null,
              lifecycle: p.lifecycle ?? null,
              skills: JSON.stringify(p.skills),
              search_text: projectSearchText(
                p,
                allSkills.get(p.entityRef) ?? [],
              ),
              description: p.entity.metadata.description ?? null,
              entity: JSON.stringify(p.entity),
              active: true,
              last_seen_at: seen,
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'kind',
            'namespace',
            'name',
            'title',
            'owner_ref',
            'system_ref',
            'tags',
            'spec_type',
            'lifecycle',
            'skills',
            'search_text',
            'description',
            'entity',
            'active',
            'last_seen_at',
          ]);
        const refs = batch.map(p => p.entityRef);
        await tx('innersource_project_tags')
          .whereIn('entity_ref', refs)
          .delete();
        const tags = batch.flatMap(p =>
          [...new Set(p.tags)].map(tag => ({ entity_ref: p.entityRef, tag })),
        );
        for (const tagBatch of chunks(tags, 200)) {
          await tx('innersource_project_tags').insert(tagBatch);
        }
        await tx('innersource_project_skills')
          .whereIn('entity_ref', refs)
          .delete();
        await this.insertSkills(tx, allSkills);
      }
    });
  }

  private async insertSkills(tx: Knex, skillsByRef: Map<string, string[]>) {
    const rows = [...skillsByRef].flatMap(([entityRef, skills]) =>
      [...new Set(skills.map(lower))].map(skill => ({
        entity_ref: entityRef,
        skill,
      })),
    );
    for (const batch of chunks(rows, 200)) {
      await tx('innersource_project_skills').insert(batch);
    }
  }

  async deactivateProjectsNotSeenSince(seenAt: Date): Promise<number> {
    return this.db('innersource_projects')
      .where('last_seen_at', '<', seenAt.toISOString())
      .andWhere('active', true)
      .update({ active: false });
  }

  async getRefreshState(
    entityRefs: string[],
  ): Promise<Map<string, RefreshState>> {
    const state = new Map<string, RefreshState>();
    for (const batch of chunks(entityRefs, 500)) {
      const rows = await this.db('innersource_projects')
        .select('entity_ref', 'collected_at', 'checked_at', 'fingerprint')
        .whereIn('entity_ref', batch)
        .whereNotNull('collected_at');
      for (const row of rows) {
        state.set(row.entity_ref, {
          collectedAt: row.collected_at,
          checkedAt: row.checked_at ?? row.collected_at,
          ...(row.fingerprint ? { fingerprint: row.fingerprint } : {}),
        });
      }
    }
    return state;
  }

  async getKnownContributorKeys(
    entityRefs: string[],
  ): Promise<Map<string, Set<string>>> {
    const known = new Map<string, Set<string>>();
    for (const batch of chunks(entityRefs, 500)) {
      const collected = await this.db('innersource_projects')
        .select('entity_ref')
        .whereIn('entity_ref', batch)
        .whereNotNull('collected_at');
      for (const row of collected) known.set(row.entity_ref, new Set());
      const rows = await this.db('innersource_contributors')
        .select('entity_ref', 'key')
        .whereIn('entity_ref', batch);
      for (const row of rows) known.get(row.entity_ref)?.add(row.key);
    }
    return known;
  }

  async saveCollected(entry: CollectedEntry): Promise<void> {
    await this.saveManyCollected([entry]);
  }

  /**
   * One transaction per chunk: snapshot rows, latest detail, contributors and
   * tasks together. History keeps one snapshot per project and UTC day: a
   * later collection on the same day replaces the earlier one.
   */
  async saveManyCollected(entries: CollectedEntry[]): Promise<void> {
    for (const batch of chunks(entries, 25)) {
      await this.db.transaction(async tx => {
        const projects = new Map<string, Row>(
          (
            await tx('innersource_projects')
              .select('entity_ref', 'title', 'name', 'skills')
              .whereIn(
                'entity_ref',
                batch.map(e => e.entityRef),
              )
          ).map(row => [row.entity_ref, row]),
        );
        const allSkills = new Map<string, string[]>();
        const byDay = new Map<string, string[]>();
        for (const e of batch) {
          const day = startOfUtcDay(e.collectedAt);
          byDay.set(day, [...(byDay.get(day) ?? []), e.entityRef]);
        }
        for (const [day, refs] of byDay) {
          // Only that day: an older collection saved late must not delete a newer one.
          const nextDay = new Date(Date.parse(day) + DAY_MS).toISOString();
          await tx('innersource_snapshots')
            .whereIn('entity_ref', refs)
            .andWhere('collected_at', '>=', day)
            .andWhere('collected_at', '<', nextDay)
            .delete();
        }
        const ids = await tx('innersource_snapshots')
          .insert(
            batch.map(e => ({
              entity_ref: e.entityRef,
              collected_at: e.collectedAt.toISOString(),
              score: e.score.score,
              tier_name: e.score.tier.name,
              metrics: encodeHistory(e.metrics),
            })),
          )
          .returning('id');
        const snapshotIds = ids.map(id =>
          typeof id === 'object' ? id.id : id,
        );
        const lastInsertedId = snapshotIds[snapshotIds.length - 1];

        for (const [index, e] of batch.entries()) {
          const at = e.collectedAt.toISOString();
          const asks = e.facts.innersourceJson;
          const repoSkills = asks?.skills ?? [];
          const contributions = asks?.contributions ?? [];
          const project = projects.get(e.entityRef);
          const skills = unionSkills(
            json<string[]>(project?.skills, []),
            repoSkills,
          );
          allSkills.set(e.entityRef, skills);
          const latest: LatestDetail = {
            metrics: e.metrics,
            score: {
              dimensions: e.score.dimensions,
              readiness: e.score.readiness,
              activity: e.score.activity,
            },
            repository: repositoryOf(e.facts),
          };
          await tx('innersource_projects')
            .where({ entity_ref: e.entityRef })
            .update({
              status: 'collected',
              score: e.score.score,
              rank_score: e.score.score,
              tier_name: e.score.tier.name,
              tier_color: e.score.tier.color,
              profile: e.score.profile,
              collected_at: at,
              checked_at: at,
              fingerprint: e.fingerprint ?? null,
              // SQLite answers one id for a multi-row insert: the last; ids are consecutive.
              latest_snapshot_id:
                snapshotIds.length === batch.length
                  ? snapshotIds[index]
                  : lastInsertedId - (batch.length - 1 - index),
              latest: JSON.stringify(latest),
              scoring_input: JSON.stringify(e.scoringInput),
              language: e.facts.primaryLanguage ?? null,
              repo_skills: JSON.stringify(repoSkills),
              contributions: JSON.stringify(contributions),
              motivation: asks?.motivation ?? null,
              asks_help: contributions.length > 0 || repoSkills.length > 0,
              ...(project
                ? { search_text: projectSearchText(project, skills) }
                : {}),
              last_error: null,
              last_error_at: null,
            });
        }

        const refs = batch.map(e => e.entityRef);
        await tx('innersource_project_skills')
          .whereIn('entity_ref', refs)
          .delete();
        await this.insertSkills(tx, allSkills);
        await tx('innersource_contributors')
          .whereIn('entity_ref', refs)
          .update({ current: false, commits: 0, pull_requests: 0 });
        const contributorRows = batch.flatMap(e =>
          e.contributors.map(c => ({
            entity_ref: e.entityRef,
            key: c.key,
            display_name: c.displayName,
            user_ref: c.userRef ?? null,
            team_ref: c.teamRef ?? null,
            side: c.side,
            commits: c.commits,
            pull_requests: c.pullRequests,
            last_contribution_at: c.lastContributionAt,
            first_seen_at: e.collectedAt.toISOString(),
            current: true,
          })),
        );
        for (const rows of chunks(contributorRows)) {
          await tx('innersource_contributors')
            .insert(rows)
            .onConflict(['entity_ref', 'key'])
            .merge([
              'display_name',
              'user_ref',
              'team_ref',
              'side',
              'commits',
              'pull_requests',
              'last_contribution_at',
              'current',
            ]);
        }

        await tx('innersource_tasks').whereIn('entity_ref', refs).delete();
        await tx('innersource_task_labels')
          .whereIn('entity_ref', refs)
          .delete();
        const taskRows = batch.flatMap(e => {
          const unique = new Map(e.tasks.map(t => [t.id, t]));
          return [...unique.values()].map(t => ({
            entity_ref: e.entityRef,
            id: t.id,
            number: t.number ?? null,
            title: t.title,
            url: t.url,
            labels: JSON.stringify(t.labels),
            is_good_first: t.labels.some(l =>
              e.goodFirstLabels.includes(l.toLocaleLowerCase('en-US')),
            ),
            created_at: t.createdAt,
            updated_at: t.updatedAt,
            comments: t.comments,
            assignee: t.assignee ?? null,
            search_text: searchText([t.title, ...t.labels]),
          }));
        });
        for (const rows of chunks(taskRows)) {
          await tx('innersource_tasks').insert(rows);
        }
        const labelRows = taskRows.flatMap(t =>
          [...new Set((JSON.parse(t.labels) as string[]).map(lower))].map(
            label => ({ entity_ref: t.entity_ref, task_id: t.id, label }),
          ),
        );
        for (const rows of chunks(labelRows, 200)) {
          await tx('innersource_task_labels').insert(rows);
        }
      });
    }
  }

  async markUnchanged(entityRefs: string[], checkedAt: Date): Promise<void> {
    for (const batch of chunks(entityRefs, 500)) {
      await this.db('innersource_projects')
        .whereIn('entity_ref', batch)
        .update({
          checked_at: checkedAt.toISOString(),
          last_error: null,
          last_error_at: null,
        });
    }
  }

  async recordFailure(
    entityRef: string,
    message: string,
    at: Date,
    runId?: number,
  ): Promise<void> {
    const when = at.toISOString();
    await this.db.transaction(async tx => {
      await tx('innersource_projects')
        .where({ entity_ref: entityRef })
        .update({ last_error: message, last_error_at: when });
      // Only a project that never had a snapshot shows as failed; the others keep their data.
      await tx('innersource_projects')
        .where({ entity_ref: entityRef })
        .whereNull('collected_at')
        .update({ status: 'failed' });
      if (runId !== undefined) {
        await tx('innersource_refresh_errors').insert({
          run_id: runId,
          entity_ref: entityRef,
          message,
          at: when,
        });
      }
    });
  }

  async pruneSnapshots(olderThan: Date): Promise<void> {
    const cutoff = olderThan.toISOString();
    await this.db('innersource_snapshots')
      .where('collected_at', '<', cutoff)
      .whereNotIn(
        'id',
        this.db('innersource_projects')
          .select('latest_snapshot_id')
          .whereNotNull('latest_snapshot_id'),
      )
      .delete();
    const gone = this.db('innersource_projects')
      .select('entity_ref')
      .where({ active: false })
      .andWhere('last_seen_at', '<', cutoff);
    for (const table of [
      'innersource_snapshots',
      'innersource_contributors',
      'innersource_tasks',
      'innersource_task_labels',
      'innersource_project_tags',
      'innersource_project_skills',
    ]) {
      await this.db(table).whereIn('entity_ref', gone.clone()).delete();
    }
    await this.db('innersource_projects')
      .where({ active: false })
      .andWhere('last_seen_at', '<', cutoff)
      .delete();
  }

  // --- reads for the API ---------------------------------------------------

  async getProjectSummary(
    entityRef: string,
  ): Promise<ProjectSummary | undefined> {
    const row = await this.db('innersource_projects')
      .where({ entity_ref: entityRef, active: true })
      .first();
    if (!row) return undefined;
    const latest = json<LatestDetail | null>(row.latest, null);
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
      metrics: latest?.metrics ?? null,
      readiness: latest?.score.readiness ?? [],
      activity: latest?.score.activity ?? null,
      repository: latest?.repository ?? null,
      refreshedAt: row.collected_at ?? null,
      checkedAt: row.checked_at ?? null,
      errors: row.last_error
        ? [{ message: row.last_error, at: row.last_error_at }]
        : [],
    };
  }

  async listProjects(
    query: ProjectListQuery,
  ): Promise<{ items: ProjectListItem[]; nextCursor?: string }> {
    const q = this.db('innersource_projects')
      .select(LIST_COLUMNS)
      .where({ active: true });
    if (query.owner?.length) q.whereIn('owner_ref', query.owner);
    if (query.tier?.length) q.whereIn('tier_name', query.tier);
    if (query.kind?.length) q.whereIn('kind', query.kind);
    if (query.asking) q.where('asks_help', true);
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
    if (query.cursor) {
      const [rank, ref] = decodeCursor(query.cursor);
      q.andWhere(inner =>
        inner
          .where('rank_score', '<', rank)
          .orWhere(tie =>
            tie.where('rank_score', '=', rank).andWhere('entity_ref', '>', ref),
          ),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'rank_score', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(listItem),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeCursor(last.rank_score, last.entity_ref) }
        : {}),
    };
  }

  async getMetricHistory(
    entityRef: string,
    metric: NumericMetricName,
    since: Date,
  ): Promise<MetricHistory['points']> {
    const rows = await this.db('innersource_snapshots')
      .select('collected_at', 'metrics')
      .where({ entity_ref: entityRef })
      .andWhere('collected_at', '>=', since.toISOString())
      .orderBy('collected_at', 'asc');
    const index = NUMERIC_METRICS.indexOf(metric);
    return rows.map(row => ({
      at: row.collected_at,
      value: (JSON.parse(row.metrics) as Array<number | null>)[index] ?? null,
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

  async getGroupSummary(groupRef: string) {
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

  async searchTasks(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ): Promise<TaskList> {
    return new TaskSearch(this.db, {
      staleDays: this.options.staleTaskDays ?? 180,
    }).search(query, readable, forMe);
  }

  /** Today's scores of the listed projects, counted in buckets of 10 points. */
  async getScoreHistogram(): Promise<number[]> {
    const rows: Array<{ score: number; count: number | string }> =
      await this.db('innersource_projects')
        .select('score')
        .count({ count: '*' })
        .where({ active: true })
        .whereNotNull('score')
        .groupBy('score');
    const histogram = scoreHistogram([]);
    for (const row of rows)
      histogram[scoreBucket(row.score)] += Number(row.count);
    return histogram;
  }

  /** Every collected project with what re-scoring needs, a page at a time. */
  async *listScorableProjects(
    pageSize = 1000,
  ): AsyncGenerator<ScorableProject[]> {
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
