import type { AuthService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type {
  ProjectListItem,
  TaskListItem,
} from '@innersource-for-backstage/plugin-innersource-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  InnerSourceProjectCollatorFactory,
  InnerSourceTaskCollatorFactory,
} from './InnerSourceCollatorFactory';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/innersource';
const options = {
  discovery: {
    getBaseUrl: async () => baseUrl,
    getExternalBaseUrl: async () => baseUrl,
  },
  auth: {
    getOwnServiceCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:search' },
    }),
    getPluginRequestToken: async ({ targetPluginId }: any) => ({
      token: `search-to-${targetPluginId}`,
    }),
  } as unknown as AuthService,
};

const task = (n: number): TaskListItem => ({
  id: `I_${n}`,
  number: n,
  title: `Task ${n}`,
  url: `https://github.com/acme/payments/issues/${n}`,
  labels: n % 2 ? ['help wanted'] : ['good first issue', 'help wanted'],
  goodFirst: n % 2 === 0,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  comments: 1,
  stale: false,
  project: {
    entityRef: 'component:default/payments',
    title: 'Payments gateway',
    owner: 'group:default/payments-team',
    language: 'Java',
    skills: ['java', 'kotlin'],
    score: 82,
    tier: { name: 'Thriving', color: '#2e7d32' },
  },
});

async function collect(factory: {
  getCollator(): Promise<AsyncIterable<unknown>>;
}) {
  const documents: any[] = [];
  for await (const document of await factory.getCollator())
    documents.push(document);
  return documents;
}

describe('InnerSourceTaskCollatorFactory', () => {
  it('follows the cursor to the last page, as the search service, without facet counts', async () => {
    const seen: URL[] = [];
    server.use(
      http.get(`${baseUrl}/tasks`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url);
        expect(request.headers.get('Authorization')).toBe(
          'Bearer search-to-innersource',
        );
        const page = Number(url.searchParams.get('cursor') ?? 0);
        return HttpResponse.json({
          items: [task(page * 2 + 1), task(page * 2 + 2)],
          total: 6,
          facets: {},
          ...(page < 2 ? { nextCursor: String(page + 1) } : {}),
        });
      }),
    );
    const documents = await collect(
      new InnerSourceTaskCollatorFactory(options),
    );
    expect(documents.map(d => d.title)).toEqual([
      'Task 1',
      'Task 2',
      'Task 3',
      'Task 4',
      'Task 5',
      'Task 6',
    ]);
    expect(seen.map(u => u.searchParams.get('cursor'))).toEqual([
      null,
      '1',
      '2',
    ]);
    expect(seen[0].searchParams.get('facets')).toBe('false');
    expect(seen[0].searchParams.get('limit')).toBe('100');
    expect(documents[1]).toEqual({
      title: 'Task 2',
      text: 'Help wanted on Payments gateway, owned by payments-team. Labels: good first issue, help wanted. Skills: java, kotlin. Language: Java.',
      location: 'https://github.com/acme/payments/issues/2',
      entityRef: 'component:default/payments',
      projectTitle: 'Payments gateway',
      owner: 'group:default/payments-team',
      labels: ['good first issue', 'help wanted'],
      goodFirst: true,
      tier: 'Thriving',
      updatedAt: '2026-11-20T10:00:00.000Z',
      authorization: { resourceRef: 'component:default/payments' },
    });
  });

  it('feeds a bounded engine good first issues first, then the newest of the rest, and says what it left out', async () => {
    const goodFirst = [2, 4, 6, 8].map(task);
    // the rest, newest first, good first ones among them
    const all = [9, 8, 7, 6, 5, 4, 3, 2, 1].map(task);
    server.use(
      http.get(`${baseUrl}/tasks`, ({ request }) => {
        const url = new URL(request.url);
        expect(url.searchParams.get('sort')).toBe('updated');
        const items =
          url.searchParams.get('goodFirst') === 'true' ? goodFirst : all;
        const page = Number(url.searchParams.get('cursor') ?? 0);
        return HttpResponse.json({
          items: items.slice(page * 3, page * 3 + 3),
          total: items.length,
          facets: {},
          ...(page * 3 + 3 < items.length
            ? { nextCursor: String(page + 1) }
            : {}),
        });
      }),
    );
    const logger = mockServices.logger.mock();
    const documents = await collect(
      new InnerSourceTaskCollatorFactory({
        ...options,
        logger,
        maxDocuments: 6,
      }),
    );
    expect(documents.map(d => d.title)).toEqual([
      'Task 2',
      'Task 4',
      'Task 6',
      'Task 8',
      'Task 9',
      'Task 7',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /indexed 6 of 9 help-wanted tasks, good first issues first.*search\.collators\.innersource\.maxTaskDocuments is 6/,
      ),
    );
  });

  it('says nothing of a bound that left nothing out', async () => {
    server.use(
      http.get(`${baseUrl}/tasks`, () =>
        HttpResponse.json({ items: [task(1), task(2)], total: 2, facets: {} }),
      ),
    );
    const logger = mockServices.logger.mock();
    const documents = await collect(
      new InnerSourceTaskCollatorFactory({
        ...options,
        logger,
        maxDocuments: 10,
      }),
    );
    expect(documents.map(d => d.title)).toEqual(['Task 1', 'Task 2']);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('is visible only where the catalog lets the reader see the entity', () => {
    const factory = new InnerSourceTaskCollatorFactory(options);
    expect(factory.type).toBe('innersource-task');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
  });

  it('stops when the API hands back the cursor it was given, instead of paging forever', async () => {
    let requests = 0;
    server.use(
      http.get(`${baseUrl}/tasks`, () => {
        requests += 1;
        return HttpResponse.json({
          items: [task(1)],
          total: 1,
          facets: {},
          nextCursor: 'same',
        });
      }),
    );
    await expect(
      collect(new InnerSourceTaskCollatorFactory(options)),
    ).rejects.toThrow('GET /tasks gave the same cursor twice');
    expect(requests).toBe(2);
  });

  it('fails the run with the status and the backend message, so the indexer logs why', async () => {
    server.use(
      http.get(`${baseUrl}/tasks`, () =>
        // The body Backstage's error handler writes.
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'database is locked',
            },
            request: { method: 'GET', url: '/api/innersource/tasks' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await expect(
      collect(new InnerSourceTaskCollatorFactory(options)),
    ).rejects.toThrow(
      'InnerSource search collator: GET /tasks answered 503: database is locked',
    );
  });
});

describe('InnerSourceProjectCollatorFactory', () => {
  it('pages through the projects 100 at a time, with a service token on each page', async () => {
    const seen: Request[] = [];
    server.use(
      http.get(`${baseUrl}/projects`, ({ request }) => {
        seen.push(request);
        const cursor = new URL(request.url).searchParams.get('cursor');
        const project = (name: string): ProjectListItem => ({
          entityRef: `component:default/${name}`,
          kind: 'component',
          tags: [],
          skills: [],
          contributions: [],
          status: 'collected',
          score: 50,
          tier: null,
          refreshedAt: null,
        });
        return HttpResponse.json(
          cursor
            ? { items: [project('second')] }
            : { items: [project('first')], nextCursor: 'next page' },
        );
      }),
    );
    const documents = await collect(
      new InnerSourceProjectCollatorFactory(options),
    );
    expect(documents.map(d => d.title)).toEqual(['first', 'second']);
    expect(seen.map(r => new URL(r.url).search)).toEqual([
      '?limit=100',
      '?limit=100&cursor=next+page',
    ]);
    expect(seen.map(r => r.headers.get('Authorization'))).toEqual([
      'Bearer search-to-innersource',
      'Bearer search-to-innersource',
    ]);
  });

  it('feeds a bounded engine the highest-scored projects and says it left the others out', async () => {
    const requested: Array<string | null> = [];
    server.use(
      http.get(`${baseUrl}/projects`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        requested.push(cursor);
        const start = Number(cursor ?? 0);
        return HttpResponse.json({
          items: Array.from({ length: 100 }, (_, i) => ({
            entityRef: `component:default/p${start + i}`,
            kind: 'component',
            tags: [],
            skills: [],
            contributions: [],
            status: 'collected',
            score: 50,
            tier: null,
            refreshedAt: null,
          })),
          nextCursor: String(start + 100),
        });
      }),
    );
    const logger = mockServices.logger.mock();
    const documents = await collect(
      new InnerSourceProjectCollatorFactory({
        ...options,
        logger,
        maxDocuments: 150,
      }),
    );
    expect(documents).toHaveLength(150);
    expect(documents[149].title).toBe('p149');
    // it stops reading once the bound is reached
    expect(requested).toEqual([null, '100']);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /indexed the 150 highest-scored projects.*maxProjectDocuments is 150/,
      ),
    );
  });

  it('indexes each project with what it asks help for, linked to its InnerSource tab', async () => {
    const project: ProjectListItem = {
      entityRef: 'component:default/docs-site',
      title: 'Developer docs',
      kind: 'component',
      owner: 'group:default/docs-guild',
      tags: ['innersource'],
      description: 'The docs every engineer reads',
      motivation: 'Good docs save everyone time.',
      skills: ['Markdown'],
      contributions: ['Translate the guides', 'Review accessibility'],
      status: 'collected',
      score: 30,
      tier: { name: 'Emerging', color: '#999' },
      refreshedAt: null,
    };
    server.use(
      http.get(`${baseUrl}/projects`, () =>
        HttpResponse.json({
          items: [
            project,
            {
              ...project,
              entityRef: 'system:ops/Pipelines',
              title: undefined,
              description: undefined,
              motivation: undefined,
              contributions: [],
              skills: [],
              tier: null,
              score: null,
            },
          ],
        }),
      ),
    );
    const factory = new InnerSourceProjectCollatorFactory(options);
    expect(factory.type).toBe('innersource-project');
    const documents = await collect(factory);
    expect(documents[0]).toEqual({
      title: 'Developer docs',
      text: 'The docs every engineer reads. Good docs save everyone time. Asks for help with: Translate the guides, Review accessibility. Skills: Markdown.',
      location: '/catalog/default/component/docs-site/innersource',
      entityRef: 'component:default/docs-site',
      owner: 'group:default/docs-guild',
      tier: 'Emerging',
      score: 30,
      skills: ['Markdown'],
      contributions: ['Translate the guides', 'Review accessibility'],
      authorization: { resourceRef: 'component:default/docs-site' },
    });
    expect(documents[1]).toMatchObject({
      title: 'Pipelines',
      text: '',
      location: '/catalog/ops/system/Pipelines/innersource',
      score: null,
    });
  });
});
