import type { ProjectMetrics } from '../metrics';
import {
  DEFAULT_SCORING_MODEL,
  scoreProject,
  ScoringInput,
  ScoringModel,
  tierFor,
} from './model';

const now = new Date('2026-11-24T00:00:00.000Z');

const metrics = (overrides: Partial<ProjectMetrics> = {}): ProjectMetrics => ({
  commits: 40,
  contributors: 5,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.125,
  changeRequestAcceptanceRatio: 0.8,
  medianTimeToFirstResponseHours: 48,
  medianTimeToMergeHours: 30,
  contributorAbsenceFactor: 2,
  newContributors: 1,
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

const input = (overrides: Partial<ScoringInput> = {}): ScoringInput => ({
  metrics: metrics(),
  // created and updated today: raw activity 1050
  activity: {
    forks: 0,
    stars: 0,
    watchers: 0,
    openIssues: 0,
    createdAt: now,
    updatedAt: now,
    hasContributingGuide: false,
  },
  readiness: {
    readme: true,
    contributing: true,
    codeownersOrTrustedCommitters: false,
    license: true,
    description: true,
    goodFirstIssues: 0,
    issueTemplates: null,
  },
  ...overrides,
});

describe('scoreProject', () => {
  it('weighs the four dimensions and explains each', () => {
    const result = scoreProject(input(), DEFAULT_SCORING_MODEL, now);
    // activity: 1050 lies between breakpoints 1000→80 and 2500→100: 80 + 50/1500 × 20 = 80.67
    // readiness: readme 3 + contributing 3 + license 1 + description 1 = 8 of 13 → 61.54
    // collaboration: 50 × 0.125/0.25 + 50 × 1/3 = 41.67
    // responsiveness: 48 h meets the 48 h target → 100
    // (80.67×30 + 61.54×30 + 41.67×25 + 100×15) / 100 = 68.08
    expect(result.score).toBe(68);
    expect(result.tier).toEqual({ name: 'Growing', min: 40, color: '#f9a825' });
    expect(result.profile).toBe('default');
    expect(result.activity).toEqual({ raw: 1050, band: 'very high' });
    expect(
      result.dimensions.map(d => [d.id, d.value, d.weight, d.points]),
    ).toEqual([
      ['activity', 81, 30, 24.2],
      ['readiness', 62, 30, 18.5],
      ['collaboration', 42, 25, 10.4],
      ['responsiveness', 100, 15, 15],
    ]);
    expect(result.dimensions[2].explanation).toBe(
      'Outside share 13% of a 25% target, 1 of 3 outside contributors.',
    );
  });

  it('gives the weight of an unknown dimension to the known ones', () => {
    const result = scoreProject(
      input({ metrics: metrics({ medianTimeToFirstResponseHours: null }) }),
      DEFAULT_SCORING_MODEL,
      now,
    );
    // (80.67×30 + 61.54×30 + 41.67×25) / 85 = 62.45
    expect(result.score).toBe(62);
    expect(result.dimensions[3]).toMatchObject({ value: null, points: 0 });
  });

  it('lists every enabled readiness check with advice, noting facts it could not read', () => {
    const { readiness } = scoreProject(input(), DEFAULT_SCORING_MODEL, now);
    expect(readiness.map(c => [c.id, c.passed])).toEqual([
      ['readme', true],
      ['contributing', true],
      ['codeowners', false],
      ['license', true],
      ['description', true],
      ['goodFirstIssues', false],
      ['issueTemplates', false],
    ]);
    expect(readiness.find(c => c.id === 'codeowners')!.advice).toMatch(
      /^Add a CODEOWNERS file/,
    );
    expect(readiness.find(c => c.id === 'issueTemplates')!.advice).toMatch(
      /could not read this from the repository\.$/,
    );
  });

  it.each([
    // 100 at or under the target, 0 at four times the target, linear between
    [24, 100],
    [48, 100],
    [96, 67],
    [192, 0],
    [500, 0],
  ])('scores a %p h median first response at %p', (hours, expected) => {
    const result = scoreProject(
      input({ metrics: metrics({ medianTimeToFirstResponseHours: hours }) }),
      DEFAULT_SCORING_MODEL,
      now,
    );
    expect(result.dimensions.find(d => d.id === 'responsiveness')!.value).toBe(
      expected,
    );
  });

  it('leaves out checks a profile switches off and honours a higher minimum', () => {
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
    const { readiness } = scoreProject(
      input({ readiness: { ...input().readiness, goodFirstIssues: 2 } }),
      model,
      now,
      'strict',
    );
    expect(readiness.map(c => c.id)).not.toContain('issueTemplates');
    expect(readiness.find(c => c.id === 'goodFirstIssues')).toMatchObject({
      passed: false,
      advice: expect.stringContaining('at least 3'),
    });
  });

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
});
