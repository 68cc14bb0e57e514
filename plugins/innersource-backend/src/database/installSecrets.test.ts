import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { collectedEntry, contributor, projectRecord } from './__testUtils__/fixtures';
import { InstallSecrets } from './InstallSecrets';
import { openSnapshotStore } from './SnapshotStore';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';

jest.setTimeout(60_000);

const MIGRATION = '20261207000000_install_secrets.js';
const REF = 'component:default/portal';

function contributorRow(
  entityRef: string,
  key: string,
  displayName: string,
  side: string,
) {
  return {
    entity_ref: entityRef,
    key,
    display_name: displayName,
    side,
    commits: 1,
    pull_requests: 0,
    last_contribution_at: '2026-11-20T00:00:00.000Z',
    first_seen_at: '2026-11-01T00:00:00.000Z',
    current: true,
  };
}

describe('install secrets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it(`migration ${MIGRATION} adds the secrets table and drops e-mail-shaped names it can, and goes down again`, async () => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_contributors').insert([
        contributorRow(
          REF,
          'name:mallory@elsewhere.example',
          'mallory@elsewhere.example',
          'unmapped',
        ),
        contributorRow(
          REF,
          'github:stranger',
          'stranger@elsewhere.example',
          'unmapped',
        ),
        contributorRow(REF, 'name:Mallory', 'Mallory', 'unmapped'),
        contributorRow(REF, 'name:Team @ ACME', 'Team @ ACME', 'unmapped'),
        contributorRow(REF, 'user:default/alice', 'Alice', 'inside'),
      ]);

      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });

      expect(await knex.schema.hasTable('innersource_install_secrets')).toBe(
        true,
      );
      const rows = await knex('innersource_contributors')
        .select('key', 'display_name')
        .orderBy('key');
      expect(rows).toEqual([
        { key: 'github:stranger', display_name: 'Unnamed contributor' },
        { key: 'name:Mallory', display_name: 'Mallory' },
        { key: 'name:Team @ ACME', display_name: 'Team @ ACME' },
        { key: 'user:default/alice', display_name: 'Alice' },
      ]);
      expect(JSON.stringify(rows)).not.toContain('elsewhere.example');

      await knex.migrate.down(MIGRATIONS);
      expect(await knex.schema.hasTable('innersource_install_secrets')).toBe(
        false,
      );
      await knex.migrate.latest(MIGRATIONS);
      expect(await knex.schema.hasTable('innersource_install_secrets')).toBe(
        true,
      );
    });

    it('generates a secret once per installation: every replica, asking at once or after a restart, gets the same', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(MIGRATIONS);
      const replicas = [
        new InstallSecrets(knex),
        new InstallSecrets(knex),
        new InstallSecrets(knex),
      ];

      const secrets = await Promise.all(
        replicas.map(replica => replica.get('contributor-keys')),
      );

      expect(secrets[0]).toHaveLength(32);
      for (const secret of secrets)
        expect(secret.equals(secrets[0])).toBe(true);
      const [{ n }] = await knex('innersource_install_secrets').count({
        n: '*',
      });
      expect(Number(n)).toBe(1);
      const restarted = await new InstallSecrets(knex).get('contributor-keys');
      expect(restarted.equals(secrets[0])).toBe(true);
    });

    it('gives another installation another secret', async () => {
      const [first, second] = await Promise.all(
        [1, 2].map(async () => {
          const knex = await databases.init(databaseId);
          await knex.migrate.latest(MIGRATIONS);
          return new InstallSecrets(knex).get('contributor-keys');
        }),
      );
      expect(first.equals(second)).toBe(false);
    });

    it("removes a project's contributor keys of the former scheme when it is next collected, and no other project's", async () => {
      const knex = await databases.init(databaseId);
      const store = await openSnapshotStore({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      const portal = projectRecord('portal');
      const payments = projectRecord('payments');
      const T = new Date('2026-11-26T09:00:00.000Z');
      await store.writer.upsertProjects([portal, payments], T);
      await knex('innersource_contributors').insert([
        contributorRow(
          portal.entityRef,
          'unmapped:0123456789abcdef',
          'Carol',
          'unmapped',
        ),
        contributorRow(
          payments.entityRef,
          'unmapped:fedcba9876543210',
          'Dave',
          'unmapped',
        ),
      ]);

      await store.writer.saveManyCollected([
        collectedEntry(portal, T, 70, {
          contributors: [
            contributor('pseudonym:00112233445566778899aabbccddeeff', {
              displayName: 'Carol',
              side: 'unmapped',
            }),
          ],
        }),
      ]);

      const known = await store.writer.getKnownContributorKeys([
        portal.entityRef,
        payments.entityRef,
      ]);
      expect(known.get(portal.entityRef)).toEqual(
        new Set(['pseudonym:00112233445566778899aabbccddeeff']),
      );
      const rows = await knex('innersource_contributors')
        .where({ entity_ref: payments.entityRef })
        .select('key');
      expect(rows).toEqual([{ key: 'unmapped:fedcba9876543210' }]);
    });
  });
});
