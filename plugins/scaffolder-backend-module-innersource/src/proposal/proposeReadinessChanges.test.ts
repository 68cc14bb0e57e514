import type {
  ReadinessCheckId,
  ReadinessCheckResult,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { ProjectDetails } from './contents';
import {
  pathsToLookUp,
  proposeReadinessChanges,
  RepositoryState,
} from './proposeReadinessChanges';

const project: ProjectDetails = {
  entityRef: 'component:default/payment-gateway',
  title: 'Payment gateway',
  description: 'Card and wallet payments for every checkout in the company',
  ownerTitle: 'Payments team',
  skills: ['java', 'kotlin'],
  repositoryUrl: 'https://github.com/acme/payment-gateway',
  labels: {
    helpWanted: ['help wanted', 'contributions welcome'],
    goodFirstIssue: ['good first issue'],
  },
};

const ALL_CHECKS: ReadinessCheckId[] = [
  'readme',
  'contributing',
  'codeowners',
  'license',
  'description',
  'goodFirstIssues',
  'issueTemplates',
];

function checks(failing: ReadinessCheckId[]): ReadinessCheckResult[] {
  return ALL_CHECKS.map(id => ({
    id,
    title: `${id} title`,
    passed: !failing.includes(id),
    weight: 1,
    advice: `fix ${id}`,
  }));
}

const emptyRepository: RepositoryState = {
  presentPaths: [],
  presentLabels: [],
};

function propose(
  failing: ReadinessCheckId[],
  repository: RepositoryState = emptyRepository,
  codeOwner: { handle: string } | { error: string } = {
    handle: '@acme/payments',
  },
) {
  return proposeReadinessChanges({
    project,
    readiness: checks(failing),
    codeOwner,
    repository,
  });
}

describe('proposeReadinessChanges', () => {
  it.each<[string, ReadinessCheckId[], RepositoryState, string[]]>([
    [
      'every file check failing, nothing in the repository',
      ['contributing', 'codeowners', 'issueTemplates'],
      emptyRepository,
      [
        'CONTRIBUTING.md',
        '.github/CODEOWNERS',
        '.github/ISSUE_TEMPLATE/bug_report.md',
        '.github/ISSUE_TEMPLATE/feature_request.md',
        'innersource.json',
      ],
    ],
    [
      'only CODEOWNERS failing',
      ['codeowners'],
      emptyRepository,
      ['.github/CODEOWNERS', 'innersource.json'],
    ],
    [
      'every check passing and innersource.json present: nothing',
      [],
      { presentPaths: ['innersource.json'], presentLabels: [] },
      [],
    ],
    [
      'a failing check whose file arrived since the last refresh',
      ['contributing', 'codeowners'],
      {
        presentPaths: ['.github/CONTRIBUTING.md', 'innersource.json'],
        presentLabels: [],
      },
      ['.github/CODEOWNERS'],
    ],
    [
      'a CODEOWNERS in docs/ counts',
      ['codeowners'],
      {
        presentPaths: ['docs/CODEOWNERS', 'innersource.json'],
        presentLabels: [],
      },
      [],
    ],
    [
      'an existing issue template folder counts',
      ['issueTemplates'],
      {
        presentPaths: ['.github/ISSUE_TEMPLATE', 'innersource.json'],
        presentLabels: [],
      },
      [],
    ],
  ])('%s', (_case, failing, repository, paths) => {
    expect(propose(failing, repository).files.map(f => f.path)).toEqual(paths);
  });

  it('says which present file made it skip a failing check', () => {
    expect(
      propose(['contributing'], {
        presentPaths: ['docs/CONTRIBUTING.md'],
        presentLabels: [],
      }).skipped,
    ).toEqual([
      {
        reason: 'contributing',
        message: 'docs/CONTRIBUTING.md is already in the repository',
      },
    ]);
  });

  it('skips CODEOWNERS with the reason when the owner has no GitHub handle', () => {
    const proposal = propose(['codeowners'], emptyRepository, {
      error: 'user:default/jane has no valid github.com/user-login annotation',
    });
    expect(proposal.files.map(f => f.path)).toEqual(['innersource.json']);
    expect(proposal.skipped).toEqual([
      {
        reason: 'codeowners',
        message:
          'user:default/jane has no valid github.com/user-login annotation',
      },
    ]);
  });

  it('lists failing checks no file fixes, with their advice', () => {
    expect(
      propose(['readme', 'license', 'description', 'goodFirstIssues']).manual,
    ).toEqual([
      { id: 'readme', title: 'readme title', advice: 'fix readme' },
      { id: 'license', title: 'license title', advice: 'fix license' },
      {
        id: 'description',
        title: 'description title',
        advice: 'fix description',
      },
    ]);
  });

  it.each<[string, string[], string[]]>([
    [
      'none exists',
      [],
      ['good first issue', 'help wanted', 'contributions welcome'],
    ],
    [
      'one exists in another case',
      ['Help Wanted'],
      ['good first issue', 'contributions welcome'],
    ],
    [
      'all exist',
      ['good first issue', 'help wanted', 'contributions welcome'],
      [],
    ],
  ])('labels: %s', (_case, presentLabels, created) => {
    expect(
      propose([], {
        presentPaths: ['innersource.json'],
        presentLabels,
      }).labels.map(l => l.name),
    ).toEqual(created);
  });

  it('gives labels GitHub colours and descriptions', () => {
    expect(
      propose([], {
        presentPaths: [],
        presentLabels: ['help wanted', 'contributions welcome'],
      }).labels,
    ).toEqual([
      {
        name: 'good first issue',
        color: '7057ff',
        description: 'Small enough for a first contribution',
      },
    ]);
  });

  it('never proposes a label GitHub would refuse, and says so', () => {
    const proposal = proposeReadinessChanges({
      project: {
        ...project,
        labels: { helpWanted: ['two\nlines'], goodFirstIssue: [] },
      },
      readiness: [],
      codeOwner: { handle: '@acme/payments' },
      repository: emptyRepository,
    });
    expect(proposal.labels).toEqual([]);
    expect(proposal.skipped).toEqual([
      {
        reason: 'label',
        message:
          'the label "two\\nlines" is not a GitHub label name (one line, at most 50 characters)',
      },
    ]);
  });

  it('looks up every place GitHub reads these files from', () => {
    expect(pathsToLookUp()).toEqual([
      'CONTRIBUTING.md',
      '.github/CONTRIBUTING.md',
      'docs/CONTRIBUTING.md',
      'CONTRIBUTING',
      'CODEOWNERS',
      '.github/CODEOWNERS',
      'docs/CODEOWNERS',
      '.github/ISSUE_TEMPLATE',
      'innersource.json',
    ]);
  });
});
