import {
  PROPOSABLE_READINESS_FILES,
  type ReadinessProvider,
  type RepositoryFiles,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  detectRepositoryFiles,
  parseInnerSourceJson,
} from './repositoryContent';

const none = {
  readme: false,
  contributing: false,
  codeowners: false,
  license: false,
  issueTemplate: false,
  pullRequestTemplate: false,
  innersourceJson: false,
};

describe('detectRepositoryFiles', () => {
  it.each([
    [['README.md'], { readme: true }],
    [['readme'], { readme: true }],
    [['docs/README.md'], {}],
    [['.github/CONTRIBUTING.md'], { contributing: true }],
    [['docs/CONTRIBUTING.rst'], { contributing: true }],
    [['CODEOWNERS'], { codeowners: true }],
    [['.github/CODEOWNERS'], { codeowners: true }],
    [['docs/CODEOWNERS'], { codeowners: true }],
    [['src/CODEOWNERS'], {}],
    [['LICENSE'], { license: true }],
    [['LICENCE.txt'], { license: true }],
    [['COPYING'], { license: true }],
    [['.github/ISSUE_TEMPLATE'], { issueTemplate: true }],
    [['.github/issue_template.md'], { issueTemplate: true }],
    [['.gitlab/issue_templates'], { issueTemplate: true }],
    [['.github/PULL_REQUEST_TEMPLATE.md'], { pullRequestTemplate: true }],
    [['.gitlab/merge_request_templates'], { pullRequestTemplate: true }],
    [['innersource.json'], { innersourceJson: true }],
  ])('finds %p', (entries, found) => {
    expect(detectRepositoryFiles(entries)).toEqual({ ...none, ...found });
  });

  it("counts an entity's own folder and the repository root", () => {
    expect(
      detectRepositoryFiles(
        [
          'plugins/search/README.md',
          'plugins/search/innersource.json',
          'LICENSE',
        ],
        'plugins/search/',
      ),
    ).toEqual({ ...none, readme: true, innersourceJson: true, license: true });
  });
});

describe('detectRepositoryFiles on each forge', () => {
  it.each<[ReadinessProvider, string[], Partial<RepositoryFiles>]>([
    ['gitlab', ['.gitlab/CODEOWNERS'], { codeowners: true }],
    ['gitlab', ['docs/CODEOWNERS'], { codeowners: true }],
    ['gitlab', ['.gitlab/issue_templates'], { issueTemplate: true }],
    [
      'gitlab',
      ['.gitlab/merge_request_templates'],
      { pullRequestTemplate: true },
    ],
    ['gitlab', ['.github/CODEOWNERS'], {}],
    ['github', ['.gitlab/CODEOWNERS'], {}],
    ['github', ['.gitlab/issue_templates'], {}],
    [
      'github',
      ['.github/ISSUE_TEMPLATE', 'docs/CONTRIBUTING.md'],
      { issueTemplate: true, contributing: true },
    ],
    ['git', ['.gitlab/CODEOWNERS'], {}],
    ['git', ['.gitlab/issue_templates'], { issueTemplate: true }],
  ])('on %s, finds %p', (provider, entries, found) => {
    expect(detectRepositoryFiles(entries, '', provider)).toEqual({
      ...none,
      ...found,
    });
  });

  it.each(['github', 'gitlab'] as const)(
    'on %s, counts every path the readiness pull request looks up or writes',
    forge => {
      for (const { reason, proposal } of PROPOSABLE_READINESS_FILES) {
        const fact =
          reason === 'issueTemplates'
            ? 'issueTemplate'
            : (reason as keyof RepositoryFiles);
        for (const path of [
          ...proposal.lookUp[forge],
          proposal.writeTo[forge],
        ]) {
          expect([
            path,
            detectRepositoryFiles([path], '', forge)[fact],
          ]).toEqual([path, true]);
        }
      }
    },
  );
});

describe('parseInnerSourceJson', () => {
  it('keeps the known fields of their expected types', () => {
    expect(
      parseInnerSourceJson(
        JSON.stringify({
          title: 'Search',
          skills: ['typescript', 3, 'react'],
          contributions: 'not a list',
          logo: 7,
          extra: true,
        }),
      ),
    ).toEqual({ title: 'Search', skills: ['typescript', 'react'] });
  });

  it('gives null for JSON that is not an object, and throws for text that is not JSON', () => {
    expect(parseInnerSourceJson('[1]')).toBeNull();
    expect(() => parseInnerSourceJson('{ nope')).toThrow(SyntaxError);
  });
});
