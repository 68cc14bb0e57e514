import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  RefreshLimits,
  RefreshRequestLog,
} from '../database/RefreshRequestLog';
import type { RefreshJob } from './RefreshJob';

/** What the API answers a refresh request: queued, already queued, or why not now. */
export type RefreshRequestAnswer =
  | 'queued'
  | 'already queued'
  | { capped: string; retryAfterSeconds: number };

export interface RefreshRequestsOptions {
  job: Pick<RefreshJob, 'refreshEntity'>;
  log: Pick<RefreshRequestLog, 'claim'>;
  logger: LoggerService;
  limits: RefreshLimits;
  /** A requested run still running after this long was abandoned (its replica stopped). */
  abandonAfterMs: number;
  now?: () => Date;
}

/**
 * Refreshes asked for from the API: claimed through the database (one per
 * project at a time and within the caps, over every replica), then run
 * without the request waiting for the forge.
 */
export class RefreshRequests {
  private readonly running = new Set<Promise<unknown>>();
  private readonly now: () => Date;

  constructor(private readonly options: RefreshRequestsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async request(
    entity: Entity,
    requestedBy: string,
  ): Promise<RefreshRequestAnswer> {
    const entityRef = entityRefOf(entity);
    const claim = await this.options.log.claim({
      entityRef,
      requestedBy,
      at: this.now(),
      limits: this.options.limits,
      abandonAfterMs: this.options.abandonAfterMs,
    });
    if (claim.outcome === 'already queued') return 'already queued';
    if (claim.outcome === 'capped') {
      return {
        capped: claim.message,
        retryAfterSeconds: claim.retryAfterSeconds,
      };
    }
    const work = this.options.job
      .refreshEntity(entity, claim.runId)
      .catch(error =>
        this.options.logger.warn(
          `InnerSource refresh of ${entityRef} failed: ${error}`,
        ),
      )
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return 'queued';
  }

  /** Resolves when every refresh this replica started has finished (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
