import {
  codeowners,
  contributingGuide,
  innersourceJson,
  issueTemplates,
  ProjectDetails,
} from './contents';

const project: ProjectDetails = {
  entityRef: 'component:default/payment-gateway',
  title: 'Payment gateway',
  description: 'Card and wallet payments for every checkout in the company',
  ownerTitle: 'Payments team',
  skills: ['java', 'kotlin'],
  repositoryUrl: 'https://github.com/acme/payment-gateway',
  labels: {
    helpWanted: ['help wanted'],
    goodFirstIssue: ['good first issue'],
  },
};

/** A project whose every catalog value tries to add markup or lines. */
const hostile: ProjectDetails = {
  ...project,
  entityRef: 'component:default/x',
  title: 'X\n* @evil/owners\n<script>alert(1)</script>',
  description: 'line one\n"quoted", }{',
  ownerTitle: '[owners](https://evil.example)',
  skills: ['**go**\n# heading'],
  labels: { helpWanted: ['help `wanted`'], goodFirstIssue: [] },
};

describe('contributingGuide', () => {
  it('names the project, its owners, labels, skills and repository', () => {
    const guide = contributingGuide(project);
    expect(guide.split('\n')).toEqual(
      expect.arrayContaining([
        '# Contributing to Payment gateway',
        'Payment gateway is an InnerSource project: anyone in the company may propose a change, and Payments team review and merge it.',
        '- Issues labelled good first issue are small enough for a first contribution.',
        '- Issues labelled help wanted are ones the owners would welcome help with.',
        '- Skills that help: java, kotlin.',
        '1. Create a branch or a fork of https://github.com/acme/payment-gateway.',
        'The owners answer issues and pull requests. If nobody has answered within a week, ask Payments team directly.',
      ]),
    );
  });

  it('leaves out the lines it has nothing for', () => {
    const guide = contributingGuide({
      ...project,
      ownerTitle: undefined,
      skills: [],
      labels: { helpWanted: [], goodFirstIssue: [] },
    });
    expect(guide).not.toContain('Issues labelled');
    expect(guide).not.toContain('Skills that help');
    expect(guide).toContain('and its owning team review and merge it.');
  });

  it('shows catalog values as text: no heading, link, HTML or new line of theirs', () => {
    const lines = contributingGuide(hostile).split('\n');
    expect(lines[0]).toBe(
      '# Contributing to X \\* @evil/owners \\<script\\>alert\\(1\\)\\</script\\>',
    );
    expect(lines).toContain('- Skills that help: \\*\\*go\\*\\* \\# heading.');
    expect(lines).toContain(
      '- Issues labelled help \\`wanted\\` are ones the owners would welcome help with.',
    );
    expect(lines.some(l => l.includes('[owners]'))).toBe(false);
    expect(lines.filter(l => l.startsWith('#'))).toEqual([
      lines[0],
      '## Where to start',
      '## Making a change',
      '## Reviews',
    ]);
  });
});

describe('codeowners', () => {
  it('owns every path by the handle, with a comment naming the entity', () => {
    expect(codeowners(project, '@acme/payments')).toBe(
      '# Code owners of Payment gateway, from the Backstage catalog (component:default/payment-gateway).\n' +
        '# GitHub asks them to review every pull request.\n' +
        '* @acme/payments\n',
    );
  });

  it('keeps a title with line breaks inside its comment line', () => {
    const lines = codeowners(hostile, '@acme/payments').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter(l => !l.startsWith('#'))).toEqual(['* @acme/payments']);
  });
});

describe('innersourceJson', () => {
  it('has the title, the description as motivation and the skills', () => {
    expect(JSON.parse(innersourceJson(project))).toEqual({
      title: 'Payment gateway',
      motivation: 'Card and wallet payments for every checkout in the company',
      skills: ['java', 'kotlin'],
    });
  });

  it('is valid JSON whatever the values hold', () => {
    expect(JSON.parse(innersourceJson(hostile))).toEqual({
      title: 'X * @evil/owners <script>alert(1)</script>',
      motivation: 'line one "quoted", }{',
      skills: ['**go** # heading'],
    });
  });

  it('has no motivation without a description', () => {
    expect(
      JSON.parse(innersourceJson({ ...project, description: undefined })),
    ).toEqual({ title: 'Payment gateway', skills: ['java', 'kotlin'] });
  });
});

describe('issueTemplates', () => {
  it('adds a bug report and a feature request', () => {
    expect(issueTemplates(project).map(t => t.path)).toEqual([
      '.github/ISSUE_TEMPLATE/bug_report.md',
      '.github/ISSUE_TEMPLATE/feature_request.md',
    ]);
    expect(issueTemplates(project)[0].content).toContain(
      'about: "Something in Payment gateway does not work as it should"\n',
    );
  });

  it('keeps a hostile title inside one quoted front matter value', () => {
    for (const { content } of issueTemplates(hostile)) {
      const frontMatter = content.split('---\n')[1].trimEnd().split('\n');
      expect(frontMatter).toHaveLength(3);
      expect(frontMatter[1]).toMatch(/^about: ".*"$/);
    }
  });
});

describe('on GitLab', () => {
  it.each([
    [
      'github' as const,
      [
        '3. Open a pull request that says what it changes and why. The code owners are asked for a review automatically.',
        'The owners answer issues and pull requests. If nobody has answered within a week, ask Payments team directly.',
      ],
    ],
    [
      'gitlab' as const,
      [
        '3. Open a merge request that says what it changes and why. The code owners are listed as its approvers.',
        'The owners answer issues and merge requests. If nobody has answered within a week, ask Payments team directly.',
      ],
    ],
  ])('the %s contributing guide names its change requests', (forge, lines) => {
    expect(contributingGuide(project, forge).split('\n')).toEqual(
      expect.arrayContaining(lines),
    );
  });

  it('CODEOWNERS says what GitLab does with its owners', () => {
    expect(codeowners(project, '@acme/finance/payments', 'gitlab')).toBe(
      '# Code owners of Payment gateway, from the Backstage catalog (component:default/payment-gateway).\n' +
        '# GitLab lists them as approvers of every merge request.\n' +
        '* @acme/finance/payments\n',
    );
  });

  it('issue templates are Markdown files in .gitlab/issue_templates/', () => {
    const templates = issueTemplates(project, 'gitlab');
    expect(templates.map(t => t.path)).toEqual([
      '.gitlab/issue_templates/Bug.md',
      '.gitlab/issue_templates/Feature request.md',
    ]);
    for (const { content } of templates) {
      expect(content).not.toContain('---');
      expect(content.split('\n')[0]).toMatch(/^## .*Payment gateway/);
    }
  });

  it('issue templates show a hostile title as text on one line', () => {
    const [bug, feature] = issueTemplates(hostile, 'gitlab');
    expect(bug.content.split('\n')[0]).toBe(
      '## What happened in X \\* @evil/owners \\<script\\>alert\\(1\\)\\</script\\>',
    );
    expect(
      feature.content.split('\n').filter(l => l.startsWith('#')),
    ).toHaveLength(3);
  });
});
