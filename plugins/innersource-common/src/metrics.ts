/**
 * Metrics derived from a repository's facts (CHAOSS names where one exists).
 * `null` means the facts needed were unknown.
 */
export interface ProjectMetrics {
  /** Non-merge commits on the default branch in the window. */
  commits: number | null;
  /** Distinct people who committed or opened a pull request in the window. */
  contributors: number | null;
  /** Contributors who are catalog Users outside the owning group. */
  outsideContributors: number | null;
  /** Contributors matched to no catalog User: counted apart, never guessed. */
  unmappedContributors: number | null;
  /** Outside commits and pull requests over all those of mapped people, 0 to 1. */
  outsideContributionShare: number | null;
  /** Merged over closed (merged or not) pull requests, 0 to 1. */
  changeRequestAcceptanceRatio: number | null;
  medianTimeToFirstResponseHours: number | null;
  medianTimeToMergeHours: number | null;
  /** Fewest people covering half the commits. */
  contributorAbsenceFactor: number | null;
  /** Contributors seen for the first time in this project. */
  newContributors: number | null;
  pullRequestsOpened: number | null;
  pullRequestsMerged: number | null;
  issuesOpened: number | null;
  openHelpWanted: number | null;
  openGoodFirstIssues: number | null;
  daysSinceLastActivity: number | null;
  stars: number | null;
  forks: number | null;
  watchers: number | null;
  /** Commits per week for the last 13 weeks, oldest first. */
  weeklyCommits: number[] | null;
}

/** The metric names that have a numeric history. */
export type NumericMetricName = {
  [K in keyof ProjectMetrics]: ProjectMetrics[K] extends number | null
    ? K
    : never;
}[keyof ProjectMetrics];

export const NUMERIC_METRICS: NumericMetricName[] = [
  'commits',
  'contributors',
  'outsideContributors',
  'unmappedContributors',
  'outsideContributionShare',
  'changeRequestAcceptanceRatio',
  'medianTimeToFirstResponseHours',
  'medianTimeToMergeHours',
  'contributorAbsenceFactor',
  'newContributors',
  'pullRequestsOpened',
  'pullRequestsMerged',
  'issuesOpened',
  'openHelpWanted',
  'openGoodFirstIssues',
  'daysSinceLastActivity',
  'stars',
  'forks',
  'watchers',
];

/** Which side of the owning team a contributor is on. */
export type ContributorSide = 'inside' | 'outside' | 'unmapped';

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
