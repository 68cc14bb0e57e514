/**
 * Metrics derived from a repository's facts (CHAOSS names where one exists).
 * `null` means the facts needed were unknown. What each one counts, its label,
 * format and direction: METRIC_DEFINITIONS in metricCatalogue.ts.
 *
 * @public
 */
export interface ProjectMetrics {
  commits: number | null;
  contributors: number | null;
  outsideContributors: number | null;
  unmappedContributors: number | null;
  outsideContributionShare: number | null;
  /** Commits and pull requests by bots and coding agents, never counted as people. */
  agentContributions: number | null;
  changeRequestAcceptanceRatio: number | null;
  medianTimeToFirstResponseHours: number | null;
  p90TimeToFirstResponseHours: number | null;
  medianTimeToMergeHours: number | null;
  p90TimeToMergeHours: number | null;
  contributorAbsenceFactor: number | null;
  newContributors: number | null;
  outsideNewContributors: number | null;
  newcomerReturnRate: number | null;
  pullRequestsOpened: number | null;
  pullRequestsMerged: number | null;
  issuesOpened: number | null;
  openHelpWanted: number | null;
  openGoodFirstIssues: number | null;
  daysSinceLastActivity: number | null;
  stars: number | null;
  forks: number | null;
  watchers: number | null;
  weeklyCommits: number[] | null;
}

/**
 * The metric names that have a numeric history.
 *
 * @public
 */
export type NumericMetricName = {
  [K in keyof ProjectMetrics]: ProjectMetrics[K] extends number | null
    ? K
    : never;
}[keyof ProjectMetrics];

/**
 * Which side of the owning team a contributor is on.
 *
 * @public
 */
export type ContributorSide = 'inside' | 'outside' | 'unmapped';

/** @public */
export interface ContributorSummary {
  /** Stable key: the catalog User ref when mapped, else the identity. */
  key: string;
  displayName: string;
  userRef?: string;
  /** The contributor's team (their first group), for flows between teams. */
  teamRef?: string;
  side: ContributorSide;
  commits: number;
  pullRequests: number;
  lastContributionAt: string;
}
