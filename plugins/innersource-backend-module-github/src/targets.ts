/* What the provider works out from one collect request, before any call to GitHub. */
import type { CollectRequest } from '@innersource-for-backstage/plugin-innersource-node';
import type { GithubFreshness } from './types';

/** Whether the refresh job asked for the repository's older history: a first collection. */
export const wantsBackfill = (target: Target) =>
  Boolean(target.request.backfill);

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

export function labelsOf(request: CollectRequest): string[] {
  const seen = new Map<string, string>();
  for (const label of [
    ...request.labels.helpWanted,
    ...request.labels.goodFirstIssue,
  ])
    seen.set(label.toLocaleLowerCase('en-US'), label);
  return [...seen.values()];
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
