import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { InnerSourceClient } from './InnerSourceClient';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/innersource';
const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://backstage.test/api/${pluginId}`,
};
const seen: Request[] = [];

/** A client as the browser makes it: the app's fetchApi adds the user's token. */
const browserClient = new InnerSourceClient({
  discoveryApi,
  fetchApi: {
    fetch: async (input: any, init?: any) => {
      const request = new Request(input, init);
      if (!request.headers.has('Authorization'))
        request.headers.set('Authorization', 'Bearer user-token');
      seen.push(request.clone());
      return fetch(request);
    },
  },
});

/** A client as a backend makes it: the global fetch, a token per call. */
const backendClient = new InnerSourceClient({ discoveryApi });

function record(request: Request) {
  seen.push(request.clone());
}

beforeEach(() => {
  seen.length = 0;
});

describe('InnerSourceClient', () => {
  it('builds entity paths as namespace/kind/name, encoding each part', async () => {
    server.use(
      http.get(`${baseUrl}/projects/:namespace/:kind/:name`, ({ params }) =>
        HttpResponse.json({ params }),
      ),
    );
    const body: any = await browserClient.getProject('component:my ns/a b');
    expect(body.params).toEqual({
      namespace: 'my ns',
      kind: 'component',
      name: 'a b',
    });
    expect(new URL(seen[0].url).pathname).toBe(
      '/api/innersource/projects/my%20ns/component/a%20b',
    );
    expect(seen[0].headers.get('Authorization')).toBe('Bearer user-token');
  });

  it.each([
    [
      'a project with the default kind and namespace',
      (c: InnerSourceClient) => c.getProject('payments'),
      '/api/innersource/projects/default/component/payments',
    ],
    [
      'the history of one metric over some days',
      (c: InnerSourceClient) =>
        c.getHistory('system:ops/pipelines', 'openGoodFirstIssues', 30),
      '/api/innersource/projects/ops/system/pipelines/history?metric=openGoodFirstIssues&days=30',
    ],
    [
      'contributors',
      (c: InnerSourceClient) => c.getContributors('component:default/a'),
      '/api/innersource/projects/default/component/a/contributors',
    ],
    [
      'a group, kind group by default',
      (c: InnerSourceClient) => c.getGroup('ops/platform team'),
      '/api/innersource/groups/ops/platform%20team',
    ],
    [
      'the scoring model',
      (c: InnerSourceClient) => c.getScoring(),
      '/api/innersource/scoring',
    ],
    [
      'projects with every filter, in one query string',
      (c: InnerSourceClient) =>
        c.listProjects({
          owner: ['group:default/a'],
          tier: ['Thriving', 'Growing'],
          asking: true,
          q: 'docs',
          limit: 5,
          cursor: 'abc',
        }),
      '/api/innersource/projects?owner=group%3Adefault%2Fa&tier=Thriving&tier=Growing&asking=true&q=docs&limit=5&cursor=abc',
    ],
    [
      'projects without a filter',
      (c: InnerSourceClient) => c.listProjects(),
      '/api/innersource/projects',
    ],
    [
      'a directory view: language, sort and facet counts',
      (c: InnerSourceClient) =>
        c.listProjects({
          language: ['Go', 'Rust'],
          kind: ['component'],
          sort: 'recent',
          facets: true,
        }),
      '/api/innersource/projects?kind=component&language=Go&language=Rust&sort=recent&facets=true',
    ],
    [
      "a project's badges",
      (c: InnerSourceClient) => c.getBadges('component:default/portal'),
      '/api/innersource/badges/default/component/portal',
    ],
    [
      'tasks with lists, booleans and paging',
      (c: InnerSourceClient) =>
        c.searchTasks({
          q: 'api docs',
          label: ['help wanted', 'docs'],
          goodFirst: true,
          forMe: true,
          facets: false,
          updatedWithinDays: 30,
          sort: 'match',
          limit: 50,
          cursor: 'abc',
        }),
      '/api/innersource/tasks?q=api+docs&label=help+wanted&label=docs&goodFirst=true&forMe=true&facets=false&updatedWithinDays=30&sort=match&limit=50&cursor=abc',
    ],
    [
      'tasks with nothing set',
      (c: InnerSourceClient) =>
        c.searchTasks({ goodFirst: false, forMe: false }),
      '/api/innersource/tasks',
    ],
  ])('gets %s', async (_case, call, pathAndSearch) => {
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        record(request);
        return HttpResponse.json({ items: [] });
      }),
    );
    await call(backendClient);
    const url = new URL(seen[0].url);
    expect(`${url.pathname}${url.search}`).toBe(pathAndSearch);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].headers.has('Authorization')).toBe(false);
  });

  it("sends a backend caller's token as a Bearer header on every kind of call", async () => {
    server.use(
      http.all(`${baseUrl}/*`, ({ request }) => {
        record(request);
        return HttpResponse.json({ items: [], status: 'queued' });
      }),
    );
    const options = { token: 'service-token' };
    await backendClient.searchTasks({ facets: false }, options);
    await backendClient.listProjects({ limit: 100 }, options);
    await backendClient.requestRefresh('component:default/a', options);
    await backendClient.previewScoring({ tiers: [] }, options);
    expect(seen.map(r => r.headers.get('Authorization'))).toEqual([
      'Bearer service-token',
      'Bearer service-token',
      'Bearer service-token',
      'Bearer service-token',
    ]);
  });

  it("lets an explicit token win over the fetchApi's own", async () => {
    server.use(http.get(`${baseUrl}/scoring`, () => HttpResponse.json({})));
    await browserClient.getScoring({ token: 'other-token' });
    expect(seen[0].headers.get('Authorization')).toBe('Bearer other-token');
  });

  it('turns an error answer into a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/projects/default/component/gone`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/gone that you may read',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await backendClient
      .getProject('component:default/gone')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: {
        name: 'NotFoundError',
        message: 'No entity component:default/gone that you may read',
      },
    });
  });

  it('turns an answer that is not a Backstage error body into a ResponseError too', async () => {
    server.use(
      http.get(
        `${baseUrl}/tasks`,
        () => new HttpResponse('bad gateway', { status: 502 }),
      ),
    );
    await expect(backendClient.searchTasks({})).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 502,
    });
  });

  it("reads a badge's SVG as text, with its style and label", async () => {
    server.use(
      http.get(
        `${baseUrl}/badges/default/component/portal/help-wanted.svg`,
        ({ request }) => {
          record(request);
          return new HttpResponse('<svg xmlns="http://www.w3.org/2000/svg"/>', {
            headers: { 'Content-Type': 'image/svg+xml' },
          });
        },
      ),
    );
    await expect(
      browserClient.getBadgeSvg('component:default/portal', 'help-wanted', {
        style: 'for-the-badge',
        label: 'help us',
      }),
    ).resolves.toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(new URL(seen[0].url).search).toBe(
      '?style=for-the-badge&label=help+us',
    );
    expect(seen[0].headers.get('Authorization')).toBe('Bearer user-token');
  });

  it('posts to rotate the public badge token', async () => {
    server.use(
      http.post(`${baseUrl}/badges/default/component/portal/token`, () =>
        HttpResponse.json({ entityRef: 'component:default/portal' }),
      ),
    );
    await expect(
      browserClient.rotateBadgeToken('component:default/portal'),
    ).resolves.toEqual({ entityRef: 'component:default/portal' });
    expect(seen[0].method).toBe('POST');
  });

  it('posts refresh requests', async () => {
    server.use(
      http.post(`${baseUrl}/refresh/default/component/portal`, () =>
        HttpResponse.json({ status: 'queued' }, { status: 202 }),
      ),
    );
    await expect(
      browserClient.requestRefresh('component:default/portal'),
    ).resolves.toEqual({ status: 'queued' });
    expect(seen[0].method).toBe('POST');
  });

  it('posts a candidate scoring block wrapped as { scoring } for preview', async () => {
    server.use(
      http.post(`${baseUrl}/scoring/preview`, async ({ request }) =>
        HttpResponse.json({ received: await request.json() }),
      ),
    );
    const block = { tiers: [{ name: 'All', min: 0, color: '#000' }] };
    const body: any = await browserClient.previewScoring(block);
    expect(body.received).toEqual({ scoring: block });
    expect(seen[0].headers.get('Content-Type')).toBe('application/json');
  });

  it("reads and puts the user's notification settings as JSON", async () => {
    let stored = { digest: false, digestAvailable: true };
    server.use(
      http.get(`${baseUrl}/notifications/settings`, () =>
        HttpResponse.json(stored),
      ),
      http.put(`${baseUrl}/notifications/settings`, async ({ request }) => {
        stored = { ...stored, ...((await request.json()) as object) };
        return HttpResponse.json(stored);
      }),
    );
    await expect(browserClient.getNotificationSettings()).resolves.toEqual({
      digest: false,
      digestAvailable: true,
    });
    await expect(
      browserClient.setNotificationSettings({ digest: true }),
    ).resolves.toEqual({ digest: true, digestAvailable: true });
    expect(seen[1].method).toBe('PUT');
    expect(seen[1].headers.get('Content-Type')).toBe('application/json');
  });
});
