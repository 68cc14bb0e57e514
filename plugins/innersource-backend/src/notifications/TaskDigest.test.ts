import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { IssueFact } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { anotherReplica } from '../database/__testUtils__/replicas';
import {
  collectedEntry,
  issueFact,
  projectRecord,
  repositoryFacts,
} from '../database/__testUtils__/fixtures';
import { openSnapshotStore, SnapshotStore } from '../database/SnapshotStore';
import { FOR_ME_PATH, READABLE_KEPT_DAYS, TaskDigest } from './TaskDigest';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
// The task search counts "updated within" from the real clock: the fixture lives around it.
const NOW = new Date();
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

function user(name: string, skills: string | undefined, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      ...(skills ? { annotations: { 'innersource/skills': skills } } : {}),
    },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  };
}

const PEOPLE: Entity[] = [
  user('guest', 'typescript,go', 'payments-team'),
  user('bob', 'typescript', 'payments-team'),
];

const portal = projectRecord('portal', { skills: ['typescript'] });
const payments = projectRecord('payments', {
  ownerRef: 'group:default/payments-team',
  skills: ['typescript', 'go'],
});
const billing = projectRecord('billing', { skills: ['cobol'] });
const EVERY_PROJECT = [portal, payments, billing].map(p => p.entityRef);

function task(
  repository: string,
  number: number,
  createdAt: Date,
  title?: string,
): IssueFact {
  return issueFact(repository, number, {
    ...(title ? { title } : {}),
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
  });
}

describe('TaskDigest', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  /** Stores each project's open tasks as a refresh would. */
  async function storeTasks(
    store: SnapshotStore,
    tasks: Array<[typeof portal, IssueFact[]]>,
    collectedAt: Date,
  ) {
    await store.writer.upsertProjects(
      tasks.map(([record]) => record),
      collectedAt,
    );
    await store.writer.saveManyCollected(
      tasks.map(([record, issues]) =>
        collectedEntry(record, collectedAt, 60, {
          facts: {
            ...repositoryFacts(record.name, collectedAt),
            // a project's language counts as a skill it asks for
            primaryLanguage: record.skills.includes('cobol')
              ? 'COBOL'
              : 'TypeScript',
            helpWantedIssues: issues,
          },
        }),
      ),
    );
  }

  function digestOver(knex: Knex, store: SnapshotStore, now: () => Date) {
    const sent: NotificationSendOptions[] = [];
    const notifications: jest.Mocked<NotificationService> = {
      send: jest.fn(async options => {
        sent.push(options);
      }),
    };
    const digest = new TaskDigest({
      settings: store.notificationSettings,
      reader: store.reader,
      catalog: catalogServiceMock({ entities: PEOPLE }),
      auth: mockServices.auth(),
      notifications,
      logger: mockServices.logger.mock(),
      now,
    });
    return { digest, sent, knex };
  }

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await storeTasks(
      store,
      [
        [
          portal,
          [
            task('acme/portal', 1, at(-2), 'Type the plugin API'),
            task('acme/portal', 2, at(-24 * 10), 'An old task'),
          ],
        ],
        // guest's own team's project: For me leaves it out
        [payments, [task('acme/payments', 3, at(-1))]],
        // asks for a skill nobody here has
        [billing, [task('acme/billing', 4, at(-1))]],
      ],
      at(0),
    );
    return { knex, store };
  }

  /** The user asks for the digest and visits, reading `readable`, at `visitedAt`. */
  async function asksForDigest(
    store: SnapshotStore,
    userRef: string,
    readable: string[] = EVERY_PROJECT,
    visitedAt = at(-1),
  ) {
    await store.notificationSettings.set(userRef, { digest: true }, at(-48));
    await store.notificationSettings.rememberReadable(
      userRef,
      readable,
      visitedAt,
    );
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('sends a user who asked one digest of the skills new tasks ask for, and one who did not nothing', async () => {
      const { knex, store } = await setUp(databaseId);
      await asksForDigest(store, 'user:default/guest');
      await store.notificationSettings.set(
        'user:default/bob',
        { digest: false },
        at(-48),
      );
      let now = at(0);
      const { digest, sent } = digestOver(knex, store, () => now);

      expect(await digest.run()).toBe(1);
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'user:default/guest' },
          payload: {
            title: 'New help-wanted tasks match your skills',
            description:
              'Tasks opened since yesterday ask for typescript. See them under For me.',
            link: FOR_ME_PATH,
            topic: 'InnerSource',
            severity: 'low',
            scope: 'innersource:digest:user:default/guest',
          },
        },
      ]);

      // at most one a day, however often the task runs
      now = at(3);
      await storeTasks(
        store,
        [[portal, [task('acme/portal', 5, at(2), 'Add Go bindings')]]],
        at(2),
      );
      expect(await digest.run()).toBe(0);

      // a day later the new task is told of, under the same scope: it replaces the unread digest
      now = at(25);
      expect(await digest.run()).toBe(1);
      expect(sent).toHaveLength(2);
      expect(sent[1].payload).toMatchObject({
        description: expect.stringContaining('since your last digest'),
        scope: sent[0].payload.scope,
      });

      // and with nothing new since, nothing
      now = at(50);
      expect(await digest.run()).toBe(0);
      expect(sent).toHaveLength(2);
    });

    it('sends nothing when no task opened since matches the user', async () => {
      const { knex, store } = await setUp(databaseId);
      await asksForDigest(store, 'user:default/bob');
      // bob's only match is his own team's project: For me leaves it out
      await storeTasks(store, [[portal, []]], at(0));
      const { digest, sent } = digestOver(knex, store, () => at(0));
      expect(await digest.run()).toBe(0);
      expect(sent).toEqual([]);
    });

    it('ranks only tasks of the projects the user could read at their last visit', async () => {
      const { knex, store } = await setUp(databaseId);
      // portal, the only project asking for the guest's skills, is hidden from them
      await asksForDigest(store, 'user:default/guest', [
        payments.entityRef,
        billing.entityRef,
      ]);
      const { digest, sent } = digestOver(knex, store, () => at(0));
      expect(await digest.run()).toBe(0);
      expect(sent).toEqual([]);
    });

    it('sends nothing without a visit in the last days, until the user visits again', async () => {
      const { knex, store } = await setUp(databaseId);
      await store.notificationSettings.set(
        'user:default/bob',
        { digest: true },
        at(-48),
      );
      // asked, but never visited since: nothing is known of what they may read
      await asksForDigest(
        store,
        'user:default/guest',
        EVERY_PROJECT,
        at(-24 * READABLE_KEPT_DAYS - 1),
      );
      const { digest, sent } = digestOver(knex, store, () => at(0));
      expect(await digest.run()).toBe(0);
      await store.notificationSettings.rememberReadable(
        'user:default/guest',
        EVERY_PROJECT,
        at(-1),
      );
      expect(await digest.run()).toBe(1);
      expect(sent.map(s => s.recipients)).toEqual([
        { type: 'entity', entityRef: 'user:default/guest' },
      ]);
    });

    it('sends one digest when two replicas run the task at the same time', async () => {
      const { knex, store } = await setUp(databaseId);
      await asksForDigest(store, 'user:default/guest');
      const other = anotherReplica(knex, 'innersource-digest-replica');
      try {
        const otherStore = await openSnapshotStore({
          database: mockServices.database.mock({
            getClient: async () => other.knex,
          }),
          skipMigrations: true,
        });
        const first = digestOver(knex, store, () => at(0));
        const second = digestOver(other.knex, otherStore, () => at(0));
        await Promise.all([first.digest.run(), second.digest.run()]);
        expect(first.sent.length + second.sent.length).toBe(1);
      } finally {
        await other.destroy();
      }
    });
  });
});
