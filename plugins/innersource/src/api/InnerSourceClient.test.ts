import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { InnerSourceClient } from './InnerSourceClient';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/innersource';
const seen: Request[] = [];
const client = new InnerSourceClient({
  discoveryApi: { getBaseUrl: async () => baseUrl },
  fetchApi: {
    fetch: async (input: any, init?: any) => {
      const request = new Request(input, init);
      request.headers.set('Authorization', 'Bearer user-token');
      seen.push(request.clone());
      return fetch(request);
    },
  },
});

beforeEach(() => {
  seen.length = 0;
});

describe('InnerSourceClient', () => {
  it('builds entity paths as namespace/kind/name, encoding each part, with the user token', async () => {
    server.use(
      http.get(`${baseUrl}/projects/:namespace/:kind/:name`, ({ params }) =>
        HttpResponse.json({ params }),
      ),
    );
    const body: any = await client.getProject('component:my ns/a b');
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

  it('sends list filters as repeatable parameters', async () => {
    server.use(
      http.get(`${baseUrl}/projects`, () => HttpResponse.json({ items: [] })),
    );
    await client.listProjects({
      tier: ['Thriving', 'Growing'],
      owner: ['group:default/a'],
      limit: 5,
      cursor: 'abc',
    });
    expect(new URL(seen[0].url).search).toBe(
      '?owner=group%3Adefault%2Fa&tier=Thriving&tier=Growing&limit=5&cursor=abc',
    );
  });

  it('asks for the projects asking for help with their words and skills', async () => {
    server.use(
      http.get(`${baseUrl}/projects`, () => HttpResponse.json({ items: [] })),
    );
    await client.listProjects({ asking: true, q: 'docs', skill: ['go'] });
    expect(new URL(seen[0].url).search).toBe('?skill=go&asking=true&q=docs');
  });

  it('sends every task search parameter, "for me" included, and leaves unset ones out', async () => {
    server.use(
      http.get(`${baseUrl}/tasks`, () =>
        HttpResponse.json({ items: [], total: 0 }),
      ),
    );
    await client.searchTasks({
      q: 'api docs',
      label: ['help wanted', 'docs'],
      project: ['component:default/a'],
      owner: ['group:default/a'],
      system: ['system:default/s'],
      skill: ['go'],
      language: ['Go'],
      tier: ['Thriving'],
      goodFirst: true,
      forMe: true,
      facets: false,
      updatedWithinDays: 30,
      sort: 'match',
      limit: 50,
      cursor: 'abc',
    });
    await client.searchTasks({ goodFirst: false, forMe: false });
    expect(Object.fromEntries(new URL(seen[0].url).searchParams)).toEqual({
      q: 'api docs',
      label: 'docs',
      project: 'component:default/a',
      owner: 'group:default/a',
      system: 'system:default/s',
      skill: 'go',
      language: 'Go',
      tier: 'Thriving',
      goodFirst: 'true',
      forMe: 'true',
      facets: 'false',
      updatedWithinDays: '30',
      sort: 'match',
      limit: '50',
      cursor: 'abc',
    });
    expect(new URL(seen[0].url).searchParams.getAll('label')).toEqual([
      'help wanted',
      'docs',
    ]);
    expect(new URL(seen[1].url).search).toBe('');
  });

  it('turns an error answer into an error with the backend message', async () => {
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
    await expect(
      client.getProject('component:default/gone'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: {
        name: 'NotFoundError',
        message: 'No entity component:default/gone that you may read',
      },
    });
  });

  it('posts refresh requests', async () => {
    server.use(
      http.post(`${baseUrl}/refresh/default/component/portal`, () =>
        HttpResponse.json({ status: 'queued' }, { status: 202 }),
      ),
    );
    await expect(
      client.requestRefresh('component:default/portal'),
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
    const body: any = await client.previewScoring(block);
    expect(body.received).toEqual({ scoring: block });
    expect(seen[0].headers.get('Content-Type')).toBe('application/json');
  });
});
