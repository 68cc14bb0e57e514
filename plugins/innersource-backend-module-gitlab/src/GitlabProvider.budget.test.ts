import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGitlab } from './__testUtils__/FakeGitlab';
import { fakeProject, gitlabHandlers } from './__testUtils__/fixtures';
import {
  byRef,
  collectRequest,
  NOW,
  previousOf,
  testProvider,
} from './__testUtils__/provider';
import { DEFAULT_GITLAB_SETTINGS, readGitlabSettings } from './settings';

const server = setupServer();
registerMswTestHooks(server);

const NOW_SECONDS = NOW.getTime() / 1000;

describe('GitlabProvider within its request budget', () => {
  it('checks freshness first, 50 projects a request, and reads in full only the projects that changed', async () => {
    const fake = new FakeGitlab();
    for (let i = 0; i < 60; i++)
      fake.add(fakeProject(`acme/p${i}`, NOW, { id: i + 1, commits: 5 }));
    server.use(...gitlabHandlers(fake));
    const { provider } = testProvider();
    const requests = Array.from({ length: 60 }, (_, i) =>
      collectRequest(`acme/p${i}`),
    );
    const first = byRef(await provider.collect(requests, {}));
    // three batches of 20 projects, and each project's commits
    expect(fake.requests).toMatchObject({ graphql: 3, rest: 60 });

    // p7 got a new merge request comment: its newest update moved, though
    // GitLab left lastActivityAt alone (it updates that once an hour at most)
    fake.find('acme/p7')!.mergeRequests[0].updatedAt = NOW.toISOString();
    fake.requests = { graphql: 0, rest: 0, notModified: 0 };
    const second = byRef(
      await provider.collect(
        requests.map(r => ({
          ...r,
          previous: previousOf(first[r.entityRef]),
        })),
        {},
      ),
    );

    expect(second['component:default/p7'].outcome).toBe('collected');
    expect(
      Object.values(second).filter(r => r.outcome === 'unchanged'),
    ).toHaveLength(59);
    // two freshness requests (50 and 10 projects), one full read, one page of commits
    expect(fake.requests).toMatchObject({ graphql: 3, rest: 1 });
  });

  it('sends a project read again in full on the same day conditionally, and uses the kept commits on 304', async () => {
    const fake = new FakeGitlab().add(fakeProject('acme/payments', NOW));
    server.use(...gitlabHandlers(fake));
    const { provider } = testProvider();
    const [first] = await provider.collect(
      [collectRequest('acme/payments')],
      {},
    );
    const [again] = await provider.collect(
      [collectRequest('acme/payments')],
      {},
    );

    expect(fake.requests.notModified).toBe(1);
    expect(provider.requestCounts.notModified).toBe(1);
    if (first.outcome !== 'collected' || again.outcome !== 'collected')
      throw new Error('not collected');
    expect(again.facts.commits).toEqual(first.facts.commits);
  });

  it('leaves the reserve of a long window to the rest of Backstage, deferring the remaining projects to the next run', async () => {
    const fake = new FakeGitlab();
    for (let i = 0; i < 25; i++)
      fake.add(fakeProject(`acme/r${i}`, NOW, { id: i + 1, commits: 5 }));
    // 425 of 2,000 left in a window of an hour: the first read (1 + 20
    // requests) fits above the 20% reserve (400), the second (1 + 5) not
    fake.rateLimit = { limit: 2000, remaining: 425, reset: NOW_SECONDS + 3600 };
    server.use(...gitlabHandlers(fake));
    const { provider, waits } = testProvider();

    const results = await provider.collect(
      Array.from({ length: 25 }, (_, i) => collectRequest(`acme/r${i}`)),
      {},
    );

    expect(results.filter(r => r.outcome === 'collected')).toHaveLength(20);
    const deferred = results.filter(r => r.outcome === 'deferred');
    expect(deferred).toHaveLength(5);
    expect(deferred[0]).toMatchObject({
      reason:
        'the GitLab API budget on gitlab.com is down to its reserve (404 of 2000 requests left in this window, ' +
        '20% kept for the rest of Backstage); collection resumes at the next refresh after 2026-11-24T13:00:00.000Z',
    });
    expect(waits).toEqual([]);
  });

  it('waits for a window that resets within a minute rather than deferring', async () => {
    const fake = new FakeGitlab();
    for (let i = 0; i < 25; i++)
      fake.add(fakeProject(`acme/r${i}`, NOW, { id: i + 1, commits: 5 }));
    fake.rateLimit = { limit: 2000, remaining: 425, reset: NOW_SECONDS + 30 };
    server.use(...gitlabHandlers(fake));
    const { provider, waits } = testProvider();

    const results = await provider.collect(
      Array.from({ length: 25 }, (_, i) => collectRequest(`acme/r${i}`)),
      {},
    );

    expect(results.every(r => r.outcome === 'collected')).toBe(true);
    expect(waits).toEqual([30_000]);
  });

  it('splits a batch whose query GitLab finds too complex until it fits', async () => {
    const fake = new FakeGitlab();
    for (let i = 0; i < 4; i++)
      fake.add(fakeProject(`acme/c${i}`, NOW, { id: i + 1, commits: 1 }));
    server.use(...gitlabHandlers(fake));
    const { provider } = testProvider();
    // The same query for one project sets the limit: more projects score higher.
    await provider.collect([collectRequest('acme/c0')], {});
    fake.complexityLimit.authenticated = fake.lastComplexity;
    fake.requests = { graphql: 0, rest: 0, notModified: 0 };

    const results = await provider.collect(
      Array.from({ length: 4 }, (_, i) => collectRequest(`acme/c${i}`)),
      {},
    );

    expect(results.every(r => r.outcome === 'collected')).toBe(true);
    // 4 refused, 2 and 2 refused, then 1, 1, 1, 1
    expect(fake.requests.graphql).toBe(7);
  });

  it('explains a GitLab that keeps failing and a refused token in words, keeping the last good data', async () => {
    server.use(
      http.post('https://gitlab.com/api/graphql', () =>
        HttpResponse.json({ message: 'Bad gateway' }, { status: 502 }),
      ),
    );
    const [broken] = await testProvider().provider.collect(
      [collectRequest('acme/payments')],
      {},
    );
    expect(broken).toEqual({
      entityRef: 'component:default/payments',
      outcome: 'failed',
      error:
        'GitLab on gitlab.com kept failing (502) after retries; the last good data is kept',
    });

    server.use(
      http.post('https://gitlab.com/api/graphql', () =>
        HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 }),
      ),
    );
    const [refused] = await testProvider().provider.collect(
      [collectRequest('acme/payments')],
      {},
    );
    expect(refused).toMatchObject({
      outcome: 'failed',
      error:
        'the GitLab token for gitlab.com was refused (401); check integrations.gitlab',
    });
  });
});

describe('readGitlabSettings', () => {
  it('fills in the defaults', () => {
    expect(readGitlabSettings(new ConfigReader({}))).toEqual(
      DEFAULT_GITLAB_SETTINGS,
    );
  });

  it.each([
    [
      { gitlab: { reserve: 1 } },
      'innersource.gitlab.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each rate-limit window), got 1',
    ],
    [
      { gitlab: { maxInFlight: 0 } },
      'innersource.gitlab.maxInFlight must be a whole number from 1 to 8, got 0',
    ],
    [
      { gitlab: { maxSnapshotAgeHours: -1 } },
      'innersource.gitlab.maxSnapshotAgeHours must be above 0, got -1',
    ],
    [
      { repositories: { allow: ['gitlab.com'] } },
      'innersource.repositories.allow[0] "gitlab.com" is not a host/owner/name pattern',
    ],
  ])('names the key of a wrong value: %p', (innersource, message) => {
    expect(() => readGitlabSettings(new ConfigReader({ innersource }))).toThrow(
      message,
    );
  });
});
