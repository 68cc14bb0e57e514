import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type {
  CollectRequest,
  CollectResult,
} from '@innersource-for-backstage/plugin-innersource-node';
import { unavailableRepositoryMessage } from '@innersource-for-backstage/plugin-innersource-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GithubProvider } from './GithubProvider';
import {
  DEFAULT_GITHUB_SETTINGS,
  GithubProviderSettings,
  readGithubSettings,
} from './settings';
import { FakeGithub } from './__testUtils__/FakeGithub';
import { githubSchema } from './testUtils';
import {
  fakeRepository,
  githubGraphqlHandlers,
} from './__testUtils__/fixtures';

const server = setupServer();
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // GitHub's published schema is large: parse it once here, not inside the first test's time
  githubSchema();
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NOW = new Date('2026-11-24T12:00:00.000Z');

function provider(
  options: {
    token?: string | null;
    settings?: Partial<GithubProviderSettings>;
    integrations?: object[];
  } = {},
) {
  const config = new ConfigReader({
    integrations: {
      github: options.integrations ?? [
        {
          host: 'github.com',
          ...(options.token === null ? {} : { token: options.token ?? 't0k' }),
        },
      ],
    },
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const logger = mockServices.logger.mock();
  return {
    logger,
    provider: new GithubProvider({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger,
      settings: { ...DEFAULT_GITHUB_SETTINGS, ...options.settings },
      now: () => NOW,
      retries: 1,
    }),
  };
}

function request(
  slug: string,
  previous?: CollectRequest['previous'],
): CollectRequest {
  const [, name] = slug.split('/');
  return {
    entityRef: `component:default/${name}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
    },
    location: { type: 'github', host: 'github.com', slug },
    windowDays: 90,
    labels: {
      helpWanted: ['help wanted'],
      goodFirstIssue: ['good first issue'],
    },
    ...(previous ? { previous } : {}),
  };
}

const byRef = (results: CollectResult[]) =>
  Object.fromEntries(results.map(r => [r.entityRef, r]));

describe('GithubProvider', () => {
  it('collects several repositories in one request: stats, history, pull requests, help-wanted issues, files', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('acme', 'payments', NOW),
      fakeRepository('acme', 'search', NOW, { commits: 10 }),
    );
    fake.repositories.get('acme/payments')!.commits.push({
      oid: 'merge'.padEnd(40, '0'),
      committedDate: '2026-11-20T00:00:00Z',
      author: { name: 'Ian Insider', email: 'ian@acme.example' },
      merge: true,
    });
    server.use(...githubGraphqlHandlers(fake));

    const results = byRef(
      await provider().provider.collect(
        [request('acme/payments'), request('acme/search')],
        {},
      ),
    );

    expect(fake.requests).toBe(1);
    const payments = results['component:default/payments'];
    if (payments.outcome !== 'collected') throw new Error(payments.outcome);
    const { facts } = payments;
    expect(facts).toMatchObject({
      provider: 'github',
      repository: 'acme/payments',
      webUrl: 'https://github.com/acme/payments',
      stars: 40,
      forks: 7,
      // subscribers, not stargazers
      watchers: 12,
      openIssues: 5,
      primaryLanguage: 'TypeScript',
      defaultBranch: 'main',
      files: {
        readme: true,
        contributing: true,
        codeowners: true,
        license: true,
        issueTemplate: true,
        pullRequestTemplate: false,
        innersourceJson: true,
      },
      innersourceJson: {
        title: 'payments',
        skills: ['typescript', 'graphql'],
        contributions: ['documentation'],
      },
    });
    // 40 non-merge commits in the window; the merge commit is left out
    expect(facts.commits).toHaveLength(40);
    expect(facts.commits![0].author).toEqual({
      name: 'Olga Outsider',
      email: 'olga@acme.example',
      login: 'olga',
    });
    expect(facts.weeklyCommits!.reduce((a, b) => a + b, 0)).toBe(40);
    // 20 pull requests, all within the 90-day window (created 2 to 78 days ago)
    expect(facts.pullRequests).toHaveLength(20);
    const first = facts.pullRequests!.find(p => p.id === 'payments-pr0')!;
    // the bot answered after an hour; the first person other than the author after six
    expect(first).toMatchObject({
      author: { login: 'ian' },
      state: 'open',
      firstResponseAt: '2026-11-22T18:00:00.000Z',
    });
    // five issues, two carrying both labels: each once
    expect(facts.helpWantedIssues).toHaveLength(5);
    expect(facts.helpWantedIssues!.find(i => i.number === 100)).toEqual({
      id: 'payments-issue0',
      number: 100,
      title: 'Help wanted on payments #0',
      url: 'https://github.com/acme/payments/issues/100',
      labels: ['good first issue', 'help wanted'],
      createdAt: '2026-11-14T12:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
      comments: 0,
      assignee: 'olga',
    });
    expect(payments.fingerprint).toEqual(expect.any(String));
    expect(results['component:default/search']).toMatchObject({
      outcome: 'collected',
      facts: { repository: 'acme/search' },
    });
  });

  it('reads every label of each repository when their entities list different help-wanted labels', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('acme', 'payments', NOW),
      fakeRepository('acme', 'search', NOW),
    );
    fake.repositories.get('acme/payments')!.issues.push({
      id: 'payments-welcome',
      number: 200,
      title: 'Sandbox test data',
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-20T00:00:00Z',
      state: 'OPEN',
      labels: ['contributions welcome'],
      comments: 0,
    });
    fake.repositories.get('acme/payments')!.issues.push({
      id: 'payments-typo',
      number: 201,
      title: 'Fix a typo',
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-21T00:00:00Z',
      state: 'OPEN',
      labels: ['good first issue'],
      comments: 0,
    });
    server.use(...githubGraphqlHandlers(fake));
    const payments = request('acme/payments');
    payments.labels.helpWanted.push('contributions welcome');

    // the entity with fewer labels first: its query shape must not cut the other's labels
    const results = byRef(
      await provider().provider.collect([request('acme/search'), payments], {}),
    );

    const collected = results['component:default/payments'];
    if (collected.outcome !== 'collected') throw new Error(collected.outcome);
    const titles = collected.facts.helpWantedIssues?.map(i => i.title);
    expect(titles).toContain('Sandbox test data');
    // the last label of the longer list: only a query with three label lists reads it
    expect(titles).toContain('Fix a typo');
    expect(results['component:default/search'].outcome).toBe('collected');
  });

  it("records a repository GitHub does not know as that entity's error while the others complete", async () => {
    const fake = new FakeGithub().add(fakeRepository('acme', 'payments', NOW));
    server.use(...githubGraphqlHandlers(fake));

    const results = byRef(
      await provider().provider.collect(
        [request('acme/gone'), request('acme/payments')],
        {},
      ),
    );

    expect(results['component:default/gone']).toEqual({
      entityRef: 'component:default/gone',
      outcome: 'failed',
      error: unavailableRepositoryMessage('github.com/acme/gone'),
    });
    expect(results['component:default/payments'].outcome).toBe('collected');
  });

  describe('the repository rule: InnerSource means visible to the organisation', () => {
    const fake = () =>
      new FakeGithub().add(
        fakeRepository('acme', 'public-one', NOW),
        {
          ...fakeRepository('acme', 'internal-one', NOW),
          visibility: 'INTERNAL',
        },
        {
          ...fakeRepository('acme', 'private-one', NOW),
          visibility: 'PRIVATE',
        },
      );
    const registeredFrom = (slug: string, location: string) => {
      const r = request(slug);
      r.entity.metadata.annotations = {
        'backstage.io/managed-by-location': location,
      };
      return r;
    };

    it('collects public and internal repositories and refuses a private one, storing nothing of it and saying which setting allows it', async () => {
      server.use(...githubGraphqlHandlers(fake()));
      const results = byRef(
        await provider().provider.collect(
          [
            request('acme/public-one'),
            request('acme/internal-one'),
            request('acme/private-one'),
          ],
          {},
        ),
      );
      expect(results['component:default/public-one'].outcome).toBe('collected');
      expect(results['component:default/internal-one'].outcome).toBe(
        'collected',
      );
      const refused = results['component:default/private-one'];
      expect(refused).toEqual({
        entityRef: 'component:default/private-one',
        outcome: 'failed',
        // in the words of a repository GitHub does not have
        error: unavailableRepositoryMessage('github.com/acme/private-one'),
        // and what was stored of it before goes too
        forget: true,
      });
      expect(JSON.stringify(refused)).not.toMatch(/help wanted|Olga|olga@/);
    });

    const INSIDE =
      'url:https://github.com/acme/private-one/blob/main/catalog-info.yaml';
    it.each([
      [
        'allowed by config, for the entity registered from a catalog file inside it',
        ['github.com/acme/private-*'],
        INSIDE,
        'collected',
      ],
      [
        'allowed by config, for an entity registered from a catalog file of another repository',
        ['github.com/acme/private-*'],
        'url:https://github.com/acme/public-one/blob/main/catalog-info.yaml',
        'failed',
      ],
      [
        'allowed by config, for an entity registered from a repository whose name only starts like it',
        ['github.com/acme/private-*'],
        'url:https://github.com/acme/private-one-fork/blob/main/catalog-info.yaml',
        'failed',
      ],
      [
        'not allowed by config, for the entity registered from a catalog file inside it',
        [],
        INSIDE,
        'failed',
      ],
    ])(
      'a private repository %s is %s',
      async (_what, allow, location, outcome) => {
        server.use(...githubGraphqlHandlers(fake()));
        const [result] = await provider({
          settings: { allow },
        }).provider.collect([registeredFrom('acme/private-one', location)], {});
        expect(result.outcome).toBe(outcome);
      },
    );

    it('matches the allow-list against the name GitHub answers, not the slug, which GitHub still answers after a rename', async () => {
      const github = fake();
      // acme/private-one was once acme/shared-one; GitHub answers both
      github.repositories.set(
        'acme/shared-one',
        github.repositories.get('acme/private-one')!,
      );
      server.use(...githubGraphqlHandlers(github));
      const [byOldName] = await provider({
        settings: { allow: ['github.com/acme/shared-*'] },
      }).provider.collect([registeredFrom('acme/shared-one', INSIDE)], {});
      expect(byOldName).toEqual({
        entityRef: 'component:default/shared-one',
        outcome: 'failed',
        // named as the entity named it: nothing of the new name is told
        error: unavailableRepositoryMessage('github.com/acme/shared-one'),
        forget: true,
      });
      const [byCanonicalName] = await provider({
        settings: { allow: ['github.com/acme/private-one'] },
      }).provider.collect([registeredFrom('acme/shared-one', INSIDE)], {});
      expect(byCanonicalName.outcome).toBe('collected');
    });

    it('refuses a repository made private since its last collection at the freshness check', async () => {
      const github = fake();
      server.use(...githubGraphqlHandlers(github));
      const { provider: p } = provider();
      const [first] = await p.collect([request('acme/public-one')], {});
      if (first.outcome !== 'collected') throw new Error(first.outcome);
      github.repositories.get('acme/public-one')!.visibility = 'PRIVATE';
      github.requests = 0;
      const [second] = await p.collect(
        [
          request('acme/public-one', {
            collectedAt: NOW.toISOString(),
            checkedAt: NOW.toISOString(),
            fingerprint: first.fingerprint,
          }),
        ],
        {},
      );
      expect(second.outcome).toBe('failed');
      // refused by the cheap check: no full read of it
      expect(github.requests).toBe(1);
    });
  });

  it('checks freshness first and reads in full only the repositories that changed', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('acme', 'payments', NOW),
      fakeRepository('acme', 'search', NOW),
    );
    server.use(...githubGraphqlHandlers(fake));
    const { provider: github } = provider();
    const first = byRef(
      await github.collect(
        [request('acme/payments'), request('acme/search')],
        {},
      ),
    );
    const previous = (ref: string) => {
      const r = first[ref];
      if (r.outcome !== 'collected') throw new Error(r.outcome);
      return {
        collectedAt: NOW.toISOString(),
        checkedAt: NOW.toISOString(),
        fingerprint: r.fingerprint,
      };
    };
    fake.repositories.get('acme/search')!.pushedAt = NOW.toISOString();
    fake.requests = 0;

    const second = byRef(
      await github.collect(
        [
          request('acme/payments', previous('component:default/payments')),
          request('acme/search', previous('component:default/search')),
        ],
        {},
      ),
    );

    expect(second['component:default/payments'].outcome).toBe('unchanged');
    expect(second['component:default/search'].outcome).toBe('collected');
    // one freshness request, one full read of the changed repository
    expect(fake.requests).toBe(2);
  });

  it('stops at the reserve left for the rest of Backstage, deferring the rest to the next run', async () => {
    const fake = new FakeGithub();
    for (let i = 0; i < 30; i++) fake.add(fakeRepository('acme', `r${i}`, NOW));
    // 1,010 of 5,000 points left: one full query of 25 fits above the 20% reserve (1,000)
    fake.rateLimit.remaining = 1010;
    server.use(...githubGraphqlHandlers(fake));

    const { provider: github } = provider();
    const results = await github.collect(
      Array.from({ length: 30 }, (_, i) => request(`acme/r${i}`)),
      {},
    );

    expect(fake.requests).toBe(1);
    expect(results.filter(r => r.outcome === 'collected')).toHaveLength(25);
    const deferred = results.filter(r => r.outcome === 'deferred');
    expect(deferred).toHaveLength(5);
    expect(deferred[0]).toMatchObject({
      reason: expect.stringMatching(
        /^the GitHub API budget is down to its reserve \(\d+ of 5000 points left, 20% kept for the rest of Backstage\)/,
      ),
    });

    // The next batch of the same run sends nothing at all.
    fake.requests = 0;
    const later = await github.collect([request('acme/r0')], {});
    expect(later[0].outcome).toBe('deferred');
    expect(fake.requests).toBe(0);
  });

  it('waits as long as a secondary rate limit asks before trying again', async () => {
    const fake = new FakeGithub().add(fakeRepository('acme', 'payments', NOW));
    const attempts: number[] = [];
    server.use(
      http.post('https://api.github.com/graphql', async ({ request: req }) => {
        attempts.push(Date.now());
        if (attempts.length === 1) {
          return HttpResponse.json(
            {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            },
            { status: 403, headers: { 'retry-after': '1' } },
          );
        }
        return HttpResponse.json(fake.graphql((await req.json()) as any));
      }),
    );

    const [result] = await provider().provider.collect(
      [request('acme/payments')],
      {},
    );

    expect(result.outcome).toBe('collected');
    expect(attempts).toHaveLength(2);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(1000);
  });

  it.each([
    [
      "GitHub's RATE_LIMITED GraphQL error",
      () =>
        HttpResponse.json(
          {
            data: null,
            errors: [
              {
                type: 'RATE_LIMITED',
                message: 'API rate limit exceeded for installation.',
              },
            ],
          },
          { headers: { 'x-ratelimit-reset': '1795525200' } },
        ),
    ],
    [
      'a primary rate limit answered 403',
      () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded' },
          {
            status: 403,
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': '1795525200',
            },
          },
        ),
    ],
  ])(
    'defers the rest of the run after %s, failing nothing and asking no more',
    async (_what, refusal) => {
      const fake = new FakeGithub();
      const names = Array.from({ length: 60 }, (_, i) => `repo-${i}`);
      for (const name of names) fake.add(fakeRepository('acme', name, NOW));
      let requests = 0;
      server.use(
        http.post('https://api.github.com/graphql', async () => {
          requests += 1;
          return refusal();
        }),
      );
      const { provider: github, logger } = provider();

      const results = await github.collect(
        names.map(n => request(`acme/${n}`)),
        {},
      );

      expect(results).toHaveLength(60);
      expect(results.every(r => r.outcome === 'deferred')).toBe(true);
      // the first query was refused; the other chunks were never sent
      expect(requests).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /refused for its rate limit.*2026-11-24T13:00:00.000Z/,
        ),
      );
    },
  );

  it('explains a GitHub that keeps failing, and one without a token, in words', async () => {
    server.use(
      http.post('https://api.github.com/graphql', () =>
        HttpResponse.json({ message: 'Server Error' }, { status: 502 }),
      ),
    );
    const [broken] = await provider().provider.collect(
      [request('acme/payments')],
      {},
    );
    expect(broken).toEqual({
      entityRef: 'component:default/payments',
      outcome: 'failed',
      error:
        'GitHub on github.com kept failing (502) after retries; the last good data is kept',
    });

    const [tokenless] = await provider({ token: null }).provider.collect(
      [request('acme/payments')],
      {},
    );
    expect(tokenless).toMatchObject({
      outcome: 'failed',
      error:
        'no GitHub token for github.com: add a token or a GitHub App to integrations.github (the GraphQL API needs one)',
    });
  });

  it.each<[string, 'app' | 'token', number]>([
    ['a GitHub App installation per owner, as its token rotates', 'app', 2],
    ['a personal token shared by every owner', 'token', 1],
  ])(
    'keeps one client and budget per credential: %s',
    async (_what, type, connections) => {
      const fake = new FakeGithub().add(
        fakeRepository('acme', 'payments', NOW),
        fakeRepository('globex', 'search', NOW),
      );
      const sent: string[] = [];
      server.use(
        http.post(
          'https://api.github.com/graphql',
          async ({ request: req }) => {
            sent.push(req.headers.get('authorization') ?? '');
            return HttpResponse.json(fake.graphql((await req.json()) as any));
          },
        ),
      );
      let issued = 0;
      const github = new GithubProvider({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: { github: [{ host: 'github.com' }] },
          }),
        ),
        credentials: {
          async getCredentials() {
            // an App hands out a new installation token; a personal token stays
            const token = type === 'app' ? `ghs_${issued++}` : 'ghp_same';
            return { type, token, headers: {} };
          },
        },
        logger: mockServices.logger.mock(),
        settings: DEFAULT_GITHUB_SETTINGS,
        now: () => NOW,
        retries: 0,
        // six requests, not six seconds
        throttling: false,
      });

      for (let run = 0; run < 3; run++) {
        const results = await github.collect(
          [request('acme/payments'), request('globex/search')],
          {},
        );
        expect(results.map(r => r.outcome)).toEqual(['collected', 'collected']);
      }

      expect(github.connectionCount).toBe(connections);
      // every request carries the token its credential holds now
      expect(new Set(sent)).toEqual(
        new Set(
          type === 'app'
            ? ['ghs_0', 'ghs_1', 'ghs_2', 'ghs_3', 'ghs_4', 'ghs_5'].map(
                t => `token ${t}`,
              )
            : ['token ghp_same'],
        ),
      );
      expect(github.runFinished()).toEqual({
        requests: sent.length,
        points: expect.any(Number),
      });
      expect(github.runFinished()).toEqual({ requests: 0, points: 0 });
    },
  );

  it('serves the hosts of integrations.github, GitHub Enterprise Server included', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('platform', 'portal', NOW),
    );
    server.use(
      ...githubGraphqlHandlers(fake, 'https://ghe.acme.example/api/graphql'),
    );
    const { provider: github } = provider({
      integrations: [
        {
          host: 'ghe.acme.example',
          apiBaseUrl: 'https://ghe.acme.example/api/v3',
          token: 'ghe-token',
        },
      ],
    });
    expect(github.hosts).toEqual(['ghe.acme.example', 'github.com']);
    expect(
      github.supports({
        type: 'url',
        host: 'ghe.acme.example',
        url: 'https://ghe.acme.example/platform/portal/tree/main/',
      }),
    ).toBe(true);
    expect(
      github.supports({
        type: 'url',
        host: 'gitlab.com',
        url: 'https://gitlab.com/a/b',
      }),
    ).toBe(false);

    const [result] = await github.collect(
      [
        {
          ...request('platform/portal'),
          location: {
            type: 'url',
            host: 'ghe.acme.example',
            url: 'https://ghe.acme.example/platform/portal/tree/main/',
          },
        },
      ],
      {},
    );
    expect(result).toMatchObject({
      outcome: 'collected',
      facts: { repository: 'platform/portal' },
    });
  });
});

describe('readGithubSettings', () => {
  it('fills in the defaults', () => {
    expect(readGithubSettings(new ConfigReader({}))).toEqual(
      DEFAULT_GITHUB_SETTINGS,
    );
  });

  it.each([
    [
      { reserve: 1.5 },
      "innersource.github.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each hour's points), got 1.5",
    ],
    [
      { maxInFlight: 20 },
      'innersource.github.maxInFlight must be a whole number from 1 to 8, got 20',
    ],
    [
      { maxSnapshotAgeHours: 0 },
      'innersource.github.maxSnapshotAgeHours must be above 0, got 0',
    ],
  ])('names the key of a wrong value: %p', (github, message) => {
    expect(() =>
      readGithubSettings(new ConfigReader({ innersource: { github } })),
    ).toThrow(message);
  });
});

describe('GithubProvider on a first collection', () => {
  const DAY = 86_400_000;
  const ago = (days: number) =>
    new Date(NOW.getTime() - days * DAY).toISOString();
  /** What the refresh job asks on a first collection: 12 weeks before, each with its 90 days. */
  const first = (slug: string): CollectRequest => ({
    ...request(slug),
    backfill: { since: ago(174) },
  });
  const olderCommits = (repo: string, days: number[]) =>
    days.map((d, i) => ({
      oid: `${repo}-old${i}`.padEnd(40, '0'),
      committedDate: ago(d),
      author: {
        name: 'Olga Outsider',
        email: 'olga@acme.example',
        login: 'olga',
      },
    }));

  it('reads one page of the history before the window in the same query, and answers it as the commit history', async () => {
    const repo = fakeRepository('acme', 'payments', NOW);
    repo.commits.push(...olderCommits('payments', [100, 130, 170, 200]));
    const fake = new FakeGithub().add(repo);
    server.use(...githubGraphqlHandlers(fake));

    const [result] = await provider().provider.collect(
      [first('acme/payments')],
      {},
    );

    expect(fake.requests).toBe(1);
    if (result.outcome !== 'collected') throw new Error(result.outcome);
    expect(result.history?.completeSince).toBe(ago(174));
    const shas = result.history!.commits.map(c => c.sha);
    // the window's 40 commits and the three older ones since 174 days ago, not the one of 200 days
    expect(shas).toHaveLength(43);
    expect(shas).toEqual(
      expect.arrayContaining(
        ['old0', 'old1', 'old2'].map(o => `payments-${o}`.padEnd(40, '0')),
      ),
    );
    expect(shas).not.toContain('payments-old3'.padEnd(40, '0'));
    expect(result.history!.commits[42]).toEqual({
      sha: 'payments-old2'.padEnd(40, '0'),
      author: {
        name: 'Olga Outsider',
        email: 'olga@acme.example',
        login: 'olga',
      },
      committedAt: ago(170),
    });
    // only what was in the window counts for the snapshot itself
    expect(result.facts.commits).toHaveLength(40);
  });

  it('says from when its history is whole when the older page could not hold it all', async () => {
    const repo = fakeRepository('acme', 'busy', NOW);
    const older = Array.from({ length: 150 }, (_, i) => 92 + (i % 80));
    repo.commits.push(...olderCommits('busy', older));
    const fake = new FakeGithub().add(repo);
    server.use(...githubGraphqlHandlers(fake));

    const [result] = await provider().provider.collect(
      [first('acme/busy')],
      {},
    );

    if (result.outcome !== 'collected') throw new Error(result.outcome);
    // 100 of the 150 older commits, newest first (92 to 141 days ago): whole from the oldest of them
    const completeSince = Date.parse(result.history!.completeSince);
    expect(completeSince).toBeGreaterThan(Date.parse(ago(174)));
    expect(
      result.history!.commits.every(
        c => Date.parse(c.committedAt) >= completeSince,
      ),
    ).toBe(true);
    expect(result.history!.commits).toHaveLength(140);
  });

  it('asks nothing more of a repository collected before, and reads first collections in queries apart', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('acme', 'payments', NOW),
      fakeRepository('acme', 'search', NOW),
    );
    const queries: string[] = [];
    server.use(
      http.post('https://api.github.com/graphql', async ({ request: r }) => {
        const body = (await r.json()) as { query: string };
        queries.push(body.query);
        return HttpResponse.json(fake.graphql(body as any));
      }),
    );

    const results = byRef(
      await provider().provider.collect(
        [request('acme/payments'), first('acme/search')],
        {},
      ),
    );

    expect(queries).toHaveLength(2);
    expect(queries.filter(q => q.includes('olderHistory'))).toHaveLength(1);
    const payments = results['component:default/payments'];
    const search = results['component:default/search'];
    expect(
      payments.outcome === 'collected' && payments.history,
    ).toBeUndefined();
    expect(
      search.outcome === 'collected' && search.history?.commits,
    ).toHaveLength(40);
  });
});
