/** GitLab's rate-limit window as its last response reported it. */
export interface RateWindow {
  limit: number;
  remaining: number;
  /** When the window resets, in milliseconds since the epoch. */
  resetAt: number;
}

/** GitLab.com's windows last a minute; a response without a reset time is read as one. */
const DEFAULT_WINDOW_MS = 60_000;

/** `RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds), when GitLab sent them. */
export function readRateWindow(
  headers: Headers,
  now: number,
): RateWindow | undefined {
  const limit = Number(headers.get('ratelimit-limit'));
  const remaining = Number(headers.get('ratelimit-remaining'));
  if (!headers.has('ratelimit-remaining') || !Number.isFinite(remaining))
    return undefined;
  const reset = Number(headers.get('ratelimit-reset'));
  return {
    limit: Number.isFinite(limit) && limit > 0 ? limit : remaining,
    remaining,
    resetAt:
      headers.has('ratelimit-reset') && Number.isFinite(reset)
        ? reset * 1000
        : now + DEFAULT_WINDOW_MS,
  };
}

/**
 * The requests one GitLab credential may still send in the current window,
 * minus a reserve that the rest of Backstage keeps (the catalog's GitLab
 * providers and the scaffolder share the same token). GitLab sends no
 * headers where rate limits are off: then nothing is held back.
 */
export class RateBudget {
  private last?: RateWindow;

  constructor(
    readonly host: string,
    private readonly reserveShare: number,
    private readonly now: () => number,
  ) {}

  update(headers: Headers): void {
    const window = readRateWindow(headers, this.now());
    if (window) this.last = window;
  }

  /** Whether about `cost` requests leave the reserve untouched. */
  allows(cost: number): boolean {
    const last = this.last;
    if (!last || last.resetAt <= this.now()) return true;
    return last.remaining - cost >= last.limit * this.reserveShare;
  }

  /** Milliseconds until the window resets, when a window is known and still running. */
  untilReset(): number | undefined {
    if (!this.last) return undefined;
    const wait = this.last.resetAt - this.now();
    return wait > 0 ? wait : undefined;
  }

  /** Why the next request waits, for the projects it leaves for the next run. */
  describe(): string {
    const last = this.last;
    if (!last) return `the GitLab API budget on ${this.host} is spent`;
    return (
      `the GitLab API budget on ${this.host} is down to its reserve ` +
      `(${last.remaining} of ${last.limit} requests left in this window, ` +
      `${Math.round(
        this.reserveShare * 100,
      )}% kept for the rest of Backstage); ` +
      `collection resumes at the next refresh after ${new Date(
        last.resetAt,
      ).toISOString()}`
    );
  }
}
