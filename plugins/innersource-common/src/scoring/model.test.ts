import fc from 'fast-check';
import type { ProjectMetrics } from '../metrics';
import type { ActivityScoreInput } from './activity';
import {
  DEFAULT_SCORING_MODEL,
  scoreProject,
  ScoringInput,
  ScoringModel,
  tierFor,
} from './model';

const now = new Date('2026-11-24T00:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();

const metrics = (overrides: Partial<ProjectMetrics> = {}): ProjectMetrics => ({
  commits: 40,
  contributors: 5,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.125,
  agentContributions: null,
  changeRequestAcceptanceRatio: 0.8,
  medianTimeToFirstResponseHours: 48,
  p90TimeToFirstResponseHours: null,
  medianTimeToMergeHours: 30,
  p90TimeToMergeHours: null,
  contributorAbsenceFactor: 2,
  newContributors: 1,
  outsideNewContributors: null,
  newcomerReturnRate: null,
  pullRequestsOpened: 10,
  pullRequestsMerged: 8,
  issuesOpened: 4,
  openHelpWanted: 2,
  openGoodFirstIssues: 0,
  daysSinceLastActivity: 0,
  stars: 0,
  forks: 0,
  watchers: 0,
  weeklyCommits: null,
  ...overrides,
});

/** Created and updated today: Repository Activity Score 1050. */
const brandNew: ActivityScoreInput = {
  forks: 0,
  stars: 0,
  watchers: 0,
  openIssues: 0,
  createdAt: now,
  updatedAt: now,
  hasContributingGuide: false,
};

/** Idle 100 days and over a year old: the raw score is exactly 5 × forks. */
const idleWithForks = (forks: number): ActivityScoreInput => ({
  ...brandNew,
  forks,
  updatedAt: daysAgo(100),
  createdAt: daysAgo(400),
});

const readiness = (
  overrides: Partial<ScoringInput['readiness']> = {},
): ScoringInput['readiness'] => ({
  readme: true,
  contributing: true,
  codeownersOrTrustedCommitters: false,
  license: true,
  description: true,
  goodFirstIssues: 0,
  issueTemplates: null,
  ...overrides,
});

const input = (overrides: Partial<ScoringInput> = {}): ScoringInput => ({
  metrics: metrics(),
  activity: brandNew,
  readiness: readiness(),
  ...overrides,
});

/** Only readiness is known: the score is the readiness value. */
const readinessOnly = (r: Partial<ScoringInput['readiness']>) =>
  input({
    activity: null,
    metrics: metrics({
      outsideContributionShare: null,
      outsideContributors: null,
      medianTimeToFirstResponseHours: null,
    }),
    readiness: readiness(r),
  });

const dimension = (
  input_: ScoringInput,
  id: string,
  model = DEFAULT_SCORING_MODEL,
) => scoreProject(input_, model, now).dimensions.find(d => d.id === id)!;

describe('scoreProject', () => {
  it('weighs the four dimensions and explains each', () => {
    const result = scoreProject(input(), DEFAULT_SCORING_MODEL, now);
    // activity: raw 1050 lies between 1000 → 80 and 2500 → 100: 80 + 50/1500 × 20 = 80.667
    // readiness: readme 3 + contributing 3 + license 1 + description 1 = 8 of 13 → 61.538
    // collaboration: 50 × 0.125/0.25 + 50 × 1/3 = 25 + 16.667 = 41.667
    // responsiveness: 48 h meets the 48 h target → 100
    // (80.667×30 + 61.538×30 + 41.667×25 + 100×15) / 100 = (2420 + 1846.15 + 1041.67 + 1500) / 100 = 68.08
    expect(result.score).toBe(68);
    expect(result.tier).toEqual({ name: 'Growing', min: 40, color: '#f9a825' });
    expect(result.profile).toBe('default');
    expect(result.activity).toEqual({ raw: 1050, band: 'very high' });
    // points: 80.667×30/100 = 24.2, 61.538×30/100 = 18.46, 41.667×25/100 = 10.42, 100×15/100 = 15
    expect(result.dimensions).toEqual([
      {
        id: 'activity',
        title: 'Activity',
        value: 81,
        weight: 30,
        points: 24.2,
        explanation:
          'Repository Activity Score 1050 (very high), mapped to 81 of 100.',
      },
      {
        id: 'readiness',
        title: 'Readiness',
        value: 62,
        weight: 30,
        points: 18.5,
        explanation:
          '4 of 7 checks passed; missing: Code owners or trusted committers, Good first issues, Issue templates.',
      },
      {
        id: 'collaboration',
        title: 'Collaboration',
        value: 42,
        weight: 25,
        points: 10.4,
        explanation:
          'Outside share 13% of a 25% target, 1 of 3 outside contributors.',
      },
      {
        id: 'responsiveness',
        title: 'Responsiveness',
        value: 100,
        weight: 15,
        points: 15,
        explanation: 'Median first response 48 h against a 48 h target.',
      },
    ]);
  });

  it('gives the weight of an unknown dimension to the known ones', () => {
    const result = scoreProject(
      input({ metrics: metrics({ medianTimeToFirstResponseHours: null }) }),
      DEFAULT_SCORING_MODEL,
      now,
    );
    // (80.667×30 + 61.538×30 + 41.667×25) / (30 + 30 + 25) = 5307.82 / 85 = 62.45
    expect(result.score).toBe(62);
    // 80.667 × 30/85 = 28.47
    expect(result.dimensions[0].points).toBe(28.5);
    expect(result.dimensions[3]).toEqual({
      id: 'responsiveness',
      title: 'Responsiveness',
      value: null,
      weight: 15,
      points: 0,
      explanation: 'Unknown: no pull request got a response in the window.',
    });
  });

  it('scores 0 when no dimension with a weight is known', () => {
    // readiness is always known, so switch its checks off to leave nothing
    const model: ScoringModel = {
      ...DEFAULT_SCORING_MODEL,
      readiness: {
        checks: {
          readme: { weight: 0 },
          contributing: { weight: 0 },
          codeowners: { weight: 0 },
          license: { weight: 0 },
          description: { weight: 0 },
          goodFirstIssues: { weight: 0 },
          issueTemplates: { weight: 0 },
        },
      },
    };
    const result = scoreProject(readinessOnly({}), model, now);
    expect(result.score).toBe(0);
    expect(result.tier.name).toBe('Emerging');
    expect(result.activity).toBeNull();
    expect(result.readiness).toEqual([]);
    expect(result.dimensions.map(d => [d.value, d.points])).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
  });

  it('carries the profile name it is given', () => {
    expect(
      scoreProject(input(), DEFAULT_SCORING_MODEL, now, 'libraries').profile,
    ).toBe('libraries');
  });

  describe('activity', () => {
    it.each<[number, number, number]>([
      // raw = 5 × forks; breakpoints 5→0, 50→20, 150→40, 300→60, 1000→80, 2500→100
      [0, 0, 0], // below the first breakpoint: its value
      [1, 5, 0], // on the first breakpoint
      [2, 10, 2], // 0 + (10 - 5)/45 × 20 = 2.22
      [10, 50, 20], // on a breakpoint
      [20, 100, 30], // 20 + 50/100 × 20
      [60, 300, 60],
      [200, 1000, 80],
      [350, 1750, 90], // 80 + 750/1500 × 20
      [500, 2500, 100],
      [590, 2950, 100], // beyond the last breakpoint: its value
    ])(
      'maps %p forks (raw %p) to %p through the default breakpoints',
      (forks, raw, value) => {
        const result = scoreProject(
          input({ activity: idleWithForks(forks) }),
          DEFAULT_SCORING_MODEL,
          now,
        );
        expect(result.activity!.raw).toBe(raw);
        expect(result.dimensions[0].value).toBe(value);
      },
    );

    it('reads breakpoints in any order', () => {
      const model: ScoringModel = {
        ...DEFAULT_SCORING_MODEL,
        dimensions: {
          ...DEFAULT_SCORING_MODEL.dimensions,
          activity: {
            weight: 30,
            breakpoints: [
              { raw: 200, value: 100 },
              { raw: 0, value: 0 },
            ],
          },
        },
      };
      // raw 50 of 0..200 → 25
      expect(
        dimension(input({ activity: idleWithForks(10) }), 'activity', model)
          .value,
      ).toBe(25);
    });

    it('is unknown, and gives its weight away, when repository statistics are unknown', () => {
      const result = scoreProject(
        input({ activity: null }),
        DEFAULT_SCORING_MODEL,
        now,
      );
      expect(result.activity).toBeNull();
      expect(result.dimensions[0]).toMatchObject({
        value: null,
        points: 0,
        explanation: 'Unknown: the repository statistics could not be read.',
      });
      // (61.538×30 + 41.667×25 + 100×15) / 70 = 4387.82 / 70 = 62.68
      expect(result.score).toBe(63);
    });
  });

  describe('readiness', () => {
    it.each<[string, Partial<ScoringInput['readiness']>, number]>([
      [
        'every check passed',
        {
          codeownersOrTrustedCommitters: true,
          goodFirstIssues: 1,
          issueTemplates: true,
        },
        100,
      ],
      // readme 3 of 13 = 23.08
      [
        'a README alone',
        {
          contributing: false,
          license: false,
          description: false,
          goodFirstIssues: 0,
          issueTemplates: false,
        },
        23,
      ],
      // nothing known but the description: 1 of 13 = 7.69
      [
        'unknown facts count as not passed',
        {
          readme: null,
          contributing: null,
          codeownersOrTrustedCommitters: null,
          license: null,
          description: true,
          goodFirstIssues: null,
          issueTemplates: null,
        },
        8,
      ],
      // 8 of 13 + codeowners 2 = 10 of 13 = 76.92
      [
        'code owners or trusted committers pass the codeowners check',
        { codeownersOrTrustedCommitters: true },
        77,
      ],
      // 8 of 13 + goodFirstIssues 2 = 10 of 13
      [
        'one good first issue meets the default minimum',
        { goodFirstIssues: 1 },
        77,
      ],
    ])('scores %s as %p', (_name, overrides, expected) => {
      const result = scoreProject(
        readinessOnly(overrides),
        DEFAULT_SCORING_MODEL,
        now,
      );
      expect(result.dimensions[1].value).toBe(expected);
      expect(result.score).toBe(expected);
    });

    it('lists every enabled check with its advice, noting facts it could not read', () => {
      const { readiness: checks } = scoreProject(
        input(),
        DEFAULT_SCORING_MODEL,
        now,
      );
      expect(checks.map(c => [c.id, c.title, c.passed, c.weight])).toEqual([
        ['readme', 'README', true, 3],
        ['contributing', 'Contribution guidelines', true, 3],
        ['codeowners', 'Code owners or trusted committers', false, 2],
        ['license', 'License', true, 1],
        ['description', 'Description', true, 1],
        ['goodFirstIssues', 'Good first issues', false, 2],
        ['issueTemplates', 'Issue templates', false, 1],
      ]);
      expect(checks.find(c => c.id === 'contributing')!.advice).toBe(
        'Add a CONTRIBUTING.md that tells outsiders how to propose a change, run the tests and get a review.',
      );
      expect(checks.find(c => c.id === 'issueTemplates')!.advice).toBe(
        'Add issue templates (.github/ISSUE_TEMPLATE/ or .gitlab/issue_templates/) so reports and requests arrive with what you need. The collector could not read this from the repository.',
      );
    });

    it('leaves out checks a model switches off and honours a higher good-first-issue minimum', () => {
      const model: ScoringModel = {
        ...DEFAULT_SCORING_MODEL,
        readiness: {
          checks: {
            ...DEFAULT_SCORING_MODEL.readiness.checks,
            issueTemplates: { weight: 0 },
            goodFirstIssues: { weight: 2, minimum: 3 },
          },
        },
      };
      const result = scoreProject(
        readinessOnly({ goodFirstIssues: 2 }),
        model,
        now,
      );
      expect(result.readiness.map(c => c.id)).not.toContain('issueTemplates');
      expect(result.readiness.find(c => c.id === 'goodFirstIssues')).toEqual({
        id: 'goodFirstIssues',
        title: 'Good first issues',
        passed: false,
        weight: 2,
        advice:
          'Label small, well-described issues "good first issue" so newcomers have somewhere to start. This profile asks for at least 3.',
      });
      // readme 3 + contributing 3 + license 1 + description 1 = 8 of 12 enabled = 66.67
      expect(result.score).toBe(67);
    });
  });

  describe('collaboration', () => {
    it.each<[number | null, number | null, number | null, string]>([
      // 50 × 0.12/0.25 + 50 × 2/3 = 24 + 33.33
      [
        0.12,
        2,
        57,
        'Outside share 12% of a 25% target, 2 of 3 outside contributors.',
      ],
      // both halves capped at 50
      [
        0.6,
        5,
        100,
        'Outside share 60% of a 25% target, 5 outside contributors, over the target of 3.',
      ],
      [
        0,
        0,
        0,
        'Outside share 0% of a 25% target, 0 of 3 outside contributors.',
      ],
      // an unknown half earns nothing: 0 + 50 × 3/3
      [
        null,
        3,
        50,
        'Outside share unknown of a 25% target, 3 of 3 outside contributors.',
      ],
      // 50 × 0.25/0.25 + 0
      [
        0.25,
        null,
        50,
        'Outside share 25% of a 25% target, unknown of 3 outside contributors.',
      ],
      [null, null, null, 'Unknown: no contributions could be read.'],
    ])(
      'scores an outside share of %p with %p outside contributors as %p',
      (share, count, value, explanation) => {
        expect(
          dimension(
            input({
              metrics: metrics({
                outsideContributionShare: share,
                outsideContributors: count,
              }),
            }),
            'collaboration',
          ),
        ).toMatchObject({ value, explanation });
      },
    );
  });

  describe('responsiveness', () => {
    it.each<[number, number, string]>([
      // 100 at or under the target, 0 at four times the target, linear between
      [0.5, 100, 'Median first response 30 min against a 48 h target.'],
      [2.25, 100, 'Median first response 2.3 h against a 48 h target.'],
      [48, 100, 'Median first response 48 h against a 48 h target.'],
      // 100 × (1 - 48/144) = 66.67
      [96, 67, 'Median first response 96 h against a 48 h target.'],
      // 100 × (1 - 96/144) = 33.33
      [144, 33, 'Median first response 144 h against a 48 h target.'],
      [192, 0, 'Median first response 192 h against a 48 h target.'],
      [500, 0, 'Median first response 500 h against a 48 h target.'],
    ])(
      'scores a %p h median first response at %p',
      (hours, value, explanation) => {
        expect(
          dimension(
            input({
              metrics: metrics({ medianTimeToFirstResponseHours: hours }),
            }),
            'responsiveness',
          ),
        ).toMatchObject({ value, explanation });
      },
    );
  });

  it('keeps every score a whole number from 0 to 100 with a tier, whatever it is given', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    const anyInput = fc.record({
      share: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      count: maybe(fc.nat(50)),
      hours: maybe(fc.double({ min: 0, max: 10_000, noNaN: true })),
      forks: maybe(fc.nat(100_000)),
      idle: fc.nat(2000),
      flags: fc.array(maybe(fc.boolean()), { minLength: 5, maxLength: 5 }),
      goodFirst: maybe(fc.nat(10)),
    });
    fc.assert(
      fc.property(anyInput, i => {
        const result = scoreProject(
          {
            metrics: metrics({
              outsideContributionShare: i.share,
              outsideContributors: i.count,
              medianTimeToFirstResponseHours: i.hours,
            }),
            activity:
              i.forks === null
                ? null
                : {
                    ...brandNew,
                    forks: i.forks,
                    updatedAt: daysAgo(i.idle),
                  },
            readiness: {
              readme: i.flags[0],
              contributing: i.flags[1],
              codeownersOrTrustedCommitters: i.flags[2],
              license: i.flags[3],
              description: i.flags[4] === true,
              goodFirstIssues: i.goodFirst,
              issueTemplates: i.flags[0],
            },
          },
          DEFAULT_SCORING_MODEL,
          now,
        );
        return (
          Number.isInteger(result.score) &&
          result.score >= 0 &&
          result.score <= 100 &&
          result.score >= result.tier.min
        );
      }),
    );
  });
});

describe('tierFor', () => {
  it.each([
    [100, 'Thriving'],
    [70, 'Thriving'],
    [69, 'Growing'],
    [40, 'Growing'],
    [39, 'Emerging'],
    [0, 'Emerging'],
  ])('puts a score of %p in the %p tier', (score, tier) => {
    expect(tierFor(score, DEFAULT_SCORING_MODEL.tiers).name).toBe(tier);
  });

  it('finds the highest tier a score reaches, in whatever order tiers come', () => {
    const shuffled = [
      DEFAULT_SCORING_MODEL.tiers[2],
      DEFAULT_SCORING_MODEL.tiers[0],
      DEFAULT_SCORING_MODEL.tiers[1],
    ];
    expect(tierFor(75, shuffled).name).toBe('Thriving');
    expect(tierFor(45, shuffled).name).toBe('Growing');
    expect(tierFor(5, shuffled).name).toBe('Emerging');
  });
});
