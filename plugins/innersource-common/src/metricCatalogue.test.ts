import {
  describeMetricDirection,
  formatMetric,
  formatMetricValue,
  METRIC_CATALOGUE,
  METRIC_DEFINITIONS,
  BACKFILLED_METRICS,
  MetricFormat,
  NUMERIC_METRICS,
} from './metricCatalogue';
import type { ProjectMetrics } from './metrics';

const metrics: ProjectMetrics = {
  commits: 12,
  contributors: 4,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.125,
  agentContributions: null,
  changeRequestAcceptanceRatio: 0.6667,
  medianTimeToFirstResponseHours: 5.4,
  p90TimeToFirstResponseHours: null,
  medianTimeToMergeHours: 72,
  p90TimeToMergeHours: null,
  contributorAbsenceFactor: 2,
  newContributors: null,
  outsideNewContributors: null,
  newcomerReturnRate: null,
  pullRequestsOpened: 3,
  pullRequestsMerged: 2,
  issuesOpened: 7,
  openHelpWanted: 2,
  openGoodFirstIssues: 1,
  daysSinceLastActivity: 4,
  stars: 12,
  forks: 3,
  watchers: 5,
  weeklyCommits: [0, 2, 1],
};

describe('the metric catalogue', () => {
  it('defines every metric of a project once, under its own key', () => {
    expect(METRIC_CATALOGUE.map(m => m.key).sort()).toEqual(
      Object.keys(metrics).sort(),
    );
    for (const [key, definition] of Object.entries(METRIC_DEFINITIONS))
      expect(definition.key).toBe(key);
  });

  it('gives every metric its own label and a description as a sentence', () => {
    const labels = METRIC_CATALOGUE.map(m => m.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const { label, description } of METRIC_CATALOGUE) {
      expect(label).toMatch(/^[A-Z]/);
      expect(description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('backfills only metrics counted from commits, never those of pull requests, issues or the forge', () => {
    expect(BACKFILLED_METRICS).toEqual([
      'commits',
      'contributors',
      'outsideContributors',
      'unmappedContributors',
      'outsideContributionShare',
      'agentContributions',
      'contributorAbsenceFactor',
    ]);
  });

  it('keeps history for every metric with one number per snapshot, the weekly series aside', () => {
    expect([...NUMERIC_METRICS].sort()).toEqual(
      Object.keys(metrics)
        .filter(key => key !== 'weeklyCommits')
        .sort(),
    );
  });

  it.each<[keyof ProjectMetrics, 'higher-is-better' | 'lower-is-better']>([
    ['commits', 'higher-is-better'],
    ['outsideContributionShare', 'higher-is-better'],
    ['unmappedContributors', 'lower-is-better'],
    ['medianTimeToFirstResponseHours', 'lower-is-better'],
    ['medianTimeToMergeHours', 'lower-is-better'],
    ['daysSinceLastActivity', 'lower-is-better'],
    ['contributorAbsenceFactor', 'higher-is-better'],
  ])('says of %s: %s', (key, direction) => {
    expect(METRIC_DEFINITIONS[key].direction).toBe(direction);
  });

  it.each<[keyof ProjectMetrics, RegExp]>([
    [
      'contributorAbsenceFactor',
      /chaoss\.community\/kb\/metric-contributor-absence-factor/,
    ],
    ['newContributors', /chaoss\.community\/kb\/metric-new-contributors/],
    [
      'outsideNewContributors',
      /chaoss\.community\/kb\/metric-new-contributors/,
    ],
    ['newcomerReturnRate', /chaoss\.community\/kb\/metric-newcomer-experience/],
    [
      'changeRequestAcceptanceRatio',
      /chaoss\.community\/kb\/metric-change-request-acceptance-ratio/,
    ],
    [
      'medianTimeToFirstResponseHours',
      /github\.com\/github-community-projects\/issue-metrics/,
    ],
    [
      'p90TimeToFirstResponseHours',
      /github\.com\/github-community-projects\/issue-metrics/,
    ],
    [
      'medianTimeToMergeHours',
      /github\.com\/github-community-projects\/issue-metrics/,
    ],
    [
      'p90TimeToMergeHours',
      /github\.com\/github-community-projects\/issue-metrics/,
    ],
  ])('gives %s its published source', (key, url) => {
    expect(METRIC_DEFINITIONS[key].source?.url).toMatch(url);
  });

  it('names at least one provider for every metric, and a source only by https', () => {
    for (const definition of METRIC_CATALOGUE)
      expect(definition.providers.length).toBeGreaterThan(0);
    const urls = METRIC_CATALOGUE.flatMap(d => d.source?.url ?? []);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  it('words the direction as a sentence', () => {
    expect(describeMetricDirection('higher-is-better')).toBe(
      'Higher is better.',
    );
    expect(describeMetricDirection('lower-is-better')).toBe('Lower is better.');
  });
});

describe('formatMetricValue', () => {
  it.each<[number | number[] | null | undefined, MetricFormat, string]>([
    [null, 'count', 'unknown'],
    [undefined, 'share', 'unknown'],
    [0, 'count', '0'],
    [0.125, 'share', '13%'],
    [1, 'share', '100%'],
    [5.4, 'hours', '5 h'],
    [47.4, 'hours', '47 h'],
    [72, 'hours', '3 d'],
    [4, 'days', '4 d'],
    [[3, 0, 5], 'weekly', '3, 0, 5'],
  ])('%p as %p reads %p', (value, format, expected) => {
    expect(formatMetricValue(value, format)).toBe(expected);
  });
});

describe('formatMetric', () => {
  it.each<[keyof ProjectMetrics, string]>([
    ['commits', '12'],
    ['outsideContributionShare', '13%'],
    ['changeRequestAcceptanceRatio', '67%'],
    ['medianTimeToFirstResponseHours', '5 h'],
    ['medianTimeToMergeHours', '3 d'],
    ['daysSinceLastActivity', '4 d'],
    ['newContributors', 'unknown'],
    ['weeklyCommits', '0, 2, 1'],
  ])('reads %s as the catalogue formats it: %p', (key, expected) => {
    expect(formatMetric(metrics, key)).toBe(expected);
  });

  it('reads every metric of a project not measured yet as unknown', () => {
    for (const { key } of METRIC_CATALOGUE)
      expect(formatMetric(null, key)).toBe('unknown');
  });
});
