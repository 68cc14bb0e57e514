import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DAY_MS,
  entityRefOf,
  ScoringConfig,
} from '@innersource-for-backstage/plugin-innersource-common';
import pLimit from 'p-limit';
import type { RefreshStore, StoreFailure } from '../database/RefreshStore';
import type { OrgDirectory } from '../metrics/OrgDirectory';
import { InnerSourceSettings, runTimeoutMs } from '../settings';
import { loadDirectory, projectPages } from './catalogReads';
import { batchesOf, collectRequests } from './collectRequests';
import { collectSafely } from './collectSafely';
import { toProjectRecord } from './projectRecord';
import type { ProviderRegistry } from './ProviderRegistry';
import { endRun, providersFinished } from './runEnd';
import {
  emptyCounts,
  RefreshCounts,
  RefreshMetrics,
  RunReport,
} from './RunReport';
import { RefreshListener, RunContext, saveBatch } from './saveBatch';

export type { RefreshCounts } from './RunReport';
export { toProjectRecord } from './projectRecord';
export type { RefreshListener, RunContext } from './saveBatch';

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
 *
 * Each page of the catalog goes through the same steps: the project rows,
 * the collect requests ({@link collectRequests}), the providers' answers in
 * batches, each batch's snapshots ({@link sortResults}, {@link snapshotOf},
 * pure) and then the batch's store writes.
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
    const end = async (report: Pick<RunReport, 'status' | 'message'>) =>
      this.end(runId, startedAt, {
        trigger: 'schedule',
        counts,
        spend: await providersFinished(
          this.options.providers,
          this.options.logger,
        ),
        ...report,
      });
    try {
      const context: RunContext = {
        runId,
        startedAt,
        org: await this.directory(),
        counts,
        signal,
        force: false,
      };
      for await (const page of projectPages(
        this.options.catalog,
        await this.credentials(),
        settings.selector,
      )) {
        if (signal?.aborted) break;
        await this.refreshEntities(page, context);
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
      await end({ status: complete ? 'succeeded' : 'partial' });
      return counts;
    } catch (error) {
      await end({ status: 'failed', message: messageOf(error) });
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
    const entityRef = entityRefOf(entity);
    const counts = emptyCounts();
    const report = {
      trigger: 'request' as const,
      entityRef,
      counts,
      spend: {},
    };
    try {
      await this.refreshEntities([entity], {
        runId: id,
        startedAt,
        org: await this.directory(),
        counts,
        force: true,
      });
    } catch (error) {
      await this.end(id, startedAt, {
        ...report,
        status: 'failed',
        message: messageOf(error),
      });
      throw error;
    }
    await this.end(id, startedAt, {
      ...report,
      status: counts.failed ? 'partial' : 'succeeded',
    });
    return counts;
  }

  private end(
    runId: number,
    startedAt: Date,
    report: Omit<RunReport, 'durationMs'>,
  ) {
    const { store, logger } = this.options;
    return endRun(
      { store, logger, metrics: this.metrics },
      { runId, startedAt, finishedAt: this.now() },
      report,
    );
  }

  private async credentials() {
    return this.options.auth.getOwnServiceCredentials();
  }

  private async directory(): Promise<OrgDirectory> {
    return loadDirectory(this.options.catalog, await this.credentials());
  }

  /** One page: project rows, collect requests, the providers' batches, and the failures no provider was asked about. */
  private async refreshEntities(entities: Entity[], context: RunContext) {
    const { store, settings, providers, logger } = this.options;
    const { counts, signal } = context;
    const byRef = new Map(entities.map(e => [entityRefOf(e), e]));
    counts.projects += byRef.size;
    const unstored: StoreFailure[] = await store.upsertProjects(
      [...byRef].map(([ref, e]) => toProjectRecord(ref, e)),
      context.startedAt,
    );
    // An entity that cannot be stored is reported, and the others go on.
    for (const failure of unstored) byRef.delete(failure.entityRef);

    const plan = collectRequests(
      byRef,
      await store.getRefreshState([...byRef.keys()]),
      { providers, settings, seenAt: context.startedAt, force: context.force },
    );
    for (const warning of plan.warnings) logger.warn(warning);

    const limit = pLimit(settings.concurrency);
    const batches: Promise<void>[] = [];
    for (const [provider, requests] of plan.requests) {
      for (const batch of batchesOf(requests, provider.batchSize)) {
        batches.push(
          limit(async () => {
            if (signal?.aborted) return;
            const results = await collectSafely(
              provider,
              batch,
              signal,
              logger,
            );
            await saveBatch(
              { ...this.options, now: this.now },
              results,
              byRef,
              context,
            );
          }),
        );
      }
    }
    await Promise.all(batches);

    for (const failure of [...unstored, ...plan.failures]) {
      counts.failed += 1;
      if (failure.detail) {
        logger.warn(
          `InnerSource: ${failure.entityRef} ${failure.message}: ${failure.detail}`,
        );
      }
      await store.recordFailure(
        failure.entityRef,
        failure.message,
        this.now(),
        context.runId,
      );
    }
  }
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error);
}
