import type { Entity } from '@backstage/catalog-model';
import {
  parseScoringConfig,
  ScoringConfigError,
  scoringProfileOrDefault,
  selectScoringProfile,
} from './config';
import { DEFAULT_SCORING_MODEL } from './model';

function issuesOf(raw: unknown, keyPrefix?: string): string[] {
  try {
    parseScoringConfig(raw, keyPrefix);
  } catch (error) {
    if (error instanceof ScoringConfigError) return error.issues;
    throw error;
  }
  return [];
}

const fourTiers = [
  { name: 'Gold', min: 80, color: '#c9a227' },
  { name: 'Silver', min: 60, color: '#9e9e9e' },
  { name: 'Bronze', min: 30, color: '#8d6e63' },
  { name: 'Seed', min: 0, color: '#eee' },
];

const allChecksOff = {
  readme: { weight: 0 },
  contributing: { weight: 0 },
  codeowners: { weight: 0 },
  license: { weight: 0 },
  description: { weight: 0 },
  goodFirstIssues: { weight: 0 },
  issueTemplates: { weight: 0 },
};

const allDimensionsOff = {
  activity: { weight: 0 },
  readiness: { weight: 0 },
  collaboration: { weight: 0 },
  responsiveness: { weight: 0 },
};

describe('parseScoringConfig', () => {
  it.each([undefined, null])(
    'gives the default model when app-config has no scoring block (%p)',
    raw => {
      expect(parseScoringConfig(raw)).toEqual({
        model: DEFAULT_SCORING_MODEL,
        profiles: [],
      });
    },
  );

  it('gives the default model for an empty block', () => {
    expect(parseScoringConfig({}).model).toEqual(DEFAULT_SCORING_MODEL);
  });

  it('merges partial blocks over the defaults, key by key', () => {
    const { model } = parseScoringConfig({
      dimensions: {
        activity: { weight: 10 },
        collaboration: { targetShare: 0.5 },
      },
      readiness: {
        checks: { license: { weight: 5 }, goodFirstIssues: { minimum: 3 } },
      },
      tiers: fourTiers,
    });
    expect(model.dimensions).toEqual({
      ...DEFAULT_SCORING_MODEL.dimensions,
      activity: { ...DEFAULT_SCORING_MODEL.dimensions.activity, weight: 10 },
      collaboration: { weight: 25, targetShare: 0.5, targetContributors: 3 },
    });
    expect(model.readiness.checks).toEqual({
      ...DEFAULT_SCORING_MODEL.readiness.checks,
      license: { weight: 5 },
      goodFirstIssues: { weight: 2, minimum: 3 },
    });
    expect(model.tiers).toEqual(fourTiers);
  });

  it('sorts activity breakpoints by raw score', () => {
    const { model } = parseScoringConfig({
      dimensions: {
        activity: {
          breakpoints: [
            { raw: 1000, value: 100 },
            { raw: 0, value: 0 },
            { raw: 100, value: 50 },
          ],
        },
      },
    });
    expect(model.dimensions.activity.breakpoints).toEqual([
      { raw: 0, value: 0 },
      { raw: 100, value: 50 },
      { raw: 1000, value: 100 },
    ]);
  });

  it('merges each profile over the top level, not over the defaults', () => {
    const config = parseScoringConfig({
      dimensions: { activity: { weight: 10 } },
      tiers: fourTiers,
      profiles: [
        {
          name: 'libraries',
          filter: { kind: 'Component', 'spec.type': 'library' },
          dimensions: { responsiveness: { weight: 0 } },
          readiness: { checks: { issueTemplates: { weight: 0 } } },
        },
        {
          name: 'strict',
          tiers: [
            { name: 'Ready', min: 90, color: '#2e7d32' },
            { name: 'Not yet', min: 0, color: '#9e9e9e' },
          ],
        },
      ],
    });
    const [libraries, strict] = config.profiles;
    expect(libraries.filter).toEqual({
      kind: 'Component',
      'spec.type': 'library',
    });
    expect(libraries.model.dimensions.activity.weight).toBe(10);
    expect(libraries.model.dimensions.responsiveness).toEqual({
      weight: 0,
      targetHours: 48,
    });
    expect(libraries.model.readiness.checks.issueTemplates).toEqual({
      weight: 0,
    });
    expect(libraries.model.tiers).toEqual(fourTiers);
    // no filter: only the annotation picks this profile
    expect(strict.filter).toBeNull();
    expect(strict.model.tiers.map(t => t.name)).toEqual(['Ready', 'Not yet']);
    expect(config.model.dimensions.responsiveness.weight).toBe(15);
  });

  it('hands out frozen models, so cached tables stay true', () => {
    const config = parseScoringConfig({ profiles: [{ name: 'x' }] });
    expect(Object.isFrozen(config.model.dimensions.activity)).toBe(true);
    expect(Object.isFrozen(config.profiles[0].model.tiers[0])).toBe(true);
  });

  it.each<[string, unknown, string[]]>([
    [
      'an unknown dimension',
      { dimensions: { speed: { weight: 1 } } },
      [
        'innersource.scoring.dimensions.speed is not a dimension; expected one of activity, readiness, collaboration, responsiveness',
      ],
    ],
    [
      'an unknown readiness check',
      { readiness: { checks: { tests: { weight: 1 } } } },
      [
        'innersource.scoring.readiness.checks.tests is not a readiness check; expected one of readme, contributing, codeowners, license, description, goodFirstIssues, issueTemplates',
      ],
    ],
    [
      'a misspelt setting',
      { dimensions: { activity: { wieght: 1 } } },
      [
        'innersource.scoring.dimensions.activity.wieght is not a setting; expected one of weight, breakpoints',
      ],
    ],
    [
      'an unknown top-level key',
      { tier: [] },
      [
        'innersource.scoring.tier is not a setting; expected one of dimensions, readiness, tiers, profiles',
      ],
    ],
    [
      'a minimum on a check that has none',
      { readiness: { checks: { readme: { minimum: 2 } } } },
      [
        'innersource.scoring.readiness.checks.readme.minimum is not a setting; expected one of weight',
      ],
    ],
    [
      'a negative dimension weight',
      { dimensions: { activity: { weight: -1 } } },
      [
        'innersource.scoring.dimensions.activity.weight must be 0 or more, got -1',
      ],
    ],
    [
      'a negative check weight',
      { readiness: { checks: { license: { weight: -3 } } } },
      [
        'innersource.scoring.readiness.checks.license.weight must be 0 or more, got -3',
      ],
    ],
    [
      'dimension weights summing to 0',
      { dimensions: allDimensionsOff },
      [
        'innersource.scoring.dimensions weights sum to 0; at least one dimension needs a positive weight',
      ],
    ],
    [
      'check weights summing to 0',
      { readiness: { checks: allChecksOff } },
      [
        'innersource.scoring.readiness.checks weights sum to 0; at least one check needs a positive weight',
      ],
    ],
    [
      'a good-first-issue minimum that is not a whole number of 1 or more',
      { readiness: { checks: { goodFirstIssues: { minimum: 0.5 } } } },
      [
        'innersource.scoring.readiness.checks.goodFirstIssues.minimum must be a whole number of 1 or more, got 0.5',
      ],
    ],
    [
      'collaboration and responsiveness targets that cannot be reached or divided by',
      {
        dimensions: {
          collaboration: { targetShare: 1.5, targetContributors: 0 },
          responsiveness: { targetHours: -4 },
        },
      },
      [
        'innersource.scoring.dimensions.collaboration.targetShare must be above 0 and at most 1, got 1.5',
        'innersource.scoring.dimensions.collaboration.targetContributors must be above 0, got 0',
        'innersource.scoring.dimensions.responsiveness.targetHours must be above 0, got -4',
      ],
    ],
    [
      'breakpoints: too few, a value over 100, a raw score given twice',
      {
        dimensions: { activity: { breakpoints: [{ raw: 5, value: 0 }] } },
        profiles: [
          {
            name: 'p',
            dimensions: {
              activity: {
                breakpoints: [
                  { raw: 5, value: 0 },
                  { raw: 5, value: 120 },
                ],
              },
            },
          },
        ],
      },
      [
        'innersource.scoring.dimensions.activity.breakpoints must have at least 2 entries',
        'innersource.scoring.profiles[0].dimensions.activity.breakpoints[1].value must be from 0 to 100, got 120',
        'innersource.scoring.profiles[0].dimensions.activity.breakpoints[1].raw must differ from breakpoints[0].raw, both are 5',
      ],
    ],
    [
      'tiers out of order',
      {
        tiers: [
          { name: 'A', min: 50, color: '#fff' },
          { name: 'B', min: 60, color: '#000' },
          { name: 'C', min: 0, color: '#000' },
        ],
      },
      ['innersource.scoring.tiers[1].min must be below tiers[0].min'],
    ],
    [
      'a gap under the lowest tier',
      {
        tiers: [
          { name: 'A', min: 50, color: '#fff' },
          { name: 'B', min: 20, color: '#000' },
          { name: 'C', min: 10, color: '#000' },
        ],
      },
      [
        'innersource.scoring.tiers[2].min must be 0 so that every score has a tier, got 10',
      ],
    ],
    [
      'a duplicate tier name, whatever its case',
      {
        tiers: [
          { name: 'Gold', min: 50, color: '#fff' },
          { name: 'gold', min: 0, color: '#000' },
        ],
      },
      ['innersource.scoring.tiers[1].name "gold" is already used by tiers[0]'],
    ],
    [
      'a tier minimum outside 0 to 100',
      {
        tiers: [
          { name: 'A', min: 120, color: '#fff' },
          { name: 'B', min: 0, color: '#000' },
        ],
      },
      ['innersource.scoring.tiers[0].min must be from 0 to 100, got 120'],
    ],
    [
      'an invalid colour',
      {
        tiers: [
          { name: 'A', min: 50, color: 'green' },
          { name: 'B', min: 0, color: '#12345' },
        ],
      },
      [
        'innersource.scoring.tiers[0].color must be a colour written #rgb or #rrggbb, got "green"',
        'innersource.scoring.tiers[1].color must be a colour written #rgb or #rrggbb, got "#12345"',
      ],
    ],
    [
      'an empty tier list',
      { tiers: [] },
      ['innersource.scoring.tiers must have at least 1 entry'],
    ],
    [
      'a duplicate profile name',
      { profiles: [{ name: 'libraries' }, { name: 'libraries' }] },
      [
        'innersource.scoring.profiles[1].name "libraries" is already used by profiles[0]',
      ],
    ],
    [
      'a profile named like the default model',
      { profiles: [{ name: 'default' }] },
      [
        'innersource.scoring.profiles[0].name "default" is the name of the model outside any profile; choose another',
      ],
    ],
    [
      'a profile without a name',
      { profiles: [{ filter: { kind: 'Component' } }] },
      ['innersource.scoring.profiles[0].name is missing; expected a string'],
    ],
    [
      'a profile filter value that is a number or an empty list',
      { profiles: [{ name: 'p', filter: { kind: 3, 'spec.type': [] } }] },
      [
        'innersource.scoring.profiles[0].filter.kind must be a value or a list of values',
        'innersource.scoring.profiles[0].filter.spec.type must have at least 1 entry',
      ],
    ],
    [
      'a weight of the wrong type',
      { dimensions: { activity: { weight: 'heavy' } } },
      ['innersource.scoring.dimensions.activity.weight must be a number'],
    ],
    [
      'a block of the wrong type',
      { dimensions: [], profiles: {} },
      [
        'innersource.scoring.dimensions must be a map',
        'innersource.scoring.profiles must be a list',
      ],
    ],
    [
      'a scoring block that is not a map',
      'strict',
      ['innersource.scoring must be a map'],
    ],
    [
      'errors inside a profile, named with its index',
      {
        profiles: [
          { name: 'ok' },
          {
            name: 'x',
            dimensions: { readiness: { weight: -2 }, speed: {} },
            readiness: { checks: { tests: {} } },
          },
        ],
      },
      [
        'innersource.scoring.profiles[1].dimensions.readiness.weight must be 0 or more, got -2',
        'innersource.scoring.profiles[1].dimensions.speed is not a dimension; expected one of activity, readiness, collaboration, responsiveness',
        'innersource.scoring.profiles[1].readiness.checks.tests is not a readiness check; expected one of readme, contributing, codeowners, license, description, goodFirstIssues, issueTemplates',
      ],
    ],
    [
      'a profile that switches every dimension off',
      { profiles: [{ name: 'off', dimensions: allDimensionsOff }] },
      [
        'innersource.scoring.profiles[0].dimensions weights sum to 0; at least one dimension needs a positive weight',
      ],
    ],
  ])('rejects %s, naming the key', (_name, raw, expected) => {
    expect(issuesOf(raw)).toEqual(expected);
  });

  it('blames a zero sum on the block that sets it, not on every profile inheriting it', () => {
    expect(
      issuesOf({
        readiness: { checks: allChecksOff },
        profiles: [
          { name: 'inherits' },
          { name: 'fixes', readiness: { checks: { readme: { weight: 1 } } } },
        ],
      }),
    ).toEqual([
      'innersource.scoring.readiness.checks weights sum to 0; at least one check needs a positive weight',
    ]);
  });

  it('reports every problem at once, in one error whose message joins them', () => {
    let error: unknown;
    try {
      parseScoringConfig({
        dimensions: { speed: {}, activity: { weight: -1 } },
        tiers: [{ name: 'A', min: 10, color: 'red' }],
        profiles: [{ name: 'a' }, { name: 'a' }],
      });
    } catch (e) {
      error = e;
    }
    const issues = [
      'innersource.scoring.dimensions.activity.weight must be 0 or more, got -1',
      'innersource.scoring.dimensions.speed is not a dimension; expected one of activity, readiness, collaboration, responsiveness',
      'innersource.scoring.tiers[0].color must be a colour written #rgb or #rrggbb, got "red"',
      'innersource.scoring.tiers[0].min must be 0 so that every score has a tier, got 10',
      'innersource.scoring.profiles[1].name "a" is already used by profiles[0]',
    ];
    expect(error).toBeInstanceOf(ScoringConfigError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ScoringConfigError).issues).toEqual(issues);
    expect((error as ScoringConfigError).message).toBe(issues.join('; '));
  });

  it('names keys under the prefix it is given (a preview body, say)', () => {
    expect(
      issuesOf({ dimensions: { activity: { weight: -1 } } }, 'scoring'),
    ).toEqual(['scoring.dimensions.activity.weight must be 0 or more, got -1']);
  });
});

describe('tiers without a colour', () => {
  const colorsOf = (
    tiers: Array<{ name: string; min: number; color?: string }>,
  ) => parseScoringConfig({ tiers }).model.tiers.map(t => t.color);

  it.each([
    [[0], ['#9e9e9e']],
    [
      [50, 0],
      ['#2e7d32', '#9e9e9e'],
    ],
    [
      [70, 40, 0],
      ['#2e7d32', '#f9a825', '#9e9e9e'],
    ],
    [
      [75, 50, 25, 0],
      ['#2e7d32', '#7cb342', '#f9a825', '#9e9e9e'],
    ],
    [
      [90, 80, 70, 60, 50, 40, 0],
      [
        '#1b5e20',
        '#2e7d32',
        '#7cb342',
        '#f9a825',
        '#fb8c00',
        '#fb8c00',
        '#9e9e9e',
      ],
    ],
  ])(
    'with minimums %j get a colour from the default palette by place: %j',
    (mins, colors) => {
      expect(colorsOf(mins.map((min, i) => ({ name: `T${i}`, min })))).toEqual(
        colors,
      );
    },
  );

  it('gives the default three tiers the colours of the default model', () => {
    expect(
      colorsOf(
        DEFAULT_SCORING_MODEL.tiers.map(({ name, min }) => ({ name, min })),
      ),
    ).toEqual(DEFAULT_SCORING_MODEL.tiers.map(t => t.color));
  });

  it('keeps the colours that are set and fills in only the missing ones', () => {
    expect(
      colorsOf([
        { name: 'Gold', min: 80, color: '#c9a227' },
        { name: 'Silver', min: 50 },
        { name: 'Seed', min: 0, color: '#eeeeee' },
      ]),
    ).toEqual(['#c9a227', '#f9a825', '#eeeeee']);
  });

  it('fills in the colours of a profile’s own tiers', () => {
    const config = parseScoringConfig({
      profiles: [
        {
          name: 'strict',
          tiers: [
            { name: 'Ready', min: 90 },
            { name: 'Not yet', min: 0 },
          ],
        },
      ],
    });
    expect(config.profiles[0].model.tiers).toEqual([
      { name: 'Ready', min: 90, color: '#2e7d32' },
      { name: 'Not yet', min: 0, color: '#9e9e9e' },
    ]);
  });
});

describe('selectScoringProfile', () => {
  const config = parseScoringConfig({
    profiles: [
      {
        name: 'libraries',
        filter: { kind: 'Component', 'spec.type': 'library' },
        dimensions: { responsiveness: { weight: 0 } },
      },
      { name: 'critical', filter: { 'metadata.tags': ['critical', 'tier-1'] } },
      { name: 'by-annotation-only' },
    ],
  });
  const entity = (
    type: string,
    annotations: Record<string, string> = {},
    tags: string[] = [],
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations, tags },
    spec: { type },
  });

  it.each<[string, Entity, string]>([
    [
      'the first profile whose filter matches',
      entity('library', {}, ['critical']),
      'libraries',
    ],
    [
      'a later profile when the first does not match',
      entity('service', {}, ['tier-1']),
      'critical',
    ],
    [
      'filters case-insensitively, as catalog filters do',
      entity('Library'),
      'libraries',
    ],
    ['the default when none matches', entity('service'), 'default'],
    [
      'the profile the annotation names, over any filter',
      entity('library', { 'innersource/scoring-profile': 'critical' }),
      'critical',
    ],
    [
      'a profile without a filter when the annotation names it',
      entity('service', {
        'innersource/scoring-profile': ' by-annotation-only ',
      }),
      'by-annotation-only',
    ],
    [
      'the default when the annotation asks for it, over any filter',
      entity('library', { 'innersource/scoring-profile': 'default' }),
      'default',
    ],
  ])('picks %s', (_name, e, expected) => {
    expect(selectScoringProfile(e, config)).toMatchObject({ name: expected });
  });

  it('hands back the profile’s merged model', () => {
    const selected = selectScoringProfile(entity('library'), config);
    expect(selected).toEqual({
      name: 'libraries',
      model: config.profiles[0].model,
    });
  });

  it('hands back the top-level model by default', () => {
    expect(selectScoringProfile(entity('service'), config)).toEqual({
      name: 'default',
      model: config.model,
    });
  });

  it('reports an annotation naming a missing profile on the entity, not at startup', () => {
    expect(
      selectScoringProfile(
        entity('library', { 'innersource/scoring-profile': 'nope' }),
        config,
      ),
    ).toEqual({
      error:
        'innersource/scoring-profile names "nope", but innersource.scoring has no such profile',
    });
  });

  it('falls back to the default model when the annotation names a missing profile, saying why', () => {
    expect(
      scoringProfileOrDefault(
        entity('library', { 'innersource/scoring-profile': 'nope' }),
        config,
      ),
    ).toEqual({
      name: 'default',
      model: config.model,
      error:
        'innersource/scoring-profile names "nope", but innersource.scoring has no such profile',
    });
  });

  it('hands back the selected profile, without error, when there is one', () => {
    expect(scoringProfileOrDefault(entity('library'), config)).toEqual({
      name: 'libraries',
      model: config.profiles[0].model,
    });
    expect(scoringProfileOrDefault(entity('service'), config)).toEqual({
      name: 'default',
      model: config.model,
    });
  });
});
