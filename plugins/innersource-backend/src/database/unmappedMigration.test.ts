import { createHash } from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';

jest.setTimeout(60_000);

const MIGRATION = '20261127200000_unmapped_without_email.js';
const REF = 'component:default/portal';

/** The keys the refresh job wrote when this migration shipped (an unsalted SHA-256), since replaced by HMACs. */
function unmappedKey({ email }: { email: string }, _provider: string) {
  return `unmapped:${createHash('sha256')
    .update(`email:${email}`)
    .digest('hex')
    .slice(0, 16)}`;
}

function contributorRow(key: string, displayName: string, side: string) {
  return {
    entity_ref: REF,
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

describe(`migration ${MIGRATION}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on %p, rewrites e-mail keys to the opaque keys the refresh job wrote then, and drops e-mails shown as names',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_contributors').insert([
        contributorRow('email:carol@contractor.example', 'Carol', 'unmapped'),
        contributorRow(
          'email:dave@contractor.example',
          'dave@contractor.example',
          'unmapped',
        ),
        contributorRow('github:stranger', 'stranger', 'unmapped'),
        contributorRow('user:default/alice', 'Alice', 'inside'),
      ]);

      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });

      const rows = await knex('innersource_contributors').select(
        'key',
        'display_name',
      );
      const byName = (
        a: { display_name: string },
        b: { display_name: string },
      ) => (a.display_name < b.display_name ? -1 : 1);
      expect(rows.sort(byName)).toEqual(
        [
          {
            key: unmappedKey({ email: 'carol@contractor.example' }, 'git'),
            display_name: 'Carol',
          },
          { key: 'user:default/alice', display_name: 'Alice' },
          { key: 'github:stranger', display_name: 'stranger' },
          {
            key: unmappedKey({ email: 'dave@contractor.example' }, 'git'),
            display_name: 'Unnamed contributor',
          },
        ].sort(byName),
      );
      expect(JSON.stringify(rows)).not.toContain('contractor.example');
    },
  );
});
