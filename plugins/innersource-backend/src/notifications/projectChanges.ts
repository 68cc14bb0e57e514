import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { normalizeRef } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  ChangeDetector,
  CollectedEntry,
  ProjectChange,
  StoredProjectState,
} from '../database/RefreshStore';

/** Which changes owners hear of (`innersource.notifications`). */
export interface ChangeKinds {
  tierDrops: boolean;
  readinessRegressions: boolean;
}

/** The advice of every check that fails in the entry and counts (a weight above 0). */
function failingAdvice(entry: CollectedEntry): string[] {
  return entry.score.readiness
    .filter(check => !check.passed && check.weight > 0)
    .map(check => check.advice);
}

/**
 * What the owners of a project are told about: its tier dropped (another tier
 * and a lower score), or a readiness check that passed in the stored snapshot
 * fails in the new one.
 */
export function detectProjectChanges(kinds: ChangeKinds): ChangeDetector {
  return (previous: StoredProjectState, entry: CollectedEntry) => {
    const changes: ProjectChange[] = [];
    const base = {
      entityRef: entry.entityRef,
      fromSnapshotId: previous.snapshotId,
      from: { score: previous.score, tierName: previous.tierName },
      to: { score: entry.score.score, tierName: entry.score.tier.name },
    };
    if (
      kinds.tierDrops &&
      previous.tierName !== null &&
      previous.score !== null &&
      previous.tierName !== entry.score.tier.name &&
      entry.score.score < previous.score
    ) {
      changes.push({
        ...base,
        change: 'tier',
        advice: failingAdvice(entry),
      });
    }
    if (kinds.readinessRegressions) {
      const passedBefore = new Set(
        previous.readiness.filter(c => c.passed).map(c => c.id),
      );
      for (const check of entry.score.readiness) {
        if (check.passed || check.weight <= 0 || !passedBefore.has(check.id))
          continue;
        changes.push({
          ...base,
          change: `readiness:${check.id}`,
          check: { id: check.id, title: check.title },
          advice: [check.advice],
        });
      }
    }
    return changes;
  };
}

/** Where the entity's InnerSource tab is in the portal. */
export function innerSourceTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(name)}/innersource`;
}

/** The group (or user) in the entity's spec.owner, as a full lower-case ref. */
export function ownerRefOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    return normalizeRef(owner, 'group', entity.metadata.namespace);
  } catch {
    return undefined;
  }
}

/**
 * The notification of one change, to the entity's owner. Its scope names the
 * project and the change, so the next drop of the same kind updates this
 * notification (unread again) instead of adding one.
 */
export function changeNotification(
  change: ProjectChange,
  entity: Entity,
): NotificationSendOptions | undefined {
  const owner = ownerRefOf(entity);
  if (!owner) return undefined;
  // Titles are short in the notifications table; a catalog title may not be.
  const name = (entity.metadata.title ?? entity.metadata.name).slice(0, 100);
  const advice = change.advice.length
    ? ` To do: ${change.advice.join(' ')}`
    : '';
  const title = change.check
    ? `${name}: readiness check "${change.check.title}" fails`
    : `${name}: InnerSource tier dropped from ${change.from.tierName} to ${change.to.tierName}`;
  const description = change.check
    ? `It passed at the last refresh and fails now.${advice}`
    : `Its InnerSource score went from ${change.from.score} to ${change.to.score}.${advice}`;
  return {
    recipients: { type: 'entity', entityRef: [owner] },
    payload: {
      title,
      description,
      link: innerSourceTabPath(change.entityRef),
      topic: 'InnerSource',
      severity: change.check ? 'normal' : 'high',
      scope: change.check
        ? `innersource:${change.change}:${change.entityRef}`
        : `innersource:tier:${change.entityRef}`,
    },
  };
}
