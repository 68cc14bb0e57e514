import type { Entity } from '@backstage/catalog-model';
import type { ProjectSummary } from '@innersource-for-backstage/plugin-innersource-common';

/** What the API answers for a project the refresh job has not collected yet. */
export function pendingSummary(
  entityRef: string,
  entity: Entity,
): ProjectSummary {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    entityRef,
    title: entity.metadata.title,
    owner: typeof spec.owner === 'string' ? spec.owner : undefined,
    system: typeof spec.system === 'string' ? spec.system : undefined,
    status: 'pending',
    score: null,
    tier: null,
    profile: null,
    dimensions: [],
    metrics: null,
    readiness: [],
    activity: null,
    repository: null,
    refreshedAt: null,
    checkedAt: null,
    errors: [],
  };
}
