import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { BadgeStore, looksLikeBadgeToken } from './BadgeStore';
import { collectedEntry, projectRecord } from './__testUtils__/fixtures';
import { openSnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const PORTAL = 'component:default/portal';
const ALICE = 'user:default/alice';

describe('BadgeStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const portal = {
      ...projectRecord('portal'),
      entity: {
        ...projectRecord('portal').entity,
        metadata: {
          ...projectRecord('portal').entity.metadata,
          annotations: { 'innersource/badges': 'public' },
        },
      },
    };
    await store.writer.upsertProjects([portal, projectRecord('pending')], T0);
    await store.writer.saveManyCollected([collectedEntry(portal, T0, 72)]);
    return { knex, store, badges: new BadgeStore(knex) };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads what badges show from the stored row, with the entity it was stored with', async () => {
      const { badges } = await setUp(databaseId);
      expect(await badges.getProject(PORTAL)).toEqual({
        entityRef: PORTAL,
        displayName: 'ACME portal',
        score: 72,
        tier: { name: 'Thriving', color: '#2e7d32' },
        activityBand: 'very high',
        helpWanted: 2,
        insideContributors: 3,
        outsideContributors: 2,
        contributeUrl: 'https://github.com/acme/portal/contribute',
        entity: expect.objectContaining({
          kind: 'Component',
          metadata: expect.objectContaining({
            name: 'portal',
            annotations: { 'innersource/badges': 'public' },
          }),
        }),
      });
      expect(await badges.getProject('component:default/pending')).toEqual(
        expect.objectContaining({ score: null, tier: null, helpWanted: null }),
      );
      expect(await badges.getProject('component:default/missing')).toBe(
        undefined,
      );
    });

    it('makes one unguessable token per project and keeps it', async () => {
      const { badges } = await setUp(databaseId);
      const token = await badges.ensureToken(PORTAL, ALICE);
      expect(looksLikeBadgeToken(token!)).toBe(true);
      expect(await badges.ensureToken(PORTAL, 'user:default/bob')).toBe(token);
      const other = await badges.ensureToken(
        'component:default/pending',
        ALICE,
      );
      expect(other).not.toBe(token);
      expect((await badges.getProjectByToken(token!))?.entityRef).toBe(PORTAL);
    });

    it('has no token for a project it has not stored', async () => {
      const { badges } = await setUp(databaseId);
      expect(
        await badges.ensureToken('component:default/missing', ALICE),
      ).toBeUndefined();
      expect(
        await badges.rotateToken('component:default/missing', ALICE),
      ).toBeUndefined();
    });

    it('rotates: the old token finds nothing, the new one the project', async () => {
      const { badges, knex } = await setUp(databaseId);
      const old = (await badges.ensureToken(PORTAL, ALICE))!;
      const rotated = (await badges.rotateToken(PORTAL, 'user:default/bob'))!;
      expect(rotated).not.toBe(old);
      expect(await badges.getProjectByToken(old)).toBeUndefined();
      expect((await badges.getProjectByToken(rotated))?.entityRef).toBe(PORTAL);
      expect(
        await knex('innersource_badge_tokens').select(
          'entity_ref',
          'created_by',
        ),
      ).toEqual([{ entity_ref: PORTAL, created_by: 'user:default/bob' }]);
    });

    it('finds nothing by the token of a project gone from the catalog, nor by a malformed one', async () => {
      const { badges, store } = await setUp(databaseId);
      const token = (await badges.ensureToken(PORTAL, ALICE))!;
      await store.writer.deactivateProjectsNotSeenSince(
        new Date(T0.getTime() + 1000),
      );
      expect(await badges.getProjectByToken(token)).toBeUndefined();
      expect(await badges.getProjectByToken("' or 1=1 --")).toBeUndefined();
      expect(await badges.getProjectByToken('')).toBeUndefined();
    });

    it('forgets the tokens it is told to, and lists the projects that have one', async () => {
      const { badges } = await setUp(databaseId);
      const portal = (await badges.ensureToken(PORTAL, ALICE))!;
      await badges.ensureToken('component:default/pending', ALICE);
      const listed: string[] = [];
      for await (const page of badges.projectsWithTokens(1)) {
        listed.push(...page.map(p => p.entityRef));
      }
      expect(listed).toEqual(['component:default/pending', PORTAL]);
      await badges.forgetTokens(['component:default/pending']);
      expect(
        await badges.getToken('component:default/pending'),
      ).toBeUndefined();
      expect(await badges.getToken(PORTAL)).toBe(portal);
      // a token made afterwards is a new one
      await badges.forgetTokens([PORTAL]);
      const again = await badges.ensureToken(PORTAL, ALICE);
      expect(again).not.toBe(portal);
    });

    it('forgets the token with the project when it is pruned', async () => {
      const { badges, store, knex } = await setUp(databaseId);
      await badges.ensureToken(PORTAL, ALICE);
      await store.writer.deactivateProjectsNotSeenSince(
        new Date(T0.getTime() + 1000),
      );
      await store.writer.pruneSnapshots(new Date(T0.getTime() + 2000));
      expect(await knex('innersource_badge_tokens')).toEqual([]);
    });
  });
});
