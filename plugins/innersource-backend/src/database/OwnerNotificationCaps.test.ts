import { TestDatabases } from '@backstage/backend-test-utils';
import { OwnerNotificationCaps } from './OwnerNotificationCaps';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';

jest.setTimeout(60_000);

const MIGRATION = '20261207200000_owner_caps_and_digest_readable.js';
const TEAM = 'group:default/platform-team';
const at = (iso: string) => new Date(iso);

describe('OwnerNotificationCaps', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function caps(perDay: number) {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(MIGRATIONS);
      return { knex, caps: new OwnerNotificationCaps(knex, perDay) };
    }

    it('lets an owner be told the cap a UTC day, then again the next day', async () => {
      const { caps: cap } = await caps(2);
      const answers = [];
      for (const when of [
        '2026-12-07T00:10:00.000Z',
        '2026-12-07T12:00:00.000Z',
        '2026-12-07T23:59:59.000Z',
        '2026-12-08T00:00:01.000Z',
      ]) {
        answers.push(await cap.take(TEAM, at(when)));
      }
      expect(answers).toEqual([true, true, false, true]);
    });

    it('counts each owner apart, whatever the case of its ref', async () => {
      const { caps: cap } = await caps(1);
      const day = at('2026-12-07T10:00:00.000Z');
      expect(await cap.take(TEAM, day)).toBe(true);
      expect(await cap.take('Group:default/Platform-Team', day)).toBe(false);
      expect(await cap.take('group:default/security-team', day)).toBe(true);
    });

    it('takes exactly the cap when replicas send at once', async () => {
      const { caps: cap } = await caps(3);
      const day = at('2026-12-07T10:00:00.000Z');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => cap.take(TEAM, day)),
      );
      expect(answers.filter(Boolean)).toHaveLength(3);
    });

    it('forgets days older than three as new ones are counted', async () => {
      const { caps: cap, knex } = await caps(5);
      await cap.take(TEAM, at('2026-12-01T10:00:00.000Z'));
      await cap.take(TEAM, at('2026-12-07T10:00:00.000Z'));
      expect(
        (await knex('innersource_owner_notification_days').select('day')).map(
          r => r.day,
        ),
      ).toEqual(['2026-12-07']);
    });

    it(`migration ${MIGRATION} goes up and down`, async () => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_notification_settings').insert({
        user_ref: 'user:default/alice',
        digest: true,
        updated_at: '2026-12-01T00:00:00.000Z',
      });
      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });
      expect(
        await knex('innersource_notification_settings').first(
          'user_ref',
          'readable_refs',
          'readable_at',
        ),
      ).toEqual({
        user_ref: 'user:default/alice',
        readable_refs: null,
        readable_at: null,
      });
      expect(
        await knex.schema.hasTable('innersource_owner_notification_days'),
      ).toBe(true);
      await knex.migrate.down({ ...MIGRATIONS, name: MIGRATION });
      expect(
        await knex.schema.hasTable('innersource_owner_notification_days'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn(
          'innersource_notification_settings',
          'readable_refs',
        ),
      ).toBe(false);
    });
  });
});
