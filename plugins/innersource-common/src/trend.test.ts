import type { NumericMetricName } from './metrics';
import { metricChange, type MetricChange } from './trend';

describe('metricChange', () => {
  it.each<
    [
      string,
      NumericMetricName,
      number | null | undefined,
      number | null | undefined,
      Omit<MetricChange, 'delta'> | undefined,
    ]
  >([
    [
      'more commits is better',
      'commits',
      12,
      9,
      { movement: 'up', assessment: 'better', text: '+3' },
    ],
    [
      'fewer contributors is worse',
      'contributors',
      4,
      6,
      { movement: 'down', assessment: 'worse', text: '\u22122' },
    ],
    [
      'more unmapped contributors is worse (lower is better)',
      'unmappedContributors',
      3,
      1,
      { movement: 'up', assessment: 'worse', text: '+2' },
    ],
    [
      'a faster first response is better, in hours',
      'medianTimeToFirstResponseHours',
      6,
      30,
      { movement: 'down', assessment: 'better', text: '\u221224 h' },
    ],
    [
      'a slower first response past two days reads in days',
      'medianTimeToFirstResponseHours',
      100,
      4,
      { movement: 'up', assessment: 'worse', text: '+4 d' },
    ],
    [
      'a share moves in percentage points',
      'outsideContributionShare',
      0.35,
      0.2,
      { movement: 'up', assessment: 'better', text: '+15 pts' },
    ],
    [
      'a share change under half a point shows as none',
      'outsideContributionShare',
      0.204,
      0.2,
      { movement: 'flat', assessment: 'unchanged', text: 'no change' },
    ],
    [
      'half an hour is no change in hours',
      'medianTimeToMergeHours',
      10.4,
      10,
      { movement: 'flat', assessment: 'unchanged', text: 'no change' },
    ],
    [
      'the same count is no change',
      'stars',
      7,
      7,
      { movement: 'flat', assessment: 'unchanged', text: 'no change' },
    ],
    [
      'more days since the last activity is worse',
      'daysSinceLastActivity',
      40,
      5,
      { movement: 'up', assessment: 'worse', text: '+35 d' },
    ],
    ['unknown now', 'commits', null, 9, undefined],
    ['unknown then', 'commits', 9, undefined, undefined],
    ['not a number', 'commits', Number.NaN, 9, undefined],
  ])('%s', (_, metric, current, previous, expected) => {
    expect(metricChange(metric, current, previous)).toEqual(
      expected && {
        ...expected,
        delta: (current as number) - (previous as number),
      },
    );
  });
});
