import type { Entity } from '@backstage/catalog-model';
import type { CollectResult } from '@innersource-for-backstage/plugin-innersource-node';
import { Snapshot, SnapshotContext, snapshotOf } from './snapshotOf';

/** A batch's answers sorted by what the store does with them. */
export interface SortedResults {
  /** Snapshots to write, in the order the provider answered. */
  snapshots: Snapshot[];
  /** Checked, nothing changed: the stored snapshot stays. */
  unchanged: string[];
  /** Not attempted this run. */
  deferred: string[];
  /** Failed; `forget` when nothing of the repository may stay. */
  failed: Array<{
    entityRef: string;
    entity: Entity;
    error: string;
    forget: boolean;
  }>;
  /** Answers about entities the provider was not asked about. */
  strays: string[];
}

/**
 * A provider's answers for one batch, each made into what it means for the
 * store: collected facts become snapshots ({@link snapshotOf}). Pure.
 */
export function sortResults(
  results: readonly CollectResult[],
  byRef: ReadonlyMap<string, Entity>,
  known: ReadonlyMap<string, ReadonlySet<string>>,
  context: SnapshotContext,
): SortedResults {
  const sorted: SortedResults = {
    snapshots: [],
    unchanged: [],
    deferred: [],
    failed: [],
    strays: [],
  };
  for (const result of results) {
    const entity = byRef.get(result.entityRef);
    if (!entity) {
      sorted.strays.push(result.entityRef);
    } else if (result.outcome === 'unchanged') {
      sorted.unchanged.push(result.entityRef);
    } else if (result.outcome === 'deferred') {
      sorted.deferred.push(result.entityRef);
    } else if (result.outcome === 'failed') {
      sorted.failed.push({
        entityRef: result.entityRef,
        entity,
        error: result.error,
        forget: result.forget ?? false,
      });
    } else {
      sorted.snapshots.push(
        snapshotOf(
          {
            entityRef: result.entityRef,
            entity,
            facts: result.facts,
            fingerprint: result.fingerprint,
            history: result.history,
            knownContributorKeys: known.get(result.entityRef) ?? null,
          },
          context,
        ),
      );
    }
  }
  return sorted;
}
