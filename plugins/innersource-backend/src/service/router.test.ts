import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ContributorSummary,
  ProjectListItem,
  ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import express from 'express';
import request from 'supertest';
import type {
  TaskMatchProfile,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';
import type {
  ProjectListQuery,
  ProjectReader,
} from '../database/ProjectReader';
import { INVALID_SCORING_BLOCKS } from './__testUtils__/invalidScoringBlocks';
import { createTestRouter } from './__testUtils__/createTestRouter';
import {
  parseScoringConfig,
  PreviewProject,
  scoreHistogram,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { RefreshRequestAnswer } from '../refresh/RefreshRequests';
import { readSettings } from '../settings';

const OUTSIDER = 'user:default/outsider';
const SKILLED = 'user:default/skilled';
const TEAMED = 'user:default/teamed';
const SECRET = 'component:default/secret-sauce';

function component(name: string, tags = ['innersource']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', tags },
    spec: {
      type: 'service',
      owner: 'group:default/platform-team',
      lifecycle: 'production',
    },
  };
}

const entities = [
  component('portal'),
  component('payments'),
  component(SECRET.split('/')[1]),
  component('not-innersource', ['java']),
];

function listItem(name: string, score: number): ProjectListItem {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    tags: ['innersource'],
    skills: [],
    contributions: [],
    status: 'collected',
    score,
    tier: { name: score >= 70 ? 'Thriving' : 'Growing', color: '#2e7d32' },
    refreshedAt: '2026-11-24T10:00:00.000Z',
  };
}

const ranked = [
  listItem('secret-sauce', 95),
  listItem('portal', 80),
  listItem('payments', 50),
];

const portalSummary: ProjectSummary = {
  entityRef: 'component:default/portal',
  status: 'collected',
  score: 80,
  tier: { name: 'Thriving', color: '#2e7d32' },
  profile: 'default',
  dimensions: [],
  metrics: null,
  readiness: [],
  activity: null,
  repository: { provider: 'git', name: '/srv/portal' },
  refreshedAt: '2026-11-24T10:00:00.000Z',
  checkedAt: '2026-11-24T10:00:00.000Z',
  errors: [],
};

const contributor = (
  key: string,
  side: ContributorSummary['side'],
): ContributorSummary => ({
  key,
  displayName: key,
  side,
  commits: 1,
  pullRequests: 0,
  lastContributionAt: '2026-11-20T00:00:00.000Z',
});

class FakeReader implements ProjectReader {
  listCalls: ProjectListQuery[] = [];
  taskCalls: Array<{
    query: TaskQuery;
    readable: string[] | 'all';
    forMe?: TaskMatchProfile;
  }> = [];
  async listActiveProjectRefs() {
    return ['component:default/portal', 'component:default/payments', SECRET];
  }
  scorable: PreviewProject[] = [];
  async *listScorableProjects() {
    yield this.scorable;
  }
  async searchTasks(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ) {
    this.taskCalls.push({ query, readable, ...(forMe ? { forMe } : {}) });
    const facets = {
      labels: [],
      owners: [],
      skills: [],
      languages: [],
      tiers: [],
    };
    return { items: [], total: 0, facets };
  }
  async getProjectSummary(entityRef: string) {
    return entityRef === portalSummary.entityRef ? portalSummary : undefined;
  }
  /** The readable sets the router passed with each list call. */
  listReadable: Array<string[] | 'all'> = [];
  async listProjects(query: ProjectListQuery, readable: string[] | 'all') {
    this.listCalls.push(query);
    this.listReadable.push(readable);
    const visible = ranked.filter(
      p => readable === 'all' || readable.includes(p.entityRef),
    );
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = visible.slice(start, start + query.limit);
    const next = start + query.limit;
    return {
      items,
      nextCursor: next < visible.length ? String(next) : undefined,
    };
  }
  async getScoreHistogram(readable: string[] | 'all') {
    return scoreHistogram(
      this.scorable
        .filter(p => readable === 'all' || readable.includes(p.entityRef))
        .map(p => p.current.score),
    );
  }
  async getMetricHistory() {
    return [{ at: '2026-11-24T10:00:00.000Z', value: 12 }];
  }
  async getContributors() {
    return [
      contributor('user:default/alice', 'inside'),
      contributor('user:default/bob', 'outside'),
      contributor('email:x@y', 'unmapped'),
    ];
  }
  async getGroupSummary() {
    return {
      projects: ranked,
      given: [
        {
          counterpart: 'group:default/payments-team',
          projectRef: SECRET,
          contributors: 1,
          contributions: 3,
        },
      ],
      received: [
        {
          counterpart: 'group:default/payments-team',
          projectRef: 'component:default/portal',
          contributors: 2,
          contributions: 5,
        },
      ],
    };
  }
}

// Only readiness is known for these: a full checklist scores 100, a README alone 23.
const readiness = (full: boolean) => ({
  readme: true,
  contributing: full,
  codeownersOrTrustedCommitters: full,
  license: full,
  description: full,
  goodFirstIssues: full ? 1 : 0,
  issueTemplates: full,
});
const unknownMetrics = Object.fromEntries(
  [
    'commits',
    'contributors',
    'outsideContributors',
    'unmappedContributors',
    'outsideContributionShare',
    'medianTimeToFirstResponseHours',
    'openGoodFirstIssues',
    'weeklyCommits',
  ].map(k => [k, null]),
) as any;
const scorableProjects: PreviewProject[] = [
  { name: 'portal', full: true, current: { score: 100, tier: 'Thriving' } },
  { name: 'payments', full: false, current: { score: 23, tier: 'Emerging' } },
  {
    name: 'secret-sauce',
    full: false,
    current: { score: 23, tier: 'Emerging' },
  },
].map(p => ({
  entityRef: `component:default/${p.name}`,
  entity: component(p.name),
  input: {
    metrics: unknownMetrics,
    activity: null,
    readiness: readiness(p.full),
  },
  current: p.current,
}));

async function createApp(
  options: {
    refreshAllowed?: boolean;
    previewAllowed?: boolean;
    scoringBlock?: Record<string, unknown>;
    refreshAnswer?: RefreshRequestAnswer;
  } = {},
) {
  const catalog = catalogServiceMock({
    entities: [
      ...entities,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'platform-team',
          namespace: 'default',
          annotations: { 'innersource/skills': 'Go, Kubernetes' },
        },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'docs-guild',
          namespace: 'default',
          annotations: { 'innersource/skills': 'kubernetes, Markdown' },
        },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name: 'skilled',
          namespace: 'default',
          annotations: { 'innersource/skills': 'TypeScript, react' },
        },
        spec: { memberOf: ['group:default/platform-team'] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'teamed', namespace: 'default' },
        spec: { memberOf: ['group:default/platform-team'] },
      },
    ],
  });
  const teamsOf: Record<string, string[]> = {
    [SKILLED]: ['group:default/platform-team'],
    [TEAMED]: ['group:default/platform-team', 'group:default/docs-guild'],
  };
  // The outsider may not read the secret project: the catalog hides it from them.
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: any, opts: any) =>
    String(ref).toLowerCase() === SECRET &&
    opts.credentials.principal.userEntityRef === OUTSIDER
      ? undefined
      : getEntityByRef(ref, opts)) as any;
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = (async (req: any, opts: any) => {
    const response = await getEntitiesByRefs(req, opts);
    if (opts.credentials.principal.userEntityRef !== OUTSIDER) return response;
    return {
      items: response.items.map((e: Entity | undefined, i: number) =>
        req.entityRefs[i].toLowerCase() === SECRET ? undefined : e,
      ),
    };
  }) as any;

  const requested: string[] = [];
  const authorized: Array<{
    permission: { name: string };
    resourceRef?: string;
  }> = [];
  const reader = new FakeReader();
  reader.scorable = scorableProjects;
  const router = await createTestRouter({
    httpAuth: mockServices.httpAuth(),
    userInfo: {
      async getUserInfo(credentials: any) {
        const ref: string = credentials.principal.userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(teamsOf[ref] ?? [])],
        };
      },
    },
    catalog,
    permissions: {
      // The portal policy's rules: refresh per entity for its owners
      // (isEntityOwner over the caller's ownership refs).
      authorize: async (
        requests: Array<{ permission: { name: string }; resourceRef?: string }>,
        { credentials }: { credentials: any },
      ) =>
        requests.map(r => {
          authorized.push(r);
          if (r.permission.name === 'innersource.project.refresh') {
            const caller: string = credentials.principal.userEntityRef;
            const owner = entities.find(
              e => stringifyEntityRef(e) === r.resourceRef,
            )?.spec?.owner;
            const owns =
              options.refreshAllowed !== false &&
              owner !== undefined &&
              [caller, ...(teamsOf[caller] ?? [])].includes(String(owner));
            return {
              result: owns ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          }
          const denied =
            r.permission.name === 'innersource.scoring.preview' &&
            options.previewAllowed === false;
          return {
            result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
          };
        }),
    } as any,
    logger: mockServices.logger.mock(),
    reader,
    settings: readSettings(new ConfigReader({})),
    scoring: parseScoringConfig(options.scoringBlock),
    scoringBlock: options.scoringBlock,
    requestRefresh: async (entity, requestedBy) => {
      requested.push(`${entity.metadata.name} by ${requestedBy}`);
      return options.refreshAnswer ?? 'queued';
    },
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, reader, requested, authorized };
}

describe('InnerSource REST API', () => {
  it('serves a stored project summary', async () => {
    const { app } = await createApp();
    const res = await request(app).get('/projects/default/component/portal');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(portalSummary);
  });

  it('answers a project not collected yet as pending, from its entity', async () => {
    const { app } = await createApp();
    const res = await request(app).get('/projects/default/Component/payments');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments',
      status: 'pending',
      score: null,
      owner: 'group:default/platform-team',
    });
  });

  it.each([
    [
      'an unknown entity',
      '/projects/default/component/nope',
      'No entity component:default/nope that you may read',
    ],
    [
      'an entity that is not an InnerSource project',
      '/projects/default/component/not-innersource',
      'component:default/not-innersource is not an InnerSource project',
    ],
  ])('answers 404 for %s', async (_name, path, message) => {
    const { app } = await createApp();
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(message);
  });

  it('answers 404, not 403, for a project the caller may not read, so it reveals nothing', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/projects/default/component/secret-sauce')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(404);
  });

  it('lists projects ranked, leaving out those the caller may not read and filling the page', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/projects?limit=2')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: ProjectListItem) => i.entityRef)).toEqual([
      'component:default/portal',
      'component:default/payments',
    ]);
    expect(res.body.nextCursor).toBeUndefined();
  });

  it('pages projects among those the caller may read only, so no cursor stands for a hidden one', async () => {
    const { app, reader } = await createApp();
    const first = await request(app)
      .get('/projects?limit=1')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(reader.listReadable[0]).toEqual([
      'component:default/portal',
      'component:default/payments',
    ]);
    expect(first.body.items.map((i: ProjectListItem) => i.entityRef)).toEqual([
      'component:default/portal',
    ]);
    const second = await request(app)
      .get(`/projects?limit=1&cursor=${first.body.nextCursor}`)
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(second.body.items.map((i: ProjectListItem) => i.entityRef)).toEqual([
      'component:default/payments',
    ]);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('passes list filters to the store, lower-casing refs and kinds', async () => {
    const { app, reader } = await createApp();
    await request(app)
      .get(
        '/projects?owner=Group:default/Platform-Team&tier=Thriving,Growing&kind=Component&tag=Java&limit=5' +
          '&asking=true&skill=TypeScript&q=%20docs%20&language=Go&sort=recent&facets=true',
      )
      .expect(200);
    expect(reader.listCalls[0]).toEqual({
      owner: ['group:default/platform-team'],
      tier: ['Thriving', 'Growing'],
      kind: ['component'],
      tag: ['java'],
      skill: ['typescript'],
      language: ['go'],
      sort: 'recent',
      facets: true,
      asking: true,
      q: 'docs',
      limit: 5,
      cursor: undefined,
    });
  });

  it.each([
    ['asking=maybe', 'asking must be true or false, got "maybe"'],
    [`q=${'x'.repeat(201)}`, 'q must be at most 200 characters, got 201'],
  ])(
    'answers /projects?%s with 400 and what was wrong',
    async (search, message) => {
      const { app, reader } = await createApp();
      const res = await request(app).get(`/projects?${search}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
      expect(reader.listCalls).toEqual([]);
    },
  );

  it('serves metric history and contributors split by side', async () => {
    const { app } = await createApp();
    const history = await request(app).get(
      '/projects/default/component/portal/history?metric=commits&days=30',
    );
    expect(history.body).toEqual({
      entityRef: 'component:default/portal',
      metric: 'commits',
      points: [{ at: '2026-11-24T10:00:00.000Z', value: 12 }],
    });
    const contributors = await request(app).get(
      '/projects/default/component/portal/contributors',
    );
    expect(
      contributors.body.inside.map((c: ContributorSummary) => c.key),
    ).toEqual(['user:default/alice']);
    expect(
      contributors.body.outside.map((c: ContributorSummary) => c.key),
    ).toEqual(['user:default/bob']);
    expect(
      contributors.body.unmapped.map((c: ContributorSummary) => c.key),
    ).toEqual(['email:x@y']);
  });

  it("leaves projects the caller may not read out of a group's summary", async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/groups/default/platform-team')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(200);
    expect(
      res.body.projects.map((p: ProjectListItem) => p.entityRef),
    ).not.toContain(SECRET);
    expect(res.body.given).toEqual([]);
    expect(res.body.received).toHaveLength(1);
  });

  it.each([
    [
      '/projects?limit=0',
      'limit must be a whole number from 1 to 100, got "0"',
    ],
    [
      '/projects?limit=abc',
      'limit must be a whole number from 1 to 100, got "abc"',
    ],
    ['/projects?limit=1&limit=2', 'limit may be given once'],
    ['/projects?owner[a]=b', 'owner must be a plain value'],
    [
      '/projects/default/component/portal/history',
      'metric is required: one of commits',
    ],
    [
      '/projects/default/component/portal/history?metric=rm%20-rf',
      'metric must be one of commits',
    ],
    [
      '/projects/default/component/portal/history?metric=commits&days=-1',
      'days must be a whole number from 1 to 3650, got "-1"',
    ],
    [
      '/projects/default/component/..%2F..',
      'name "../.." is not a valid entity name',
    ],
    [
      '/projects/default/comp%00onent/portal',
      'kind "comp\u0000onent" is not a valid entity kind',
    ],
  ])('answers 400 naming the parameter for %s', async (path, message) => {
    const { app } = await createApp();
    const res = await request(app).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('queues a refresh for an owner of the project, answering 202 without waiting for the forge', async () => {
    const { app, requested, authorized } = await createApp();
    const res = await request(app)
      .post('/refresh/default/component/portal')
      .set('Authorization', mockCredentials.user.header(SKILLED));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'queued' });
    expect(requested).toEqual([`portal by ${SKILLED}`]);
    // asked of the policy for this entity, not as a permission held anywhere
    expect(authorized).toEqual([
      {
        permission: expect.objectContaining({
          name: 'innersource.project.refresh',
          type: 'resource',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:default/portal',
      },
    ]);
  });

  it('answers 429 with the reason and when to retry once a refresh cap is reached', async () => {
    const { app } = await createApp({
      refreshAnswer: {
        capped:
          'you asked for 10 refreshes in the last hour, the most innersource.refresh.perUserPerHour allows',
        retryAfterSeconds: 1200,
      },
    });
    const res = await request(app)
      .post('/refresh/default/component/portal')
      .set('Authorization', mockCredentials.user.header(SKILLED));
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1200');
    expect(res.body.error).toEqual({
      name: 'TooManyRequestsError',
      message:
        'you asked for 10 refreshes in the last hour, the most innersource.refresh.perUserPerHour allows',
    });
  });

  it('refuses (403) the refresh of a project the caller reads but does not own', async () => {
    const { app, requested } = await createApp();
    const res = await request(app)
      .post('/refresh/default/component/portal')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not refresh the InnerSource data of component:default/portal (innersource.project.refresh)',
    );
    expect(requested).toEqual([]);
  });

  it('refuses an owner the policy denies', async () => {
    const { app, requested } = await createApp({ refreshAllowed: false });
    const res = await request(app)
      .post('/refresh/default/component/portal')
      .set('Authorization', mockCredentials.user.header(SKILLED));
    expect(res.status).toBe(403);
    expect(requested).toEqual([]);
  });

  it('answers 404, not 403, for a project the caller may not read', async () => {
    const { app, requested, authorized } = await createApp();
    const res = await request(app)
      .post('/refresh/default/component/secret-sauce')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(404);
    expect(requested).toEqual([]);
    expect(authorized).toEqual([]);
  });

  it('describes the active scoring model to any signed-in user', async () => {
    const { app } = await createApp();
    const res = await request(app).get('/scoring');
    expect(res.status).toBe(200);
    expect(res.body.default.tiers.map((t: { name: string }) => t.name)).toEqual(
      ['Thriving', 'Growing', 'Emerging'],
    );
    expect(res.body.profiles).toEqual([]);
    // nothing in app-config: the editable block is the default model, spelt out
    expect(res.body.block.tiers.map((t: { min: number }) => t.min)).toEqual([
      70, 40, 0,
    ]);
    expect(res.body.histogram).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('offers the scoring block as app-config sets it, for editing into a candidate', async () => {
    const block = {
      tiers: [
        { name: 'High', min: 50, color: '#2e7d32' },
        { name: 'Low', min: 0, color: '#9e9e9e' },
      ],
    };
    const { app } = await createApp({ scoringBlock: block });
    const res = await request(app).get('/scoring');
    expect(res.body.block).toEqual(block);
    expect(res.body.default.tiers.map((t: { name: string }) => t.name)).toEqual(
      ['High', 'Low'],
    );
  });

  it('previews a candidate scoring block over the projects the caller may read: distributions before and after, and the projects that move', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/scoring/preview')
      .set('Authorization', mockCredentials.user.header(OUTSIDER))
      .send({
        scoring: {
          tiers: [
            { name: 'Gold', min: 50, color: '#c9a227' },
            { name: 'Bronze', min: 0, color: '#8d6e63' },
          ],
        },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      // the outsider may not read the secret project: no count includes it
      projects: 2,
      before: [
        { tier: 'Thriving', count: 1 },
        { tier: 'Emerging', count: 1 },
      ],
      after: [
        { tier: 'Gold', count: 1 },
        { tier: 'Bronze', count: 1 },
      ],
      // only the tiers changed, so every score stays in its bucket
      histogram: {
        before: [0, 0, 1, 0, 0, 0, 0, 0, 0, 1],
        after: [0, 0, 1, 0, 0, 0, 0, 0, 0, 1],
      },
      changedProjects: 2,
    });
    expect(
      res.body.changes.map((c: { entityRef: string }) => c.entityRef),
    ).toEqual(['component:default/payments', 'component:default/portal']);
  });

  it('counts the secret project in a preview for a caller who may read it', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/scoring/preview')
      .send({
        scoring: {
          tiers: [
            { name: 'Gold', min: 50, color: '#c9a227' },
            { name: 'Bronze', min: 0, color: '#8d6e63' },
          ],
        },
      });
    expect(res.body).toMatchObject({ projects: 3, changedProjects: 3 });
    expect(
      res.body.changes.map((c: { entityRef: string }) => c.entityRef),
    ).toContain(SECRET);
  });

  it('counts the score histogram over the projects the caller may read', async () => {
    const { app } = await createApp();
    const member = await request(app).get('/scoring');
    expect(member.body.histogram).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
    const outsider = await request(app)
      .get('/scoring')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(outsider.body.histogram).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it.each(
    INVALID_SCORING_BLOCKS.map(([what, scoring, message]) => [
      what,
      { scoring },
      message,
    ]),
  )(
    'answers a preview of a block with %s with 400 and the startup message',
    async (_what, body, message) => {
      const { app } = await createApp();
      const res = await request(app).post('/scoring/preview').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    },
  );

  it.each([
    [
      { tiers: [] },
      'The body must be a JSON object { "scoring": { … } } holding a block shaped like innersource.scoring',
    ],
    [
      [1, 2],
      'The body must be a JSON object { "scoring": { … } } holding a block shaped like innersource.scoring',
    ],
  ])(
    'answers a preview body that is not { scoring: { … } } with 400: %p',
    async (body, message) => {
      const { app } = await createApp();
      const res = await request(app).post('/scoring/preview').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    },
  );

  it('answers 400, not 500, to a preview body that is not JSON', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/scoring/preview')
      .set('Content-Type', 'application/json')
      .send('{"scoring": ');
    expect(res.status).toBe(400);
  });

  it('refuses a preview without the innersource.scoring.preview permission', async () => {
    const { app } = await createApp({ previewAllowed: false });
    const res = await request(app)
      .post('/scoring/preview')
      .send({ scoring: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not preview scoring changes (innersource.scoring.preview)',
    );
  });

  describe('GET /tasks', () => {
    it('passes every parameter to the search, parsed, with defaults for the rest', async () => {
      const { app, reader } = await createApp();
      const res = await request(app).get(
        '/tasks?q=%20pagination%20api%20&label=help%20wanted&label=docs,performance' +
          '&goodFirst=true&project=Component:default/Payments' +
          '&owner=Group:Default/Payments-Team&system=system:default/payments' +
          '&skill=java&language=Java&tier=Thriving&updatedWithinDays=30' +
          '&sort=comments&limit=50&cursor=abc',
      );
      expect(res.status).toBe(200);
      expect(reader.taskCalls[0].query).toEqual({
        q: 'pagination api',
        label: ['help wanted', 'docs', 'performance'],
        goodFirst: true,
        project: ['component:default/payments'],
        owner: ['group:default/payments-team'],
        system: ['system:default/payments'],
        skill: ['java'],
        language: ['Java'],
        tier: ['Thriving'],
        updatedWithinDays: 30,
        sort: 'comments',
        limit: 50,
        cursor: 'abc',
        facets: true,
      });

      await request(app).get('/tasks');
      expect(reader.taskCalls[1].query).toEqual({
        label: [],
        goodFirst: undefined,
        project: [],
        owner: [],
        system: [],
        skill: [],
        language: [],
        tier: [],
        sort: 'updated',
        limit: 20,
        cursor: undefined,
        facets: true,
      });
      expect(reader.taskCalls[1].forMe).toBeUndefined();

      await request(app).get('/tasks?facets=false');
      expect(reader.taskCalls[2].query.facets).toBe(false);
    });

    it('ranks "for me" by the skills on the User entity and hides their own and their teams\' projects', async () => {
      const { app, reader } = await createApp();
      const res = await request(app)
        .get('/tasks?forMe=true')
        .set('Authorization', mockCredentials.user.header(SKILLED));
      expect(res.status).toBe(200);
      expect(reader.taskCalls[0].query.sort).toBe('match');
      expect(reader.taskCalls[0].forMe).toEqual({
        skills: ['typescript', 'react'],
        skillsFrom: 'user',
        hiddenOwners: [SKILLED, 'group:default/platform-team'],
      });
    });

    it('takes "for me" skills from the user\'s teams when the User entity has none', async () => {
      const { app, reader } = await createApp();
      await request(app)
        .get('/tasks?forMe=true&sort=updated')
        .set('Authorization', mockCredentials.user.header(TEAMED))
        .expect(200);
      expect(reader.taskCalls[0].query.sort).toBe('updated');
      expect(reader.taskCalls[0].forMe).toEqual({
        skills: ['go', 'kubernetes', 'markdown'],
        skillsFrom: 'teams',
        hiddenOwners: [
          TEAMED,
          'group:default/platform-team',
          'group:default/docs-guild',
        ],
      });
    });

    it('says so when neither the user nor their teams list skills', async () => {
      const { app, reader } = await createApp();
      await request(app)
        .get('/tasks?forMe=true')
        .set('Authorization', mockCredentials.user.header(OUTSIDER))
        .expect(200);
      expect(reader.taskCalls[0].forMe).toEqual({
        skills: [],
        skillsFrom: 'none',
        hiddenOwners: [OUTSIDER],
      });
    });

    it('refuses "for me" to a caller that is not a user', async () => {
      const { app, reader } = await createApp();
      const res = await request(app)
        .get('/tasks?forMe=true')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(403);
      expect(reader.taskCalls).toEqual([]);
    });

    it('searches only the projects the caller may read', async () => {
      const { app, reader } = await createApp();
      await request(app).get('/tasks');
      // by ref even when the caller reads every project: never "no filter"
      expect(reader.taskCalls[0].readable).toEqual([
        'component:default/portal',
        'component:default/payments',
        SECRET,
      ]);
      await request(app)
        .get('/tasks')
        .set('Authorization', mockCredentials.user.header(OUTSIDER));
      expect(reader.taskCalls[1].readable).toEqual([
        'component:default/portal',
        'component:default/payments',
      ]);
    });

    it.each([
      ['goodFirst=yes', 'goodFirst must be true or false, got "yes"'],
      [
        'sort=stars',
        'sort must be one of updated, created, score, comments, match, got "stars"',
      ],
      ['sort=match', 'sort=match ranks by your skills and needs forMe=true'],
      ['forMe=1', 'forMe must be true or false, got "1"'],
      ['facets=no', 'facets must be true or false, got "no"'],
      ['limit=500', 'limit must be a whole number from 1 to 100, got "500"'],
      ['limit=ten', 'limit must be a whole number from 1 to 100, got "ten"'],
      [
        'updatedWithinDays=0',
        'updatedWithinDays must be a whole number from 1 to 3650, got "0"',
      ],
      [`q=${'x'.repeat(201)}`, 'q must be at most 200 characters, got 201'],
      ['q[a]=1', 'q must be a plain value'],
      ['cursor=a&cursor=b', 'cursor may be given once'],
    ])('answers %s with 400 and what was wrong', async (search, message) => {
      const { app, reader } = await createApp();
      const res = await request(app).get(`/tasks?${search}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
      expect(reader.taskCalls).toEqual([]);
    });
  });
});
