import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { TaskQuery } from '@internal/plugin-innersource-common';
import {
  collectedEntry,
  issueFact,
  projectRecord,
  repositoryFacts,
} from './fixtures';
import { SnapshotStore } from './SnapshotStore';
import { TaskSearch } from './TaskSearch';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-24T12:00:00.000Z');

const projects = [
  {
    record: projectRecord('payments', {
      title: 'Payments gateway',
      ownerRef: 'group:default/payments-team',
      systemRef: 'system:default/payments',
      skills: ['Java', 'kotlin'],
    }),
    score: 82,
    language: 'Java',
    issues: [
      issueFact('acme/payments', 1, {
        title: 'Add pagination to the refunds API',
        labels: ['help wanted'],
        updatedAt: '2026-11-20T10:00:00.000Z',
        createdAt: '2026-10-01T10:00:00.000Z',
        comments: 4,
      }),
      issueFact('acme/payments', 2, {
        title: 'Fix a typo in the README',
        labels: ['good first issue', 'documentation'],
        updatedAt: '2026-04-01T10:00:00.000Z',
        createdAt: '2026-03-01T10:00:00.000Z',
        comments: 0,
      }),
    ],
  },
  {
    record: projectRecord('search', {
      title: 'Search indexer',
      ownerRef: 'group:default/search-team',
      systemRef: 'system:default/discovery',
      skills: ['typescript'],
    }),
    score: 45,
    language: 'TypeScript',
    issues: [
      issueFact('acme/search', 3, {
        title: 'Speed up indexing of large documents',
        labels: ['help wanted', 'performance'],
        updatedAt: '2026-11-22T10:00:00.000Z',
        createdAt: '2026-11-01T10:00:00.000Z',
        comments: 9,
      }),
      issueFact('acme/search', 4, {
        title: 'Document the query syntax',
        labels: ['good first issue'],
        updatedAt: '2026-11-10T10:00:00.000Z',
        createdAt: '2026-11-09T10:00:00.000Z',
        comments: 1,
      }),
    ],
  },
  {
    record: projectRecord('vault', {
      title: 'Secret vault',
      ownerRef: 'group:default/security-team',
      skills: ['go'],
    }),
    score: 60,
    language: 'Go',
    issues: [
      issueFact('acme/vault', 5, {
        title: 'Rotate keys without downtime (pagination of audits too)',
        labels: ['help wanted'],
        updatedAt: '2026-11-23T10:00:00.000Z',
        createdAt: '2026-11-02T10:00:00.000Z',
        comments: 2,
      }),
    ],
  },
];

const titles = (list: { items: Array<{ title: string }> }) =>
  list.items.map(i => i.title);

describe('TaskSearch', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await SnapshotStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.upsertProjects(
      projects.map(p => p.record),
      NOW,
    );
    await store.saveManyCollected(
      projects.map(p =>
        collectedEntry(p.record, NOW, p.score, {
          facts: {
            ...repositoryFacts(p.record.name, NOW),
            primaryLanguage: p.language,
            helpWantedIssues: p.issues,
          },
        }),
      ),
    );
    const search = new TaskSearch(knex, { staleDays: 180, now: () => NOW });
    return { knex, store, search };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds tasks by words in their title and labels, or in their project, newest update first', async () => {
      const { search } = await setUp(databaseId);
      expect(titles(await search.search({ q: 'pagination' }, 'all'))).toEqual([
        'Rotate keys without downtime (pagination of audits too)',
        'Add pagination to the refunds API',
      ]);
      // every word must match somewhere: the label, or the project's skills
      expect(
        titles(await search.search({ q: 'PERFORMANCE indexing' }, 'all')),
      ).toEqual(['Speed up indexing of large documents']);
      expect(titles(await search.search({ q: 'kotlin' }, 'all'))).toEqual([
        'Add pagination to the refunds API',
        'Fix a typo in the README',
      ]);
      expect(titles(await search.search({ q: 'typescript' }, 'all'))).toEqual([
        'Speed up indexing of large documents',
        'Document the query syntax',
      ]);
      expect(
        (await search.search({ q: 'nothing-like-this' }, 'all')).total,
      ).toBe(0);
    });

    it.each<[string, TaskQuery, string[]]>([
      [
        'label',
        { label: ['Performance'] },
        ['Speed up indexing of large documents'],
      ],
      [
        'labels, any of',
        { label: ['documentation', 'performance'] },
        ['Speed up indexing of large documents', 'Fix a typo in the README'],
      ],
      [
        'good first issues',
        { goodFirst: true },
        ['Document the query syntax', 'Fix a typo in the README'],
      ],
      [
        'project',
        { project: ['component:default/vault'] },
        ['Rotate keys without downtime (pagination of audits too)'],
      ],
      [
        'owner',
        { owner: ['group:default/search-team'] },
        ['Speed up indexing of large documents', 'Document the query syntax'],
      ],
      [
        'system',
        { system: ['system:default/payments'] },
        ['Add pagination to the refunds API', 'Fix a typo in the README'],
      ],
      [
        'skill',
        { skill: ['GO'] },
        ['Rotate keys without downtime (pagination of audits too)'],
      ],
      [
        'language',
        { language: ['typescript'] },
        ['Speed up indexing of large documents', 'Document the query syntax'],
      ],
      [
        'tier',
        { tier: ['Thriving'] },
        ['Add pagination to the refunds API', 'Fix a typo in the README'],
      ],
      [
        'updated within days',
        { updatedWithinDays: 3 },
        [
          'Rotate keys without downtime (pagination of audits too)',
          'Speed up indexing of large documents',
        ],
      ],
      [
        'sort by comments',
        { sort: 'comments', owner: ['group:default/search-team'] },
        ['Speed up indexing of large documents', 'Document the query syntax'],
      ],
      [
        'sort by created',
        { sort: 'created', label: ['help wanted'] },
        [
          'Rotate keys without downtime (pagination of audits too)',
          'Speed up indexing of large documents',
          'Add pagination to the refunds API',
        ],
      ],
      [
        'sort by project score',
        { sort: 'score', label: ['help wanted'] },
        [
          'Add pagination to the refunds API',
          'Rotate keys without downtime (pagination of audits too)',
          'Speed up indexing of large documents',
        ],
      ],
    ])('filters and sorts by %s', async (_, query, expected) => {
      const { search } = await setUp(databaseId);
      expect(titles(await search.search(query, 'all'))).toEqual(expected);
    });

    it('counts each facet value for the current filter', async () => {
      const { search } = await setUp(databaseId);
      const { facets, total } = await search.search(
        { label: ['help wanted'] },
        'all',
      );
      expect(total).toBe(3);
      expect(facets).toEqual({
        labels: [
          { value: 'help wanted', count: 3 },
          { value: 'performance', count: 1 },
        ],
        owners: [
          { value: 'group:default/payments-team', count: 1 },
          { value: 'group:default/search-team', count: 1 },
          { value: 'group:default/security-team', count: 1 },
        ],
        skills: [
          { value: 'go', count: 1 },
          { value: 'java', count: 1 },
          { value: 'kotlin', count: 1 },
          { value: 'typescript', count: 1 },
        ],
        languages: [
          { value: 'Go', count: 1 },
          { value: 'Java', count: 1 },
          { value: 'TypeScript', count: 1 },
        ],
        // scores 82, 45 and 60 on the default tiers
        tiers: [
          { value: 'Growing', count: 2 },
          { value: 'Thriving', count: 1 },
        ],
      });
    });

    it('leaves out, from the list and every count, tasks of projects the caller may not read', async () => {
      const { search } = await setUp(databaseId);
      const readable = [
        'component:default/payments',
        'component:default/search',
      ];
      const result = await search.search({ q: 'pagination' }, readable);
      expect(titles(result)).toEqual(['Add pagination to the refunds API']);
      const all = await search.search({}, readable);
      expect(all.total).toBe(4);
      expect(all.facets.owners.map(o => o.value)).not.toContain(
        'group:default/security-team',
      );
      expect(all.facets.skills.map(s => s.value)).not.toContain('go');
    });

    it('pages with a cursor that neither repeats nor skips tasks while rows change', async () => {
      const { search, store } = await setUp(databaseId);
      const first = await search.search({ limit: 2 }, 'all');
      expect(titles(first)).toEqual([
        'Rotate keys without downtime (pagination of audits too)',
        'Speed up indexing of large documents',
      ]);
      // A new task arrives, newer than the cursor: it belongs to page one.
      const [vault] = projects.slice(2);
      await store.saveManyCollected([
        collectedEntry(vault.record, NOW, vault.score, {
          facts: {
            ...repositoryFacts('vault', NOW),
            primaryLanguage: 'Go',
            helpWantedIssues: [
              ...vault.issues,
              issueFact('acme/vault', 6, {
                title: 'Brand new',
                updatedAt: '2026-11-24T11:00:00.000Z',
              }),
            ],
          },
        }),
      ]);
      const second = await search.search(
        { limit: 2, cursor: first.nextCursor },
        'all',
      );
      const third = await search.search(
        { limit: 2, cursor: second.nextCursor },
        'all',
      );
      expect([...titles(second), ...titles(third)]).toEqual([
        'Add pagination to the refunds API',
        'Document the query syntax',
        'Fix a typo in the README',
      ]);
      expect(third.nextCursor).toBeUndefined();
    });

    it('marks tasks without an update for the stale threshold, and refuses a cursor it did not make', async () => {
      const { search } = await setUp(databaseId);
      const { items } = await search.search(
        { owner: ['group:default/payments-team'] },
        'all',
      );
      expect(items.map(i => [i.title, i.stale])).toEqual([
        ['Add pagination to the refunds API', false],
        ['Fix a typo in the README', true],
      ]);
      expect(items[0]).toMatchObject({
        number: 1,
        url: 'https://github.com/acme/payments/issues/1',
        labels: ['help wanted'],
        goodFirst: false,
        comments: 4,
        project: {
          entityRef: 'component:default/payments',
          title: 'Payments gateway',
          owner: 'group:default/payments-team',
          system: 'system:default/payments',
          language: 'Java',
          skills: ['Java', 'kotlin'],
          score: 82,
        },
      });
      await expect(search.search({ cursor: 'bm9wZQ' }, 'all')).rejects.toThrow(
        'cursor is not one this search gave for sort=updated; start again without it',
      );
    });
  });
});
