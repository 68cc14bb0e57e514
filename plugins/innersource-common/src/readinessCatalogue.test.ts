import {
  PROPOSABLE_READINESS_FILES,
  READINESS_CATALOGUE,
  READINESS_CHECK_DEFINITIONS,
  readinessFolders,
  readinessInputOf,
  type ReadinessSources,
} from './readinessCatalogue';
import type { RepositoryFiles } from './facts';
import {
  DEFAULT_SCORING_MODEL,
  READINESS_CHECK_IDS,
  READINESS_CHECKS,
} from './scoring/model';

const files: RepositoryFiles = {
  readme: true,
  contributing: false,
  codeowners: false,
  license: true,
  issueTemplate: false,
  pullRequestTemplate: true,
  innersourceJson: true,
};

const sources: ReadinessSources = {
  files,
  trustedCommitters: [],
  describesItself: true,
  openGoodFirstIssues: 2,
};

describe('the readiness catalogue', () => {
  it('defines each check once, under its own id, in display order', () => {
    expect(READINESS_CATALOGUE.map(c => c.id)).toEqual([
      'readme',
      'contributing',
      'codeowners',
      'license',
      'description',
      'goodFirstIssues',
      'issueTemplates',
    ]);
    for (const [id, check] of Object.entries(READINESS_CHECK_DEFINITIONS)) {
      expect(check.id).toBe(id);
    }
  });

  it('is what the scoring engine reads: ids, titles, advice and default weights', () => {
    expect(READINESS_CHECK_IDS).toEqual(READINESS_CATALOGUE.map(c => c.id));
    for (const check of READINESS_CATALOGUE) {
      expect(READINESS_CHECKS[check.id]).toEqual({
        title: check.label,
        advice: check.advice,
      });
      expect(DEFAULT_SCORING_MODEL.readiness.checks[check.id].weight).toBe(
        check.defaultWeight,
      );
    }
    expect(DEFAULT_SCORING_MODEL.readiness.checks.goodFirstIssues).toEqual({
      weight: 2,
      minimum: 1,
    });
  });

  it('never lets a README be exempted', () => {
    expect(READINESS_CHECK_DEFINITIONS.readme.exemptable).toBe(false);
  });

  it.each([
    ['git', ['', '.github/', 'docs/', '.gitlab/']],
    ['github', ['', '.github/', 'docs/']],
    ['gitlab', ['', 'docs/', '.gitlab/']],
  ] as const)('names the folders %s lists', (provider, folders) => {
    expect(readinessFolders(provider)).toEqual(folders);
  });

  it('puts a proposed file where it looks for it first, on each forge', () => {
    for (const { proposal } of PROPOSABLE_READINESS_FILES) {
      for (const forge of ['github', 'gitlab'] as const) {
        expect(proposal.lookUp[forge]).toContain(proposal.writeTo[forge]);
      }
    }
    expect(PROPOSABLE_READINESS_FILES.map(f => f.reason)).toEqual([
      'contributing',
      'codeowners',
      'issueTemplates',
      'innersourceJson',
    ]);
  });
});

describe('readinessInputOf', () => {
  it.each<[string, Partial<ReadinessSources>, object]>([
    [
      'files as detected, the description and good-first-issues as given',
      {},
      {
        readme: true,
        contributing: false,
        codeownersOrTrustedCommitters: false,
        license: true,
        description: true,
        goodFirstIssues: 2,
        issueTemplates: false,
      },
    ],
    [
      'unknown files are unknown, never missing',
      { files: null, describesItself: false, openGoodFirstIssues: null },
      {
        readme: null,
        contributing: null,
        codeownersOrTrustedCommitters: null,
        license: null,
        description: false,
        goodFirstIssues: null,
        issueTemplates: null,
      },
    ],
    [
      'trusted committers stand for CODEOWNERS, even when files are unknown',
      { files: null, trustedCommitters: ['user:default/ada'] },
      { codeownersOrTrustedCommitters: true },
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(readinessInputOf({ ...sources, ...overrides })).toMatchObject(
      expected,
    );
  });

  it('keeps the scoring input in the order snapshots store it', () => {
    expect(Object.keys(readinessInputOf(sources))).toEqual([
      'readme',
      'contributing',
      'codeownersOrTrustedCommitters',
      'license',
      'description',
      'goodFirstIssues',
      'issueTemplates',
    ]);
  });
});

describe('a check passes', () => {
  it.each([
    ['readme', true, 1, true],
    ['readme', false, 1, false],
    ['readme', null, 1, null],
    ['goodFirstIssues', 2, 3, false],
    ['goodFirstIssues', 3, 3, true],
    ['goodFirstIssues', null, 1, null],
  ] as const)('%s with %p (minimum %p): %p', (id, value, minimum, passed) => {
    expect(READINESS_CHECK_DEFINITIONS[id].passes(value, minimum)).toBe(passed);
  });
});
