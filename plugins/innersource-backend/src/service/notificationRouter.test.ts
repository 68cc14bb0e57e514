import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { openSnapshotStore } from '../database/SnapshotStore';
import { createNotificationRouter } from './notificationRouter';

jest.setTimeout(60_000);

const GUEST = 'user:default/guest';
const ALICE = 'user:default/alice';

describe('GET and PUT /notifications/settings', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp(digestEnabled = true) {
    const knex = await databases.init('SQLITE_3');
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const clock = { now: new Date('2026-12-07T10:00:00.000Z') };
    const asked: string[] = [];
    const router = createNotificationRouter({
      httpAuth: mockServices.httpAuth(),
      store: store.notificationSettings,
      digestEnabled,
      readableProjects: async credentials => {
        const user = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        asked.push(user);
        return user === GUEST
          ? ['component:default/portal']
          : ['component:default/portal', 'component:default/vault'];
      },
      now: () => clock.now,
    });
    return {
      server: express().use(router).use(mockErrorHandler()),
      store,
      clock,
      asked,
    };
  }

  async function app(digestEnabled = true) {
    return (await setUp(digestEnabled)).server;
  }

  it('remembers what a user with the digest may read at each visit, at most hourly, for the digest', async () => {
    const { server, store, clock, asked } = await setUp();
    const visit = (user: string) =>
      request(server)
        .get('/notifications/settings')
        .set('Authorization', mockCredentials.user.header(user));
    const due = async () => {
      const users = [];
      for await (const page of store.notificationSettings.dueDigests(
        new Date('2026-12-31T00:00:00.000Z'),
      ))
        users.push(...page);
      return users;
    };

    // no digest asked for: nothing is remembered
    await visit(ALICE);
    expect(asked).toEqual([]);

    // switching it on remembers at once
    await request(server)
      .put('/notifications/settings')
      .set('Authorization', mockCredentials.user.header(GUEST))
      .send({ digest: true });
    expect(await due()).toEqual([
      {
        userRef: GUEST,
        readable: {
          refs: ['component:default/portal'],
          at: '2026-12-07T10:00:00.000Z',
        },
      },
    ]);

    // visits within the hour ask the catalog no more
    clock.now = new Date('2026-12-07T10:30:00.000Z');
    await visit(GUEST);
    expect(asked).toEqual([GUEST]);
    clock.now = new Date('2026-12-07T11:00:01.000Z');
    await visit(GUEST);
    expect(asked).toEqual([GUEST, GUEST]);
    expect((await due())[0].readable?.at).toBe('2026-12-07T11:00:01.000Z');
  });

  it("keeps the calling user's own choice: off until they switch it on", async () => {
    const server = await app();
    const get = (user: string) =>
      request(server)
        .get('/notifications/settings')
        .set('Authorization', mockCredentials.user.header(user));

    expect((await get(GUEST)).body).toEqual({
      digest: false,
      digestAvailable: true,
    });
    const put = await request(server)
      .put('/notifications/settings')
      .set('Authorization', mockCredentials.user.header(GUEST))
      .send({ digest: true });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ digest: true, digestAvailable: true });
    expect((await get(GUEST)).body).toEqual({
      digest: true,
      digestAvailable: true,
    });
    // another user's choice is their own
    expect((await get(ALICE)).body.digest).toBe(false);
  });

  it('says when the portal sends no digests at all', async () => {
    const server = await app(false);
    const res = await request(server)
      .get('/notifications/settings')
      .set('Authorization', mockCredentials.user.header(GUEST));
    expect(res.body).toEqual({ digest: false, digestAvailable: false });
  });

  it.each([
    [{}, 'digest: is required: true or false'],
    [{ digest: 'yes' }, 'digest: must be true or false'],
    [{ digest: true, weekly: true }, 'unknown setting weekly'],
    [[true], 'body:'],
  ])('answers 400 naming what is wrong in %j', async (body, message) => {
    const server = await app();
    const res = await request(server)
      .put('/notifications/settings')
      .set('Authorization', mockCredentials.user.header(GUEST))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('answers 401 without credentials and 403 to a service: settings belong to a user', async () => {
    const server = await app();
    const anonymous = await request(server)
      .get('/notifications/settings')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const service = await request(server)
      .put('/notifications/settings')
      .set('Authorization', mockCredentials.service.header())
      .send({ digest: true });
    expect(service.status).toBe(403);
  });
});
