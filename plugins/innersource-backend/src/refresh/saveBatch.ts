import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ScoringConfig } from '@innersource-for-backstage/plugin-innersource-common';
import type { CollectResult } from '@innersource-for-backstage/plugin-innersource-node';
import type {
  ChangeDetector,
  CollectedEntry,
  ProjectChange,
  RefreshStore,
  StoreFailure,
} from '../database/RefreshStore';
import type { OrgDirectory } from '../metrics/OrgDirectory';
import type { InnerSourceSettings } from '../settings';
import { toProjectRecord } from './projectRecord';
import type { RefreshCounts } from './RunReport';
import { sortResults } from './sortResults';

/** What the refresh job tells once a write of new snapshots has committed (notifications, signals). */
export interface RefreshListener {
  /** The changes the store claims while writing; none when nobody hears of changes. */
  detectChanges?: ChangeDetector;
  /** The projects a committed write stored, and the changes that write claimed. */
  written(event: {
    entities: Map<string, Entity>;
    changes: ProjectChange[];
  }): Promise<void>;
}

/** One run's (or one refresh button press's) state, passed down its steps. */
export interface RunContext {
  runId: number;
  /** When the run started: the time its projects were seen at. */
  startedAt: Date;
  /** Who is who in the catalog's org, read once per run. */
  org: OrgDirectory;
  /** Added to as the run goes. */
  counts: RefreshCounts;
  signal?: AbortSignal;
  /** Collect even when the provider would find the repository unchanged (the refresh button). */
  force: boolean;
}

/** What a batch is derived with and written through. */
export interface BatchServices {
  store: RefreshStore;
  settings: InnerSourceSettings;
  scoring: ScoringConfig;
  logger: LoggerService;
  listener?: RefreshListener;
  now: () => Date;
}

/** One batch's answers: snapshots derived first (pure), the store written last. */
export async function saveBatch(
  services: BatchServices,
  results: CollectResult[],
  byRef: Map<string, Entity>,
  { runId, org, counts }: RunContext,
): Promise<void> {
  const { store, settings, scoring, logger, listener } = services;
  const now = services.now();
  const known = await store.getKnownContributorKeys(
    results.filter(r => r.outcome === 'collected').map(r => r.entityRef),
  );
  const keySecret = await store.contributorKeySecret();
  const sorted = sortResults(results, byRef, known, {
    org,
    scoring,
    settings,
    keySecret,
    now,
  });
  for (const stray of sorted.strays) {
    logger.warn(
      `InnerSource provider answered for ${stray}, which it was not asked about`,
    );
  }
  counts.unchanged += sorted.unchanged.length;
  counts.deferred += sorted.deferred.length;
  counts.failed += sorted.failed.length;
  counts.collected += sorted.snapshots.length;

  for (const failed of sorted.failed) {
    if (failed.forget) {
      // Refused by the repository rule: nothing collected of it may stay, not even its last snapshot.
      await store.forgetProjects([failed.entityRef]);
      await store.upsertProjects(
        [toProjectRecord(failed.entityRef, failed.entity)],
        now,
      );
    }
    await store.recordFailure(failed.entityRef, failed.error, now, runId);
  }
  if (sorted.unchanged.length) await store.markUnchanged(sorted.unchanged, now);
  const entries = sorted.snapshots.map(s => s.entry);
  const { failures: unsaved, claimed } = entries.length
    ? await store.saveAndClaimChanges(entries, listener?.detectChanges)
    : { failures: [], claimed: [] };
  await tell(services, entries, unsaved, claimed, byRef);
  counts.collected -= unsaved.length;
  counts.failed += unsaved.length;
  for (const failure of unsaved) {
    logger.warn(
      `InnerSource: ${failure.entityRef} ${failure.message}: ${failure.detail}`,
    );
  }
  const profileErrors = sorted.snapshots.flatMap(s =>
    s.profileError
      ? [{ entityRef: s.entry.entityRef, message: s.profileError }]
      : [],
  );
  for (const error of [...unsaved, ...profileErrors]) {
    await store.recordFailure(error.entityRef, error.message, now, runId);
  }
}

/** Tells the listener what was stored; what it does with it never fails the run. */
async function tell(
  { listener, logger }: Pick<BatchServices, 'listener' | 'logger'>,
  entries: CollectedEntry[],
  unsaved: StoreFailure[],
  changes: ProjectChange[],
  byRef: Map<string, Entity>,
) {
  if (!listener) return;
  const failed = new Set(unsaved.map(f => f.entityRef));
  const entities = new Map<string, Entity>();
  for (const entry of entries) {
    const entity = byRef.get(entry.entityRef);
    if (entity && !failed.has(entry.entityRef))
      entities.set(entry.entityRef, entity);
  }
  try {
    await listener.written({ entities, changes });
  } catch (error) {
    logger.warn(`InnerSource: telling of the stored projects failed: ${error}`);
  }
}
