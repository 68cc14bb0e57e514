import type { Entity } from '@backstage/catalog-model';
import {
  INNERSOURCE_ANNOTATIONS,
  normalizeRef,
  parseListAnnotation,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { ProjectRecord } from '../database/RefreshStore';
import { BOUNDS, clip, clipList } from './bounds';

/** What the store keeps of a catalog entity, every value within its column's bound. */
export function toProjectRecord(
  entityRef: string,
  entity: Entity,
): ProjectRecord {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const text = (value: unknown, max: number) =>
    typeof value === 'string' ? clip(value, max) : undefined;
  return {
    entityRef,
    kind: clip(entity.kind.toLocaleLowerCase('en-US'), BOUNDS.kind),
    namespace: clip(namespace.toLocaleLowerCase('en-US'), BOUNDS.namespace),
    name: clip(entity.metadata.name.toLocaleLowerCase('en-US'), BOUNDS.name),
    title: text(entity.metadata.title, BOUNDS.title),
    ownerRef:
      typeof spec.owner === 'string'
        ? clip(normalizeRef(spec.owner, 'group', namespace), BOUNDS.ref)
        : undefined,
    systemRef:
      typeof spec.system === 'string'
        ? clip(normalizeRef(spec.system, 'system', namespace), BOUNDS.ref)
        : undefined,
    tags: clipList(
      (entity.metadata.tags ?? []).map(t =>
        String(t).toLocaleLowerCase('en-US'),
      ),
      BOUNDS.tag,
    ),
    specType: text(spec.type, BOUNDS.specType),
    lifecycle: text(spec.lifecycle, BOUNDS.lifecycle),
    skills: clipList(
      parseListAnnotation(
        entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.skills],
      ),
      BOUNDS.skill,
    ),
    entity: {
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      metadata: {
        name: entity.metadata.name,
        namespace,
        title: entity.metadata.title,
        description: text(entity.metadata.description, BOUNDS.description),
        tags: entity.metadata.tags,
        labels: entity.metadata.labels,
        annotations: entity.metadata.annotations,
      },
      spec: {
        type: spec.type,
        lifecycle: spec.lifecycle,
        owner: spec.owner,
        system: spec.system,
      },
    } as Entity,
  };
}
