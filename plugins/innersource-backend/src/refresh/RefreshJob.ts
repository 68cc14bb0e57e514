import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DAY_MS,
  INNERSOURCE_ANNOTATIONS,
  MAX_HELP_WANTED_LABELS,
  parseHelpWantedLabels,
  scoreProject,
  ScoringConfig,
  scoringProfileOrDefault,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
  ProviderSpend,
  resolveRepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import pLimit from 'p-limit';
import type {
  ChangeDetector,
  CollectedEntry,
  ProjectChange,
  RefreshStore,
  StoreFailure,
} from '../database/RefreshStore';
import { backfillHistory, planBackfill } from '../metrics/backfillHistory';
import { deriveMetrics } from '../metrics/deriveMetrics';
import { normalizeRef, OrgDirectory } from '../metrics/OrgDirectory';
import { InnerSourceSettings, runTimeoutMs } from '../settings';
import { boundFacts } from './bounds';
import { buildScoringInput } from './buildScoringInput';
import { loadDirectory, projectPages } from './catalogReads';
import { collectSafely } from './collectSafely';
import { toProjectRecord } from './projectRecord';
import { describeMissingProvider, ProviderRegistry } from './ProviderRegistry';
import {
  describeRun,
  emptyCounts,
  RefreshCounts,
  RefreshMetrics,
  RunReport,
} from './RunReport';

export type { RefreshCounts } from './RunReport';
export { toProjectRecord } from './projectRecord';

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

export interface RefreshJobOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: RefreshStore;
  providers: ProviderRegistry;
  settings: InnerSourceSettings;
  scoring: ScoringConfig;
  /** Backstage's metrics service; without it the job only logs. */
  metrics?: MetricsService;
  /** Told after each write of new snapshots commits (notifications, signals). */
  listener?: RefreshListener;
  now?: () => Date;
}

/**
 * Collects every InnerSource project's repository facts, derives metrics,
 * scores them and stores one snapshot per project. A failure for one
 * repository is recorded on that entity; the last good snapshot stays.
 */
export class RefreshJob {
  private readonly now: () => Date;
  private readonly metrics?: RefreshMetrics;

  constructor(private readonly options: RefreshJobOptions) {
    this.now = options.now ?? (() => new Date());
    this.metrics = options.metrics && new RefreshMetrics(options.metrics);
  }

  /** The whole catalog, page by page; what is not seen any more stops being listed. */
  async run(signal?: AbortSignal): Promise<RefreshCounts> {
    const { store, settings } = this.options;
    const startedAt = this.now();
    // A scheduled run left running longer than the timeout lost its replica.
    const runId = await store.startRun(
      startedAt,
      new Date(startedAt.getTime() - runTimeoutMs(settings)),
    );
    const counts = emptyCounts();
    try {
      const directory = await this.directory();
      for await (const page of projectPages(
        this.options.catalog,
        await this.credentials(),
        settings.selector,
      )) {
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
          new Date(startedAt.getTime() - settings.retentionDays * DAY_MS),
        );
        await store.pruneRunLog(
          new Date(
            startedAt.getTime() - settings.refresh.logRetentionDays * DAY_MS,
          ),
        );
      }
      const complete =
        !signal?.aborted && counts.failed === 0 && counts.deferred === 0;
      await this.finish(runId, startedAt, {
        trigger: 'schedule',
        status: complete ? 'succeeded' : 'partial',
        counts,
        spend: await this.providersFinished(),
      });
      return counts;
    } catch (error) {
      await this.finish(runId, startedAt, {
        trigger: 'schedule',
        status: 'failed',
        counts,
        spend: await this.providersFinished(),
        message: String((error as Error)?.message ?? error),
      });
      throw error;
    }
  }

  /**
   * One project, now: what the refresh button asks for. Writes to the run row
   * it is given (the request's claim) or starts one; the row always ends.
   */
  async refreshEntity(entity: Entity, runId?: number): Promise<RefreshCounts> {
    const startedAt = this.now();
    const id = runId ?? (await this.options.store.startRun(startedAt));
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const counts = emptyCounts();
    try {
      await this.refreshEntities(
        [entity],
        await this.directory(),
        startedAt,
        id,
        counts,
        undefined,
        true,
      );
    } catch (error) {
      await this.finish(id, startedAt, {
        trigger: 'request',
        entityRef,
        status: 'failed',
        counts,
        spend: {},
        message: String((error as Error)?.message ?? error),
      });
      throw error;
    }
    await this.finish(id, startedAt, {
      trigger: 'request',
      entityRef,
      status: counts.failed ? 'partial' : 'succeeded',
      counts,
      spend: {},
    });
    return counts;
  }

  /** Ends the run row, logs the run's line and counts it in the metrics. */
  private async finish(
    runId: number,
    startedAt: Date,
    report: Omit<RunReport, 'durationMs'>,
  ) {
    const finishedAt = this.now();
    const full: RunReport = {
      ...report,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    };
    await this.options.store.finishRun(runId, {
      ...report.counts,
      status: report.status,
      finishedAt,
      message: report.message,
    });
    if (report.status === 'failed')
      this.options.logger.error(describeRun(full));
    else this.options.logger.info(describeRun(full));
    this.metrics?.record(full);
  }

  /** What each provider spent since the last scheduled run ended; one failing to answer costs nothing else. */
  private async providersFinished(): Promise<Record<string, ProviderSpend>> {
    const spend: Record<string, ProviderSpend> = {};
    for (const provider of this.options.providers.list()) {
      try {
        const spent = await provider.runFinished?.();
        if (spent) spend[provider.id] = spent;
      } catch (error) {
        this.options.logger.warn(
          `InnerSource: the ${provider.id} provider failed to finish its run: ${error}`,
        );
      }
    }
    return spend;
  }

  private async credentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  private async directory(): Promise<OrgDirectory> {
    return loadDirectory(this.options.catalog, await this.credentials());
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
      const { labels: extraLabels, ignored } = parseHelpWantedLabels(entity);
      if (ignored.length) {
        // the entity's author may list any number: name a few, not all
        this.options.logger.warn(
          `InnerSource: ${entityRef} lists ${
            extraLabels.length + ignored.length
          } labels in ${
            INNERSOURCE_ANNOTATIONS.helpWantedLabels
          }; only the first ${MAX_HELP_WANTED_LABELS} are searched, the other ${
            ignored.length
          } are ignored (${ignored.slice(0, 3).join(', ')}${
            ignored.length > 3 ? ', …' : ''
          })`,
        );
      }
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
        // A first collection: the weeks before it come from the repository's history.
        ...(previous
          ? {}
          : {
              backfill: {
                since: planBackfill(
                  seenAt,
                  settings.windowDays,
                  settings.retentionDays,
                ).since.toISOString(),
              },
            }),
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
            const results = await collectSafely(
              provider,
              batch,
              signal,
              this.options.logger,
            );
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
    const keySecret = await store.contributorKeySecret();
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
        if (result.forget) {
          // Refused by the repository rule: nothing collected of it may stay, not even its last snapshot.
          await store.forgetProjects([result.entityRef]);
          await store.upsertProjects(
            [toProjectRecord(result.entityRef, entity)],
            now,
          );
        }
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
        keySecret,
        agents: settings.agents,
        ignoredUsers: settings.ignoredUsers,
      });
      const firstCollection = !known.has(result.entityRef);
      const backfill =
        firstCollection && result.history
          ? backfillHistory(
              facts,
              {
                completeSince: result.history.completeSince,
                commits:
                  boundFacts({ ...facts, commits: result.history.commits })
                    .commits ?? [],
              },
              {
                ownerRef,
                directory,
                labels: settings.labels,
                agents: settings.agents,
                windowDays: settings.windowDays,
                weeks: planBackfill(
                  now,
                  settings.windowDays,
                  settings.retentionDays,
                ).weeks,
              },
            )
          : [];
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
        ...(backfill.length ? { backfill } : {}),
      });
      counts.collected += 1;
    }

    const unchanged = results
      .filter(r => r.outcome === 'unchanged')
      .map(r => r.entityRef);
    if (unchanged.length) await store.markUnchanged(unchanged, now);
    const { failures: unsaved, claimed } = entries.length
      ? await store.saveAndClaimChanges(
          entries,
          this.options.listener?.detectChanges,
        )
      : { failures: [], claimed: [] };
    await this.tell(entries, unsaved, claimed, byRef);
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

  /** Tells the listener what was stored; what it does with it never fails the run. */
  private async tell(
    entries: CollectedEntry[],
    unsaved: StoreFailure[],
    changes: ProjectChange[],
    byRef: Map<string, Entity>,
  ) {
    const { listener, logger } = this.options;
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
      logger.warn(
        `InnerSource: telling of the stored projects failed: ${error}`,
      );
    }
  }
}
