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
    description: 'Non-merge commits on the default branch in the window.',
    fromCommitHistory: true,
  },
  contributors: {
    key: 'contributors',
    label: 'Contributors',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'Distinct people who committed or opened a pull request in the window, bots aside.',
    fromCommitHistory: true,
  },
  outsideContributors: {
    key: 'outsideContributors',
    label: 'Outside contributors',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Contributors who are catalog users outside the owning team.',
    fromCommitHistory: true,
  },
  unmappedContributors: {
    key: 'unmappedContributors',
    label: 'Unmapped contributors',
    format: 'count',
    direction: 'lower-is-better',
    description:
      'Contributors matched to no catalog user: counted apart, never guessed.',
    fromCommitHistory: true,
  },
  outsideContributionShare: {
    key: 'outsideContributionShare',
    label: 'Outside contribution share',
    format: 'share',
    direction: 'higher-is-better',
    description:
      'Commits and pull requests from outside the owning team over all those of people in the catalog.',
    fromCommitHistory: true,
  },
  changeRequestAcceptanceRatio: {
    key: 'changeRequestAcceptanceRatio',
    label: 'Pull request acceptance',
    format: 'share',
    direction: 'higher-is-better',
    description:
      'Merged pull requests over closed ones, merged or not (CHAOSS change request acceptance ratio).',
  },
  medianTimeToFirstResponseHours: {
    key: 'medianTimeToFirstResponseHours',
    label: 'Median first response',
    format: 'hours',
    direction: 'lower-is-better',
    description:
      'Median time from opening a pull request to the first comment or review by someone else, bots aside.',
  },
  medianTimeToMergeHours: {
    key: 'medianTimeToMergeHours',
    label: 'Median time to merge',
    format: 'hours',
    direction: 'lower-is-better',
    description: 'Median time from opening a pull request to merging it.',
  },
  contributorAbsenceFactor: {
    key: 'contributorAbsenceFactor',
    label: 'Contributor absence factor',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'The fewest people who together made half the commits: how many could leave before the project stalls.',
    fromCommitHistory: true,
  },
  newContributors: {
    key: 'newContributors',
    label: 'New contributors',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Contributors seen for the first time in this project.',
  },
  pullRequestsOpened: {
    key: 'pullRequestsOpened',
    label: 'Pull requests opened',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Pull requests opened in the window.',
  },
  pullRequestsMerged: {
    key: 'pullRequestsMerged',
    label: 'Pull requests merged',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Pull requests opened in the window and merged since.',
  },
  issuesOpened: {
    key: 'issuesOpened',
    label: 'Issues opened',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Issues opened in the window.',
  },
  openHelpWanted: {
    key: 'openHelpWanted',
    label: 'Open help wanted',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Open issues carrying a help-wanted label.',
  },
  openGoodFirstIssues: {
    key: 'openGoodFirstIssues',
    label: 'Open good first issues',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Open issues carrying a good-first-issue label.',
  },
  daysSinceLastActivity: {
    key: 'daysSinceLastActivity',
    label: 'Days since last activity',
    format: 'days',
    direction: 'lower-is-better',
    description:
      'Whole days since the repository was last pushed to or updated.',
  },
  stars: {
    key: 'stars',
    label: 'Stars',
    format: 'count',
    direction: 'higher-is-better',
    description: 'People who starred the repository.',
  },
  forks: {
    key: 'forks',
    label: 'Forks',
    format: 'count',
    direction: 'higher-is-better',
    description: 'Forks of the repository.',
  },
  watchers: {
    key: 'watchers',
    label: 'Watchers',
    format: 'count',
    direction: 'higher-is-better',
    description:
      'People watching the repository (subscribers, not stargazers).',
  },
  weeklyCommits: {
    key: 'weeklyCommits',
    label: `Commits per week, last ${WEEKLY_COMMIT_WEEKS} weeks`,
    format: 'weekly',
    direction: 'higher-is-better',
    description: `Commits on the default branch in each of the last ${WEEKLY_COMMIT_WEEKS} weeks, oldest first.`,
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
