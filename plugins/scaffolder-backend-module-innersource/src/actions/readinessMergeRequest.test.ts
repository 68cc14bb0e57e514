import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ProjectSummary,
  ReadinessCheckId,
} from '@innersource-for-backstage/plugin-innersource-common';
import { http, HttpResponse } from 'msw';
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
import { FakeGitlabProject } from '../__testUtils__/FakeGitlabProject';
import { GithubReadinessRepository } from '../github/GithubReadinessRepository';
import { GitlabReadinessRepository } from '../gitlab/GitlabReadinessRepository';
import { createReadinessPullRequestAction } from './readinessPullRequest';

// The first action run loads the scaffolder's and the catalog's modules: slow on a shared machine.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'billing',
    namespace: 'default',
    title: 'Billing',
    description: 'Invoices and payment runs',
    annotations: {
      // registered from its own project's default branch
      'backstage.io/managed-by-location':
        'url:https://gitlab.com/acme/finance/billing/-/blob/main/catalog-info.yaml',
      'gitlab.com/project-slug': 'acme/finance/billing',
      'innersource/skills': 'go',
      'innersource/help-wanted-labels': 'contributions welcome',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {
    type: 'team',
    profile: { displayName: 'Payments team' },
    children: [],
  },
};

function summary(failing: ReadinessCheckId[]): ProjectSummary {
  return projectSummary(
    {
      entityRef: 'component:default/billing',
      title: 'Billing',
      owner: 'group:default/payments',
      score: 30,
      repository: { provider: 'gitlab', name: 'acme/finance/billing' },
    },
    failing,
  );
}

function innersourceApi(project: ProjectSummary) {
  serveInnerSourceProject(server, project);
}

/** What the permission policy was asked in the last run. */
let asked: ReturnType<typeof fakePermissions>['asked'];

async function run(
  input: ActionInput,
  options: {
    isDryRun?: boolean;
    entities?: Entity[];
    gitlabIntegrations?: object[];
    /** Who may propose changes for which entity; everyone by default. */
    rule?: ProposeRule;
    user?: string;
  } = {},
) {
  const permissions = fakePermissions(options.rule);
  asked = permissions.asked;
  const config = new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 'ghp_portal' }],
      gitlab: options.gitlabIntegrations ?? [
        {
          host: 'gitlab.com',
          apiBaseUrl: 'https://gitlab.com/api/v4',
          token: 'glpat-portal',
        },
      ],
    },
  });
  const action = createReadinessPullRequestAction({
    catalog: catalogServiceMock({
      entities: options.entities ?? [component, group],
    }),
    auth: mockServices.auth(),
    permissions: permissions.permissions,
    innersource: innersourceClient(),
    github: GithubReadinessRepository.fromConfig(config),
    gitlab: GitlabReadinessRepository.fromConfig(config),
    labels: {
      helpWanted: ['help wanted'],
      goodFirstIssue: ['good first issue'],
    },
  });
  return runAction(action, input, options);
}

const PROJECT = '/api/v4/projects/acme%2Ffinance%2Fbilling';

const EXPECTED_FILES = [
  'CONTRIBUTING.md',
  '.gitlab/CODEOWNERS',
  '.gitlab/issue_templates/Bug.md',
  '.gitlab/issue_templates/Feature request.md',
  'innersource.json',
];

const ALL_FAILING: ReadinessCheckId[] = [
  'contributing',
  'codeowners',
  'issueTemplates',
  'goodFirstIssues',
  'license',
];

describe('innersource:readiness:pull-request on GitLab', () => {
  let gitlab: FakeGitlabProject;
  /** Every request that reached the network, whoever it was for. */
  let requests: Array<{ method: string; url: string }>;

  beforeEach(() => {
    gitlab = new FakeGitlabProject('acme/finance/billing');
    gitlab.files.add('README.md');
    gitlab.files.add('src/main.go');
    gitlab.labels.add('help wanted');
    gitlab.use(server);
    requests = recordRequests(server);
  });

  afterEach(() => {
    server.events.removeAllListeners();
  });

  it('in a dry run, lists the GitLab files and labels and writes nothing', async () => {
    innersourceApi(summary(ALL_FAILING));

    const outputs = await run(
      { entityRef: 'component:default/billing' },
      { isDryRun: true },
    );

    expect(gitlab.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      `GET ${PROJECT}`,
      `GET ${PROJECT}/repository/tree`,
      `GET ${PROJECT}/repository/tree`,
      `GET ${PROJECT}/repository/tree`,
      `GET ${PROJECT}/labels`,
      `GET ${PROJECT}/labels`,
      `GET ${PROJECT}/labels`,
      `GET ${PROJECT}/repository/branches/innersource-readiness`,
    ]);
    // the root, docs/ and .gitlab/ of the default branch
    expect(
      gitlab.calls
        .filter(c => c.path.endsWith('/repository/tree'))
        .map(c => [c.query.ref, c.query.path]),
    ).toEqual([
      ['main', undefined],
      ['main', 'docs'],
      ['main', '.gitlab'],
    ]);
    expect(
      gitlab.calls
        .filter(c => c.path.endsWith('/labels'))
        .map(c => c.query.search),
    ).toEqual(['good first issue', 'help wanted', 'contributions welcome']);
    expect(
      gitlab.calls.every(c => c.authorization === 'Bearer glpat-portal'),
    ).toBe(true);
    // Not one write, to GitLab or anywhere else: every request that went
    // out was one of GitLab's reads or the InnerSource backend's.
    expect(requests).toHaveLength(gitlab.calls.length + 1);
    expect(requests.filter(r => r.method !== 'GET')).toEqual([]);

    const files = outputs.files as Array<{ path: string; content: string }>;
    expect(files.map(f => f.path)).toEqual(EXPECTED_FILES);
    const content = Object.fromEntries(files.map(f => [f.path, f.content]));
    expect(content['.gitlab/CODEOWNERS']).toBe(
      [
        '# Code owners of Billing, from the Backstage catalog (component:default/billing).',
        '# GitLab lists them as approvers of every merge request.',
        '* @acme/finance/payments',
        '',
      ].join('\n'),
    );
    expect(content['CONTRIBUTING.md']).toContain(
      '1. Create a branch or a fork of https://gitlab.com/acme/finance/billing.',
    );
    expect(content['CONTRIBUTING.md']).toContain(
      '3. Open a merge request that says what it changes and why. The code owners are listed as its approvers.',
    );
    expect(content['.gitlab/issue_templates/Bug.md']).toMatch(
      /^## What happened in Billing\n/,
    );
    expect(content['.gitlab/issue_templates/Feature request.md']).toMatch(
      /^## What Billing should do\n/,
    );
    expect(JSON.parse(content['innersource.json'])).toEqual({
      title: 'Billing',
      motivation: 'Invoices and payment runs',
      skills: ['go'],
    });
    expect(outputs.labels).toEqual([
      'good first issue',
      'contributions welcome',
    ]);
    expect(outputs.pullRequestUrl).toBeUndefined();
    expect(outputs.summary).toMatch(
      /^Dry run: this is what the merge request to acme\/finance\/billing would add\. Nothing was written\.\n/,
    );
  });

  it('creates the labels, one commit that makes the branch from the default branch, and the merge request', async () => {
    innersourceApi(summary(ALL_FAILING));

    const outputs = await run({ entityRef: 'component:default/billing' });

    expect(gitlab.writes.map(c => `${c.method} ${c.path}`)).toEqual([
      `POST ${PROJECT}/labels`,
      `POST ${PROJECT}/labels`,
      `POST ${PROJECT}/repository/commits`,
      `POST ${PROJECT}/merge_requests`,
    ]);
    const [goodFirst, welcome, commit, merge] = gitlab.writes;
    expect(goodFirst.body).toEqual({
      name: 'good first issue',
      color: '#7057ff',
      description: 'Small enough for a first contribution',
    });
    expect(welcome.body).toEqual({
      name: 'contributions welcome',
      color: '#008672',
      description: 'The owners would welcome help with this',
    });
    expect(commit.body).toMatchObject({
      branch: 'innersource-readiness',
      start_branch: 'main',
    });
    expect(commit.body.commit_message).toBe(
      [
        'Add what the InnerSource readiness checklist asks for',
        '',
        ...EXPECTED_FILES.map(path => `- ${path}`),
      ].join('\n'),
    );
    expect(
      commit.body.actions.map((a: { action: string; file_path: string }) => [
        a.action,
        a.file_path,
      ]),
    ).toEqual(EXPECTED_FILES.map(path => ['create', path]));
    const files = outputs.files as Array<{ path: string; content: string }>;
    expect(
      commit.body.actions.map((a: { content: string }) => a.content),
    ).toEqual(files.map(f => f.content));
    expect(merge.body).toMatchObject({
      source_branch: 'innersource-readiness',
      target_branch: 'main',
      title: 'Make component:default/billing InnerSource-ready',
      remove_source_branch: true,
    });
    expect(merge.body.description).toMatch(
      /^This merge request adds what the InnerSource readiness checklist of `component:default\/billing` in Backstage asks for:\n/,
    );
    expect(merge.body.description).toContain('- `.gitlab/CODEOWNERS`');
    expect(merge.body.description).toContain(
      'It also created the labels the portal collects help-wanted issues by:\n- good first issue\n- contributions welcome',
    );
    expect(outputs.pullRequestUrl).toBe(
      'https://gitlab.com/acme/finance/billing/-/merge_requests/7',
    );
    expect(outputs.pullRequestNumber).toBe(7);
    expect([...gitlab.branches]).toEqual(['main', 'innersource-readiness']);
  });

  it('proposes only what the project still lacks, where GitLab reads it', async () => {
    innersourceApi(summary(['contributing', 'codeowners', 'issueTemplates']));
    gitlab.files.add('docs/CONTRIBUTING.md');
    gitlab.files.add('.gitlab/issue_templates/Incident.md');
    gitlab.files.add('innersource.json');
    gitlab.labels.add('Good First Issue');
    gitlab.labels.add('contributions welcome');

    const outputs = await run({ entityRef: 'component:default/billing' });

    expect(gitlab.writes.map(c => `${c.method} ${c.path}`)).toEqual([
      `POST ${PROJECT}/repository/commits`,
      `POST ${PROJECT}/merge_requests`,
    ]);
    expect(
      gitlab.writes[0].body.actions.map(
        (a: { file_path: string }) => a.file_path,
      ),
    ).toEqual(['.gitlab/CODEOWNERS']);
    expect(outputs.skipped).toEqual([
      'docs/CONTRIBUTING.md is already in the repository',
      '.gitlab/issue_templates is already in the repository',
    ]);
  });

  it('treats a label made in the meantime (409) as there', async () => {
    // innersource.json is missing: labels are created only with a merge request
    innersourceApi(summary(['goodFirstIssues']));
    gitlab.labels.add('contributions welcome');
    // The label appears between the inspection and the write.
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'GET' && request.url.includes('/branches/')) {
        gitlab.labels.add('good first issue');
      }
    });

    const outputs = await run({ entityRef: 'component:default/billing' });

    expect(gitlab.writes.map(c => `${c.method} ${c.path}`)).toEqual([
      `POST ${PROJECT}/labels`,
      `POST ${PROJECT}/repository/commits`,
      `POST ${PROJECT}/merge_requests`,
    ]);
    expect(outputs.labels).toEqual(['good first issue']);
    expect(outputs.pullRequestUrl).toBe(
      'https://gitlab.com/acme/finance/billing/-/merge_requests/7',
    );
  });

  it('creates no label without a merge request', async () => {
    innersourceApi(summary(['goodFirstIssues']));
    gitlab.files.add('innersource.json');

    const outputs = await run({ entityRef: 'component:default/billing' });

    expect(requests.filter(r => r.method !== 'GET')).toEqual([]);
    expect(outputs.labels).toEqual([]);
    expect(outputs.skipped).toEqual(
      ['good first issue', 'contributions welcome'].map(
        l =>
          `the label "${l}" is missing, and labels are created only with a merge request, which has no file to add here: create it in the repository`,
      ),
    );
  });

  it.each([false, true])(
    'refuses a user the policy does not let propose changes for the entity, before any request (dry run: %s)',
    async isDryRun => {
      innersourceApi(summary(ALL_FAILING));

      const attempt = run(
        { entityRef: 'component:default/billing' },
        {
          isDryRun,
          user: 'user:default/mallory',
          rule: user => user === 'user:default/jane',
        },
      );

      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        'you may not propose readiness changes for component:default/billing: innersource.readiness.propose is granted to its owners',
      );
      expect(asked).toEqual([
        {
          permission: 'innersource.readiness.propose',
          resourceRef: 'component:default/billing',
          user: 'user:default/mallory',
        },
      ]);
      expect(requests).toEqual([]);
    },
  );

  it.each<[string, string, boolean]>([
    [
      'another project',
      'url:https://gitlab.com/acme/finance/ledger/-/blob/main/catalog-info.yaml',
      false,
    ],
    [
      'a project in a subgroup of it',
      'url:https://gitlab.com/acme/finance/billing/sub/-/blob/main/catalog-info.yaml',
      true,
    ],
    [
      "the project without GitLab's /-/ before the file",
      'url:https://gitlab.com/acme/finance/billing/blob/main/catalog-info.yaml',
      false,
    ],
    ['a file on the backend', 'file:/srv/catalog/all.yaml', true],
  ])(
    'refuses an entity registered from %s, before any request',
    async (_case, location, isDryRun) => {
      innersourceApi(summary(ALL_FAILING));
      const elsewhere: Entity = {
        ...component,
        metadata: {
          ...component.metadata,
          annotations: {
            ...component.metadata.annotations,
            'backstage.io/managed-by-location': location,
          },
        },
      };

      const attempt = run(
        { entityRef: 'component:default/billing' },
        { isDryRun, entities: [elsewhere, group] },
      );

      await expect(attempt).rejects.toThrow(NotAllowedError);
      await expect(attempt).rejects.toThrow(
        'component:default/billing was not registered from a catalog file in gitlab.com/acme/finance/billing (its backstage.io/managed-by-location)',
      );
      expect(requests).toEqual([]);
    },
  );

  it("makes every GitLab request with the user's own token when the template passes one", async () => {
    innersourceApi(summary(['contributing']));

    const outputs = await run({
      entityRef: 'component:default/billing',
      repoUrl: 'gitlab.com?owner=acme%2Ffinance&repo=billing',
      token: 'user-oauth-token',
    });

    expect(outputs.pullRequestUrl).toBe(
      'https://gitlab.com/acme/finance/billing/-/merge_requests/7',
    );
    expect(gitlab.calls.length).toBeGreaterThan(0);
    expect(gitlab.calls.map(c => c.authorization)).toEqual(
      gitlab.calls.map(() => 'Bearer user-oauth-token'),
    );
  });

  it("says when GitLab refuses the user's own token", async () => {
    innersourceApi(summary(['contributing']));
    gitlab.refusal = { status: 403, message: '403 Forbidden' };

    await expect(
      run({
        entityRef: 'component:default/billing',
        repoUrl: 'gitlab.com?owner=acme%2Ffinance&repo=billing',
        token: 'user-oauth-token',
      }),
    ).rejects.toThrow(
      'GitLab on gitlab.com refused access to acme/finance/billing with your token (403): you need the Developer role in the project',
    );
  });

  it('refuses when its branch exists already, before writing anything', async () => {
    innersourceApi(summary(['contributing']));
    gitlab.branches.add('innersource-readiness');

    await expect(
      run({ entityRef: 'component:default/billing' }),
    ).rejects.toThrow(
      'the branch innersource-readiness already exists in acme/finance/billing: merge or close its merge request, or choose another branchName',
    );
    expect(requests.filter(r => r.method !== 'GET')).toEqual([]);
  });

  it("opens the merge request on a private project the entity was registered from: the owner's authority decides, not the visibility", async () => {
    innersourceApi(summary(['contributing']));
    gitlab.visibility = 'private';

    const outputs = await run({ entityRef: 'component:default/billing' });

    expect(outputs.pullRequestUrl).toBe(
      'https://gitlab.com/acme/finance/billing/-/merge_requests/7',
    );
  });

  it.each([
    [
      401,
      'the GitLab token for gitlab.com was refused (401); check integrations.gitlab',
    ],
    [
      403,
      'GitLab on gitlab.com refused access to acme/finance/billing (403): the token needs the api scope and the Developer role in the project',
    ],
    [
      404,
      'acme/finance/billing was not found on gitlab.com, or its GitLab token may not read it (404)',
    ],
  ])('explains a %s from GitLab', async (status, message) => {
    innersourceApi(summary(['contributing']));
    gitlab.refusal = { status, message: `${status} refused` };

    await expect(
      run({ entityRef: 'component:default/billing' }),
    ).rejects.toThrow(message);
    expect(requests.filter(r => r.method !== 'GET')).toEqual([]);
  });

  it('names the project when a write is refused', async () => {
    innersourceApi(summary(['contributing']));
    server.use(
      http.post(`https://gitlab.com${PROJECT}/repository/commits`, () =>
        HttpResponse.json({ message: '403 Forbidden' }, { status: 403 }),
      ),
    );

    await expect(
      run({ entityRef: 'component:default/billing' }),
    ).rejects.toThrow(
      'GitLab on gitlab.com refused access to acme/finance/billing (403)',
    );
  });

  it('finds the project of a source location on a self-managed GitLab served under a path', async () => {
    const selfManaged = new FakeGitlabProject(
      'platform/billing',
      'https://git.acme.example/gitlab/api/v4',
      'https://git.acme.example/gitlab',
    );
    selfManaged.use(server);
    innersourceApi(summary(['contributing']));
    const located: Entity = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: {
          'backstage.io/source-location':
            'url:https://git.acme.example/gitlab/platform/billing/-/tree/main/',
          'backstage.io/managed-by-location':
            'url:https://git.acme.example/gitlab/platform/billing/-/blob/main/catalog-info.yaml',
        },
      },
    };

    const outputs = await run(
      { entityRef: 'component:default/billing' },
      {
        isDryRun: true,
        entities: [located, group],
        gitlabIntegrations: [
          {
            host: 'git.acme.example',
            baseUrl: 'https://git.acme.example/gitlab',
            apiBaseUrl: 'https://git.acme.example/gitlab/api/v4',
            token: 'glpat-self',
          },
        ],
      },
    );

    expect(selfManaged.calls[0]).toMatchObject({
      method: 'GET',
      path: '/gitlab/api/v4/projects/platform%2Fbilling',
      authorization: 'Bearer glpat-self',
    });
    const files = outputs.files as Array<{ path: string; content: string }>;
    expect(files.find(f => f.path === 'CONTRIBUTING.md')?.content).toContain(
      'https://git.acme.example/gitlab/platform/billing',
    );
  });

  it('says when integrations.gitlab has no token for the host', async () => {
    innersourceApi(summary(['contributing']));
    await expect(
      run(
        { entityRef: 'component:default/billing' },
        { gitlabIntegrations: [{ host: 'gitlab.com' }] },
      ),
    ).rejects.toThrow(
      'no GitLab token for gitlab.com: add a token to integrations.gitlab',
    );
    expect(gitlab.calls).toEqual([]);
  });
});
