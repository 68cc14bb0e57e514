import type { JsonObject } from '@backstage/types';

/**
 * Scoring blocks the backend must refuse, each with the message it refuses it
 * with: at startup from app-config, and with a 400 from the preview. Shared by
 * both tests so the two cannot drift apart.
 */
export const INVALID_SCORING_BLOCKS: Array<
  [what: string, block: JsonObject, message: string]
> = [
  [
    'an unknown dimension',
    { dimensions: { speed: { weight: 1 } } },
    'innersource.scoring.dimensions.speed is not a dimension; expected one of activity, readiness, collaboration, responsiveness',
  ],
  [
    'an unknown readiness check',
    { readiness: { checks: { tests: { weight: 1 } } } },
    'innersource.scoring.readiness.checks.tests is not a readiness check; expected one of readme, contributing, codeowners, license, description, goodFirstIssues, issueTemplates',
  ],
  [
    'a negative weight',
    { dimensions: { activity: { weight: -1 } } },
    'innersource.scoring.dimensions.activity.weight must be 0 or more, got -1',
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
    'innersource.scoring.dimensions weights sum to 0; at least one dimension needs a positive weight',
  ],
  [
    'tiers that overlap',
    {
      tiers: [
        { name: 'A', min: 50, color: '#ffffff' },
        { name: 'B', min: 60, color: '#000000' },
        { name: 'C', min: 0, color: '#000000' },
      ],
    },
    'innersource.scoring.tiers[1].min must be below tiers[0].min',
  ],
  [
    'tiers that leave a gap below the lowest',
    {
      tiers: [
        { name: 'A', min: 50, color: '#ffffff' },
        { name: 'B', min: 10, color: '#000000' },
      ],
    },
    'innersource.scoring.tiers[1].min must be 0 so that every score has a tier, got 10',
  ],
  [
    'duplicate profile names',
    {
      profiles: [
        { name: 'libraries', filter: { 'spec.type': 'library' } },
        { name: 'libraries', filter: { kind: 'System' } },
      ],
    },
    'innersource.scoring.profiles[1].name "libraries" is already used by profiles[0]',
  ],
];
