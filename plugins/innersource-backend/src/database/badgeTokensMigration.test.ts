import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS, migrateUpToBefore } from './__testUtils__/migrations';

jest.setTimeout(60_000);

const MIGRATION = '20261128100000_badge_tokens.js';

function projectRow(name: string, latest: object | null) {
  return {
    entity_ref: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    entity: '{}',
    last_seen_at: '2026-11-24T00:00:00.000Z',
    status: latest ? 'collected' : 'pending',
    collected_at: latest ? '2026-11-24T12:00:00.000Z' : null,
    fingerprint: `etag-${name}`,
    latest: latest ? JSON.stringify(latest) : null,
  };
}

describe(`migration ${MIGRATION}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'on %p, fills the directory columns from stored snapshots, asks for a full read, and goes back down',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpToBefore(knex, MIGRATION);
      await knex('innersource_projects').insert([
        projectRow('portal', {
          metrics: {
            contributors: 6,
            outsideContributors: 2,
            unmappedContributors: 1,
            openHelpWanted: 3,
            daysSinceLastActivity: 2,
          },
          score: { activity: { raw: 1049.6, band: 'very high' } },
          repository: {
            provider: 'github',
            name: 'acme/portal',
            webUrl: 'https://github.com/acme/portal',
          },
        }),
        projectRow('on-disk', {
          metrics: { contributors: null, outsideContributors: null },
          score: { activity: null },
          repository: { provider: 'git', name: '/srv/git/on-disk' },
        }),
        projectRow('pending', null),
      ]);

      await knex.migrate.up({ ...MIGRATIONS, name: MIGRATION });

      const rows = await knex('innersource_projects')
        .select(
          'name',
          'activity_score',
          'activity_band',
          'help_wanted',
          'inside_contributors',
          'outside_contributors',
          'last_activity_at',
          'contribute_url',
          'fingerprint',
        )
        .orderBy('name');
      expect(rows).toEqual([
        {
          name: 'on-disk',
          activity_score: -1,
          activity_band: null,
          help_wanted: null,
          inside_contributors: null,
          outside_contributors: null,
          last_activity_at: null,
          contribute_url: null,
          fingerprint: null,
        },
        {
          name: 'pending',
          activity_score: -1,
          activity_band: null,
          help_wanted: null,
          inside_contributors: null,
          outside_contributors: null,
          last_activity_at: null,
          contribute_url: null,
          fingerprint: null,
        },
        {
          name: 'portal',
          activity_score: 1050,
          activity_band: 'very high',
          help_wanted: 3,
          inside_contributors: 3,
          outside_contributors: 2,
          last_activity_at: '2026-11-22T12:00:00.000Z',
          contribute_url: 'https://github.com/acme/portal',
          fingerprint: null,
        },
      ]);

      await knex('innersource_badge_tokens').insert({
        entity_ref: 'component:default/portal',
        token: 'a'.repeat(43),
        created_at: '2026-11-24T12:00:00.000Z',
        created_by: 'user:default/alice',
      });
      await knex.migrate.down({ ...MIGRATIONS, name: MIGRATION });
      expect(await knex.schema.hasTable('innersource_badge_tokens')).toBe(
        false,
      );
      expect(
        await knex.schema.hasColumn('innersource_projects', 'contribute_url'),
      ).toBe(false);
      const [{ n }] = await knex('innersource_projects').count({ n: '*' });
      expect(Number(n)).toBe(3);
    },
  );
});
