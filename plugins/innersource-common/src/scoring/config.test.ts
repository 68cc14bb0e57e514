import type { Entity } from '@backstage/catalog-model';
import {
  parseScoringConfig,
  ScoringConfigError,
  selectScoringProfile,
} from './config';
import { DEFAULT_SCORING_MODEL } from './model';

function issuesOf(raw: unknown): string[] {
  try {
    parseScoringConfig(raw);
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
  { name: 'Seed', min: 0, color: '#eeeeee' },
];

describe('parseScoringConfig', () => {
  it('gives the default model when app-config has no scoring block', () => {
    expect(parseScoringConfig(undefined)).toEqual({
      model: DEFAULT_SCORING_MODEL,
      profiles: [],
    });
  });

  it('merges partial blocks over the defaults, profiles over the top level', () => {
    const config = parseScoringConfig({
      dimensions: { activity: { weight: 10 } },
      readiness: { checks: { license: { weight: 5 } } },
      tiers: fourTiers,
      profiles: [
        {
          name: 'libraries',
          filter: { 'spec.type': 'library' },
          dimensions: { responsiveness: { weight: 0 } },
        },
      ],
    });
    expect(config.model.dimensions.activity).toEqual({
      ...DEFAULT_SCORING_MODEL.dimensions.activity,
      weight: 10,
    });
    expect(config.model.readiness.checks.license).toEqual({ weight: 5 });
    expect(config.model.tiers.map(t => t.name)).toEqual([
      'Gold',
      'Silver',
      'Bronze',
      'Seed',
    ]);
    const [libraries] = config.profiles;
    expect(libraries.model.dimensions.activity.weight).toBe(10);
    expect(libraries.model.dimensions.responsiveness.weight).toBe(0);
    expect(libraries.model.tiers).toEqual(config.model.tiers);
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
      'a negative weight',
      { dimensions: { activity: { weight: -1 } } },
      [
        'innersource.scoring.dimensions.activity.weight must be 0 or more, got -1',
      ],
    ],
    [
      'dimension weights summing to zero',
      {
        dimensions: {
          activity: { weight: 0 },
          readiness: { weight: 0 },
          collaboration: { weight: 0 },
          responsiveness: { weight: 0 },
        },
      },
      [
        'innersource.scoring.dimensions weights sum to 0; at least one dimension needs a positive weight',
      ],
    ],
    [
      'check weights summing to zero',
      {
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
      },
      [
        'innersource.scoring.readiness.checks weights sum to 0; at least one check needs a positive weight',
      ],
    ],
    [
      'tiers out of order (overlapping)',
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
      'a duplicate tier name and a bad colour',
      {
        tiers: [
          { name: 'A', min: 50, color: 'green' },
          { name: 'A', min: 0, color: '#000' },
        ],
      },
      [
        'innersource.scoring.tiers[0].color must be a colour like #2e7d32, got "green"',
        'innersource.scoring.tiers[1].name "A" is already used by tiers[0]',
      ],
    ],
    [
      'a duplicate profile name',
      { profiles: [{ name: 'libraries' }, { name: 'libraries' }] },
      [
        'innersource.scoring.profiles[1].name "libraries" is already used by profiles[0]',
      ],
    ],
    [
      'a wrong type',
      { dimensions: { activity: { weight: 'heavy' } } },
      ['innersource.scoring.dimensions.activity.weight must be a number'],
    ],
    [
      'an error inside a profile, named with its index',
      { profiles: [{ name: 'x', dimensions: { readiness: { weight: -2 } } }] },
      [
        'innersource.scoring.profiles[0].dimensions.readiness.weight must be 0 or more, got -2',
      ],
    ],
  ])('rejects %s, naming the key', (_name, raw, expected) => {
    expect(issuesOf(raw)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    expect(
      issuesOf({
        dimensions: { speed: {}, activity: { weight: -1 } },
        profiles: [{ name: 'a' }, { name: 'a' }],
      }),
    ).toHaveLength(3);
  });
});

describe('selectScoringProfile', () => {
  const config = parseScoringConfig({
    profiles: [
      {
        name: 'libraries',
        filter: { kind: 'Component', 'spec.type': 'library' },
      },
      { name: 'strict', filter: { 'metadata.tags': 'critical' } },
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
      entity('service', {}, ['critical']),
      'strict',
    ],
    ['the default when none matches', entity('service'), 'default'],
    [
      'the profile the annotation names, over any filter',
      entity('library', { 'innersource/scoring-profile': 'strict' }),
      'strict',
    ],
  ])('picks %s', (_name, e, expected) => {
    expect(selectScoringProfile(e, config)).toMatchObject({ name: expected });
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
});
