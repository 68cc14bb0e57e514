import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { RefreshJob } from './RefreshJob';

/** Refreshes asked for from the API, one at a time per project, never awaited by the request. */
export class RefreshRequests {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly job: Pick<RefreshJob, 'refreshEntity'>,
    private readonly logger: LoggerService,
  ) {}

  request(entity: Entity): 'queued' | 'already queued' {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    if (this.inFlight.has(ref)) return 'already queued';
    this.inFlight.add(ref);
    this.job
      .refreshEntity(entity)
      .catch(error =>
        this.logger.warn(`InnerSource refresh of ${ref} failed: ${error}`),
      )
      .finally(() => this.inFlight.delete(ref));
    return 'queued';
  }

  /** Resolves when every requested refresh has finished (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size)
      await new Promise(resolve => setTimeout(resolve, 10));
  }
}
