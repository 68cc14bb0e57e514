import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseScoringConfig,
  TASK_SORTS,
} from '@innersource-for-backstage/plugin-innersource-common';
import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import {
  collectedEntry,
  issueFact,
  projectRecord,
} from '../database/__testUtils__/fixtures';
import { openSnapshotStore } from '../database/SnapshotStore';
import { RefreshRequests } from '../refresh/RefreshRequests';
import { emptyCounts } from '../refresh/RunReport';
import { readSettings } from '../settings';
import { createTestRouter } from './__testUtils__/createTestRouter';

jest.setTimeout(180_000);

/** What a client may ever get back; anything else (a 500) is a defect. 429: the refresh caps. */
const ANSWERS = [200, 202, 400, 401, 403, 404, 413, 429];
const RUNS = 60;

const T0 = new Date('2026-11-20T10:00:00.000Z');
const NAMES = ['portal', 'payments', 'search'];

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', tags: ['innersource'] },
    spec: { type: 'service', owner: 'group:default/platform-team' },
  };
}

/** Hostile text: control characters and NUL, unicode, SQL and LIKE syntax, huge numbers. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    "'; drop table innersource_projects; --",
    '%_\\',
    '9'.repeat(40),
    '-1',
    '1e309',
    'NaN',
    '0x10',
    ' ',
    'true',
    'component:default/portal',
  ),
);

/** A cursor: random text, or base64url JSON of values of any type, as a tampering client makes them. */
const hostileCursor = fc.oneof(
  hostileText,
  fc
    .array(
      fc.oneof(
        fc.integer(),
        fc.double(),
        fc.constantFrom(1e300, -1e300, 2 ** 53, 2 ** 31, -(2 ** 31) - 1),
        hostileText,
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(...TASK_SORTS),
      ),
      { maxLength: 5 },
    )
    .map(values => Buffer.from(JSON.stringify(values)).toString('base64url')),
);

const PROJECT_KEYS = [
  'owner',
  'tier',
  'kind',
  'tag',
  'skill',
  'asking',
  'q',
  'limit',
  'cursor',
];
const TASK_KEYS = [
  'q',
  'label',
  'goodFirst',
  'project',
  'owner',
  'system',
  'skill',
  'language',
  'tier',
  'updatedWithinDays',
  'sort',
  'limit',
  'cursor',
  'facets',
  'forMe',
];

/** A query string of some of the keys, each once or repeated, with hostile values. */
function hostileQuery(keys: string[]) {
  return fc
    .array(
      fc.tuple(
        fc.constantFrom(...keys, 'unknown', 'q[a]'),
        fc.oneof(hostileText, hostileCursor, fc.constantFrom(...TASK_SORTS)),
      ),
      { maxLength: 6 },
    )
    .map(pairs => {
      const params = new URLSearchParams();
      for (const [key, value] of pairs) params.append(key, value);
      return params.toString();
    });
}

const cursorOf = (values: unknown[]) =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** Requests that once reached the database and failed there (found by this test), tried on every run. */
const KNOWN_DEFECTS = [
  'q=%00',
  'q=a%00b',
  'label=x%00',
  'owner=group%3Adefault%2Fa%00',
  `cursor=${cursorOf([1e300, 'component:default/portal'])}`,
  `cursor=${cursorOf([50, 'component:default/a\u0000'])}`,
  `sort=comments&cursor=${cursorOf([
    'comments',
    'many',
    'component:default/portal',
    'I_1',
  ])}`,
  `sort=score&cursor=${cursorOf([
    'score',
    1e300,
    'component:default/portal',
    'I_1',
  ])}`,
  `sort=updated&cursor=${cursorOf(['updated', 5, 6, 7])}`,
  `sort=created&cursor=${cursorOf(['created', 'a\u0000', 'b', 'c'])}`,
  // "for me" with no skill to match ranked by a bare `order by 0`, a column position on SQLite
  'forMe=true&sort=match',
  'forMe=true&sort=match&q=docs',
  'forMe=true&sort=match&label=x&limit=1',
];

/** Seeds whose runs once found a defect (each listed with it), run again on every run. */
const FIXED_SEEDS = [
  // GET /tasks?forMe=true answered 500 on SQLite: `order by 0 desc` (the KNOWN_DEFECTS above)
  -466654651,
];

describe('the REST API under hostile requests', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createApp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const records = NAMES.map(n => projectRecord(n));
    await store.writer.upsertProjects(records, T0);
    await store.writer.saveManyCollected(
      records.map((r, i) =>
        collectedEntry(r, T0, 40 + i * 20, {
          tasks: [1, 2, 3].map(n =>
            issueFact(`acme/${r.name}`, n, {
              labels: n === 1 ? ['good first issue'] : ['help wanted'],
            }),
          ),
        }),
      ),
    );
    // The real queue over the real tables, with caps low enough to be reached.
    const refreshRequests = new RefreshRequests({
      job: {
        async refreshEntity(_entity, runId) {
          await store.writer.finishRun(runId!, {
            ...emptyCounts(),
            status: 'succeeded',
            finishedAt: new Date(),
          });
          return emptyCounts();
        },
      },
      log: store.requests,
      logger: mockServices.logger.mock(),
      limits: { perUserPerHour: 5, globalPerHour: 20, maxConcurrent: 2 },
      abandonAfterMs: 60_000,
    });
    const router = await createTestRouter({
      httpAuth: mockServices.httpAuth(),
      userInfo: {
        async getUserInfo(credentials: any) {
          const ref: string = credentials.principal.userEntityRef;
          return { userEntityRef: ref, ownershipEntityRefs: [ref] };
        },
      },
      catalog: catalogServiceMock({ entities: NAMES.map(component) }),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      reader: store.reader,
      settings: readSettings(new ConfigReader({})),
      scoring: parseScoringConfig(undefined),
      requestRefresh: (entity, requestedBy) =>
        refreshRequests.request(entity, requestedBy),
    });
    return express().use(router).use(mockErrorHandler());
  }

  const user = mockCredentials.user.header('user:default/alice');

  async function expectAnswered(send: () => request.Test) {
    const test = send();
    const res = await test;
    if (!ANSWERS.includes(res.status)) {
      const { method, url } = test as unknown as {
        method: string;
        url: string;
      };
      throw new Error(
        `${method} ${url} answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let app: express.Express;
    beforeAll(async () => {
      app = await createApp(databaseId);
    });

    it.each([
      ['/projects', PROJECT_KEYS],
      ['/tasks', TASK_KEYS],
      ['/projects/default/component/portal/history', ['metric', 'days']],
      ['/scoring', ['x']],
    ])(
      'GET %s answers every query with a status a client expects',
      async (path, keys) => {
        const property = fc.asyncProperty(hostileQuery(keys), query =>
          expectAnswered(() =>
            request(app).get(`${path}?${query}`).set('Authorization', user),
          ),
        );
        await fc.assert(property, {
          numRuns: RUNS,
          examples: KNOWN_DEFECTS.map(q => [q]),
        });
        for (const seed of FIXED_SEEDS) {
          await fc.assert(property, { numRuns: RUNS, seed });
        }
      },
    );

    it('answers every path of a project, group or refresh with a status a client expects', async () => {
      const segment = hostileText.map(s => encodeURIComponent(s) || 'x');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            '/projects/%s/%s/%s',
            '/projects/%s/%s/%s/contributors',
            '/projects/%s/%s/%s/history?metric=commits',
            '/groups/%s/%s',
          ),
          segment,
          segment,
          segment,
          (template, a, b, c) => {
            const path = [a, b, c].reduce(
              (p, s) => p.replace('%s', s),
              template,
            );
            return expectAnswered(() =>
              request(app).get(path).set('Authorization', user),
            );
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(segment, segment, segment, (a, b, c) =>
          expectAnswered(() =>
            request(app)
              .post(`/refresh/${a}/${b}/${c}`)
              .set('Authorization', user),
          ),
        ),
        { numRuns: RUNS },
      );
    });

    it('answers every scoring preview body with a status a client expects', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue(),
            fc.record({ scoring: fc.jsonValue() }),
            fc.record({
              scoring: fc.record({
                tiers: fc.array(
                  fc.record({
                    name: hostileText,
                    min: fc.oneof(fc.integer(), fc.double(), hostileText),
                    color: hostileText,
                  }),
                  { maxLength: 4 },
                ),
              }),
            }),
          ),
          body =>
            expectAnswered(() =>
              request(app)
                .post('/scoring/preview')
                .set('Authorization', user)
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(body)),
            ),
        ),
        { numRuns: RUNS },
      );
      await expectAnswered(() =>
        request(app)
          .post('/scoring/preview')
          .set('Authorization', user)
          .set('Content-Type', 'application/json')
          .send('{"scoring": {'),
      );
    });

    it('keeps serving after the hostile requests', async () => {
      const res = await request(app)
        .get('/projects?limit=5')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(3);
    });
  });
});
