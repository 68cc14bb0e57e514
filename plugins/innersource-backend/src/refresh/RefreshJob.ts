import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DAY_MS,
  INNERSOURCE_ANNOTATIONS,
  isInnerSourceProject,
  parseListAnnotation,
  scoreProject,
  ScoringConfig,
  scoringProfileOrDefault,
} from '@internal/plugin-innersource-common';
import {
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
  resolveRepositoryLocation,
} from '@internal/plugin-innersource-node';
import pLimit from 'p-limit';
import type {
  CollectedEntry,
  ProjectRecord,
  RefreshStore,
  StoreFailure,
} from '../database/RefreshStore';
import { deriveMetrics } from '../metrics/deriveMetrics';
import { normalizeRef, OrgDirectory } from '../metrics/OrgDirectory';
import type { InnerSourceSettings } from '../settings';
import { BOUNDS, boundFacts, clip, clipList } from './bounds';
import { buildScoringInput } from './buildScoringInput';
import { describeMissingProvider, ProviderRegistry } from './ProviderRegistry';

const CATALOG_PAGE_SIZE = 500;
const ORG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.profile',
  'spec.memberOf',
  'spec.parent',
  'spec.children',
  'relations',
];

export interface RefreshCounts {
  projects: number;
  collected: number;
  unchanged: number;
  failed: number;
  deferred: number;
}

export interface RefreshJobOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: RefreshStore;
  providers: ProviderRegistry;
  settings: InnerSourceSettings;
  scoring: ScoringConfig;
  now?: () => Date;
}

/**
 * Collects every InnerSource project's repository facts, derives metrics,
 * scores them and stores one snapshot per project. A failure for one
 * repository is recorded on that entity; the last good snapshot stays.
 */
export class RefreshJob {
  private readonly now: () => Date;

  constructor(private readonly options: RefreshJobOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The whole catalog, page by page; what is not seen any more stops being listed. */
  async run(signal?: AbortSignal): Promise<RefreshCounts> {
    const { store, logger } = this.options;
    const startedAt = this.now();
    const runId = await store.startRun(startedAt);
    const counts: RefreshCounts = {
      projects: 0,
      collected: 0,
      unchanged: 0,
      failed: 0,
      deferred: 0,
    };
    try {
      const directory = await this.loadDirectory();
      for await (const page of this.projectPages()) {
        if (signal?.aborted) break;
        await this.refreshEntities(
          page,
          directory,
          startedAt,
          runId,
          counts,
          signal,
        );
      }
      if (!signal?.aborted) {
        await store.deactivateProjectsNotSeenSince(startedAt);
        await store.pruneSnapshots(
          new Date(
            startedAt.getTime() - this.options.settings.retentionDays * DAY_MS,
          ),
        );
      }
      for (const provider of this.options.providers.list())
        provider.runFinished?.();
      const complete =
        !signal?.aborted && counts.failed === 0 && counts.deferred === 0;
      const status = complete ? 'succeeded' : 'partial';
      await store.finishRun(runId, {
        ...counts,
        status,
        finishedAt: this.now(),
      });
      logger.info(
        `InnerSource refresh ${status}: ${counts.projects} projects, ${counts.collected} collected, ` +
          `${counts.unchanged} unchanged, ${counts.failed} failed, ${counts.deferred} deferred`,
      );
      return counts;
    } catch (error) {
      await store.finishRun(runId, {
        ...counts,
        status: 'failed',
        finishedAt: this.now(),
        message: String((error as Error)?.message ?? error),
      });
      throw error;
    }
  }

  /** One project, now: what the refresh button asks for. */
  async refreshEntity(entity: Entity): Promise<RefreshCounts> {
    const startedAt = this.now();
    const runId = await this.options.store.startRun(startedAt);
    const counts: RefreshCounts = {
      projects: 0,
      collected: 0,
      unchanged: 0,
      failed: 0,
      deferred: 0,
    };
    const directory = await this.loadDirectory();
    await this.refreshEntities(
      [entity],
      directory,
      startedAt,
      runId,
      counts,
      undefined,
      true,
    );
    await this.options.store.finishRun(runId, {
      ...counts,
      status: counts.failed ? 'partial' : 'succeeded',
      finishedAt: this.now(),
    });
    return counts;
  }

  private async credentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  private async loadDirectory(): Promise<OrgDirectory> {
    const entities: Entity[] = [];
    let cursor: string | undefined;
    const credentials = await this.credentials();
    do {
      const response = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: CATALOG_PAGE_SIZE, fields: ORG_FIELDS }
          : {
              filter: { kind: ['User', 'Group'] },
              limit: CATALOG_PAGE_SIZE,
              fields: ORG_FIELDS,
            },
        { credentials },
      );
      entities.push(...response.items);
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return OrgDirectory.fromEntities(entities);
  }

  /** Entities matching the selector or opting in, a page at a time: never the whole catalog at once. */
  private async *projectPages(): AsyncGenerator<Entity[]> {
    const credentials = await this.credentials();
    let cursor: string | undefined;
    do {
      const response = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: CATALOG_PAGE_SIZE }
          : {
              filter: [
                this.options.settings.selector,
                {
                  [`metadata.annotations.${INNERSOURCE_ANNOTATIONS.enabled}`]:
                    'true',
                },
              ],
              limit: CATALOG_PAGE_SIZE,
            },
        { credentials },
      );
      const projects = response.items.filter(e =>
        isInnerSourceProject(e, this.options.settings.selector),
      );
      if (projects.length) yield projects;
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
  }

  private async refreshEntities(
    entities: Entity[],
    directory: OrgDirectory,
    seenAt: Date,
    runId: number,
    counts: RefreshCounts,
    signal?: AbortSignal,
    force = false,
  ) {
    const { store, settings, providers } = this.options;
    const byRef = new Map(
      entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
    );
    counts.projects += byRef.size;
    const failures: StoreFailure[] = await store.upsertProjects(
      [...byRef].map(([ref, e]) => toProjectRecord(ref, e)),
      seenAt,
    );
    // An entity that cannot be stored is reported, and the others go on.
    for (const failure of failures) byRef.delete(failure.entityRef);

    const requestsByProvider = new Map<InnerSourceProvider, CollectRequest[]>();
    const state = await store.getRefreshState([...byRef.keys()]);

    for (const [entityRef, entity] of byRef) {
      const resolution = resolveRepositoryLocation(entity);
      if (resolution.error) {
        failures.push({ entityRef, message: resolution.error });
        continue;
      }
      if (!resolution.location) {
        failures.push({
          entityRef,
          message:
            'names no repository: add github.com/project-slug, gitlab.com/project-slug or backstage.io/source-location',
        });
        continue;
      }
      const provider = providers.select(resolution.location);
      if (!provider) {
        failures.push({
          entityRef,
          message: describeMissingProvider(resolution.location),
        });
        continue;
      }
      const previous = state.get(entityRef);
      const extraLabels = parseListAnnotation(
        entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.helpWantedLabels],
      );
      const request: CollectRequest = {
        entityRef,
        entity,
        location: resolution.location,
        windowDays: settings.windowDays,
        labels: {
          helpWanted: [
            ...new Set([...settings.labels.helpWanted, ...extraLabels]),
          ],
          goodFirstIssue: settings.labels.goodFirstIssue,
        },
        ...(previous && !force ? { previous } : {}),
      };
      requestsByProvider.set(provider, [
        ...(requestsByProvider.get(provider) ?? []),
        request,
      ]);
    }

    const limit = pLimit(settings.concurrency);
    const batches: Promise<void>[] = [];
    for (const [provider, requests] of requestsByProvider) {
      for (let i = 0; i < requests.length; i += provider.batchSize) {
        const batch = requests.slice(i, i + provider.batchSize);
        batches.push(
          limit(async () => {
            if (signal?.aborted) return;
            const results = await collectSafely(provider, batch, signal);
            await this.saveResults(results, byRef, directory, runId, counts);
          }),
        );
      }
    }
    await Promise.all(batches);

    for (const failure of failures) {
      counts.failed += 1;
      if (failure.detail) {
        this.options.logger.warn(
          `InnerSource: ${failure.entityRef} ${failure.message}: ${failure.detail}`,
        );
      }
      await store.recordFailure(
        failure.entityRef,
        failure.message,
        this.now(),
        runId,
      );
    }
  }

  private async saveResults(
    results: CollectResult[],
    byRef: Map<string, Entity>,
    directory: OrgDirectory,
    runId: number,
    counts: RefreshCounts,
  ) {
    const { store, settings, scoring, logger } = this.options;
    const now = this.now();
    const collected = results.filter(r => r.outcome === 'collected');
    const known = await store.getKnownContributorKeys(
      collected.map(r => r.entityRef),
    );
    const entries: CollectedEntry[] = [];
    const profileErrors: StoreFailure[] = [];

    for (const result of results) {
      const entity = byRef.get(result.entityRef);
      if (!entity) {
        logger.warn(
          `InnerSource provider answered for ${result.entityRef}, which it was not asked about`,
        );
        continue;
      }
      if (result.outcome === 'unchanged') {
        counts.unchanged += 1;
        continue;
      }
      if (result.outcome === 'deferred') {
        counts.deferred += 1;
        continue;
      }
      if (result.outcome === 'failed') {
        counts.failed += 1;
        await store.recordFailure(result.entityRef, result.error, now, runId);
        continue;
      }
      const ownerRef = entity.spec?.owner
        ? normalizeRef(
            String(entity.spec.owner),
            'group',
            entity.metadata.namespace,
          )
        : undefined;
      const facts = boundFacts(result.facts);
      const { metrics, contributors } = deriveMetrics(facts, {
        ownerRef,
        directory,
        knownContributorKeys: known.get(result.entityRef) ?? null,
        labels: settings.labels,
        now,
      });
      const input = buildScoringInput(entity, facts, metrics);
      const profile = scoringProfileOrDefault(entity, scoring);
      if (profile.error) {
        profileErrors.push({
          entityRef: result.entityRef,
          message: profile.error,
        });
      }
      entries.push({
        entityRef: result.entityRef,
        collectedAt: now,
        fingerprint: result.fingerprint,
        facts,
        metrics,
        scoringInput: input,
        score: scoreProject(input, profile.model, now, profile.name),
        contributors,
        tasks: facts.helpWantedIssues ?? [],
        goodFirstLabels: settings.labels.goodFirstIssue.map(l =>
          l.toLocaleLowerCase('en-US'),
        ),
      });
      counts.collected += 1;
    }

    const unchanged = results
      .filter(r => r.outcome === 'unchanged')
      .map(r => r.entityRef);
    if (unchanged.length) await store.markUnchanged(unchanged, now);
    const unsaved = entries.length
      ? await store.saveManyCollected(entries)
      : [];
    counts.collected -= unsaved.length;
    counts.failed += unsaved.length;
    for (const failure of unsaved) {
      logger.warn(
        `InnerSource: ${failure.entityRef} ${failure.message}: ${failure.detail}`,
      );
    }
    for (const error of [...unsaved, ...profileErrors]) {
      await store.recordFailure(error.entityRef, error.message, now, runId);
    }
  }
}

async function collectSafely(
  provider: InnerSourceProvider,
  batch: CollectRequest[],
  signal?: AbortSignal,
): Promise<CollectResult[]> {
  let results: CollectResult[];
  try {
    results = await provider.collect(batch, { signal });
  } catch (error) {
    const message = `the ${provider.id} provider failed: ${
      (error as Error)?.message ?? error
    }`;
    return batch.map(r => ({
      entityRef: r.entityRef,
      outcome: 'failed' as const,
      error: message,
    }));
  }
  // A provider that forgets a repository must not leave it silently stale.
  const answered = new Set(results.map(r => r.entityRef));
  for (const request of batch) {
    if (!answered.has(request.entityRef)) {
      results.push({
        entityRef: request.entityRef,
        outcome: 'failed',
        error: `the ${provider.id} provider returned no result for this repository`,
      });
    }
  }
  return results;
}

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
