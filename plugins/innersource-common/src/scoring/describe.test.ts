import { parseScoringConfig } from './config';
import { describeScoringModel } from './describe';

describe('describeScoringModel', () => {
  it('describes the default model in words and numbers', () => {
    const description = describeScoringModel(parseScoringConfig(undefined));
    // shares: 30/100, 30/100, 25/100, 15/100
    expect(description.default.dimensions).toEqual([
      {
        id: 'activity',
        title: 'Activity',
        weight: 30,
        share: 0.3,
        description:
          'The InnerSource Commons Repository Activity Score, mapped to 0-100 by the breakpoints.',
        breakpoints: [
          { raw: 5, value: 0 },
          { raw: 50, value: 20 },
          { raw: 150, value: 40 },
          { raw: 300, value: 60 },
          { raw: 1000, value: 80 },
          { raw: 2500, value: 100 },
        ],
      },
      {
        id: 'readiness',
        title: 'Readiness',
        weight: 30,
        share: 0.3,
        description:
          'The weighted share of the readiness checks the project passes.',
      },
      {
        id: 'collaboration',
        title: 'Collaboration',
        weight: 25,
        share: 0.25,
        description:
          'Half for an outside contribution share of 25% or more, half for 3 or more outside contributors, each in proportion below that.',
        targetShare: 0.25,
        targetContributors: 3,
      },
      {
        id: 'responsiveness',
        title: 'Responsiveness',
        weight: 15,
        share: 0.15,
        description:
          '100 when the median time to first response is 48 h or less, falling linearly to 0 at 192 h.',
        targetHours: 48,
      },
    ]);
    // shares of the checks: each weight over 3 + 3 + 2 + 1 + 1 + 2 + 1 = 13
    expect(
      description.default.readinessChecks.map(c => [
        c.id,
        c.weight,
        c.share,
        c.minimum,
      ]),
    ).toEqual([
      ['readme', 3, 3 / 13, undefined],
      ['contributing', 3, 3 / 13, undefined],
      ['codeowners', 2, 2 / 13, undefined],
      ['license', 1, 1 / 13, undefined],
      ['description', 1, 1 / 13, undefined],
      ['goodFirstIssues', 2, 2 / 13, 1],
      ['issueTemplates', 1, 1 / 13, undefined],
    ]);
    expect(description.default.tiers.map(t => t.name)).toEqual([
      'Thriving',
      'Growing',
      'Emerging',
    ]);
    expect(description.profiles).toEqual([]);
  });

  it('lists profiles with their filters and merged models, as plain JSON', () => {
    const description = describeScoringModel(
      parseScoringConfig({
        profiles: [
          {
            name: 'libraries',
            filter: { 'spec.type': 'library' },
            dimensions: { responsiveness: { weight: 0 } },
            readiness: { checks: { goodFirstIssues: { minimum: 2 } } },
          },
          { name: 'annotated' },
        ],
      }),
    );
    const [libraries, annotated] = description.profiles;
    expect(libraries.name).toBe('libraries');
    expect(libraries.filter).toEqual({ 'spec.type': 'library' });
    // 30 + 30 + 25 + 0 = 85
    expect(libraries.model.dimensions.map(d => [d.id, d.share])).toEqual([
      ['activity', 30 / 85],
      ['readiness', 30 / 85],
      ['collaboration', 25 / 85],
      ['responsiveness', 0],
    ]);
    expect(
      libraries.model.readinessChecks.find(c => c.id === 'goodFirstIssues')!
        .minimum,
    ).toBe(2);
    // A check switched off in a profile has no share; the others share its part.
    const noTemplates = describeScoringModel(
      parseScoringConfig({
        profiles: [
          {
            name: 'no-templates',
            readiness: { checks: { issueTemplates: { weight: 0 } } },
          },
        ],
      }),
    ).profiles[0].model.readinessChecks;
    expect(noTemplates.find(c => c.id === 'issueTemplates')!.share).toBe(0);
    expect(noTemplates.find(c => c.id === 'readme')!.share).toBe(3 / 12);
    expect(annotated.filter).toBeNull();
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });
});
