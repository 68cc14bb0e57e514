import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { CollectedEntry, ProjectRecord } from './RefreshStore';
import { openSnapshotStore } from './SnapshotStore';
import { isValueError } from './writeIsolated';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-20T10:00:00.000Z');

function record(name: string, overrides: Partial<ProjectRecord> = {}) {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    ownerRef: 'group:default/platform-team',
    tags: ['innersource'],
    skills: [],
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
    },
    ...overrides,
  } as ProjectRecord;
}

function entry(name: string, taskId = 'I_1'): CollectedEntry {
  const metrics = { weeklyCommits: null } as any;
  return {
    entityRef: `component:default/${name}`,
    collectedAt: T0,
    facts: { provider: 'git', repository: `/srv/${name}` } as any,
    metrics,
    scoringInput: { metrics, activity: null, readiness: {} as any },
    score: {
      score: 50,
      tier: { name: 'Growing', min: 40, color: '#f9a825' },
      profile: 'default',
      dimensions: [],
      readiness: [],
      activity: null,
    },
    contributors: [],
    tasks: [
      {
        id: taskId,
        title: 'Help',
        url: 'https://git.example/issues/1',
        labels: ['help wanted'],
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        comments: 0,
      },
    ],
    goodFirstLabels: [],
  };
}

describe('isValueError', () => {
  it.each([
    [{ code: '22001' }, true], // PostgreSQL: value too long
    [{ code: '23505' }, true], // PostgreSQL: unique violation
    [{ code: '08006' }, false], // PostgreSQL: connection failure
    [{ code: '57P01' }, false], // PostgreSQL: admin shutdown
    [{ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }, true],
    [{ code: 'SQLITE_BUSY' }, false],
    [new Error('no code'), false],
  ])('%p is a value error: %p', (error, expected) => {
    expect(isValueError(error)).toBe(expected);
  });
});

describe('one entity never fails a write for the others', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return { store, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores every good entity of a catalog page mixed with over-long and malformed ones', async () => {
      const { store, knex } = await createStore(databaseId);
      const good = Array.from({ length: 120 }, (_, i) => record(`good-${i}`));
      const bad = [
        record('long-type', { specType: 't'.repeat(70) }),
        record('long-lifecycle', { lifecycle: 'l'.repeat(100) }),
        record('long-tag', { tags: ['x'.repeat(300)] }),
        record('long-owner', { ownerRef: `group:default/${'o'.repeat(300)}` }),
        record('x'.repeat(300)),
      ];
      // bad ones in the middle of the page, as the catalog would list them
      const page = [...good.slice(0, 60), ...bad, ...good.slice(60)];

      const failures = await store.writer.upsertProjects(page, T0);

      const stored = new Set(
        (await knex('innersource_projects').select('entity_ref')).map(
          r => r.entity_ref,
        ),
      );
      for (const p of good) expect(stored.has(p.entityRef)).toBe(true);
      // nothing is lost silently: each bad one is stored or reported
      for (const p of bad) {
        expect(
          stored.has(p.entityRef) ||
            failures.some(f => f.entityRef === p.entityRef),
        ).toBe(true);
      }
      // PostgreSQL enforces column lengths and refuses each bad one; SQLite stores them
      const refused = databaseId.startsWith('POSTGRES')
        ? bad.map(p => p.entityRef).sort()
        : [];
      expect(failures.map(f => f.entityRef).sort()).toEqual(refused);
      expect(
        failures.every(
          f =>
            /could not be stored/.test(f.message) && /too long/.test(f.detail!),
        ),
      ).toBe(true);
    });

    it('stores every good snapshot of a batch when one cannot be stored', async () => {
      const { store, knex } = await createStore(databaseId);
      const names = Array.from({ length: 30 }, (_, i) => `p${i}`);
      await store.writer.upsertProjects(
        names.map(n => record(n)),
        T0,
      );
      const entries = names.map(n =>
        entry(n, n === 'p7' ? 'i'.repeat(300) : `I_${n}`),
      );

      const failures = await store.writer.saveManyCollected(entries);

      const tasks = await knex('innersource_tasks').select('entity_ref');
      const collected = await knex('innersource_projects')
        .whereNotNull('collected_at')
        .select('entity_ref');
      const expectedFailed = databaseId.startsWith('POSTGRES')
        ? ['component:default/p7']
        : [];
      expect(failures.map(f => f.entityRef)).toEqual(expectedFailed);
      expect(collected).toHaveLength(30 - expectedFailed.length);
      expect(tasks).toHaveLength(30 - expectedFailed.length);
    });
  });
});
