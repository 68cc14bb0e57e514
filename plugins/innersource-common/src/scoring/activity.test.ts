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
  it.each<[string, Partial<ActivityScoreInput>, number]>([
    // 50 × (1 + 100/100) = 100; + (1000 − 0) × (365 − 0)/365 = 1100; − 50
    ['a repository created and updated today', {}, 1050],
    // 50 × (1 + 0/100) = 50; + (1000 − 274) × 0/365 = 50; − 50
    [
      'idle for 100 days, created 400 days ago: both bonuses gone',
      { updatedAt: daysAgo(100), createdAt: daysAgo(400) },
      0,
    ],
    // 50 + 5×10 + 20 + 30/3 + 50/5 = 140; × 1.9 (10 idle days) = 266; × 2 (10 commits a week) = 532;
    // + 0 (older than a year); + 50 (description) + 100 (CONTRIBUTING) = 682; − 50
    [
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
    // 50 + 5 × 1000 = 5050; × 2 = 10100; + 0 (1000 days old); 3000 + 100 × ln(10100) = 3922.03; − 50
    [
      'above 3000 the score grows logarithmically',
      { forks: 1000, createdAt: daysAgo(1000) },
      3872,
    ],
    // a description of exactly 30 characters earns nothing
    [
      'a 30-character description is not enough',
      { description: CHARS_30 },
      1050,
    ],
    ['a 31-character description earns 50', { description: CHARS_31 }, 1100],
    [
      'a long motivation counts when the description is short',
      { description: 'short', motivation: CHARS_31 },
      1100,
    ],
    // the last 13 weeks are zero: a = 0 → multiplier 1
    [
      'only the last 13 weeks count',
      { weeklyCommits: [500, 500, ...Array(13).fill(0)] },
      1050,
    ],
    // a = 3 → max(3 − 3, 0) = 0 → multiplier 1
    [
      'three commits a week earn no multiplier',
      { weeklyCommits: Array(13).fill(3) },
      1050,
    ],
    // a = 6 → 1 + 3/7; 100 × 10/7 = 142.857; + 1000; − 50 = 1092.857
    [
      'six commits a week multiply by 1 + 3/7',
      { weeklyCommits: Array(13).fill(6) },
      1093,
    ],
    // a = 100 → capped at 7/7: 100 × 2 = 200; + 1000; − 50
    [
      'the commit multiplier is capped at 2',
      { weeklyCommits: Array(13).fill(100) },
      1150,
    ],
    // an update in the future counts as today
    [
      'dates in the future count as now',
      { updatedAt: daysAgo(-5), createdAt: daysAgo(-5) },
      1050,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(repositoryActivityScore({ ...quiet, ...overrides }, now)).toBe(
      expected,
    );
  });

  it('never decreases as forks, stars or watchers grow, and is never NaN', () => {
    const counts = fc.record({
      forks: fc.nat(5000),
      stars: fc.nat(50000),
      watchers: fc.nat(5000),
      openIssues: fc.nat(5000),
    });
    expect(() =>
      fc.assert(
        fc.property(
          counts,
          fc.nat(3000),
          fc.nat(3000),
          fc.constantFrom('forks', 'stars', 'watchers'),
          fc.nat(1000),
          (c, idle, age, field, extra) => {
            const base = {
              ...quiet,
              ...c,
              updatedAt: daysAgo(idle),
              createdAt: daysAgo(age + idle),
            };
            const lower = repositoryActivityScore(base, now);
            const higher = repositoryActivityScore(
              { ...base, [field]: base[field as 'forks'] + extra },
              now,
            );
            return Number.isFinite(lower) && higher >= lower;
          },
        ),
      ),
    ).not.toThrow();
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
  ])('%p is %p', (score, band) => {
    expect(activityBand(score)).toBe(band);
  });
});
