import type { NumericMetricName, ProjectMetrics } from './metrics';
import { WEEKLY_COMMIT_WEEKS } from './weeklyCommits';

/**
 * The name of a metric: its key in {@link ProjectMetrics}, in the API and in stored history.
 *
 * @public
 */
export type MetricKey = keyof ProjectMetrics;

/**
 * How a metric's value reads: `count` a number as it is, `share` 0 to 1 as a
 * percentage, `hours` a duration in hours (days past two days), `days` whole
 * days, `weekly` a series of weekly counts, oldest first.
 *
 * @public
 */
export type MetricFormat = 'count' | 'share' | 'hours' | 'days' | 'weekly';

/**
 * Whether a project is better off with more or with less of a metric.
 *
 * @public
 */
export type MetricDirection = 'higher-is-better' | 'lower-is-better';

/**
 * A published definition a metric follows.
 *
 * @public
 */
export interface MetricSource {
  /** Who defines it and under what name: `CHAOSS: Contributor Absence Factor`. */
  name: string;
  url: string;
}

/**
 * A provider that can supply a metric: the built-in `git` one, or the forge modules.
 *
 * @public
 */
export type MetricProvider = 'git' | 'github' | 'gitlab';

const ALL: readonly MetricProvider[] = ['git', 'github', 'gitlab'];
const FORGES: readonly MetricProvider[] = ['github', 'gitlab'];

const CHAOSS_ABSENCE: MetricSource = {
  name: 'CHAOSS: Contributor Absence Factor',
  url: 'https://chaoss.community/kb/metric-contributor-absence-factor/',
};
const CHAOSS_NEW: MetricSource = {
  name: 'CHAOSS: New Contributors',
  url: 'https://chaoss.community/kb/metric-new-contributors/',
};
const CHAOSS_NEWCOMER: MetricSource = {
  name: 'CHAOSS: Newcomer Experience',
  url: 'https://chaoss.community/kb/metric-newcomer-experience/',
};
const CHAOSS_CONTRIBUTORS: MetricSource = {
  name: 'CHAOSS: Contributors',
  url: 'https://chaoss.community/kb/metric-contributors/',
};
const CHAOSS_ACCEPTANCE: MetricSource = {
  name: 'CHAOSS: Change Request Acceptance Ratio',
  url: 'https://chaoss.community/kb/metric-change-request-acceptance-ratio/',
};
const ISSUE_METRICS_TTFR: MetricSource = {
  name: 'GitHub issue-metrics: time to first response',
  url: 'https://github.com/github-community-projects/issue-metrics/blob/main/docs/measure-time.md',
};
const ISSUE_METRICS_MERGE: MetricSource = {
  name: 'GitHub issue-metrics: time to close (merge)',
  url: 'https://github.com/github-community-projects/issue-metrics',
};
const MEASURE_INNERSOURCE: MetricSource = {
  name: 'GitHub measure-innersource: InnerSource ratio',
  url: 'https://github.com/github-community-projects/measure-innersource',
};

/**
 * What people and code need to know of one metric.
 *
 * @public
 */
export interface MetricDefinitionOf<K extends MetricKey> {
  key: K;
  /** Short, sentence case: a card's caption, a chart's name, a select option. */
  label: string;
  format: ProjectMetrics[K] extends number[] | null
    ? 'weekly'
    : Exclude<MetricFormat, 'weekly'>;
  direction: MetricDirection;
  /** One or two sentences on what is counted, for tooltips and documentation. */
  description: string;
  /** Where the definition comes from, when it follows a published one. */
  source?: MetricSource;
  /** The providers that can supply it; the others report it unknown. */
  providers: readonly MetricProvider[];
  /** The scoring dimension that reads it, when one does. */
  scoringInput?: string;
  /**
   * Counted from the default branch's commits alone, so a past week's value
   * can be reconstructed from the repository's own history: a first
   * collection backfills it (see {@link BACKFILLED_METRICS}).
   */
  fromCommitHistory?: boolean;
}

/**
 * Any metric's definition.
 *
 * @public
 */
export type MetricDefinition = {
  [K in MetricKey]: MetricDefinitionOf<K>;
}[MetricKey];

/**
 * The definition of a metric with one number per snapshot.
 *
 * @public
 */
export type NumericMetricDefinition = {
  [K in NumericMetricName]: MetricDefinitionOf<K>;
}[NumericMetricName];

/**
 * Every metric, in display order (CHAOSS names where one exists). The type
 * makes leaving one out a compile error. Stored history is keyed by metric
 * key, so metrics may be added anywhere in this list.
 *
 * @public
 */
export const METRIC_DEFINITIONS: {
  readonly [K in MetricKey]: Readonly<MetricDefinitionOf<K>>;
} = {
  commits: {
    key: 'commits',
    label: 'Commits',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'Non-merge commits on the default branch in the window, those of bots and coding agents included.',
    providers: ALL,
    fromCommitHistory: true,
  },
  contributors: {
    key: 'contributors',
    label: 'Contributors',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'Distinct people who committed or opened a pull request in the window; bots and coding agents are no people, and one catalog user is one person whatever e-mail or login they used.',
    source: CHAOSS_CONTRIBUTORS,
    providers: ALL,
    fromCommitHistory: true,
  },
  outsideContributors: {
    key: 'outsideContributors',
    label: 'Outside contributors',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Contributors who are catalog users outside the owning team.',
    providers: ALL,
    scoringInput: 'collaboration',
    fromCommitHistory: true,
  },
  unmappedContributors: {
    key: 'unmappedContributors',
    label: 'Unmapped contributors',
    format: 'count',
    direction: 'lower-is-better',
    description:
      'Contributors matched to no catalog user: counted apart, never guessed.',
    providers: ALL,
    fromCommitHistory: true,
  },
  outsideContributionShare: {
    key: 'outsideContributionShare',
    label: 'Outside contribution share',
    format: 'share',
    direction: 'higher-is-better',
    description:
      'Commits and pull requests from outside the owning team over all those of people in the catalog, bots and agents aside.',
    source: MEASURE_INNERSOURCE,
    providers: ALL,
    scoringInput: 'collaboration',
    fromCommitHistory: true,
  },
  agentContributions: {
    key: 'agentContributions',
    label: 'Bot and agent contributions',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'Commits and pull requests in the window by bots or coding agents (a bot account, a [bot] login, an agent named as author or in a Co-authored-by trailer, or one listed in innersource.agents), counted here and never as people.',
    providers: ALL,
    fromCommitHistory: true,
  },
  changeRequestAcceptanceRatio: {
    key: 'changeRequestAcceptanceRatio',
    label: 'Pull request acceptance',
    format: 'share',
    direction: 'higher-is-better',
    description:
      'Pull requests opened in the window and merged, over those of them closed, merged or not.',
    source: CHAOSS_ACCEPTANCE,
    providers: FORGES,
  },
  medianTimeToFirstResponseHours: {
    key: 'medianTimeToFirstResponseHours',
    label: 'Median first response',
    format: 'hours',
    direction: 'lower-is-better',
    description:
      'Median time from opening a pull request (for a draft, from when it was marked ready) to the earliest comment or review not by its author, a bot, a coding agent or an ignored user; pull requests with no response yet are left out.',
    source: ISSUE_METRICS_TTFR,
    providers: FORGES,
    scoringInput: 'responsiveness',
  },
  p90TimeToFirstResponseHours: {
    key: 'p90TimeToFirstResponseHours',
    label: 'First response, 90th percentile',
    format: 'hours',
    direction: 'lower-is-better',
    description:
      'The 90th percentile (linear interpolation) of the same times to first response: the slow tail the median hides.',
    source: ISSUE_METRICS_TTFR,
    providers: FORGES,
  },
  medianTimeToMergeHours: {
    key: 'medianTimeToMergeHours',
    label: 'Median time to merge',
    format: 'hours',
    direction: 'lower-is-better',
    description:
      'Median time from opening a pull request in the window to merging it.',
    source: ISSUE_METRICS_MERGE,
    providers: FORGES,
  },
  p90TimeToMergeHours: {
    key: 'p90TimeToMergeHours',
    label: 'Time to merge, 90th percentile',
    format: 'hours',
    direction: 'lower-is-better',
    description:
      'The 90th percentile (linear interpolation) of the same times to merge.',
    source: ISSUE_METRICS_MERGE,
    providers: FORGES,
  },
  contributorAbsenceFactor: {
    key: 'contributorAbsenceFactor',
    label: 'Contributor absence factor',
    format: 'count',
    direction: 'higher-is-better',
    description:
      "The fewest people whose commits in the window make at least half of all people's commits: how many could leave before the project stalls. Bots and agents aside.",
    source: CHAOSS_ABSENCE,
    providers: ALL,
    fromCommitHistory: true,
  },
  newContributors: {
    key: 'newContributors',
    label: 'New contributors',
    format: 'count',
    direction: 'higher-is-better',
    description:
      "People whose first commit to the project ever falls in the window (from the repository's history; where a provider cannot read it, people not seen in earlier snapshots).",
    source: CHAOSS_NEW,
    providers: ALL,
  },
  outsideNewContributors: {
    key: 'outsideNewContributors',
    label: 'Outside new contributors',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'New contributors who are catalog users outside the owning team.',
    source: CHAOSS_NEW,
    providers: ALL,
  },
  newcomerReturnRate: {
    key: 'newcomerReturnRate',
    label: 'Newcomer return rate',
    format: 'share',
    direction: 'higher-is-better',
    description:
      'Of the people whose first commit ever fell in a window as long as this one that ended 90 days ago, the share who committed again more than a day and at most 90 days after their first.',
    source: CHAOSS_NEWCOMER,
    providers: ['git'],
  },
  pullRequestsOpened: {
    key: 'pullRequestsOpened',
    label: 'Pull requests opened',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Pull requests opened in the window.',
    providers: FORGES,
  },
  pullRequestsMerged: {
    key: 'pullRequestsMerged',
    label: 'Pull requests merged',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Pull requests opened in the window and merged since.',
    providers: FORGES,
  },
  issuesOpened: {
    key: 'issuesOpened',
    label: 'Issues opened',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Issues opened in the window.',
    providers: FORGES,
  },
  openHelpWanted: {
    key: 'openHelpWanted',
    label: 'Open help wanted',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Open issues carrying a help-wanted label.',
    providers: FORGES,
  },
  openGoodFirstIssues: {
    key: 'openGoodFirstIssues',
    label: 'Open good first issues',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Open issues carrying a good-first-issue label.',
    providers: FORGES,
    scoringInput: 'readiness (goodFirstIssues check)',
  },
  daysSinceLastActivity: {
    key: 'daysSinceLastActivity',
    label: 'Days since last activity',
    format: 'days',
    direction: 'lower-is-better',
    description:
      'Whole days since the repository was last pushed to or updated.',
    providers: ALL,
  },
  stars: {
    key: 'stars',
    label: 'Stars',
    format: 'count',
    direction: 'higher-is-better',
    description: 'People who starred the repository.',
    providers: FORGES,
    scoringInput: 'activity',
  },
  forks: {
    key: 'forks',
    label: 'Forks',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Forks of the repository.',
    providers: FORGES,
    scoringInput: 'activity',
  },
  watchers: {
    key: 'watchers',
    label: 'Watchers',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'People watching the repository (subscribers, not stargazers).',
    providers: FORGES,
    scoringInput: 'activity',
  },
  weeklyCommits: {
    key: 'weeklyCommits',
    label: `Commits per week, last ${WEEKLY_COMMIT_WEEKS} weeks`,
    format: 'weekly',
    direction: 'higher-is-better',
    description: `Commits on the default branch in each of the last ${WEEKLY_COMMIT_WEEKS} weeks, oldest first.`,
    providers: ALL,
    scoringInput: 'activity',
  },
};

/**
 * Every metric's definition, in display order.
 *
 * @public
 */
export const METRIC_CATALOGUE: readonly MetricDefinition[] =
  Object.values(METRIC_DEFINITIONS);

function isNumeric(
  definition: MetricDefinition,
): definition is NumericMetricDefinition {
  return definition.format !== 'weekly';
}

/**
 * The metrics with one number per snapshot, hence a history, in display order.
 *
 * @public
 */
export const NUMERIC_METRICS: readonly NumericMetricName[] =
  METRIC_CATALOGUE.filter(isNumeric).map(definition => definition.key);

/**
 * The metrics a first collection backfills for the weeks before it, from the
 * repository's commit history: those counted from commits alone. The others
 * (pull requests, issues, stars…) stay unknown for those weeks.
 *
 * @public
 */
export const BACKFILLED_METRICS: readonly NumericMetricName[] =
  NUMERIC_METRICS.filter(key => METRIC_DEFINITIONS[key].fromCommitHistory);

/**
 * A metric's value as people read it; unknown stays unknown.
 *
 * @public
 */
export function formatMetricValue(
  value: number | readonly number[] | null | undefined,
  format: MetricFormat,
): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value !== 'number') return value.join(', ');
  switch (format) {
    case 'share':
      return `${Math.round(value * 100)}%`;
    case 'hours':
      return value < 48
        ? `${Math.round(value)} h`
        : `${Math.round(value / 24)} d`;
    case 'days':
      return `${value} d`;
    default:
      return String(value);
  }
}

/**
 * One metric of a project as people read it, formatted as the catalogue says.
 *
 * @public
 */
export function formatMetric(
  metrics: ProjectMetrics | null | undefined,
  key: MetricKey,
): string {
  return formatMetricValue(metrics?.[key], METRIC_DEFINITIONS[key].format);
}

/**
 * "Higher is better" or "Lower is better", as a sentence.
 *
 * @public
 */
export function describeMetricDirection(direction: MetricDirection): string {
  return direction === 'higher-is-better'
    ? 'Higher is better.'
    : 'Lower is better.';
}
