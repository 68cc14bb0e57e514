import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  ContributorSummary,
  ProjectMetrics,
  ProjectScore,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import { InputError } from '@backstage/errors';
import type { CollectedEntry, ProjectRecord } from './RefreshStore';
import type { ProjectListQuery } from './ProjectReader';
import {
  collectedEntry,
  contributor,
  issueFact,
  projectMetrics,
  projectRecord,
} from './__testUtils__/fixtures';
import type { PreviewProject } from '@innersource-for-backstage/plugin-innersource-common';
import type { DatabaseProjectReader } from './DatabaseProjectReader';
import { openSnapshotStore } from './SnapshotStore';

const TABLES = [
  'innersource_projects',
  'innersource_project_tags',
  'innersource_snapshots',
  'innersource_contributors',
  'innersource_tasks',
  'innersource_refresh_runs',
  'innersource_refresh_errors',
];

jest.setTimeout(60_000);

const T0 = new Date('2026-11-20T10:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function record(
  name: string,
  owner = 'group:default/platform-team',
  tags = ['innersource'],
): ProjectRecord {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    ownerRef: owner,
    tags,
    skills: [],
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, tags },
    },
  };
}

const metrics = (commits: number): ProjectMetrics => ({
  commits,
  contributors: 2,
  outsideContributors: 1,
  unmappedContributors: 0,
  outsideContributionShare: 0.5,
  agentContributions: null,
  changeRequestAcceptanceRatio: null,
  medianTimeToFirstResponseHours: null,
  p90TimeToFirstResponseHours: null,
  medianTimeToMergeHours: null,
  p90TimeToMergeHours: null,
  contributorAbsenceFactor: 1,
  newContributors: null,
  outsideNewContributors: null,
  newcomerReturnRate: null,
  pullRequestsOpened: null,
  pullRequestsMerged: null,
  issuesOpened: null,
  openHelpWanted: 1,
  openGoodFirstIssues: 1,
  daysSinceLastActivity: 0,
  stars: null,
  forks: null,
  watchers: null,
  weeklyCommits: [1, 2, 3],
});

function score(value: number): ProjectScore {
  const tier =
    value >= 70
      ? { name: 'Thriving', min: 70, color: '#2e7d32' }
      : { name: 'Growing', min: 40, color: '#f9a825' };
  return {
    score: value,
    tier,
    profile: 'default',
    dimensions: [],
    readiness: [],
    activity: null,
  };
}

const facts = {
  provider: 'git',
  repository: '/srv/x',
  webUrl: 'https://git.example/x',
} as RepositoryFacts;

const person = (
  key: string,
  side: ContributorSummary['side'],
  teamRef?: string,
): ContributorSummary => ({
  key,
  displayName: key,
  side,
  commits: 2,
  pullRequests: 1,
  lastContributionAt: T0.toISOString(),
  ...(key.startsWith('user:') ? { userRef: key } : {}),
  ...(teamRef ? { teamRef } : {}),
});

function entry(
  name: string,
  at: Date,
  value: number,
  overrides: Partial<CollectedEntry> = {},
): CollectedEntry {
  return {
    entityRef: `component:default/${name}`,
    collectedAt: at,
    fingerprint: `fp-${value}`,
    facts,
    metrics: metrics(value),
    scoringInput: {
      metrics: metrics(value),
      activity: null,
      readiness: {
        readme: true,
        contributing: null,
        codeownersOrTrustedCommitters: null,
        license: null,
        description: false,
        goodFirstIssues: 1,
        issueTemplates: null,
      },
    },
    score: score(value),
    contributors: [],
    tasks: [],
    goodFirstLabels: ['good first issue'],
    ...overrides,
  };
}

describe('SnapshotStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return { store, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('returns exactly what was saved as the project summary', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects(
        [
          {
            ...record('portal'),
            title: 'Portal',
            systemRef: 'system:default/dev',
          },
        ],
        T0,
      );
      await store.writer.saveManyCollected([entry('portal', T0, 81)]);
      expect(
        await store.reader.getProjectSummary('component:default/portal'),
      ).toEqual({
        entityRef: 'component:default/portal',
        title: 'Portal',
        owner: 'group:default/platform-team',
        system: 'system:default/dev',
        status: 'collected',
        score: 81,
        tier: { name: 'Thriving', color: '#2e7d32' },
        profile: 'default',
        dimensions: [],
        metrics: metrics(81),
        readiness: [],
        activity: null,
        repository: {
          provider: 'git',
          name: '/srv/x',
          webUrl: 'https://git.example/x',
        },
        refreshedAt: T0.toISOString(),
        checkedAt: T0.toISOString(),
        errors: [],
      });
      expect(
        await store.writer.getRefreshState([
          'component:default/portal',
          'component:default/none',
        ]),
      ).toEqual(
        new Map([
          [
            'component:default/portal',
            {
              collectedAt: T0.toISOString(),
              checkedAt: T0.toISOString(),
              fingerprint: 'fp-81',
            },
          ],
        ]),
      );
    });

    it('marks a project failed only while it has no snapshot, and clears the error on the next success', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects([record('portal')], T0);
      await store.writer.recordFailure(
        'component:default/portal',
        'git clone failed: not found',
        T0,
      );
      expect(
        await store.reader.getProjectSummary('component:default/portal'),
      ).toMatchObject({
        status: 'failed',
        score: null,
        errors: [{ message: 'git clone failed: not found' }],
      });
      await store.writer.saveManyCollected([entry('portal', day(1), 50)]);
      await store.writer.recordFailure(
        'component:default/portal',
        'timed out',
        day(2),
      );
      expect(
        await store.reader.getProjectSummary('component:default/portal'),
      ).toMatchObject({
        status: 'collected',
        score: 50,
        errors: [{ message: 'timed out', at: day(2).toISOString() }],
      });
      await store.writer.saveManyCollected([entry('portal', day(3), 55)]);
      expect(
        (await store.reader.getProjectSummary('component:default/portal'))!
          .errors,
      ).toEqual([]);
    });

    it('ranks active projects by score, unscored last, and filters by owner, tier, kind and tag', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects(
        [
          record('a', 'group:default/team-a', ['innersource', 'java']),
          record('b', 'group:default/team-b', ['innersource']),
          record('c', 'group:default/team-a', ['innersource', 'java']),
          record('pending'),
        ],
        T0,
      );
      await store.writer.saveManyCollected([
        entry('a', T0, 50),
        entry('b', T0, 90),
        entry('c', T0, 75),
      ]);
      const refs = async (
        query: Parameters<DatabaseProjectReader['listProjects']>[0],
      ) =>
        (await store.reader.listProjects(query, 'all')).items.map(
          i => i.entityRef.split('/')[1],
        );
      expect(await refs({ limit: 10 })).toEqual(['b', 'c', 'a', 'pending']);
      expect(
        await refs({ limit: 10, owner: ['group:default/team-a'] }),
      ).toEqual(['c', 'a']);
      expect(await refs({ limit: 10, tier: ['Growing'] })).toEqual(['a']);
      expect(await refs({ limit: 10, tag: ['java'] })).toEqual(['c', 'a']);
      expect(await refs({ limit: 10, kind: ['system'] })).toEqual([]);
    });

    it('pages with a cursor that neither repeats nor skips rows when projects are added between pages', async () => {
      const { store } = await createStore(databaseId);
      const names = Array.from({ length: 7 }, (_, i) => `p${i}`);
      await store.writer.upsertProjects(
        names.map(n => record(n)),
        T0,
      );
      await store.writer.saveManyCollected(
        names.map((n, i) => entry(n, T0, 40 + (i % 3) * 10)),
      );
      const first = await store.reader.listProjects({ limit: 3 }, 'all');
      // a new project lands ahead of the cursor, another behind it
      await store.writer.upsertProjects(
        [record('new-top'), record('new-bottom')],
        T0,
      );
      await store.writer.saveManyCollected([
        entry('new-top', T0, 99),
        entry('new-bottom', T0, 1),
      ]);
      const seen = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await store.reader.listProjects(
          { limit: 3, cursor },
          'all',
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
      }
      const refs = seen.map(i => i.entityRef);
      expect(new Set(refs).size).toBe(refs.length);
      for (const n of names) expect(refs).toContain(`component:default/${n}`);
      expect(refs).not.toContain('component:default/new-top');
    });

    it('lists and pages only the readable projects given, so its cursors and histogram name and count no other', async () => {
      const { store } = await createStore(databaseId);
      const names = ['a', 'hidden-1', 'b', 'hidden-2', 'c'];
      await store.writer.upsertProjects(
        names.map(n => record(n)),
        T0,
      );
      await store.writer.saveManyCollected(
        names.map((n, i) => entry(n, T0, 90 - i * 10)),
      );
      const readable = ['a', 'b', 'c'].map(n => `component:default/${n}`);
      const seen: string[] = [];
      const cursors: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.reader.listProjects(
          { limit: 1, cursor },
          readable,
        );
        seen.push(...page.items.map(i => i.entityRef));
        cursor = page.nextCursor;
        if (cursor) cursors.push(cursor);
      } while (cursor);
      expect(seen).toEqual(readable);
      for (const c of cursors) {
        expect(Buffer.from(c, 'base64url').toString('utf8')).not.toContain(
          'hidden',
        );
      }
      // a:90, b:70, c:50; the hidden 80 and 60 are not counted
      const histogram = await store.reader.getScoreHistogram(readable);
      expect(histogram.reduce((sum, n) => sum + n, 0)).toBe(3);
      expect(histogram[8]).toBe(0);
      expect(histogram[6]).toBe(0);
    });

    it('refuses a cursor it did not make', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.reader.listProjects(
          { limit: 3, cursor: 'bm90IGEgY3Vyc29y' },
          'all',
        ),
      ).rejects.toThrow('cursor is not valid');
    });

    it('returns metric history in time order from a given date', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects([record('portal')], T0);
      for (const [n, commits] of [
        [0, 3],
        [1, 5],
        [2, 8],
      ])
        await store.writer.saveManyCollected([
          entry('portal', day(n), commits),
        ]);
      expect(
        await store.reader.getMetricHistory(
          'component:default/portal',
          'commits',
          day(1),
        ),
      ).toEqual([
        { at: day(1).toISOString(), value: 5 },
        { at: day(2).toISOString(), value: 8 },
      ]);
    });

    it('replaces contributors and tasks at each snapshot, remembering when each contributor was first seen', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects([record('portal')], T0);
      const task = (id: string, labels: string[]) => ({
        id,
        title: id,
        url: `https://x/${id}`,
        labels,
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        comments: 0,
      });
      await store.writer.saveManyCollected([
        entry('portal', T0, 10, {
          contributors: [person('user:default/alice', 'inside')],
          tasks: [task('1', ['Good First Issue'])],
        }),
      ]);
      await store.writer.saveManyCollected([
        entry('portal', day(1), 12, {
          contributors: [person('user:default/bob', 'outside')],
          tasks: [task('2', ['help wanted'])],
        }),
      ]);
      expect(
        (await store.reader.getContributors('component:default/portal')).map(
          c => c.key,
        ),
      ).toEqual(['user:default/bob']);
      expect(
        await store.writer.getKnownContributorKeys([
          'component:default/portal',
        ]),
      ).toEqual(
        new Map([
          [
            'component:default/portal',
            new Set(['user:default/alice', 'user:default/bob']),
          ],
        ]),
      );
    });

    it('tells a group what it gave to and received from other teams', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects(
        [
          record('ours', 'group:default/team-a'),
          record('theirs', 'group:default/team-b'),
        ],
        T0,
      );
      await store.writer.saveManyCollected([
        entry('ours', T0, 70, {
          contributors: [
            person('user:default/bob', 'outside', 'group:default/team-b'),
            person('user:default/alice', 'inside', 'group:default/team-a'),
          ],
        }),
        entry('theirs', T0, 60, {
          contributors: [
            person('user:default/alice', 'outside', 'group:default/team-a'),
          ],
        }),
      ]);
      const summary = await store.reader.getGroupSummary(
        'group:default/team-a',
      );
      expect(summary.projects.map(p => p.entityRef)).toEqual([
        'component:default/ours',
      ]);
      expect(summary.received).toEqual([
        {
          counterpart: 'group:default/team-b',
          projectRef: 'component:default/ours',
          contributors: 1,
          contributions: 3,
        },
      ]);
      expect(summary.given).toEqual([
        {
          counterpart: 'group:default/team-b',
          projectRef: 'component:default/theirs',
          contributors: 1,
          contributions: 3,
        },
      ]);
    });

    it('prunes old history but never a latest snapshot, and forgets long-gone projects', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.writer.upsertProjects([record('active'), record('gone')], T0);
      await store.writer.saveManyCollected([
        entry('active', T0, 10),
        entry('gone', T0, 20),
      ]);
      await store.writer.upsertProjects([record('active')], day(30));
      await store.writer.saveManyCollected([entry('active', day(30), 11)]);
      await store.writer.deactivateProjectsNotSeenSince(day(30));
      expect(
        (await store.reader.listProjects({ limit: 10 }, 'all')).items.map(
          i => i.entityRef,
        ),
      ).toEqual(['component:default/active']);

      await store.writer.pruneSnapshots(day(10));
      const rows = await knex('innersource_snapshots')
        .select('entity_ref', 'collected_at')
        .orderBy('collected_at');
      expect(rows).toEqual([
        {
          entity_ref: 'component:default/active',
          collected_at: day(30).toISOString(),
        },
      ]);
      expect(await knex('innersource_projects').pluck('entity_ref')).toEqual([
        'component:default/active',
      ]);
    });

    it('logs refresh runs with their per-entity errors', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects([record('portal')], T0);
      const runId = await store.writer.startRun(T0);
      await store.writer.recordFailure(
        'component:default/portal',
        'repository not found',
        T0,
        runId,
      );
      await store.writer.finishRun(runId, {
        status: 'partial',
        finishedAt: day(1),
        projects: 1,
        collected: 0,
        unchanged: 0,
        failed: 1,
        deferred: 0,
      });
      expect(await store.writer.getLatestRun()).toMatchObject({
        id: runId,
        status: 'partial',
        failed: 1,
        errors: [
          {
            entityRef: 'component:default/portal',
            message: 'repository not found',
          },
        ],
      });
    });

    it('makes the next refresh read every repository in full once innersource.json asks are stored', async () => {
      const { store, knex } = await createStore(databaseId);
      const portal = projectRecord('portal');
      await store.writer.upsertProjects([portal], T0);
      await store.writer.saveManyCollected([collectedEntry(portal, T0, 64)]);
      const before = await store.writer.getRefreshState([portal.entityRef]);
      expect(before.get(portal.entityRef)?.fingerprint).toBeTruthy();

      // what an upgrade from the release before does: the asks migration runs on stored data
      const migrations = {
        directory: resolvePackagePath(
          '@innersource-for-backstage/plugin-innersource-backend',
          'migrations',
        ),
        tableName: 'innersource_knex_migrations',
        name: '20261126000000_project_asks.js',
      };
      await knex.migrate.down(migrations);
      await knex.migrate.up(migrations);

      const after = await store.writer.getRefreshState([portal.entityRef]);
      expect(after.get(portal.entityRef)?.fingerprint).toBeUndefined();
    });

    it('applies its migrations once, and leaves the schema alone when told to skip them', async () => {
      const knex = await databases.init(databaseId as any);
      await openSnapshotStore({ database: mockServices.database({ knex }) });
      // a second backend start finds nothing left to migrate
      await openSnapshotStore({ database: mockServices.database({ knex }) });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }

      const skippedByConfig = await databases.init(databaseId as any);
      await openSnapshotStore({
        database: mockServices.database({
          knex: skippedByConfig,
          migrations: { skip: true },
        }),
      });
      const skippedByCaller = await databases.init(databaseId as any);
      await openSnapshotStore({
        database: mockServices.database({ knex: skippedByCaller }),
        skipMigrations: true,
      });
      for (const table of TABLES) {
        expect(await skippedByConfig.schema.hasTable(table)).toBe(false);
        expect(await skippedByCaller.schema.hasTable(table)).toBe(false);
      }
    });

    it('keeps catalog fields current at each upsert, and hides a project that left the catalog until it returns', async () => {
      const { store } = await createStore(databaseId);
      const portal = projectRecord('portal', { tags: ['innersource', 'java'] });
      const docs = projectRecord('docs');
      await store.writer.upsertProjects([portal, docs], T0);
      await store.writer.saveManyCollected([collectedEntry(docs, T0, 64)]);

      const moved = projectRecord('portal', {
        title: 'ACME Portal 2',
        ownerRef: 'group:default/web-team',
        tags: ['innersource', 'go'],
      });
      await store.writer.upsertProjects([moved], day(1));
      expect(await store.writer.deactivateProjectsNotSeenSince(day(1))).toBe(1);

      const list = await store.reader.listProjects({ limit: 10 }, 'all');
      expect(list.items).toEqual([
        {
          entityRef: 'component:default/portal',
          title: 'ACME Portal 2',
          kind: 'component',
          owner: 'group:default/web-team',
          system: 'system:default/developer-portal',
          tags: ['innersource', 'go'],
          description: 'The portal service that every ACME team builds on',
          skills: ['typescript', 'react'],
          contributions: [],
          status: 'pending',
          score: null,
          tier: null,
          refreshedAt: null,
          // not collected: nothing known of the repository yet
          activity: null,
          helpWanted: null,
          lastActivityAt: null,
        },
      ]);
      expect(
        (await store.reader.listProjects({ limit: 10, tag: ['java'] }, 'all'))
          .items,
      ).toEqual([]);
      expect(
        (await store.reader.listProjects({ limit: 10, tag: ['go'] }, 'all'))
          .items,
      ).toHaveLength(1);
      expect(
        await store.reader.getProjectSummary('component:default/docs'),
      ).toBeUndefined();
      // history outlives the stay away from the catalog
      expect(
        await store.reader.getMetricHistory(
          'component:default/docs',
          'commits',
          T0,
        ),
      ).toEqual([{ at: T0.toISOString(), value: 57 }]);

      await store.writer.upsertProjects([docs], day(2));
      expect(await store.writer.deactivateProjectsNotSeenSince(day(2))).toBe(1);
      expect(
        await store.reader.getProjectSummary('component:default/docs'),
      ).toMatchObject({ status: 'collected', score: 64 });
      expect(
        await store.reader.getProjectSummary('component:default/portal'),
      ).toBeUndefined();
    });

    it("upserts and pages through more projects than SQLite's bound-variable limit allows in one statement", async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 1200 }, (_, i) =>
        projectRecord(`service-${String(i).padStart(4, '0')}`, {
          tags: ['innersource', i % 2 ? 'odd' : 'even'],
        }),
      );
      await store.writer.upsertProjects(many, T0);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.reader.listProjects(
          { limit: 100, cursor },
          'all',
        );
        seen.push(...page.items.map(i => i.entityRef));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(many.map(p => p.entityRef));
      expect(
        (await store.reader.listProjects({ limit: 1000, tag: ['odd'] }, 'all'))
          .items,
      ).toHaveLength(600);
    });

    it('saves a batch bigger than one transaction chunk, each project with its own snapshot', async () => {
      const { store, knex } = await createStore(databaseId);
      const records = Array.from({ length: 60 }, (_, i) =>
        projectRecord(`lib-${String(i).padStart(2, '0')}`),
      );
      await store.writer.upsertProjects(records, T0);
      await store.writer.saveManyCollected(
        records.map((r, i) =>
          collectedEntry(r, T0, i, { metrics: projectMetrics({ commits: i }) }),
        ),
      );
      for (const [i, r] of records.entries()) {
        const summary = await store.reader.getProjectSummary(r.entityRef);
        expect(summary).toMatchObject({ score: i, metrics: { commits: i } });
      }
      // each project's latest snapshot id points at its own row, so none is pruned
      await store.writer.pruneSnapshots(day(100));
      const kept = await knex('innersource_snapshots as s')
        .join('innersource_projects as p', 'p.latest_snapshot_id', 's.id')
        .select('s.entity_ref', { projectRef: 'p.entity_ref' });
      expect(kept).toHaveLength(60);
      for (const row of kept) expect(row.entity_ref).toBe(row.projectRef);
    });

    it('returns a realistic collected snapshot in full, score detail and repository included', async () => {
      const { store } = await createStore(databaseId);
      const portal = projectRecord('portal');
      await store.writer.upsertProjects([portal], T0);
      const saved = collectedEntry(portal, T0, 72);
      await store.writer.saveCollected(saved);

      expect(await store.reader.getProjectSummary(portal.entityRef)).toEqual({
        entityRef: 'component:default/portal',
        title: 'ACME portal',
        owner: 'group:default/platform-team',
        system: 'system:default/developer-portal',
        status: 'collected',
        score: 72,
        tier: { name: 'Thriving', color: '#2e7d32' },
        profile: 'default',
        dimensions: saved.score.dimensions,
        metrics: saved.metrics,
        readiness: saved.score.readiness,
        activity: { raw: 720, band: 'very high' },
        repository: {
          provider: 'github',
          name: 'acme/portal',
          webUrl: 'https://github.com/acme/portal',
        },
        refreshedAt: T0.toISOString(),
        checkedAt: T0.toISOString(),
        errors: [],
      });
      expect(
        await store.reader.getProjectSummary('component:default/never-seen'),
      ).toBeUndefined();
    });

    it('keeps the last good snapshot through a failed refresh and an unchanged check', async () => {
      const { store } = await createStore(databaseId);
      const portal = projectRecord('portal');
      await store.writer.upsertProjects([portal], T0);
      const good = collectedEntry(portal, T0, 72);
      await store.writer.saveCollected(good);
      const before = await store.reader.getProjectSummary(portal.entityRef);

      const runId = await store.writer.startRun(day(1));
      await store.writer.recordFailure(
        portal.entityRef,
        'API rate limit exceeded for installation ID 4242',
        day(1),
        runId,
      );
      expect(await store.reader.getProjectSummary(portal.entityRef)).toEqual({
        ...before,
        errors: [
          {
            message: 'API rate limit exceeded for installation ID 4242',
            at: day(1).toISOString(),
          },
        ],
      });
      expect(
        await store.reader.getMetricHistory(portal.entityRef, 'commits', T0),
      ).toEqual([{ at: T0.toISOString(), value: 57 }]);

      await store.writer.markUnchanged([portal.entityRef], day(2));
      expect(await store.reader.getProjectSummary(portal.entityRef)).toEqual({
        ...before,
        checkedAt: day(2).toISOString(),
      });
      expect(await store.writer.getRefreshState([portal.entityRef])).toEqual(
        new Map([
          [
            portal.entityRef,
            {
              collectedAt: T0.toISOString(),
              checkedAt: day(2).toISOString(),
              fingerprint: good.fingerprint,
            },
          ],
        ]),
      );
    });

    it("stores help-wanted tasks per project, replacing only that project's at each collection", async () => {
      const { store, knex } = await createStore(databaseId);
      const portal = projectRecord('portal');
      const payments = projectRecord('payments');
      await store.writer.upsertProjects([portal, payments], T0);
      const helpWanted = issueFact('acme/portal', 101);
      await store.writer.saveManyCollected([
        collectedEntry(portal, T0, 70, {
          tasks: [
            helpWanted,
            issueFact('acme/portal', 102, {
              labels: ['Good First Issue', 'docs'],
              assignee: 'bob-gh',
            }),
            // the provider listed the same issue twice (two matching labels)
            helpWanted,
          ],
        }),
        collectedEntry(payments, T0, 50, {
          tasks: [issueFact('acme/payments', 7)],
        }),
      ]);
      const tasks = async (entityRef: string) =>
        (
          await knex('innersource_tasks')
            .where({ entity_ref: entityRef })
            .orderBy('id')
        ).map(row => ({
          id: row.id,
          number: row.number,
          labels: JSON.parse(row.labels),
          isGoodFirst: Boolean(row.is_good_first),
          assignee: row.assignee,
          updatedAt: row.updated_at,
        }));

      expect(await tasks(portal.entityRef)).toEqual([
        {
          id: helpWanted.id,
          number: 101,
          labels: ['help wanted'],
          isGoodFirst: false,
          assignee: null,
          updatedAt: '2026-11-20T16:40:00.000Z',
        },
        {
          id: issueFact('acme/portal', 102).id,
          number: 102,
          labels: ['Good First Issue', 'docs'],
          isGoodFirst: true,
          assignee: 'bob-gh',
          updatedAt: '2026-11-20T16:40:00.000Z',
        },
      ]);

      await store.writer.saveCollected(
        collectedEntry(portal, day(1), 71, {
          tasks: [issueFact('acme/portal', 103)],
        }),
      );
      expect((await tasks(portal.entityRef)).map(t => t.number)).toEqual([103]);
      expect((await tasks(payments.entityRef)).map(t => t.number)).toEqual([7]);

      await store.writer.saveCollected(
        collectedEntry(portal, day(2), 71, { tasks: [] }),
      );
      expect(await tasks(portal.entityRef)).toEqual([]);
    });

    it('remembers when each contributor was first seen, across snapshots that drop and bring them back', async () => {
      const { store, knex } = await createStore(databaseId);
      const portal = projectRecord('portal');
      await store.writer.upsertProjects([portal], T0);
      const alice = contributor('user:default/alice', { commits: 9 });
      const bob = contributor('user:default/bob', {
        side: 'outside',
        teamRef: 'group:default/payments-team',
      });
      const carol = contributor('carol@contractor.example', {
        displayName: 'Carol',
        side: 'unmapped',
      });
      const at = (
        when: Date,
        contributors: ContributorSummary[],
      ): CollectedEntry => collectedEntry(portal, when, 60, { contributors });

      await store.writer.saveCollected(at(T0, [alice, bob]));
      await store.writer.saveCollected(at(day(1), [bob, carol]));
      await store.writer.saveCollected(
        at(day(2), [
          { ...alice, commits: 2 },
          { ...bob, pullRequests: 5 },
        ]),
      );

      const firstSeen = await knex('innersource_contributors')
        .where({ entity_ref: portal.entityRef })
        .orderBy('key')
        .select('key', 'first_seen_at');
      expect(firstSeen).toEqual([
        {
          key: 'carol@contractor.example',
          first_seen_at: day(1).toISOString(),
        },
        { key: 'user:default/alice', first_seen_at: T0.toISOString() },
        { key: 'user:default/bob', first_seen_at: T0.toISOString() },
      ]);
      // the current contributors only, most contributions first
      expect(await store.reader.getContributors(portal.entityRef)).toEqual([
        { ...bob, pullRequests: 5 },
        { ...alice, commits: 2 },
      ]);
      expect(
        await store.writer.getKnownContributorKeys([
          portal.entityRef,
          'component:default/never-collected',
        ]),
      ).toEqual(
        new Map([
          [
            portal.entityRef,
            new Set([
              'user:default/alice',
              'user:default/bob',
              'carol@contractor.example',
            ]),
          ],
        ]),
      );
    });

    it('pages through tied and unscored projects in rank order, with kind and combined filters', async () => {
      const { store } = await createStore(databaseId);
      const records = [
        ...['e', 'a', 'd', 'b', 'c'].map(n => projectRecord(`tied-${n}`)),
        ...['y', 'x', 'z'].map(n => projectRecord(`pending-${n}`)),
        projectRecord('platform', {
          kind: 'system',
          tags: ['innersource', 'java'],
        }),
        projectRecord('ledger', {
          ownerRef: 'group:default/payments-team',
          tags: ['innersource', 'java'],
        }),
      ];
      await store.writer.upsertProjects(records, T0);
      await store.writer.saveManyCollected([
        ...records.slice(0, 5).map(r => collectedEntry(r, T0, 60)),
        collectedEntry(records[8], T0, 30),
        collectedEntry(records[9], T0, 85),
      ]);
      const all = (
        await store.reader.listProjects({ limit: 100 }, 'all')
      ).items.map(i => i.entityRef.split('/')[1]);
      expect(all).toEqual([
        'ledger',
        'tied-a',
        'tied-b',
        'tied-c',
        'tied-d',
        'tied-e',
        'platform',
        'pending-x',
        'pending-y',
        'pending-z',
      ]);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.reader.listProjects(
          { limit: 2, cursor },
          'all',
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items.map(i => i.entityRef.split('/')[1]));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);

      const names = async (query: Omit<ProjectListQuery, 'limit'>) =>
        (
          await store.reader.listProjects({ limit: 100, ...query }, 'all')
        ).items.map(i => i.entityRef.split('/')[1]);
      expect(await names({ kind: ['system'] })).toEqual(['platform']);
      expect(
        await names({
          tag: ['java'],
          owner: ['group:default/platform-team'],
        }),
      ).toEqual(['platform']);
      expect(await names({ tier: ['Thriving', 'Emerging'] })).toEqual([
        'ledger',
        'platform',
      ]);
    });

    it.each([
      ['not base64url JSON', '%%%'],
      ['a JSON object', Buffer.from('{"score":60}').toString('base64url')],
      ['a fractional score', Buffer.from('[60.5,"a"]').toString('base64url')],
      ['a score as text', Buffer.from('["60","a"]').toString('base64url')],
      ['no entity ref', Buffer.from('[60]').toString('base64url')],
    ])('rejects a cursor that is %s with an InputError', async (_, cursor) => {
      const { store } = await createStore(databaseId);
      const listing = store.reader.listProjects({ limit: 3, cursor }, 'all');
      await expect(listing).rejects.toThrow(InputError);
      await expect(listing).rejects.toThrow('cursor is not valid');
    });

    it("keeps each project's history apart, reporting unknown values as null", async () => {
      const { store } = await createStore(databaseId);
      const portal = projectRecord('portal');
      const docs = projectRecord('docs');
      await store.writer.upsertProjects([portal, docs], T0);
      await store.writer.saveCollected(
        collectedEntry(portal, day(0), 60, {
          metrics: projectMetrics({ medianTimeToMergeHours: 50 }),
        }),
      );
      await store.writer.saveCollected(
        collectedEntry(docs, day(1), 60, {
          metrics: projectMetrics({ medianTimeToMergeHours: 7 }),
        }),
      );
      await store.writer.saveCollected(
        collectedEntry(portal, day(2), 60, {
          // no pull request was merged in the window
          metrics: projectMetrics({ medianTimeToMergeHours: null }),
        }),
      );
      await store.writer.saveCollected(
        collectedEntry(portal, day(3), 60, {
          metrics: projectMetrics({ medianTimeToMergeHours: 12.5 }),
        }),
      );
      expect(
        await store.reader.getMetricHistory(
          portal.entityRef,
          'medianTimeToMergeHours',
          new Date(0),
        ),
      ).toEqual([
        { at: day(0).toISOString(), value: 50 },
        { at: day(2).toISOString(), value: null },
        { at: day(3).toISOString(), value: 12.5 },
      ]);
      expect(
        await store.reader.getMetricHistory(
          portal.entityRef,
          'medianTimeToMergeHours',
          new Date(day(2).getTime() + 1),
        ),
      ).toEqual([{ at: day(3).toISOString(), value: 12.5 }]);
      expect(
        await store.reader.getMetricHistory(
          'component:default/never-seen',
          'commits',
          T0,
        ),
      ).toEqual([]);
    });

    it('keeps a latest snapshot older than the retention, and an inactive project seen within it', async () => {
      const { store, knex } = await createStore(databaseId);
      const dormant = projectRecord('dormant');
      const busy = projectRecord('busy');
      const retired = projectRecord('retired');
      await store.writer.upsertProjects([dormant, busy, retired], T0);
      await store.writer.saveManyCollected([
        collectedEntry(dormant, T0, 20),
        collectedEntry(busy, T0, 40),
        collectedEntry(retired, T0, 30),
      ]);
      await store.writer.upsertProjects([dormant, busy, retired], day(15));
      await store.writer.upsertProjects([dormant, busy], day(20));
      await store.writer.saveCollected(collectedEntry(busy, day(20), 45));
      expect(await store.writer.deactivateProjectsNotSeenSince(day(20))).toBe(
        1,
      );

      await store.writer.pruneSnapshots(day(10));

      const snapshots = await knex('innersource_snapshots')
        .orderBy(['entity_ref', 'collected_at'])
        .select('entity_ref', 'collected_at');
      expect(snapshots).toEqual([
        { entity_ref: busy.entityRef, collected_at: day(20).toISOString() },
        { entity_ref: dormant.entityRef, collected_at: T0.toISOString() },
        { entity_ref: retired.entityRef, collected_at: T0.toISOString() },
      ]);
      expect(
        await store.reader.getProjectSummary(dormant.entityRef),
      ).toMatchObject({
        score: 20,
        refreshedAt: T0.toISOString(),
      });
      const rowsOf = async (table: string) =>
        Number(
          (
            await knex(table)
              .where({ entity_ref: retired.entityRef })
              .count({ n: '*' })
          )[0].n,
        );
      expect(await rowsOf('innersource_tasks')).toBe(2);
      expect(await rowsOf('innersource_contributors')).toBe(3);
      expect(await rowsOf('innersource_projects')).toBe(1);
    });

    it('reads every active collected project for re-scoring, a page at a time', async () => {
      const { store } = await createStore(databaseId);
      const records = ['a', 'b', 'c', 'd', 'e'].map(n =>
        projectRecord(`scored-${n}`),
      );
      const pending = projectRecord('pending');
      const gone = projectRecord('gone');
      await store.writer.upsertProjects([...records, pending, gone], T0);
      const entries = records.map((r, i) => collectedEntry(r, T0, 20 * i));
      await store.writer.saveManyCollected([
        ...entries,
        collectedEntry(gone, T0, 99),
      ]);
      await store.writer.upsertProjects([...records, pending], day(1));
      await store.writer.deactivateProjectsNotSeenSince(day(1));

      const pages: PreviewProject[][] = [];
      for await (const page of store.reader.listScorableProjects(2))
        pages.push(page);

      expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(
        entries.map((e, i) => ({
          entityRef: e.entityRef,
          entity: records[i].entity,
          // stored as JSON: what the engine reads back is the same input
          input: JSON.parse(JSON.stringify(e.scoringInput)),
          current: { score: e.score.score, tier: e.score.tier.name },
        })),
      );
    });

    it("counts today's scores of listed projects in buckets of ten points", async () => {
      const { store } = await createStore(databaseId);
      const scores = [0, 9, 10, 10, 55, 100];
      const records = scores.map((_, i) => projectRecord(`p${i}`));
      const gone = projectRecord('gone');
      await store.writer.upsertProjects(
        [...records, gone, projectRecord('new')],
        T0,
      );
      await store.writer.saveManyCollected([
        ...records.map((r, i) => collectedEntry(r, T0, scores[i])),
        collectedEntry(gone, T0, 70),
      ]);
      await store.writer.upsertProjects(
        [...records, projectRecord('new')],
        day(1),
      );
      await store.writer.deactivateProjectsNotSeenSince(day(1));

      // The unscored project and the one that left the catalog are not counted.
      expect(await store.reader.getScoreHistogram('all')).toEqual([
        2, 2, 0, 0, 0, 1, 0, 0, 0, 1,
      ]);
    });

    it('reports the latest of several refresh runs, a running one included', async () => {
      const { store } = await createStore(databaseId);
      const portal = projectRecord('portal');
      await store.writer.upsertProjects([portal], T0);
      const first = await store.writer.startRun(T0);
      await store.writer.recordFailure(
        portal.entityRef,
        'not found',
        T0,
        first,
      );
      await store.writer.finishRun(first, {
        status: 'failed',
        finishedAt: T0,
        projects: 1,
        collected: 0,
        unchanged: 0,
        failed: 1,
        deferred: 0,
        message: 'every project failed',
      });
      const second = await store.writer.startRun(day(1));
      // a failure outside any run is kept on the project only
      await store.writer.recordFailure(portal.entityRef, 'timed out', day(1));

      expect(second).toBeGreaterThan(first);
      expect(await store.writer.getLatestRun()).toMatchObject({
        id: second,
        startedAt: day(1).toISOString(),
        status: 'running',
        errors: [],
      });
      expect(
        (await store.reader.getProjectSummary(portal.entityRef))!.errors,
      ).toEqual([{ message: 'timed out', at: day(1).toISOString() }]);
    });

    it('keeps a newer snapshot when an older collection of another day is saved after it', async () => {
      const { store } = await createStore(databaseId);
      await store.writer.upsertProjects([record('portal')], T0);
      await store.writer.saveManyCollected([entry('portal', day(2), 9)]);
      // a run that started the day before finishes late (a taken-over run, a slow replica)
      await store.writer.saveManyCollected([entry('portal', day(1), 7)]);
      expect(
        await store.reader.getMetricHistory(
          'component:default/portal',
          'commits',
          T0,
        ),
      ).toEqual([
        { at: day(1).toISOString(), value: 7 },
        { at: day(2).toISOString(), value: 9 },
      ]);
    });
  });
});
