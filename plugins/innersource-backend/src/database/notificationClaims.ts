import type { Knex } from 'knex';
import type { ReadinessCheckResult } from '@innersource-for-backstage/plugin-innersource-common';
import type { ProjectChange, StoredProjectState } from './RefreshStore';
import { chunks, json, LatestDetail } from './rows';

/** The stored latest snapshot of each project given that has one. */
export async function readStoredStates(
  tx: Knex,
  entityRefs: string[],
): Promise<Map<string, StoredProjectState>> {
  const states = new Map<string, StoredProjectState>();
  for (const batch of chunks(entityRefs, 500)) {
    const rows = await tx('innersource_projects')
      .select(
        'entity_ref',
        'latest_snapshot_id',
        'score',
        'tier_name',
        'latest',
      )
      .whereIn('entity_ref', batch)
      .whereNotNull('latest_snapshot_id');
    for (const row of rows) {
      const latest = json<Partial<LatestDetail> | null>(row.latest, null);
      states.set(row.entity_ref, {
        entityRef: row.entity_ref,
        snapshotId: Number(row.latest_snapshot_id),
        score: row.score ?? null,
        tierName: row.tier_name ?? null,
        readiness: (latest?.score?.readiness ?? []) as ReadinessCheckResult[],
      });
    }
  }
  return states;
}

const claimKey = (c: {
  entityRef: string;
  change: string;
  fromSnapshotId: number;
}) => `${c.entityRef}\u0000${c.change}\u0000${c.fromSnapshotId}`;

/**
 * Inserts a claim per change, leaving alone one another write holds, and
 * answers the changes whose claim is `claimant`'s: those this write tells of.
 */
export async function claimChanges(
  tx: Knex,
  changes: ProjectChange[],
  claimant: string,
  at: Date,
): Promise<ProjectChange[]> {
  if (changes.length === 0) return [];
  for (const batch of chunks(changes, 200)) {
    await tx('innersource_notification_claims')
      .insert(
        batch.map(c => ({
          entity_ref: c.entityRef,
          change: c.change.slice(0, 127),
          snapshot_id: c.fromSnapshotId,
          claimed_by: claimant,
          claimed_at: at.toISOString(),
        })),
      )
      .onConflict(['entity_ref', 'change', 'snapshot_id'])
      .ignore();
  }
  const mine = new Set<string>();
  for (const batch of chunks(
    [...new Set(changes.map(c => c.entityRef))],
    500,
  )) {
    const rows = await tx('innersource_notification_claims')
      .select('entity_ref', 'change', 'snapshot_id')
      .whereIn('entity_ref', batch)
      .andWhere({ claimed_by: claimant });
    for (const row of rows) {
      mine.add(
        claimKey({
          entityRef: row.entity_ref,
          change: row.change,
          fromSnapshotId: Number(row.snapshot_id),
        }),
      );
    }
  }
  return changes.filter(c =>
    mine.has(claimKey({ ...c, change: c.change.slice(0, 127) })),
  );
}
