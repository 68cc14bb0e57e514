import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  ContributorSummary,
  ProjectMetrics,
  ProjectScore,
  RepositoryFacts,
} from '@internal/plugin-innersource-common';
import type { CollectedEntry, ProjectRecord } from '../refresh/RefreshStore';
import { SnapshotStore } from './SnapshotStore';

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
  changeRequestAcceptanceRatio: null,
  medianTimeToFirstResponseHours: null,
  medianTimeToMergeHours: null,
  contributorAbsenceFactor: 1,
  newContributors: null,
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
    const store = await SnapshotStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return { store, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('returns exactly what was saved as the project summary', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertProjects(
        [
          {
            ...record('portal'),
            title: 'Portal',
            systemRef: 'system:default/dev',
          },
        ],
        T0,
      );
      await store.saveManyCollected([entry('portal', T0, 81)]);
      expect(await store.getProjectSummary('component:default/portal')).toEqual(
        {
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
        },
      );
      expect(
        await store.getRefreshState([
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
      await store.upsertProjects([record('portal')], T0);
      await store.recordFailure(
        'component:default/portal',
        'git clone failed: not found',
        T0,
      );
      expect(
        await store.getProjectSummary('component:default/portal'),
      ).toMatchObject({
        status: 'failed',
        score: null,
        errors: [{ message: 'git clone failed: not found' }],
      });
      await store.saveManyCollected([entry('portal', day(1), 50)]);
      await store.recordFailure(
        'component:default/portal',
        'timed out',
        day(2),
      );
      expect(
        await store.getProjectSummary('component:default/portal'),
      ).toMatchObject({
        status: 'collected',
        score: 50,
        errors: [{ message: 'timed out', at: day(2).toISOString() }],
      });
      await store.saveManyCollected([entry('portal', day(3), 55)]);
      expect(
        (await store.getProjectSummary('component:default/portal'))!.errors,
      ).toEqual([]);
    });

    it('ranks active projects by score, unscored last, and filters by owner, tier, kind and tag', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertProjects(
        [
          record('a', 'group:default/team-a', ['innersource', 'java']),
          record('b', 'group:default/team-b', ['innersource']),
          record('c', 'group:default/team-a', ['innersource', 'java']),
          record('pending'),
        ],
        T0,
      );
      await store.saveManyCollected([
        entry('a', T0, 50),
        entry('b', T0, 90),
        entry('c', T0, 75),
      ]);
      const refs = async (
        query: Parameters<SnapshotStore['listProjects']>[0],
      ) =>
        (await store.listProjects(query)).items.map(
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
      await store.upsertProjects(
        names.map(n => record(n)),
        T0,
      );
      await store.saveManyCollected(
        names.map((n, i) => entry(n, T0, 40 + (i % 3) * 10)),
      );
      const first = await store.listProjects({ limit: 3 });
      // a new project lands ahead of the cursor, another behind it
      await store.upsertProjects([record('new-top'), record('new-bottom')], T0);
      await store.saveManyCollected([
        entry('new-top', T0, 99),
        entry('new-bottom', T0, 1),
      ]);
      const seen = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await store.listProjects({ limit: 3, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor;
      }
      const refs = seen.map(i => i.entityRef);
      expect(new Set(refs).size).toBe(refs.length);
      for (const n of names) expect(refs).toContain(`component:default/${n}`);
      expect(refs).not.toContain('component:default/new-top');
    });

    it('refuses a cursor it did not make', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.listProjects({ limit: 3, cursor: 'bm90IGEgY3Vyc29y' }),
      ).rejects.toThrow('cursor is not valid');
    });

    it('returns metric history in time order from a given date', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertProjects([record('portal')], T0);
      for (const [n, commits] of [
        [0, 3],
        [1, 5],
        [2, 8],
      ])
        await store.saveManyCollected([entry('portal', day(n), commits)]);
      expect(
        await store.getMetricHistory(
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
      await store.upsertProjects([record('portal')], T0);
      const task = (id: string, labels: string[]) => ({
        id,
        title: id,
        url: `https://x/${id}`,
        labels,
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        comments: 0,
      });
      await store.saveManyCollected([
        entry('portal', T0, 10, {
          contributors: [person('user:default/alice', 'inside')],
          tasks: [task('1', ['Good First Issue'])],
        }),
      ]);
      await store.saveManyCollected([
        entry('portal', day(1), 12, {
          contributors: [person('user:default/bob', 'outside')],
          tasks: [task('2', ['help wanted'])],
        }),
      ]);
      expect(
        (await store.getContributors('component:default/portal')).map(
          c => c.key,
        ),
      ).toEqual(['user:default/bob']);
      expect(
        await store.getKnownContributorKeys(['component:default/portal']),
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
      await store.upsertProjects(
        [
          record('ours', 'group:default/team-a'),
          record('theirs', 'group:default/team-b'),
        ],
        T0,
      );
      await store.saveManyCollected([
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
      const summary = await store.getGroupSummary('group:default/team-a');
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
      await store.upsertProjects([record('active'), record('gone')], T0);
      await store.saveManyCollected([
        entry('active', T0, 10),
        entry('gone', T0, 20),
      ]);
      await store.upsertProjects([record('active')], day(30));
      await store.saveManyCollected([entry('active', day(30), 11)]);
      await store.deactivateProjectsNotSeenSince(day(30));
      expect(
        (await store.listProjects({ limit: 10 })).items.map(i => i.entityRef),
      ).toEqual(['component:default/active']);

      await store.pruneSnapshots(day(10));
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
      await store.upsertProjects([record('portal')], T0);
      const runId = await store.startRun(T0);
      await store.recordFailure(
        'component:default/portal',
        'repository not found',
        T0,
        runId,
      );
      await store.finishRun(runId, {
        status: 'partial',
        finishedAt: day(1),
        projects: 1,
        collected: 0,
        unchanged: 0,
        failed: 1,
        deferred: 0,
      });
      expect(await store.getLatestRun()).toMatchObject({
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
  });
});
