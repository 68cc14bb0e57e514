/**
 * A forge's rate-limit window, as its last answer reported it.
 *
 * @public
 */
export interface RateWindow {
  /** What the window allows in all: points (GitHub's GraphQL API) or requests. */
  limit: number;
  remaining: number;
  /** When the window resets, in milliseconds since the epoch. */
  resetAt: number;
}

/**
 * How a {@link RateBudget} counts and how it names itself in the reason a
 * deferred repository is given.
 *
 * @public
 */
export interface RateBudgetOptions {
  /** The forge, as people name it: `GitHub`. */
  forge: string;
  /** Named in the reason (`the GitLab API budget on gitlab.com`) where a budget is one host's. */
  host?: string;
  /** What the window counts: `points`, `requests`. */
  units: string;
  /** Said of what is left, where the window is short: `this window`. */
  window?: string;
  /**
   * The share of each window left for the rest of Backstage (the catalog's
   * providers and the scaffolder share the same credential), from 0 to below 1.
   */
  reserve: number;
  /** Milliseconds since the epoch. */
  now: () => number;
}

function isoOf(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'its reset';
}

/**
 * What one credential may still spend in its forge's current rate-limit
 * window, minus a reserve the rest of Backstage keeps; and, once the forge
 * refused for its rate limit, nothing until the time it gave. A forge that
 * reports no window (rate limits off) is not held back.
 *
 * @public
 */
export class RateBudget {
  private last?: RateWindow;
  /** Set when the forge refused for a rate limit: nothing is asked before then. */
  private blockedUntil?: number;

  constructor(private readonly options: RateBudgetOptions) {}

  /** The window the last answer reported; nothing changes when it reported none. */
  update(window: RateWindow | null | undefined): void {
    if (window) this.last = window;
  }

  /** The forge refused for a rate limit (primary or secondary): spend nothing until `until`. */
  exhaust(until: Date): void {
    this.blockedUntil = until.getTime();
  }

  /** Until when the forge refused for a rate limit, if it still does. */
  refusedUntil(): Date | undefined {
    return this.blockedUntil !== undefined &&
      this.blockedUntil > this.options.now()
      ? new Date(this.blockedUntil)
      : undefined;
  }

  /** Whether about `cost` points or requests leave the reserve untouched. */
  allows(cost: number): boolean {
    if (this.refusedUntil()) return false;
    const last = this.last;
    if (!last || last.resetAt <= this.options.now()) return true;
    return last.remaining - cost >= last.limit * this.options.reserve;
  }

  /** Milliseconds until the window resets and any refusal is over, when either still runs. */
  untilReset(): number | undefined {
    const wait =
      Math.max(this.blockedUntil ?? 0, this.last?.resetAt ?? 0) -
      this.options.now();
    return wait > 0 ? wait : undefined;
  }

  /** Why the next request waits, for the repositories it leaves for the next run. */
  describe(): string {
    const { forge, host, units, window, reserve } = this.options;
    const refused = this.refusedUntil();
    if (refused)
      return `${forge} refused for its rate limit; collection resumes at the next refresh after ${refused.toISOString()}`;
    const budget = `the ${forge} API budget${host ? ` on ${host}` : ''}`;
    const last = this.last;
    if (!last) return `${budget} is spent`;
    return (
      `${budget} is down to its reserve (${last.remaining} of ${
        last.limit
      } ${units} left${window ? ` in ${window}` : ''}, ` +
      `${Math.round(reserve * 100)}% kept for the rest of Backstage); ` +
      `collection resumes at the next refresh after ${isoOf(last.resetAt)}`
    );
  }
}
