import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';
import { anotherReplica } from './__testUtils__/replicas';
import { claimChanges } from './notificationClaims';
import { NotificationSettingsStore } from './NotificationSettingsStore';
import type { ProjectChange } from './RefreshStore';
import { openSnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const MIGRATION = '20261129200000_notifications.js';
const T0 = new Date('2026-11-27T08:00:00.000Z');
const hoursAfter = (date: Date, hours: number) =>
  new Date(date.getTime() + hours * 3_600_000);

function change(entityRef: string, kind: string, from: number): ProjectChange {
  return {
    entityRef,
    change: kind,
    fromSnapshotId: from,
    from: { score: 72, tierName: 'Thriving' },
    to: { score: 55, tierName: 'Growing' },
    advice: [],
  };
}

describe('notification tables', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function settingsStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return { knex, settings: store.notificationSettings };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it(`migration ${MIGRATION} adds the claims and settings tables over stored projects and goes back down`, async () => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_projects').insert({
        entity_ref: 'component:default/portal',
        kind: 'component',
        namespace: 'default',
        name: 'portal',
        entity: '{}',
        last_seen_at: T0.toISOString(),
      });

      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });
      const [{ n }] = await knex('innersource_projects').count({ n: '*' });
      expect(Number(n)).toBe(1);
      const claimed = await claimChanges(
        knex,
        [change('component:default/portal', 'tier', 7)],
        'replica-a',
        T0,
      );
      expect(claimed.map(c => c.change)).toEqual(['tier']);
      const settings = new NotificationSettingsStore(knex);
      await settings.set('user:default/guest', { digest: true }, T0);
      expect(await settings.get('user:default/guest')).toEqual({
        digest: true,
      });

      await knex.migrate.down({ ...MIGRATIONS, name: MIGRATION });
      expect(
        await knex.schema.hasTable('innersource_notification_claims'),
      ).toBe(false);
      expect(
        await knex.schema.hasTable('innersource_notification_settings'),
      ).toBe(false);
    });

    it('gives a change to the first write that claims it; another claiming the same change from the same snapshot gets nothing', async () => {
      const { knex } = await settingsStore(databaseId);
      const tier = change('component:default/portal', 'tier', 7);
      const contributing = change(
        'component:default/portal',
        'readiness:contributing',
        7,
      );
      expect(await claimChanges(knex, [tier], 'replica-a', T0)).toEqual([tier]);
      // the same drop seen by another replica, and a new check it alone found
      expect(
        await claimChanges(knex, [tier, contributing], 'replica-b', T0),
      ).toEqual([contributing]);
      // the next drop is measured from a later snapshot: a change of its own
      const later = change('component:default/portal', 'tier', 9);
      expect(await claimChanges(knex, [later], 'replica-a', T0)).toEqual([
        later,
      ]);
    });

    it("keeps each user's own choice, off until they switch it on", async () => {
      const { settings } = await settingsStore(databaseId);
      expect(await settings.get('user:default/guest')).toEqual({
        digest: false,
      });
      await settings.set('user:default/Guest', { digest: true }, T0);
      expect(await settings.get('user:default/guest')).toEqual({
        digest: true,
      });
      expect(await settings.get('user:default/alice')).toEqual({
        digest: false,
      });
      await settings.set('user:default/guest', { digest: false }, T0);
      expect(await settings.get('user:default/guest')).toEqual({
        digest: false,
      });
    });

    it('lists users due a digest (asked, none in the last day) and lets one caller claim each', async () => {
      const { knex, settings } = await settingsStore(databaseId);
      await settings.set('user:default/guest', { digest: true }, T0);
      await settings.set('user:default/alice', { digest: true }, T0);
      await settings.set('user:default/bob', { digest: false }, T0);

      const due = async (at: Date) => {
        const users = [];
        for await (const page of settings.dueDigests(hoursAfter(at, -24), 1)) {
          users.push(...page);
        }
        return users;
      };
      const first = await due(T0);
      expect(first).toEqual([
        { userRef: 'user:default/alice' },
        { userRef: 'user:default/guest' },
      ]);

      // two replicas claim guest's digest at once: one wins
      const other = anotherReplica(knex, 'innersource-digest-replica');
      try {
        const otherSettings = new NotificationSettingsStore(other.knex);
        const wins = await Promise.all([
          settings.claimDigest(first[1], T0),
          otherSettings.claimDigest(first[1], T0),
        ]);
        expect(wins.filter(Boolean)).toHaveLength(1);
      } finally {
        await other.destroy();
      }

      expect(await due(hoursAfter(T0, 23))).toEqual([
        { userRef: 'user:default/alice' },
      ]);
      expect(await due(hoursAfter(T0, 25))).toEqual([
        { userRef: 'user:default/alice' },
        { userRef: 'user:default/guest', lastDigestAt: T0.toISOString() },
      ]);
      // a user who switched the digest off since is not claimed
      await settings.set('user:default/alice', { digest: false }, T0);
      expect(await settings.claimDigest(first[0], T0)).toBe(false);
    });
  });
});
