import type { Entity } from '@backstage/catalog-model';
import type { ProjectMetrics } from '../metrics';
import { parseScoringConfig } from './config';
import type { ScoringInput } from './model';
import { ScoringPreviewer } from './preview';

const now = new Date('2026-11-24T00:00:00.000Z');

function project(
  name: string,
  type: string,
  readmeOnly: boolean,
  current: { score: number; tier: string },
) {
  const metrics = {
    outsideContributionShare: null,
    outsideContributors: null,
    medianTimeToFirstResponseHours: null,
    openGoodFirstIssues: 0,
  } as unknown as ProjectMetrics;
  const input: ScoringInput = {
    metrics,
    activity: null,
    readiness: {
      readme: true,
      contributing: !readmeOnly,
      codeownersOrTrustedCommitters: !readmeOnly,
      license: !readmeOnly,
      description: !readmeOnly,
      goodFirstIssues: readmeOnly ? 0 : 1,
      issueTemplates: !readmeOnly,
    },
  };
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: { type },
  };
  return { entityRef: `component:default/${name}`, entity, input, current };
}

describe('ScoringPreviewer', () => {
  // Only readiness is known: a complete checklist scores 100, README alone 3/13 → 23.
  const complete = project('complete', 'service', false, {
    score: 100,
    tier: 'Thriving',
  });
  const sparseService = project('sparse-service', 'service', true, {
    score: 23,
    tier: 'Emerging',
  });
  const sparseLibrary = project('sparse-library', 'library', true, {
    score: 23,
    tier: 'Emerging',
  });

  it('counts tiers before and after a candidate and lists the projects that move, largest change first', () => {
    // Libraries only need a README: 100 for them under the candidate.
    const candidate = parseScoringConfig({
      tiers: [
        { name: 'Gold', min: 90, color: '#c9a227' },
        { name: 'Silver', min: 50, color: '#9e9e9e' },
        { name: 'Bronze', min: 0, color: '#8d6e63' },
      ],
      profiles: [
        {
          name: 'libraries',
          filter: { 'spec.type': 'library' },
          readiness: {
            checks: {
              contributing: { weight: 0 },
              codeowners: { weight: 0 },
              license: { weight: 0 },
              description: { weight: 0 },
              goodFirstIssues: { weight: 0 },
              issueTemplates: { weight: 0 },
            },
          },
        },
      ],
    });
    const previewer = new ScoringPreviewer(candidate, now, [
      'Thriving',
      'Growing',
      'Emerging',
    ]);
    previewer.add([complete, sparseService]);
    previewer.add([sparseLibrary]);

    expect(previewer.result()).toEqual({
      projects: 3,
      tiers: [
        { name: 'Gold', min: 90, color: '#c9a227' },
        { name: 'Silver', min: 50, color: '#9e9e9e' },
        { name: 'Bronze', min: 0, color: '#8d6e63' },
      ],
      before: [
        { tier: 'Thriving', count: 1 },
        { tier: 'Emerging', count: 2 },
      ],
      after: [
        { tier: 'Gold', count: 2 },
        { tier: 'Bronze', count: 1 },
      ],
      // 23, 23, 100 before; 100, 23, 100 after.
      histogram: {
        before: [0, 0, 2, 0, 0, 0, 0, 0, 0, 1],
        after: [0, 0, 1, 0, 0, 0, 0, 0, 0, 2],
      },
      changes: [
        {
          entityRef: 'component:default/sparse-library',
          before: { score: 23, tier: 'Emerging' },
          after: { score: 100, tier: 'Gold', profile: 'libraries' },
          delta: 77,
        },
        {
          entityRef: 'component:default/complete',
          before: { score: 100, tier: 'Thriving' },
          after: { score: 100, tier: 'Gold', profile: 'default' },
          delta: 0,
        },
        {
          entityRef: 'component:default/sparse-service',
          before: { score: 23, tier: 'Emerging' },
          after: { score: 23, tier: 'Bronze', profile: 'default' },
          delta: 0,
        },
      ],
      profileErrors: [],
    });
  });

  it('lists no change when the candidate is the current model', () => {
    const previewer = new ScoringPreviewer(parseScoringConfig(undefined), now);
    previewer.add([complete, sparseService]);
    expect(previewer.result().changes).toEqual([]);
  });

  it('reports entities whose annotation names a profile the candidate lacks', () => {
    const annotated = project('annotated', 'service', true, {
      score: 23,
      tier: 'Emerging',
    });
    annotated.entity.metadata.annotations = {
      'innersource/scoring-profile': 'gone',
    };
    const previewer = new ScoringPreviewer(parseScoringConfig(undefined), now);
    previewer.add([annotated]);
    expect(previewer.result().profileErrors).toEqual([
      {
        entityRef: 'component:default/annotated',
        error:
          'innersource/scoring-profile names "gone", but innersource.scoring has no such profile',
      },
    ]);
  });
});
