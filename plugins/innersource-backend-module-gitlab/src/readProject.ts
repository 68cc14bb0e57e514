import {
  DAY_MS,
  WEEKLY_COMMIT_WEEKS,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { GitlabClient } from './GitlabClient';
import { ISSUES_PAGE_QUERY, MERGE_REQUESTS_PAGE_QUERY } from './queries';
import type {
  Connection,
  GitlabIssue,
  GitlabMergeRequest,
  GitlabProject,
  RestCommit,
} from './types';

const WEEKS_DAYS = WEEKLY_COMMIT_WEEKS * 7;
const MAX_COMMIT_PAGES = 20;
const MAX_MERGE_REQUEST_PAGES = 25;
const MAX_ISSUE_PAGES = 5;

/** What one project needs beyond the batched GraphQL answer. */
export interface ProjectRest {
  commits: RestCommit[] | null;
  /** Since when `commits` lists the default branch's history, whole unless `commitsCut`. */
  commitsSince: string;
  commitsCut: boolean;
  mergeRequests: GitlabMergeRequest[];
  labelledIssues: GitlabIssue[][];
}

/**
 * Where the commit history starts: the window or the 13 weeks of the weekly
 * counts, whichever is longer, at the start of that UTC day, so the same
 * request is sent all day and an unchanged list answers `304`.
 */
export function commitsSince(now: Date, windowDays: number): string {
  const start = new Date(
    now.getTime() - Math.max(windowDays, WEEKS_DAYS) * DAY_MS,
  );
  start.setUTCHours(0, 0, 0, 0);
  return start.toISOString();
}

/** `gid://gitlab/Project/123` → `123`; the URL-encoded path when the id is not of that form. */
export function restProjectId(project: GitlabProject): string {
  const match = /\/Project\/(\d+)$/.exec(project.id);
  return match ? match[1] : encodeURIComponent(project.fullPath);
}

function present<T>(nodes: Array<T | null> | undefined): T[] {
  return (nodes ?? []).filter((n): n is T => n !== null);
}

/** Follows a GraphQL connection of one project page by page. */
async function restOfConnection<T>(
  first: Connection<T> | null | undefined,
  maxPages: number,
  next: (after: string) => Promise<Connection<T> | null | undefined>,
  stopEarly: (items: T[]) => boolean = () => false,
): Promise<T[]> {
  const items = present(first?.nodes);
  let page = first?.pageInfo;
  for (
    let n = 1;
    page?.hasNextPage && page.endCursor && n < maxPages && !stopEarly(items);
    n++
  ) {
    const more = await next(page.endCursor);
    if (!more) break;
    items.push(...present(more.nodes));
    page = more.pageInfo;
  }
  return items;
}

/**
 * Reads what the batched GraphQL answer leaves out for one project: its
 * default-branch commits from REST v4 (GraphQL has no commit listing), and
 * the further pages of merge requests and labelled issues.
 */
export async function readProjectRest(
  project: GitlabProject,
  options: {
    client: GitlabClient;
    labels: string[];
    now: Date;
    windowDays: number;
    windowStart: string;
    /** A first collection: list the history from here, for the weeks before it. */
    backfillSince?: string;
    warn(message: string): void;
    signal?: AbortSignal;
  },
): Promise<ProjectRest> {
  const { client, signal } = options;
  const repository = project.repository;
  const windowSince = commitsSince(options.now, options.windowDays);
  const since =
    options.backfillSince && options.backfillSince < windowSince
      ? options.backfillSince
      : windowSince;
  let commits: RestCommit[] | null = null;
  let commitsCut = false;
  if (repository) {
    commits = [];
    if (!repository.empty && repository.rootRef) {
      const read = await client.getPages<RestCommit>(
        `/projects/${restProjectId(project)}/repository/commits`,
        { since },
        {
          maxPages: MAX_COMMIT_PAGES,
          what: `repository ${project.fullPath}`,
          signal,
        },
      );
      commitsCut = read.truncated;
      // Cut inside the window, not only in the older history a first collection reads.
      const windowCut =
        read.truncated &&
        read.items.every(
          c => new Date(c.committed_date).toISOString() > windowSince,
        );
      if (windowCut)
        options.warn(
          `${project.fullPath} has more than ${
            MAX_COMMIT_PAGES * 100
          } commits in the window; counted the newest`,
        );
      commits = read.items;
    }
  }

  const windowStartMs = Date.parse(options.windowStart);
  const mergeRequests = await restOfConnection(
    project.mergeRequests,
    MAX_MERGE_REQUEST_PAGES,
    async after =>
      (
        await client.graphql<{
          project: { mergeRequests: Connection<GitlabMergeRequest> } | null;
        }>(
          MERGE_REQUESTS_PAGE_QUERY,
          { path: project.fullPath, windowStart: options.windowStart, after },
          signal,
        )
      ).data?.project?.mergeRequests,
    items =>
      items.length > 0 &&
      Date.parse(items[items.length - 1].createdAt) < windowStartMs,
  );

  const labelledIssues: GitlabIssue[][] = [];
  for (const [l, label] of options.labels.entries()) {
    labelledIssues.push(
      await restOfConnection(
        project[`label${l}`],
        MAX_ISSUE_PAGES,
        async after =>
          (
            await client.graphql<{
              project: { issues: Connection<GitlabIssue> } | null;
            }>(
              ISSUES_PAGE_QUERY,
              { path: project.fullPath, label, after },
              signal,
            )
          ).data?.project?.issues,
      ),
    );
  }
  return {
    commits,
    commitsSince: since,
    commitsCut,
    mergeRequests,
    labelledIssues,
  };
}
