import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { unavailableRepositoryMessage } from '@innersource-for-backstage/plugin-innersource-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGitlab } from './__testUtils__/FakeGitlab';
import { fakeProject, gitlabHandlers } from './__testUtils__/fixtures';
import {
  byRef,
  collectRequest,
  NOW,
  testProvider,
} from './__testUtils__/provider';

const server = setupServer();
registerMswTestHooks(server);

describe('GitlabProvider', () => {
  it('reads several projects in one GraphQL request and their commits from REST: stats, history, merge requests, tasks, files', async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/payments', NOW, { id: 1 }),
      fakeProject('acme/platform/search', NOW, { id: 2, commits: 10 }),
    );
    fake.find('acme/payments')!.commits.push({
      id: 'merge'.padEnd(40, '0'),
      committedDate: '2026-11-20T00:00:00Z',
      authorName: 'Ian Insider',
      authorEmail: 'ian@acme.example',
      merge: true,
    });
    server.use(...gitlabHandlers(fake));

    const results = byRef(
      await testProvider().provider.collect(
        [
          collectRequest('acme/payments'),
          collectRequest('acme/platform/search'),
        ],
        {},
      ),
    );

    // one GraphQL request for both projects, one page of commits each
    expect(fake.requests).toMatchObject({ graphql: 1, rest: 2 });
    const payments = results['component:default/payments'];
    if (payments.outcome !== 'collected') throw new Error(payments.outcome);
    const { facts } = payments;
    expect(facts).toMatchObject({
      provider: 'gitlab',
      repository: 'acme/payments',
      webUrl: 'https://gitlab.com/acme/payments',
      description: 'The payments service, with contributions welcome',
      stars: 40,
      forks: 7,
      // GitLab has no watchers
      watchers: null,
      openIssues: 5,
      primaryLanguage: 'TypeScript',
      defaultBranch: 'main',
      createdAt: '2024-06-07T12:00:00.000Z',
      updatedAt: '2026-11-23T12:00:00.000Z',
      // issues created in the 90 days
      issuesOpened: 5,
      files: {
        readme: true,
        contributing: true,
        // .gitlab/CODEOWNERS and the .gitlab/ templates
        codeowners: true,
        license: true,
        issueTemplate: true,
        pullRequestTemplate: true,
        innersourceJson: true,
      },
      innersourceJson: {
        title: 'payments',
        skills: ['typescript', 'graphql'],
        contributions: ['documentation'],
      },
    });
    // 40 commits in the window with their authors; the merge commit is left out
    expect(facts.commits).toHaveLength(40);
    expect(facts.commits![0]).toEqual({
      sha: 'payments-c0'.padEnd(40, '0'),
      author: { name: 'Olga Outsider', email: 'olga@acme.example' },
      committedAt: '2026-11-23T12:00:00.000Z',
    });
    expect(facts.weeklyCommits!.reduce((a, b) => a + b, 0)).toBe(40);
    expect(facts.pullRequests).toHaveLength(20);
    // the author's push (a system note) after 30 minutes and the bot after an
    // hour are no response; the reviewer's comment after six hours is
    expect(
      facts.pullRequests!.find(p => p.id === 'gid://gitlab/MergeRequest/10001'),
    ).toEqual({
      id: 'gid://gitlab/MergeRequest/10001',
      author: { login: 'ian' },
      createdAt: '2026-11-22T12:00:00.000Z',
      state: 'open',
      firstResponseAt: '2026-11-22T18:00:00.000Z',
      // the comments as read, for the rule in common (system notes are none)
      responses: [
        {
          at: '2026-11-22T13:00:00.000Z',
          author: { login: 'project_7_bot_3f1a', bot: true },
        },
        { at: '2026-11-22T18:00:00.000Z', author: { login: 'olga' } },
      ],
    });
    expect(
      facts.pullRequests!.find(p => p.id === 'gid://gitlab/MergeRequest/10002'),
    ).toMatchObject({
      state: 'merged',
      mergedAt: '2026-11-19T12:00:00.000Z',
    });
    // five issues, two carrying both labels: each once
    expect(facts.helpWantedIssues).toHaveLength(5);
    expect(facts.helpWantedIssues!.find(i => i.number === 100)).toEqual({
      id: 'gid://gitlab/Issue/10100',
      number: 100,
      title: 'Help wanted on payments #0',
      url: 'https://gitlab.com/acme/payments/-/issues/100',
      labels: ['good first issue', 'help wanted'],
      createdAt: '2026-11-14T12:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
      comments: 0,
      assignee: 'olga',
    });
    expect(payments.fingerprint).toEqual(expect.any(String));
    expect(results['component:default/search']).toMatchObject({
      outcome: 'collected',
      facts: { repository: 'acme/platform/search' },
    });
  });

  it('asks for each help-wanted label on its own, since GitLab matches issues carrying all of the labels given', async () => {
    const project = fakeProject('acme/payments', NOW);
    project.issues = [
      {
        iid: 1,
        title: 'Sandbox test data',
        createdAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-20T00:00:00Z',
        state: 'opened',
        labels: ['contributions welcome'],
        userNotesCount: 0,
      },
      {
        iid: 2,
        title: 'Fix a typo',
        createdAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-21T00:00:00Z',
        state: 'opened',
        labels: ['good first issue'],
        userNotesCount: 0,
      },
      {
        iid: 3,
        title: 'Not asking for help',
        createdAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-22T00:00:00Z',
        state: 'opened',
        labels: ['bug'],
        userNotesCount: 0,
      },
    ];
    const fake = new FakeGitlab().add(project);
    server.use(...gitlabHandlers(fake));

    const [result] = await testProvider().provider.collect(
      [
        collectRequest('acme/payments', {
          helpWanted: ['help wanted', 'contributions welcome'],
        }),
      ],
      {},
    );

    if (result.outcome !== 'collected') throw new Error(result.outcome);
    // asked together, no issue carries all three labels and none would show
    expect(result.facts.helpWantedIssues?.map(i => i.title).sort()).toEqual([
      'Fix a typo',
      'Sandbox test data',
    ]);
    expect(fake.requests.graphql).toBe(1);
  });

  it("records a project GitLab does not know, and one whose repository answers 404, as those entities' errors while the others complete", async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/payments', NOW, { id: 1 }),
      fakeProject('acme/moved', NOW, { id: 2 }),
    );
    server.use(
      http.get('https://gitlab.com/api/v4/projects/2/repository/commits', () =>
        HttpResponse.json(
          { message: '404 Project Not Found' },
          { status: 404 },
        ),
      ),
      ...gitlabHandlers(fake),
    );

    const results = byRef(
      await testProvider().provider.collect(
        [
          collectRequest('acme/gone'),
          collectRequest('acme/moved'),
          collectRequest('acme/payments'),
        ],
        {},
      ),
    );

    expect(results['component:default/gone']).toEqual({
      entityRef: 'component:default/gone',
      outcome: 'failed',
      error: unavailableRepositoryMessage('gitlab.com/acme/gone'),
    });
    expect(results['component:default/moved']).toEqual({
      entityRef: 'component:default/moved',
      outcome: 'failed',
      error:
        'repository acme/moved not found on gitlab.com (404), or the GitLab token cannot read it',
    });
    expect(results['component:default/payments'].outcome).toBe('collected');
  });

  it('waits as long as a 429 answer asks before trying again', async () => {
    const fake = new FakeGitlab().add(fakeProject('acme/payments', NOW));
    server.use(
      http.post(
        'https://gitlab.com/api/graphql',
        () =>
          HttpResponse.json(
            { message: 'Retry later' },
            { status: 429, headers: { 'retry-after': '7' } },
          ),
        { once: true },
      ),
      ...gitlabHandlers(fake),
    );
    const { provider, waits } = testProvider();

    const [result] = await provider.collect(
      [collectRequest('acme/payments')],
      {},
    );

    expect(result.outcome).toBe('collected');
    expect(waits).toEqual([7000]);
    // the refused request and its retry
    expect(provider.requestCounts.graphql).toBe(2);
  });

  it('reads every page of commits, following X-Next-Page or the Link header', async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/busy', NOW, { id: 1, commits: 250 }),
      fakeProject('acme/linked', NOW, { id: 2, commits: 150 }),
    );
    server.use(
      // keyset-style answers of another GitLab: a Link header, no X-Next-Page
      http.get(
        'https://gitlab.com/api/v4/projects/2/repository/commits',
        async ({ request }) => {
          const answer = await fake.handle(request);
          const headers = new Headers(answer.headers);
          headers.delete('x-next-page');
          return new HttpResponse(answer.body, {
            status: answer.status,
            headers,
          });
        },
      ),
      ...gitlabHandlers(fake),
    );

    const results = byRef(
      await testProvider().provider.collect(
        [collectRequest('acme/busy'), collectRequest('acme/linked')],
        {},
      ),
    );

    const busy = results['component:default/busy'];
    const linked = results['component:default/linked'];
    if (busy.outcome !== 'collected' || linked.outcome !== 'collected')
      throw new Error('not collected');
    expect(busy.facts.commits).toHaveLength(250);
    expect(linked.facts.commits).toHaveLength(150);
    // 3 pages and 2 pages of 100
    expect(fake.requests.rest).toBe(5);
  });

  it('reads the further pages of merge requests in the window', async () => {
    const project = fakeProject('acme/payments', NOW);
    const template = project.mergeRequests[3];
    project.mergeRequests = Array.from({ length: 45 }, (_, i) => ({
      ...template,
      iid: i + 1,
      createdAt: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString(),
    }));
    const fake = new FakeGitlab().add(project);
    server.use(...gitlabHandlers(fake));

    const [result] = await testProvider().provider.collect(
      [collectRequest('acme/payments')],
      {},
    );

    if (result.outcome !== 'collected') throw new Error(result.outcome);
    expect(result.facts.pullRequests).toHaveLength(45);
    // the batch and two more pages of 20
    expect(fake.requests.graphql).toBe(3);
  });

  it('collects a private project only when config allows it and the entity was registered from inside it, refusing the others as a missing one and reading nothing more of them', async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/secret', NOW, { id: 1, visibility: 'private' }),
      fakeProject('acme/own', NOW, { id: 2, visibility: 'private' }),
      fakeProject('acme/allowed', NOW, { id: 3, visibility: 'private' }),
      fakeProject('acme/allowed-own', NOW, { id: 4, visibility: 'private' }),
    );
    server.use(...gitlabHandlers(fake));
    const { provider } = testProvider({
      settings: { allow: ['gitlab.com/acme/allow*'] },
    });
    const inside = (project: string) => ({
      annotations: {
        'backstage.io/managed-by-location': `url:https://gitlab.com/acme/${project}/-/blob/main/catalog-info.yaml`,
      },
    });

    const results = byRef(
      await provider.collect(
        [
          collectRequest('acme/secret', {
            helpWanted: ['security', 'vulnerability'],
          }),
          // registered from inside, but config does not allow it
          collectRequest('acme/own', inside('own')),
          // allowed, but its entity was registered from another project
          collectRequest('acme/allowed', inside('allowed-own')),
          collectRequest('acme/allowed-own', inside('allowed-own')),
        ],
        {},
      ),
    );

    for (const name of ['secret', 'own', 'allowed']) {
      expect(results[`component:default/${name}`]).toEqual({
        entityRef: `component:default/${name}`,
        outcome: 'failed',
        // in the words of a project GitLab does not have
        error: unavailableRepositoryMessage(`gitlab.com/acme/${name}`),
        // and what was stored of it before goes too
        forget: true,
      });
    }
    expect(results['component:default/allowed-own'].outcome).toBe('collected');
    // the commits of the collected project only
    expect(fake.requests.rest).toBe(1);
  });

  it('serves self-managed hosts of integrations.gitlab, with their own apiBaseUrl and token', async () => {
    const fake = new FakeGitlab('https://git.acme.example/gitlab').add(
      fakeProject('platform/portal', NOW),
    );
    const seen: Array<string | null> = [];
    server.events.on('request:start', ({ request }) =>
      seen.push(request.headers.get('authorization')),
    );
    server.use(...gitlabHandlers(fake, 'https://git.acme.example/gitlab'));
    const { provider } = testProvider({
      integrations: [
        {
          host: 'git.acme.example',
          apiBaseUrl: 'https://git.acme.example/gitlab/api/v4',
          baseUrl: 'https://git.acme.example/gitlab',
          token: 'self-managed-token',
        },
      ],
    });
    const location = {
      type: 'url' as const,
      host: 'git.acme.example',
      url: 'https://git.acme.example/gitlab/platform/portal/-/tree/main/docs',
    };
    expect(provider.hosts).toEqual(['git.acme.example', 'gitlab.com']);
    expect(provider.supports(location)).toBe(true);
    expect(
      provider.supports({
        type: 'url',
        host: 'github.com',
        url: 'https://github.com/a/b',
      }),
    ).toBe(false);

    const [result] = await provider.collect(
      [{ ...collectRequest('platform/portal'), location }],
      {},
    );
    server.events.removeAllListeners();

    expect(result).toMatchObject({
      outcome: 'collected',
      facts: {
        repository: 'platform/portal',
        webUrl: 'https://git.acme.example/gitlab/platform/portal',
      },
    });
    expect(seen).toEqual([
      'Bearer self-managed-token',
      'Bearer self-managed-token',
    ]);
  });
});

describe('GitlabProvider on a first collection', () => {
  const DAY = 86_400_000;
  const ago = (days: number) =>
    new Date(NOW.getTime() - days * DAY).toISOString();

  it('lists the history from the date the refresh job asks, for the weeks before, and counts only the window for the snapshot', async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/payments', NOW, { id: 1 }),
    );
    fake.find('acme/payments')!.commits.push(
      ...[100, 130, 170, 200].map((days, i) => ({
        id: `payments-old${i}`.padEnd(40, '0'),
        committedDate: ago(days),
        authorName: 'Olga Outsider',
        authorEmail: 'olga@acme.example',
      })),
    );
    server.use(...gitlabHandlers(fake));

    const [result] = await testProvider().provider.collect(
      [{ ...collectRequest('acme/payments'), backfill: { since: ago(174) } }],
      {},
    );

    // still one page of commits: 43 of them
    expect(fake.requests).toMatchObject({ graphql: 1, rest: 1 });
    if (result.outcome !== 'collected') throw new Error(result.outcome);
    expect(result.history?.completeSince).toBe(ago(174));
    expect(result.history?.commits).toHaveLength(43);
    expect(result.history?.commits[42]).toEqual({
      sha: 'payments-old2'.padEnd(40, '0'),
      author: { name: 'Olga Outsider', email: 'olga@acme.example' },
      committedAt: ago(170),
    });
    expect(result.facts.commits).toHaveLength(40);
  });

  it('reports no history when the refresh job asked for none', async () => {
    const fake = new FakeGitlab().add(
      fakeProject('acme/payments', NOW, { id: 1 }),
    );
    server.use(...gitlabHandlers(fake));

    const [result] = await testProvider().provider.collect(
      [collectRequest('acme/payments')],
      {},
    );

    expect(result.outcome === 'collected' && result.history).toBeUndefined();
  });
});
