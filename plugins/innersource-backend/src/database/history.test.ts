import {
  NUMERIC_METRICS,
  type ProjectMetrics,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  encodeHistory,
  historyCodec,
  historyValue,
  metricHistory,
} from './history';

const metrics: ProjectMetrics = {
  commits: 12,
  contributors: 4,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.125,
  agentContributions: null,
  changeRequestAcceptanceRatio: null,
  medianTimeToFirstResponseHours: 5.5,
  p90TimeToFirstResponseHours: null,
  medianTimeToMergeHours: null,
  p90TimeToMergeHours: null,
  contributorAbsenceFactor: 2,
  newContributors: null,
  outsideNewContributors: null,
  newcomerReturnRate: null,
  pullRequestsOpened: 8,
  pullRequestsMerged: 6,
  issuesOpened: 7,
  openHelpWanted: 2,
  openGoodFirstIssues: 1,
  daysSinceLastActivity: 4,
  stars: 12,
  forks: 3,
  watchers: 5,
  weeklyCommits: [1, 2, 3],
};

/** What a history row holds of `metrics`: every numeric metric, unknown ones as null. */
const recorded = {
  commits: 12,
  contributors: 4,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.125,
  agentContributions: null,
  changeRequestAcceptanceRatio: null,
  medianTimeToFirstResponseHours: 5.5,
  p90TimeToFirstResponseHours: null,
  medianTimeToMergeHours: null,
  p90TimeToMergeHours: null,
  contributorAbsenceFactor: 2,
  newContributors: null,
  outsideNewContributors: null,
  newcomerReturnRate: null,
  pullRequestsOpened: 8,
  pullRequestsMerged: 6,
  issuesOpened: 7,
  openHelpWanted: 2,
  openGoodFirstIssues: 1,
  daysSinceLastActivity: 4,
  stars: 12,
  forks: 3,
  watchers: 5,
};

describe('history rows', () => {
  it('store the numeric metrics by key, leaving unknown values and the weekly series out', () => {
    expect(JSON.parse(encodeHistory(metrics))).toEqual({
      commits: 12,
      contributors: 4,
      outsideContributors: 1,
      unmappedContributors: 0,
      outsideContributionShare: 0.125,
      medianTimeToFirstResponseHours: 5.5,
      contributorAbsenceFactor: 2,
      pullRequestsOpened: 8,
      pullRequestsMerged: 6,
      issuesOpened: 7,
      openHelpWanted: 2,
      openGoodFirstIssues: 1,
      daysSinceLastActivity: 4,
      stars: 12,
      forks: 3,
      watchers: 5,
    });
  });

  it('read back every metric as it was, unknown ones as null', () => {
    const stored = encodeHistory(metrics);
    expect(metricHistory.decode(stored)).toEqual(recorded);
    for (const metric of NUMERIC_METRICS)
      expect(historyValue(stored, metric)).toBe(recorded[metric]);
  });

  it.each([
    ['a positional array', '[12, 4]'],
    ['JSON null', 'null'],
    ['a number', '12'],
  ])('read nothing from %s, rather than a wrong metric', (_case, stored) => {
    expect(historyValue(stored, 'commits')).toBeNull();
  });

  it('keep only finite numbers', () => {
    const codec = historyCodec(['a', 'b', 'c', 'd']);
    expect(
      codec.decode(codec.encode({ a: 1, b: Infinity, c: '3', d: NaN })),
    ).toEqual({ a: 1, b: null, c: null, d: null });
  });
});

describe('adding a metric in the middle of the catalogue', () => {
  const middle = Math.floor(NUMERIC_METRICS.length / 2);
  const before = NUMERIC_METRICS;
  const after = [
    ...NUMERIC_METRICS.slice(0, middle),
    'reviewComments' as const,
    ...NUMERIC_METRICS.slice(middle),
  ];

  it('puts the new metric between two existing ones', () => {
    expect(after.indexOf('reviewComments')).toBeGreaterThan(0);
    expect(after.indexOf('reviewComments')).toBeLessThan(after.length - 1);
  });

  it('reads history written before it exactly as it was, the new metric unknown', () => {
    const stored = historyCodec(before).encode(metrics);
    expect(historyCodec(after).decode(stored)).toEqual({
      ...recorded,
      reviewComments: null,
    });
  });

  it('still reads history written after it with the older catalogue, for a rollback', () => {
    const stored = historyCodec(after).encode({
      ...metrics,
      reviewComments: 9,
    });
    expect(historyCodec(before).decode(stored)).toEqual(recorded);
    expect(historyCodec(after).decode(stored)).toEqual({
      ...recorded,
      reviewComments: 9,
    });
  });
});
