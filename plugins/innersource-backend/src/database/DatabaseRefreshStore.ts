import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type {
  ChangeDetector,
  CollectedEntry,
  ProjectChange,
  LatestRun,
  ProjectRecord,
  RefreshState,
  RefreshStore,
  RunOutcome,
  StoreFailure,
} from './RefreshStore';
import { InstallSecrets } from './InstallSecrets';
import { abandonRuns } from './RefreshRequestLog';
import { CHUNK, chunks, json, projectSearchText } from './rows';
import { writeIsolated } from './writeIsolated';
import { unionSkills } from './skills';
import {
  writeBackfill,
  writeContributors,
  writeLatest,
  writeSkills,
  writeSnapshots,
  writeTags,
  writeTasks,
} from './snapshotTables';
import { syncTaskFacetCounts } from './taskFacetCounts';
import { claimChanges, readStoredStates } from './notificationClaims';

/** Tables keyed by project that go when the project has gone for good. */
const PROJECT_TABLES = [
  'innersource_snapshots',
  'innersource_contributors',
  'innersource_tasks',
  'innersource_task_labels',
  'innersource_project_tags',
  'innersource_project_skills',
  'innersource_notification_claims',
];

/** Code point order, as PostgreSQL's "C" collation sorts: the lock order of project rows. */
function byEntityRef(a: { entityRef: string }, b: { entityRef: string }) {
  if (a.entityRef === b.entityRef) return 0;
  return a.entityRef < b.entityRef ? -1 : 1;
}

/**
 * Holds the project rows until the transaction ends, so a requested refresh
 * and a scheduled one writing the same project (on two replicas, say) write
 * one after the other instead of both deleting and inserting its tasks. SQLite
 * writes one transaction at a time anyway.
 */
async function lockProjects(tx: Knex.Transaction, entityRefs: string[]) {
  if (tx.client.config.client !== 'pg') return;
  await tx('innersource_projects')
    .select('entity_ref')
    .whereIn('entity_ref', entityRefs)
    .orderByRaw('entity_ref collate "C"')
    .forUpdate();
}

/**
 * The write side of the InnerSource tables, used by the refresh job: the run
 * log, catalog upserts, one writer per snapshot table, and pruning.
 */
export class DatabaseRefreshStore implements RefreshStore {
  private readonly secrets: InstallSecrets;

  constructor(private readonly db: Knex) {
    this.secrets = new InstallSecrets(db);
  }

  contributorKeySecret(): Promise<Buffer> {
    return this.secrets.get('contributor-keys');
  }

  // --- refresh log ---------------------------------------------------------

  async startRun(
    startedAt: Date,
    abandonRunsStartedBefore?: Date,
  ): Promise<number> {
    if (abandonRunsStartedBefore) {
      await abandonRuns(this.db, {
        trigger: 'schedule',
        startedBefore: abandonRunsStartedBefore,
        at: startedAt,
      });
    }
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

  async getLatestRun(): Promise<LatestRun | undefined> {
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

  // --- what the catalog says ------------------------------------------------

  async upsertProjects(
    projects: ProjectRecord[],
    seenAt: Date,
  ): Promise<StoreFailure[]> {
    const seen = seenAt.toISOString();
    return writeIsolated(
      this.db,
      projects,
      CHUNK,
      p => p.entityRef,
      async (tx, unsorted) => {
        // In one order everywhere, so two replicas' writers never wait on each other in a cycle.
        const batch = [...unsorted].sort(byEntityRef);
        const refs = batch.map(p => p.entityRef);
        const repoSkills = new Map<string, string[]>();
        for (const row of await tx('innersource_projects')
          .select('entity_ref', 'repo_skills')
          .whereIn('entity_ref', refs)) {
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
        await writeTags(tx, batch);
        await writeSkills(tx, allSkills);
        await syncTaskFacetCounts(tx, refs);
      },
    );
  }

  async deactivateProjectsNotSeenSince(seenAt: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const refs: string[] = (
        await tx('innersource_projects')
          .select('entity_ref')
          .where('last_seen_at', '<', seenAt.toISOString())
          .andWhere('active', true)
      ).map(row => row.entity_ref);
      for (const batch of chunks(refs, 500)) {
        await tx('innersource_projects')
          .whereIn('entity_ref', batch)
          .update({ active: false });
      }
      await syncTaskFacetCounts(tx, refs);
      return refs.length;
    });
  }

  // --- what the job reads back ----------------------------------------------

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

  // --- snapshots --------------------------------------------------------------

  /** One snapshot; throws what the database said when it cannot be stored. */
  async saveCollected(entry: CollectedEntry): Promise<void> {
    const [failure] = await this.saveManyCollected([entry]);
    if (failure) throw new Error(`${failure.message}: ${failure.detail}`);
  }

  /**
   * One transaction per chunk: snapshot rows, latest detail, contributors and
   * tasks together. History keeps one snapshot per project and UTC day: a
   * later collection on the same day replaces the earlier one.
   */
  async saveManyCollected(entries: CollectedEntry[]): Promise<StoreFailure[]> {
    return (await this.saveAndClaimChanges(entries)).failures;
  }

  async saveAndClaimChanges(
    entries: CollectedEntry[],
    detect?: ChangeDetector,
  ): Promise<{ failures: StoreFailure[]; claimed: ProjectChange[] }> {
    // Whose claim a row is: only the write that inserted it tells of the change.
    const claimant = randomUUID();
    const claimed: ProjectChange[] = [];
    const failures = await writeIsolated(
      this.db,
      entries,
      25,
      e => e.entityRef,
      async (tx, batch) => {
        await lockProjects(
          tx,
          batch.map(e => e.entityRef),
        );
        // Read after the lock: a write that committed meanwhile is what this one is compared with.
        const previous = detect
          ? await readStoredStates(
              tx,
              batch.map(e => e.entityRef),
            )
          : new Map();
        const changes = detect
          ? batch.flatMap(e => {
              const stored = previous.get(e.entityRef);
              return stored ? detect(stored, e) : [];
            })
          : [];
        const snapshotIds = await writeSnapshots(tx, batch);
        await writeBackfill(tx, batch);
        const skills = await writeLatest(tx, batch, snapshotIds);
        await writeSkills(tx, skills);
        await writeContributors(tx, batch);
        await writeTasks(tx, batch);
        await syncTaskFacetCounts(
          tx,
          batch.map(e => e.entityRef),
        );
        return claimChanges(tx, changes, claimant, batch[0].collectedAt);
      },
      won => claimed.push(...won),
    );
    return { failures, claimed };
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
          // an entity the store refused may have a ref longer than the column
          entity_ref: entityRef.slice(0, 255),
          message,
          at: when,
        });
      }
    });
  }

  /** Run rows started before the date and their errors; the latest run stays, whatever its age. */
  async pruneRunLog(olderThan: Date): Promise<number> {
    const latest = await this.db('innersource_refresh_runs').max({ id: 'id' });
    const old = () =>
      this.db('innersource_refresh_runs')
        .select('id')
        .where('started_at', '<', olderThan.toISOString())
        .andWhere('id', '<', latest[0]?.id ?? 0);
    await this.db('innersource_refresh_errors')
      .whereIn('run_id', old())
      .delete();
    return this.db('innersource_refresh_runs').whereIn('id', old()).delete();
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
    // A claim is only looked at by the write that makes it; old ones keep nothing worth keeping.
    await this.db('innersource_notification_claims')
      .where('claimed_at', '<', cutoff)
      .delete();
    const gone = this.db('innersource_projects')
      .select('entity_ref')
      .where({ active: false })
      .andWhere('last_seen_at', '<', cutoff);
    const goneRefs: string[] = (await gone.clone()).map(r => r.entity_ref);
    for (const table of PROJECT_TABLES) {
      await this.db(table).whereIn('entity_ref', gone.clone()).delete();
    }
    await this.db('innersource_projects')
      .where({ active: false })
      .andWhere('last_seen_at', '<', cutoff)
      .delete();
    // Inactive projects count nowhere already; this only makes sure.
    await this.db.transaction(tx => syncTaskFacetCounts(tx, goneRefs));
  }

  async forgetProjects(entityRefs: string[]): Promise<void> {
    if (entityRefs.length === 0) return;
    await this.db.transaction(async tx => {
      for (const table of PROJECT_TABLES) {
        await tx(table).whereIn('entity_ref', entityRefs).delete();
      }
      await tx('innersource_projects')
        .whereIn('entity_ref', entityRefs)
        .delete();
      await syncTaskFacetCounts(tx, entityRefs);
    });
  }
}
