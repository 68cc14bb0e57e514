import type { RateWindow } from '@innersource-for-backstage/plugin-innersource-node';

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
