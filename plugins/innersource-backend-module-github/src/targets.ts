/* What the provider works out from one collect request, before any call to GitHub. */
import {
  requestedLabels,
  type CollectRequest,
  type DeepChunk,
} from '@innersource-for-backstage/plugin-innersource-node';
import { DEEP_BATCH } from './queries';
import type { GithubFreshness } from './types';

/** What a deep query of one repository costs, a little rounded up (see queries.ts). */
const DEEP_POINTS_PER_REPOSITORY = 25;
const DEEP_POINTS_PER_LABEL = 21;
/** A first collection's page of older history (queries.ts OLDER_HISTORY). */
const BACKFILL_POINTS_PER_REPOSITORY = 1;

/** Whether the refresh job asked for the repository's older history: a first collection. */
const wantsBackfill = (target: Target) => Boolean(target.request.backfill);

/** What follows `owner/name` in the address of a file of a GitHub repository. */
export const GITHUB_FILE_SEGMENTS = ['blob', 'tree', 'raw', 'edit'];

export interface Target {
  request: CollectRequest;
  host: string;
  owner: string;
  name: string;
}

/** `https://host/owner/name(.git)(/tree/…)` → owner and name. */
export function slugOfUrl(
  url: string,
): { owner: string; name: string } | undefined {
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    if (parts.length < 2) return undefined;
    return { owner: parts[0], name: parts[1].replace(/\.git$/, '') };
  } catch {
    return undefined;
  }
}

export function fingerprint(
  fresh: GithubFreshness,
  request: CollectRequest,
): string {
  return JSON.stringify([
    fresh.pushedAt ?? null,
    fresh.updatedAt,
    fresh.issues.totalCount,
    fresh.issues.nodes?.[0]?.updatedAt ?? null,
    request.windowDays,
    [...request.labels.helpWanted, ...request.labels.goodFirstIssue],
  ]);
}

/** A sentence for an entity's error, from a failed request. */
export function describeRequestError(error: unknown, host: string): string {
  const status = (error as { status?: number }).status;
  if (status === 401)
    return `the GitHub token for ${host} was refused (401); check integrations.github`;
  if (status === 403)
    return `GitHub on ${host} refused the request (403): ${
      (error as Error).message
    }`;
  if (status && status >= 500)
    return `GitHub on ${host} kept failing (${status}) after retries; the last good data is kept`;
  const name = (error as Error).name;
  if (name === 'AbortError' || /timeout/i.test((error as Error).message))
    return `GitHub on ${host} did not answer in time; the last good data is kept`;
  return `could not reach GitHub on ${host}: ${(error as Error).message}`;
}

/**
 * The repositories to read in full, one query shape per chunk: as many
 * labels to read, first collections apart; up to DEEP_BATCH a query, each
 * with the points it costs (GitHub charges a hundredth of the nodes it may
 * return, at least 1).
 */
export function deepChunks(targets: Target[]): DeepChunk<Target>[] {
  const labelCount = (t: Target) => requestedLabels(t.request).length;
  const deep = [...targets].sort(
    (x, y) =>
      labelCount(x) - labelCount(y) ||
      Number(wantsBackfill(x)) - Number(wantsBackfill(y)),
  );
  const chunks: DeepChunk<Target>[] = [];
  for (let i = 0; i < deep.length; ) {
    const labels = labelCount(deep[i]);
    const backfill = wantsBackfill(deep[i]);
    let end = i + 1;
    while (
      end < deep.length &&
      end - i < DEEP_BATCH &&
      labelCount(deep[end]) === labels &&
      wantsBackfill(deep[end]) === backfill
    )
      end++;
    const cost = Math.max(
      1,
      Math.round(
        ((end - i) *
          (DEEP_POINTS_PER_REPOSITORY +
            labels * DEEP_POINTS_PER_LABEL +
            (backfill ? BACKFILL_POINTS_PER_REPOSITORY : 0))) /
          100,
      ),
    );
    chunks.push({ targets: deep.slice(i, end), cost });
    i = end;
  }
  return chunks;
}
