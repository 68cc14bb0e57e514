import { randomBytes } from 'node:crypto';
import {
  BACKFILLED_METRICS,
  DAY_MS,
  WEEK_MS,
  type CommitFact,
  type NumericMetricName,
  type RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { CommitHistory } from '@innersource-for-backstage/plugin-innersource-node';
import { deriveMetrics, type DeriveOptions } from './deriveMetrics';

/** A week before a project's first snapshot, as its commit history says it was. */
export interface BackfillPoint {
  /** The end of the week: the point's time. */
  at: Date;
  /** The backfilled metrics only ({@link BACKFILLED_METRICS}); the others are unknown. */
  metrics: Partial<Record<NumericMetricName, number | null>>;
}

/** Which weeks a first collection backfills, and the commit history that needs. */
export interface BackfillPlan {
  /** Week ends, oldest first: `now` less 1, 2, … weeks. */
  weeks: Date[];
  /** Commits from here on are needed: the oldest week's window starts here. */
  since: Date;
}

/**
 * The weeks a first collection at `now` backfills: as many as the metrics
 * window holds (at least one), none older than history is kept. Each week's
 * point counts the window that ended with it, as a snapshot taken then would.
 */
export function planBackfill(
  now: Date,
  windowDays: number,
  retentionDays: number,
): BackfillPlan {
  const count = Math.max(1, Math.floor(windowDays / 7));
  const weeks: Date[] = [];
  for (let k = count; k >= 1; k--) {
    if (k * 7 < retentionDays)
      weeks.push(new Date(now.getTime() - k * WEEK_MS));
  }
  const oldest = weeks[0] ?? now;
  return { weeks, since: new Date(oldest.getTime() - windowDays * DAY_MS) };
}

/** Commits of the window that ends at `end`: from `windowDays` before it up to it. */
export function commitsInWindow(
  commits: readonly CommitFact[],
  end: Date,
  windowDays: number,
): CommitFact[] {
  const from = end.getTime() - windowDays * DAY_MS;
  return commits.filter(c => {
    const at = Date.parse(c.committedAt);
    return at >= from && at <= end.getTime();
  });
}

export interface BackfillOptions
  extends Omit<DeriveOptions, 'now' | 'knownContributorKeys' | 'keySecret'> {
  weeks: readonly Date[];
  windowDays: number;
}

/**
 * The backfilled history of a first collection: for each planned week whose
 * whole window the commit history covers, the metrics counted from commits
 * as a snapshot that week would have counted them. Weeks the history does not
 * reach are left out, never guessed.
 */
export function backfillHistory(
  facts: RepositoryFacts,
  history: CommitHistory,
  options: BackfillOptions,
): BackfillPoint[] {
  const completeSince = Date.parse(history.completeSince);
  if (!Number.isFinite(completeSince)) return [];
  const points: BackfillPoint[] = [];
  // Backfilled weeks store counts, never keys: any secret keeps one person one contributor.
  const keySecret = randomBytes(32);
  for (const at of options.weeks) {
    if (at.getTime() - options.windowDays * DAY_MS < completeSince) continue;
    const { metrics } = deriveMetrics(
      {
        ...facts,
        commits: commitsInWindow(history.commits, at, options.windowDays),
        pullRequests: null,
        // the funnel needs who came before each week: never backfilled
        contributionHistory: undefined,
      },
      { ...options, now: at, knownContributorKeys: null, keySecret },
    );
    const backfilled: BackfillPoint['metrics'] = {};
    for (const key of BACKFILLED_METRICS) backfilled[key] = metrics[key];
    points.push({ at, metrics: backfilled });
  }
  return points;
}
