import type { RateLimit } from './types';

/**
 * The GraphQL points one credential may still spend this hour, as the last
 * response's `rateLimit` reported them, minus a reserve that the rest of
 * Backstage keeps (the catalog's GitHub providers share the same token).
 */
export class RateBudget {
  private last?: RateLimit;
  /** Set when GitHub refused for a rate limit: nothing is asked before then. */
  private blockedUntil?: Date;

  constructor(
    private readonly reserveShare: number,
    private readonly now: () => Date,
  ) {}

  update(rate: RateLimit | null | undefined): void {
    if (rate) this.last = rate;
  }

  /** GitHub refused for a rate limit (primary or secondary): spend nothing until it resets. */
  exhaust(until: Date): void {
    this.blockedUntil = until;
  }

  /** Until when GitHub refused for a rate limit, if it still does. */
  refusedUntil(): Date | undefined {
    return this.blockedUntil &&
      this.blockedUntil.getTime() > this.now().getTime()
      ? this.blockedUntil
      : undefined;
  }

  /** Whether a query of about this cost leaves the reserve untouched. */
  allows(cost: number): boolean {
    if (this.blockedUntil && this.blockedUntil.getTime() > this.now().getTime())
      return false;
    const last = this.last;
    if (!last || Date.parse(last.resetAt) <= this.now().getTime()) return true;
    return last.remaining - cost >= last.limit * this.reserveShare;
  }

  /** Why the next query waits, for the entities it leaves for the next run. */
  describe(): string {
    if (this.blockedUntil && this.blockedUntil.getTime() > this.now().getTime())
      return `GitHub refused for its rate limit; collection resumes at the next refresh after ${this.blockedUntil.toISOString()}`;
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
