import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';
import { describeRun, RefreshMetrics, RunReport } from './RunReport';

const base: RunReport = {
  trigger: 'schedule',
  status: 'partial',
  counts: {
    projects: 120,
    collected: 7,
    unchanged: 100,
    failed: 3,
    deferred: 10,
  },
  spend: { github: { requests: 12, points: 340 }, git: { requests: 4 } },
  durationMs: 61_250,
};

describe('describeRun', () => {
  it.each<[string, RunReport, string]>([
    [
      'a scheduled run with what each provider spent',
      base,
      'InnerSource refresh partial: 120 projects, 7 changed, 100 unchanged, 3 failed, 10 deferred; ' +
        'spent github 12 requests 340 points, git 4 requests; took 61.3 s',
    ],
    [
      'a requested run, which spends nothing of its own',
      {
        ...base,
        trigger: 'request',
        entityRef: 'component:default/portal',
        status: 'succeeded',
        counts: {
          projects: 1,
          collected: 1,
          unchanged: 0,
          failed: 0,
          deferred: 0,
        },
        spend: {},
        durationMs: 800,
      },
      'InnerSource requested refresh of component:default/portal succeeded: 1 projects, 1 changed, ' +
        '0 unchanged, 0 failed, 0 deferred; spent nothing; took 0.8 s',
    ],
    [
      'a failed run and why it stopped',
      {
        ...base,
        status: 'failed',
        spend: { github: { requests: 0, points: 0 } },
        message: 'catalog unavailable',
      },
      'InnerSource refresh failed: 120 projects, 7 changed, 100 unchanged, 3 failed, 10 deferred; ' +
        'spent nothing; took 61.3 s; stopped by: catalog unavailable',
    ],
  ])('tells %s in one line', (_what, report, line) => {
    expect(describeRun(report)).toBe(line);
  });
});

describe('RefreshMetrics', () => {
  it('counts runs, their duration, projects by outcome and what providers spent', () => {
    const metrics = metricsServiceMock.mock();
    const instruments = new Map<
      string,
      { add?: jest.Mock; record?: jest.Mock }
    >();
    metrics.createCounter.mockImplementation(name => {
      const counter = { add: jest.fn() };
      instruments.set(name, counter);
      return counter;
    });
    metrics.createHistogram.mockImplementation(name => {
      const histogram = { record: jest.fn() };
      instruments.set(name, histogram);
      return histogram;
    });

    new RefreshMetrics(metrics).record(base);

    const run = { trigger: 'schedule', status: 'partial' };
    expect(
      instruments.get('innersource.refresh.runs')!.add!.mock.calls,
    ).toEqual([[1, run]]);
    expect(
      instruments.get('innersource.refresh.duration')!.record!.mock.calls,
    ).toEqual([[61.25, run]]);
    expect(
      instruments.get('innersource.refresh.projects')!.add!.mock.calls,
    ).toEqual([
      [7, { trigger: 'schedule', outcome: 'collected' }],
      [100, { trigger: 'schedule', outcome: 'unchanged' }],
      [3, { trigger: 'schedule', outcome: 'failed' }],
      [10, { trigger: 'schedule', outcome: 'deferred' }],
    ]);
    expect(
      instruments.get('innersource.refresh.provider.requests')!.add!.mock.calls,
    ).toEqual([
      [12, { provider: 'github' }],
      [4, { provider: 'git' }],
    ]);
    expect(
      instruments.get('innersource.refresh.provider.points')!.add!.mock.calls,
    ).toEqual([[340, { provider: 'github' }]]);
  });
});
