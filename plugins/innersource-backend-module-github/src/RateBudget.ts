import type { RateLimit } from './types';

/**
 * The GraphQL points one credential may still spend this hour, as the last
 * response's `rateLimit` reported them, minus a reserve that the rest of
 * Backstage keeps (the catalog's GitHub providers share the same token).
 */
export class RateBudget {
  private last?: RateLimit;

  constructor(
    private readonly reserveShare: number,
    private readonly now: () => Date,
  ) {}

  update(rate: RateLimit | null | undefined): void {
    if (rate) this.last = rate;
  }

  /** Whether a query of about this cost leaves the reserve untouched. */
  allows(cost: number): boolean {
    const last = this.last;
    if (!last || Date.parse(last.resetAt) <= this.now().getTime()) return true;
    return last.remaining - cost >= last.limit * this.reserveShare;
  }

  /** Why the next query waits, for the entities it leaves for the next run. */
  describe(): string {
    const last = this.last;
    if (!last) return 'the GitHub API budget is spent';
    return (
      `the GitHub API budget is down to its reserve (${last.remaining} of ${last.limit} points left, ` +
      `${Math.round(
        this.reserveShare * 100,
      )}% kept for the rest of Backstage); ` +
      `collection resumes at the next refresh after ${last.resetAt}`
    );
  }
}
