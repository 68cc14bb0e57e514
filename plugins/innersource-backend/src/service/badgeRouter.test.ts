import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BADGE_KINDS,
  DEFAULT_SELECTOR,
  ProjectBadges,
} from '@innersource-for-backstage/plugin-innersource-common';
import express from 'express';
import request from 'supertest';
import { BadgeStore } from '../database/BadgeStore';
import {
  collectedEntry,
  projectRecord,
} from '../database/__testUtils__/fixtures';
import type { ProjectRecord } from '../database/RefreshStore';
import { openSnapshotStore } from '../database/SnapshotStore';
import { svgSafetyProblems } from './__testUtils__/svgSafety';
import { createBadgeRouter, keepingBadgeTokensPublicOnly } from './badgeRouter';
import { CatalogAccess } from './CatalogAccess';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const PORTAL = 'component:default/portal';
const PAYMENTS = 'component:default/payments';
const SECRET = 'component:default/secret';
const OUTSIDER = 'user:default/outsider';
const BASE = 'https://backstage.acme.example/api/innersource';

const member = mockCredentials.user.header('user:default/member');
const outsider = mockCredentials.user.header(OUTSIDER);
const anonymous = mockCredentials.none.header();

// The store itself is tested on SQLite and PostgreSQL (BadgeStore.test.ts).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The portal's restricted entities, as app-config names them for badges. */
const RESTRICTED = 'metadata.annotations.innersource.example/restricted';

/** A stored project and its catalog entity; `public` adds innersource/badges: public. */
function project(
  name: string,
  options: { public?: boolean; restricted?: boolean } = {},
) {
  const base = projectRecord(name);
  const entity: Entity = {
    ...base.entity,
    metadata: {
      ...base.entity.metadata,
      annotations: {
        ...(options.public ? { 'innersource/badges': 'public' } : {}),
        ...(options.restricted
          ? { 'innersource.example/restricted': 'true' }
          : {}),
      },
    },
  };
  const record: ProjectRecord = { ...base, entity };
  return { record, entity };
}

async function setUp(
  options: {
    configPublic?: boolean;
    rotateAllowed?: boolean;
    neverPublic?: Record<string, string>;
    /** Tokens that exist before the router starts. */
    tokensBefore?: string[];
    stored?: Array<ReturnType<typeof project>>;
    catalogOnly?: Entity[];
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const snapshots = await openSnapshotStore({
    database: mockServices.database.mock({ getClient: async () => knex }),
  });
  const stored = options.stored ?? [
    project('portal', { public: true }),
    project('payments'),
    project('secret', { public: true }),
  ];
  await snapshots.writer.upsertProjects(
    stored.map(p => p.record),
    T0,
  );
  await snapshots.writer.saveManyCollected(
    stored.map((p, i) => collectedEntry(p.record, T0, 72 - i * 20)),
  );
  const catalog = catalogServiceMock({
    entities: [...stored.map(p => p.entity), ...(options.catalogOnly ?? [])],
  });
  const catalogCalls = { getEntityByRef: 0 };
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: any, opts: any) => {
    catalogCalls.getEntityByRef++;
    return String(ref) === SECRET &&
      opts.credentials.principal.userEntityRef === OUTSIDER
      ? undefined
      : getEntityByRef(ref, opts);
  }) as any;
  const store = new BadgeStore(knex);
  for (const ref of options.tokensBefore ?? []) {
    await store.ensureToken(ref, 'user:default/earlier');
  }
  const authorized: Array<{
    permission: { name: string };
    resourceRef?: string;
  }> = [];
  const settings = {
    public: options.configPublic ?? false,
    cacheControl: 'public, max-age=600',
    ...(options.neverPublic ? { neverPublic: options.neverPublic } : {}),
  };
  const router = await createBadgeRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: {
      // per entity: a request without a resourceRef is never allowed
      authorize: async (
        requests: Array<{ permission: { name: string }; resourceRef?: string }>,
      ) =>
        requests.map(r => {
          authorized.push(r);
          return {
            result:
              options.rotateAllowed !== false && r.resourceRef
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
    } as any,
    discovery: {
      getBaseUrl: async id => `http://localhost:7007/api/${id}`,
      getExternalBaseUrl: async id =>
        `https://backstage.acme.example/api/${id}`,
    },
    store,
    access: new CatalogAccess({
      catalog,
      selector: DEFAULT_SELECTOR,
      listProjectRefs: async () => [],
    }),
    settings,
  });
  const app = express().use(router).use(mockErrorHandler());
  // the refresh job's writer, as the plugin wires it
  const writer = keepingBadgeTokensPublicOnly(
    snapshots.writer,
    store,
    settings,
  );
  return { app, store, snapshots, writer, catalogCalls, authorized };
}

const badgePath = (ref: string, kind: string) => {
  const [entityKind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/badges/${namespace}/${entityKind}/${name}/${kind}.svg`;
};

/** The path of a public URL the dialog gave, below the plugin's base. */
const localPath = (url: string) => url.slice(BASE.length);

/** An error answer without the request line, which names the URL asked for. */
const errorPart = (res: request.Response) => ({
  status: res.status,
  error: res.body.error,
  response: res.body.response,
});

describe('badge routes, signed in', () => {
  it.each([
    ['score', '72/100'],
    ['tier', 'Thriving'],
    ['activity', 'very high'],
    ['help-wanted', '2 open'],
    ['contributors', '3 inside | 2 outside'],
    ['contribute', 'ACME portal'],
  ])(
    'draws the %s badge from the stored snapshot, as a private SVG with a strong ETag',
    async (kind, message) => {
      const { app } = await setUp();
      const res = await request(app)
        .get(badgePath(PORTAL, kind))
        .set('Authorization', member);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
      const svg = res.body.toString('utf8');
      expect(svg).toContain(message);
      expect(svgSafetyProblems(svg)).toEqual([]);
    },
  );

  it('answers 304 to a matching If-None-Match, and a new picture once the snapshot changes', async () => {
    const { app, snapshots } = await setUp();
    const first = await request(app).get(badgePath(PORTAL, 'score'));
    const again = await request(app)
      .get(badgePath(PORTAL, 'score'))
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);

    const { record } = project('portal', { public: true });
    await snapshots.writer.saveManyCollected([
      collectedEntry(record, new Date(T0.getTime() + 86_400_000), 91),
    ]);
    const changed = await request(app)
      .get(badgePath(PORTAL, 'score'))
      .set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body.toString('utf8')).toContain('91/100');
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });

  it('takes a style and a label, and names a parameter it cannot take', async () => {
    const { app } = await setUp();
    const res = await request(app)
      .get(badgePath(PORTAL, 'help-wanted'))
      .query({ style: 'for-the-badge', label: 'Fish & Chips' });
    expect(res.status).toBe(200);
    const svg = res.body.toString('utf8');
    // for-the-badge writes its text in capitals
    expect(svg).toContain('FISH &amp; CHIPS');
    expect(svgSafetyProblems(svg)).toEqual([]);

    const style = await request(app)
      .get(badgePath(PORTAL, 'score'))
      .query({ style: 'neon' });
    expect(style.status).toBe(400);
    expect(style.body.error.message).toBe(
      'style must be one of flat, flat-square, plastic, for-the-badge, social, got "neon"',
    );
    const label = await request(app)
      .get(badgePath(PORTAL, 'score'))
      .query({ label: 'a\u0000b' });
    expect(label.status).toBe(400);
    expect(label.body.error.message).toBe(
      'label must not contain control characters',
    );
    const unknown = await request(app).get(badgePath(PORTAL, 'stars'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      `No badge stars; badges are ${BADGE_KINDS.join(', ')}`,
    );
  });

  it('answers 404 to a caller who may not read the entity, as for one that does not exist, asking the catalog once per caller', async () => {
    const { app, catalogCalls } = await setUp();
    const hidden = await request(app)
      .get(badgePath(SECRET, 'score'))
      .set('Authorization', outsider);
    const missing = await request(app)
      .get(badgePath('component:default/nowhere', 'score'))
      .set('Authorization', outsider);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const callsBefore = catalogCalls.getEntityByRef;
    for (const kind of BADGE_KINDS) {
      await request(app)
        .get(badgePath(PORTAL, kind))
        .set('Authorization', outsider);
    }
    expect(catalogCalls.getEntityByRef).toBe(callsBefore + 1);
  });

  it('says a readable project the refresh has not stored yet is not measured', async () => {
    const { app } = await setUp({
      catalogOnly: [project('fresh').entity],
    });
    const res = await request(app).get(
      badgePath('component:default/fresh', 'score'),
    );
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toContain('not measured');
  });

  it('keeps text from the catalog and the scoring config safe in the SVG', async () => {
    const hostileTitle = '<script>alert(1)</script>" onload="x()'.repeat(300);
    const base = project('hostile', { public: true });
    const record = { ...base.record, title: hostileTitle.slice(0, 255) };
    const { app, snapshots } = await setUp({ stored: [base] });
    await snapshots.writer.upsertProjects([record], T0);
    const entry = collectedEntry(record, T0, 50);
    entry.score = {
      ...entry.score,
      tier: { name: '<b onmouseover="x">&amp;', min: 0, color: '#2e7d32' },
    };
    await snapshots.writer.saveManyCollected([entry]);
    for (const kind of BADGE_KINDS) {
      const res = await request(app).get(
        badgePath('component:default/hostile', kind),
      );
      expect(res.status).toBe(200);
      expect(svgSafetyProblems(res.body.toString('utf8'))).toEqual([]);
    }
  });
});

describe('the badges dialog', () => {
  it('lists every badge with its URL, and the public URL where the entity allows it', async () => {
    const { app } = await setUp();
    const res = await request(app).get('/badges/default/component/portal');
    expect(res.status).toBe(200);
    const body: ProjectBadges = res.body;
    expect(body.public).toEqual({ allowed: true, by: 'annotation' });
    expect(body.canRotate).toBe(true);
    expect(body.link).toBe('https://github.com/acme/portal/contribute');
    expect(body.badges.map(b => b.kind)).toEqual([...BADGE_KINDS]);
    expect(body.badges[0]).toEqual({
      kind: 'score',
      description: 'InnerSource score',
      url: `${BASE}/badges/default/component/portal/score.svg`,
      publicUrl: expect.stringMatching(
        new RegExp(`^${BASE}/badges/t/[\\w-]{43}/score\\.svg$`),
      ),
    });
    // the token stays the same from one opening to the next
    const again = await request(app).get('/badges/default/component/portal');
    expect(again.body.badges[0].publicUrl).toBe(body.badges[0].publicUrl);
  });

  it('gives no public URL for a private entity, and says so', async () => {
    const { app } = await setUp({ rotateAllowed: false });
    const res = await request(app).get('/badges/default/component/payments');
    expect(res.body.public).toEqual({ allowed: false });
    expect(res.body.canRotate).toBe(false);
    expect(res.body.badges.every((b: any) => !b.publicUrl)).toBe(true);
  });

  it('makes every project public when config says so', async () => {
    const { app } = await setUp({ configPublic: true });
    const res = await request(app).get('/badges/default/component/payments');
    expect(res.body.public).toEqual({ allowed: true, by: 'config' });
    expect(res.body.badges[0].publicUrl).toBeDefined();
  });

  it('answers 404 to a caller who may not read the entity', async () => {
    const { app } = await setUp();
    const res = await request(app)
      .get('/badges/default/component/secret')
      .set('Authorization', outsider);
    expect(res.status).toBe(404);
  });
});

describe('public badges', () => {
  async function publicUrls(app: express.Express, name: string) {
    const res = await request(app).get(`/badges/default/component/${name}`);
    return Object.fromEntries(
      (res.body as ProjectBadges).badges.map(b => [
        b.kind,
        localPath(b.publicUrl!),
      ]),
    ) as Record<string, string>;
  }

  it('serve a public project to anyone, with the configured Cache-Control, ETag and 304', async () => {
    const { app } = await setUp();
    const urls = await publicUrls(app, 'portal');
    for (const kind of BADGE_KINDS) {
      const res = await request(app)
        .get(urls[kind])
        .set('Authorization', anonymous);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=600');
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(svgSafetyProblems(res.body.toString('utf8'))).toEqual([]);
    }
    const first = await request(app)
      .get(urls.tier)
      .set('Authorization', anonymous);
    const cached = await request(app)
      .get(urls.tier)
      .set('Authorization', anonymous)
      .set('If-None-Match', `W/${first.headers.etag}`);
    expect(cached.status).toBe(304);
  });

  it('answer anonymous callers the same 404 for a private project, a gone one, a wrong token and a malformed one', async () => {
    const { app, store, snapshots } = await setUp();
    // a token made while payments was public; it no longer is
    const privateToken = await store.ensureToken(PAYMENTS, 'user:default/x');
    const urls = await publicUrls(app, 'portal');
    const goneToken = await store.ensureToken(SECRET, 'user:default/x');
    await snapshots.writer.upsertProjects(
      [project('portal', { public: true }).record, project('payments').record],
      new Date(T0.getTime() + 1000),
    );
    await snapshots.writer.deactivateProjectsNotSeenSince(
      new Date(T0.getTime() + 1000),
    );
    const answers = await Promise.all(
      [
        `/badges/t/${privateToken}/score.svg`,
        `/badges/t/${goneToken}/score.svg`,
        `/badges/t/${'A'.repeat(43)}/score.svg`,
        '/badges/t/not-a-token/score.svg',
        urls.score.replace('score.svg', 'stars.svg'),
      ].map(path => request(app).get(path).set('Authorization', anonymous)),
    );
    const parts = answers.map(errorPart);
    expect(parts[0]).toEqual({
      status: 404,
      error: { name: 'NotFoundError', message: 'No such badge' },
      response: { statusCode: 404 },
    });
    for (const part of parts) expect(part).toEqual(parts[0]);
    for (const res of answers) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.stringify(res.body)).not.toMatch(/payments|secret|portal/);
    }
    // the public project still answers
    const portal = await request(app)
      .get(urls.score)
      .set('Authorization', anonymous);
    expect(portal.status).toBe(200);
  });

  it('stop at the old URL once rotated, and start at the new one', async () => {
    const { app } = await setUp();
    const old = await publicUrls(app, 'portal');
    // served (and so remembered) before the rotation
    expect(
      (await request(app).get(old.score).set('Authorization', anonymous))
        .status,
    ).toBe(200);
    const rotated = await request(app).post(
      '/badges/default/component/portal/token',
    );
    expect(rotated.status).toBe(200);
    const fresh = (rotated.body as ProjectBadges).badges[0].publicUrl!;
    expect(localPath(fresh)).not.toBe(old.score);
    expect(
      (await request(app).get(old.score).set('Authorization', anonymous))
        .status,
    ).toBe(404);
    expect(
      (await request(app).get(localPath(fresh)).set('Authorization', anonymous))
        .status,
    ).toBe(200);
  });

  it('may be rotated only by those the policy allows for that entity, and only when public', async () => {
    const denied = await setUp({ rotateAllowed: false });
    const before = await publicUrls(denied.app, 'portal');
    const res = await request(denied.app).post(
      '/badges/default/component/portal/token',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not rotate the public badge URL of component:default/portal (innersource.badge.rotate)',
    );
    expect(denied.authorized.at(-1)).toEqual({
      permission: expect.objectContaining({
        name: 'innersource.badge.rotate',
        resourceType: 'catalog-entity',
      }),
      resourceRef: PORTAL,
    });
    expect(
      (
        await request(denied.app)
          .get(before.score)
          .set('Authorization', anonymous)
      ).status,
    ).toBe(200);

    const { app } = await setUp();
    const notPublic = await request(app).post(
      '/badges/default/component/payments/token',
    );
    expect(notPublic.status).toBe(409);
    expect(notPublic.body.error.message).toBe(
      'The badges of component:default/payments are not public: annotate the entity with innersource/badges: public, or set innersource.badges.public',
    );
  });

  it('get a new URL when a project made private is made public again, never the old one', async () => {
    const { app, writer } = await setUp();
    const old = await publicUrls(app, 'portal');
    const at = (s: number) => new Date(T0.getTime() + s * 1000);
    // a refresh stores the entity without the annotation, then with it again;
    // nobody asked for the badges in between
    await writer.upsertProjects([project('portal').record], at(1));
    await writer.upsertProjects(
      [project('portal', { public: true }).record],
      at(2),
    );
    const fresh = await publicUrls(app, 'portal');
    expect(fresh.score).not.toBe(old.score);
    expect(
      (await request(app).get(old.score).set('Authorization', anonymous))
        .status,
    ).toBe(404);
    expect(
      (await request(app).get(fresh.score).set('Authorization', anonymous))
        .status,
    ).toBe(200);
  });

  it('never serve an entity neverPublic names, whatever config and its annotation say', async () => {
    const restricted = project('vault', { public: true, restricted: true });
    const { app, store } = await setUp({
      configPublic: true,
      neverPublic: { [RESTRICTED]: 'true' },
      stored: [project('portal', { public: true }), restricted],
      // made before the rule was configured: the router forgets it at startup
      tokensBefore: ['component:default/vault'],
    });
    expect(await store.getToken('component:default/vault')).toBeUndefined();
    const res = await request(app).get('/badges/default/component/vault');
    expect(res.body.public).toEqual({ allowed: false });
    expect(res.body.badges.every((b: any) => !b.publicUrl)).toBe(true);
    expect(await store.getToken('component:default/vault')).toBeUndefined();
    // a token nonetheless made for it answers the same 404 as a wrong one
    const token = await store.ensureToken(
      'component:default/vault',
      'user:default/x',
    );
    const answer = await request(app)
      .get(`/badges/t/${token}/score.svg`)
      .set('Authorization', anonymous);
    expect(errorPart(answer)).toEqual({
      status: 404,
      error: { name: 'NotFoundError', message: 'No such badge' },
      response: { statusCode: 404 },
    });
    // the others stay public by config
    expect((await publicUrls(app, 'portal')).score).toBeDefined();
  });

  it('open no other route to anonymous callers, whatever the name', async () => {
    const { app } = await setUp();
    const answers = await Promise.all(
      [
        request(app).get(badgePath(PORTAL, 'score')),
        request(app).get(badgePath('component:default/nowhere', 'score')),
        // a namespace called t is no token
        request(app).get('/badges/t/component/portal/score.svg'),
        request(app).get('/badges/default/component/portal'),
        request(app).post('/badges/default/component/portal/token'),
      ].map(r => r.set('Authorization', anonymous)),
    );
    expect(answers.map(r => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(errorPart(answers[0])).toEqual(errorPart(answers[1]));
  });
});
