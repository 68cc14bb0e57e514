import type { Entity } from '@backstage/catalog-model';
import type { ProjectMetrics } from '../metrics';
import { parseScoringConfig } from './config';
import type { ScoringInput } from './model';
import { previewScoring, PreviewProject } from './preview';

const now = new Date('2026-11-24T00:00:00.000Z');

/** Only readiness is known, so the score is the weighted share of checks passed. */
function project(
  name: string,
  passed: Partial<ScoringInput['readiness']>,
  current: { score: number; tier: string },
): PreviewProject {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: { type: 'service' },
  };
  return {
    entityRef: `component:default/${name}`,
    entity,
    current,
    input: {
      metrics: {
        outsideContributionShare: null,
        outsideContributors: null,
        medianTimeToFirstResponseHours: null,
      } as ProjectMetrics,
      activity: null,
      readiness: {
        readme: false,
        contributing: false,
        codeownersOrTrustedCommitters: false,
        license: false,
        description: false,
        goodFirstIssues: 0,
        issueTemplates: false,
        ...passed,
      },
    },
  };
}

describe('previewScoring', () => {
  it('scores a list in memory under the candidate and orders the movers by the size of the move', () => {
    // Candidate tiers: Pass from 50, Fail below.
    const candidate = parseScoringConfig({
      tiers: [
        { name: 'Pass', min: 50, color: '#2e7d32' },
        { name: 'Fail', min: 0, color: '#9e9e9e' },
      ],
    });
    const projects = [
      // readme 3 + contributing 3 = 6 of 13 → 46: stays Fail
      project(
        'docs-only',
        { readme: true, contributing: true },
        { score: 46, tier: 'Fail' },
      ),
      // readme 3 + contributing 3 + codeowners 2 = 8 of 13 → 62 (was 20)
      project(
        'owned',
        {
          readme: true,
          contributing: true,
          codeownersOrTrustedCommitters: true,
        },
        { score: 20, tier: 'Fail' },
      ),
      // readme 3 of 13 → 23 (was 60)
      project('readme', { readme: true }, { score: 60, tier: 'Pass' }),
    ];
    expect(previewScoring(projects, candidate, now)).toEqual({
      projects: 3,
      before: [
        { tier: 'Fail', count: 2 },
        { tier: 'Pass', count: 1 },
      ],
      after: [
        { tier: 'Pass', count: 1 },
        { tier: 'Fail', count: 2 },
      ],
      changes: [
        {
          entityRef: 'component:default/owned',
          before: { score: 20, tier: 'Fail' },
          after: { score: 62, tier: 'Pass', profile: 'default' },
          delta: 42,
        },
        {
          entityRef: 'component:default/readme',
          before: { score: 60, tier: 'Pass' },
          after: { score: 23, tier: 'Fail', profile: 'default' },
          delta: -37,
        },
      ],
      profileErrors: [],
    });
  });
});
