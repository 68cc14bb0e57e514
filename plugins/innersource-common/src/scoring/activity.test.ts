import fc from 'fast-check';
import {
  activityBand,
  ActivityScoreInput,
  repositoryActivityScore,
} from './activity';

const now = new Date('2026-11-24T00:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();
const CHARS_30 = 'x'.repeat(30);
const CHARS_31 = 'x'.repeat(31);

/** Created and updated right now, nothing else: the formula's bare minimum. */
const quiet: ActivityScoreInput = {
  forks: 0,
  stars: 0,
  watchers: 0,
  openIssues: 0,
  createdAt: now,
  updatedAt: now,
  hasContributingGuide: false,
};

describe('repositoryActivityScore', () => {
  // Each row: d = days since update, c = days since creation.
  // recency = 1 + (100 - min(d, 100)) / 100; commits = 1 + min(max(a - 3, 0), 7) / 7;
  // youth = (1000 - 2.74 × min(d, 365)) × (365 - min(c, 365)) / 365.
  it.each<[string, Partial<ActivityScoreInput>, number]>([
    [
      // 50 × (1 + 100/100) = 100; + (1000 - 0) × 365/365 = 1100; - 50 = 1050
      'a brand-new repository earns the full recency and youth bonuses',
      {},
      1050,
    ],
    [
      // 50 × 2 = 100; + 1000 = 1100; + 50 (description) + 100 (CONTRIBUTING) = 1250; - 50 = 1200
      'a brand-new, documented repository adds 50 and 100',
      { description: CHARS_31, hasContributingGuide: true },
      1200,
    ],
    [
      // d = 0.5: 50 × (1 + 99.5/100) = 99.75; (1000 - 1.37) × 364.5/365 = 997.262;
      // 99.75 + 997.262 = 1097.012; - 50 = 1047.012
      'days are fractional: a repository twelve hours old',
      { createdAt: daysAgo(0.5), updatedAt: daysAgo(0.5) },
      1047,
    ],
    [
      // d = 100: 50 × (1 + 0/100) = 50; c = 400: youth × (365 - 365) = 0; 50 - 50 = 0
      'idle for 100 days and over a year old: multiplier exactly 1, no youth bonus',
      { updatedAt: daysAgo(100), createdAt: daysAgo(400) },
      0,
    ],
    [
      // 50 + 5 × 10 = 100; d = 100: × 1 = 100; c = 200: (1000 - 274) × 165/365 = 328.192;
      // 428.192 - 50 = 378.192
      'idle for 100 days: the forks count once, the youth bonus shrinks by 2.74 a day',
      { forks: 10, updatedAt: daysAgo(100), createdAt: daysAgo(200) },
      378,
    ],
    [
      // 100 × (1 + 50/100) = 150; c = 400: + 0; 150 - 50 = 100
      'idle for 50 days: recency multiplier 1.5',
      { forks: 10, updatedAt: daysAgo(50), createdAt: daysAgo(400) },
      100,
    ],
    [
      // d = 300 is capped at 100: 100 × 1 = 100; + 0; - 50 = 50 (the old grouping would give 1%)
      'idle far past 100 days: the multiplier stays at 1, never scales down',
      { forks: 10, updatedAt: daysAgo(300), createdAt: daysAgo(400) },
      50,
    ],
    [
      // d = 99: 50 × 1.01 = 50.5; c = 400: + 0; 50.5 - 50 = 0.5, Math.round → 1
      'rounds half up',
      { updatedAt: daysAgo(99), createdAt: daysAgo(400) },
      1,
    ],
    [
      // 50 + 5×10 + 20 + 30/3 + 50/5 = 140; d = 10: × 1.9 = 266; a = 10: × 2 = 532;
      // c = 730: + 0; + 50 (description) + 100 (CONTRIBUTING) = 682; - 50 = 632
      'a busy, documented repository two years old',
      {
        forks: 10,
        watchers: 20,
        stars: 30,
        openIssues: 50,
        updatedAt: daysAgo(10),
        createdAt: daysAgo(730),
        weeklyCommits: Array(13).fill(10),
        description: CHARS_31,
        hasContributingGuide: true,
      },
      632,
    ],
    [
      // 50 + 5 × 290 = 1500; × 2 = 3000 (not above 3000); c = 1000: + 0; 3000 - 50 = 2950
      'exactly 3000 stays linear',
      { forks: 290, createdAt: daysAgo(1000) },
      2950,
    ],
    [
      // 50 + 5 × 291 = 1505; × 2 = 3010; 3000 + 100 × ln(3010) = 3000 + 800.970 = 3800.970; - 50 = 3750.970
      'just above 3000 the logarithmic branch takes over',
      { forks: 291, createdAt: daysAgo(1000) },
      3751,
    ],
    [
      // 50 + 5 × 1000 = 5050; × 2 = 10100; + 0; 3000 + 100 × ln(10100) = 3000 + 922.026 = 3922.026; - 50
      'a very popular repository grows logarithmically',
      { forks: 1000, createdAt: daysAgo(1000) },
      3872,
    ],
    [
      // 30 characters is not over 30: 1050 as for the brand-new repository
      'a 30-character description earns nothing',
      { description: CHARS_30 },
      1050,
    ],
    [
      // 1100 + 50 - 50 = 1100
      'a 31-character description earns 50',
      { description: CHARS_31 },
      1100,
    ],
    [
      // counted trimmed, as the readiness check counts it: 1050 as for the brand-new repository
      'a 30-character description padded with spaces earns nothing',
      { description: `  ${CHARS_30}  ` },
      1050,
    ],
    [
      // description too short, motivation 31 characters: 1100 + 50 - 50 = 1100
      'a long motivation counts when the description is short',
      { description: 'short', motivation: CHARS_31 },
      1100,
    ],
    [
      // both qualify: still one bonus of 50
      'a description and a motivation earn 50 once',
      { description: CHARS_31, motivation: CHARS_31 },
      1100,
    ],
    [
      // last 13 weeks are 0: a = 0, multiplier 1; 100 + 1000 - 50 = 1050
      'only the last 13 weeks count: busy weeks before them are ignored',
      { weeklyCommits: [500, 500, ...Array(13).fill(0)] },
      1050,
    ],
    [
      // last 13 weeks are 10: a = 10, multiplier 1 + 7/7 = 2; 200 + 1000 - 50 = 1150
      'only the last 13 weeks count: quiet weeks before them are ignored',
      { weeklyCommits: [0, 0, ...Array(13).fill(10)] },
      1150,
    ],
    [
      // one known week of 78: a = 78/13 = 6, × (1 + 3/7); 142.857 + 1000 - 50 = 1092.857
      'fewer than 13 weeks are still divided by 13',
      { weeklyCommits: [78] },
      1093,
    ],
    [
      // a = 3: max(3 - 3, 0) = 0, multiplier 1; 1050
      'three commits a week earn no multiplier',
      { weeklyCommits: Array(13).fill(3) },
      1050,
    ],
    [
      // a = 6: 100 × (1 + 3/7) = 142.857; + 1000 - 50 = 1092.857
      'six commits a week multiply by 1 + 3/7',
      { weeklyCommits: Array(13).fill(6) },
      1093,
    ],
    [
      // a = 100: min(97, 7)/7 = 1, multiplier 2; 200 + 1000 - 50 = 1150
      'the commit multiplier is capped at 2',
      { weeklyCommits: Array(13).fill(100) },
      1150,
    ],
    [
      // d and c clamp to 0: as the brand-new repository
      'dates in the future count as now',
      { updatedAt: daysAgo(-5), createdAt: daysAgo(-5) },
      1050,
    ],
    [
      // an unreadable update counts as long ago: × 1; c = 400: + 0; 50 - 50 = 0
      'an unreadable update date earns no recency bonus',
      { updatedAt: 'not a date', createdAt: daysAgo(400) },
      0,
    ],
    [
      // d = 0: × 2 = 100; an unreadable creation date counts as old: youth × 0; 100 - 50 = 50
      'an unreadable creation date earns no youth bonus',
      { createdAt: 'not a date' },
      50,
    ],
    [
      // d = 400 but c = 10 (inconsistent dates): 50 × 1 + (1000 - 1000.1) × 355/365 = 49.903;
      // - 50 = -0.097 rounds to -0, reported as 0
      'never goes below 0 when the dates disagree',
      { updatedAt: daysAgo(400), createdAt: daysAgo(10) },
      0,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(repositoryActivityScore({ ...quiet, ...overrides }, now)).toBe(
      expected,
    );
  });

  it('accepts Date objects and ISO strings alike', () => {
    const asDates = { ...quiet, updatedAt: new Date(daysAgo(10)) };
    const asStrings = { ...quiet, updatedAt: daysAgo(10) };
    expect(repositoryActivityScore(asDates, now)).toBe(
      repositoryActivityScore(asStrings, now),
    );
  });

  it('never decreases as forks, stars or watchers grow, and is never NaN', () => {
    const anyDate = fc.oneof(
      fc.integer({ min: -30, max: 3000 }).map(days => daysAgo(days)),
      fc.constant('not a date'),
    );
    const repository = fc.record({
      forks: fc.nat(5000),
      stars: fc.nat(50000),
      watchers: fc.nat(5000),
      openIssues: fc.nat(5000),
      createdAt: anyDate,
      updatedAt: anyDate,
      weeklyCommits: fc.option(fc.array(fc.nat(200), { maxLength: 30 }), {
        nil: undefined,
      }),
      description: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      hasContributingGuide: fc.boolean(),
    });
    fc.assert(
      fc.property(
        repository,
        fc.constantFrom('forks', 'stars', 'watchers'),
        fc.nat(1000),
        (base: ActivityScoreInput, field, extra) => {
          const lower = repositoryActivityScore(base, now);
          const field_ = field as 'forks' | 'stars' | 'watchers';
          const higher = repositoryActivityScore(
            { ...base, [field_]: base[field_] + extra },
            now,
          );
          return Number.isFinite(lower) && lower >= 0 && higher >= lower;
        },
      ),
    );
  });
});

describe('activityBand', () => {
  it.each([
    [0, 'none'],
    [5, 'none'],
    [6, 'very low'],
    [50, 'very low'],
    [51, 'low'],
    [150, 'low'],
    [151, 'moderate'],
    [300, 'moderate'],
    [301, 'high'],
    [1000, 'high'],
    [1001, 'very high'],
    [2500, 'very high'],
    [2501, 'extremely high'],
  ])(
    'puts %p in the band %p (bands start just over their bound)',
    (score, band) => {
      expect(activityBand(score)).toBe(band);
    },
  );
});
