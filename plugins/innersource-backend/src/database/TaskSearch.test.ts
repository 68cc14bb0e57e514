import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  InnerSourceJson,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  collectedEntry,
  issueFact,
  projectRecord,
  repositoryFacts,
} from './__testUtils__/fixtures';
import { openSnapshotStore } from './SnapshotStore';
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
    innersourceJson: { skills: ['Rust'] } as InnerSourceJson,
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
  {
    record: projectRecord('docs-site', {
      title: 'Developer docs',
      ownerRef: 'group:default/docs-guild',
      skills: [],
    }),
    score: 30,
    language: 'MDX',
    innersourceJson: {
      motivation: 'Every engineer reads these docs first',
      contributions: ['Translate the guides', 'Review accessibility'],
      skills: ['Markdown', 'Accessibility'],
    } as InnerSourceJson,
    issues: [],
  },
];

const titles = (list: { items: Array<{ title: string }> }) =>
  list.items.map(i => i.title);

describe('TaskSearch', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.writer.upsertProjects(
      projects.map(p => p.record),
      NOW,
    );
    await store.writer.saveManyCollected(
      projects.map(p =>
        collectedEntry(p.record, NOW, p.score, {
          facts: {
            ...repositoryFacts(p.record.name, NOW),
            primaryLanguage: p.language,
            helpWantedIssues: p.issues,
            innersourceJson: p.innersourceJson ?? null,
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
        // the vault's innersource.json adds rust to its annotated go
        skills: [
          { value: 'go', count: 1 },
          { value: 'java', count: 1 },
          { value: 'kotlin', count: 1 },
          { value: 'rust', count: 1 },
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
      await store.writer.saveManyCollected([
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

    it.each<[string, TaskQuery]>([
      ['a label', { label: ['help wanted'], limit: 2 }],
      ['a word', { q: 'a', limit: 2 }],
      ['a word, by comments', { q: 'a', sort: 'comments', limit: 1 }],
    ])(
      'counts %s exactly up to the bound and says "at least the bound" above it, with the same pages and cursors',
      async (_name, query) => {
        const { knex, search } = await setUp(databaseId);
        const exact = await search.search(query, 'all');
        expect(exact.total).toBeGreaterThan(2);
        expect(exact.totalIsLowerBound).toBeUndefined();
        const bounded = (countBound: number, facetBound?: number) =>
          new TaskSearch(knex, {
            staleDays: 180,
            now: () => NOW,
            countBound,
            facetBound,
          });

        // at the bound: still exact
        const atBound = await bounded(exact.total).search(query, 'all');
        expect(atBound).toEqual(exact);

        // below it: the bound, marked, and each facet counted over that many tasks
        const below = bounded(exact.total - 1);
        const first = await below.search(query, 'all');
        expect(first.total).toBe(exact.total - 1);
        expect(first.totalIsLowerBound).toBe(true);
        expect(first.facetsCountedOver).toBe(exact.total - 1);
        expect(first.items).toEqual(exact.items);
        expect(first.nextCursor).toEqual(exact.nextCursor);
        for (const name of ['owners', 'labels', 'languages'] as const) {
          const counted = new Map(
            exact.facets[name].map(c => [c.value, c.count]),
          );
          for (const { value, count } of first.facets[name]) {
            expect(count).toBeLessThanOrEqual(counted.get(value)!);
          }
        }
        // every counted task has one owner here
        expect(first.facets.owners.reduce((sum, c) => sum + c.count, 0)).toBe(
          exact.total - 1,
        );

        // the next page, through the bounded search's cursor, is the exact one's
        const [next, exactNext] = await Promise.all([
          below.search({ ...query, cursor: first.nextCursor }, 'all'),
          search.search({ ...query, cursor: exact.nextCursor }, 'all'),
        ]);
        expect(next.items).toEqual(exactNext.items);
        expect(next.nextCursor).toEqual(exactNext.nextCursor);

        // facets bounded below the total: the total stays exact
        const sampled = await bounded(exact.total, 2).search(query, 'all');
        expect(sampled.total).toBe(exact.total);
        expect(sampled.totalIsLowerBound).toBeUndefined();
        expect(sampled.facetsCountedOver).toBe(2);
        expect(sampled.facets.owners.reduce((n, c) => n + c.count, 0)).toBe(2);
        expect(sampled.items).toEqual(exact.items);
        const facetsAtBound = await bounded(exact.total, exact.total).search(
          query,
          'all',
        );
        expect(facetsAtBound).toEqual(exact);
      },
    );

    it('ranks "for me" by skills the project shares in skills or language, hiding the user\'s teams\' projects', async () => {
      const { search } = await setUp(databaseId);
      const forMe = {
        skills: ['Kotlin', 'TypeScript'],
        skillsFrom: 'user' as const,
        hiddenOwners: ['group:default/security-team'],
      };
      const ranked = await search.search({ sort: 'match' }, 'all', forMe);
      // search: typescript skill and language (2); payments: kotlin (1); vault hidden
      expect(ranked.items.map(i => [i.title, i.matchedSkills?.join()])).toEqual(
        [
          ['Speed up indexing of large documents', 'TypeScript'],
          ['Document the query syntax', 'TypeScript'],
          ['Add pagination to the refunds API', 'Kotlin'],
          ['Fix a typo in the README', 'Kotlin'],
        ],
      );
      expect(ranked.forMe).toEqual(forMe);
      expect(ranked.facets.owners.map(o => o.value)).not.toContain(
        'group:default/security-team',
      );

      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search.search(
          { sort: 'match', limit: 1, cursor },
          'all',
          forMe,
        );
        paged.push(...titles(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(titles(ranked));
    });

    it("counts skills from the repository's innersource.json with the annotated ones, through a catalog sync", async () => {
      const { search, store } = await setUp(databaseId);
      const [vaultTask] = (await search.search({ q: 'rust' }, 'all')).items;
      expect(vaultTask.project).toMatchObject({
        entityRef: 'component:default/vault',
        skills: ['go', 'Rust'],
      });
      await store.writer.upsertProjects(
        projects.map(p => p.record),
        NOW,
      );
      expect(titles(await search.search({ skill: ['rust'] }, 'all'))).toEqual([
        vaultTask.title,
      ]);
    });

    it('leaves the facet counts out when asked to', async () => {
      const { search } = await setUp(databaseId);
      const result = await search.search({ facets: false }, 'all');
      expect(result.total).toBe(5);
      expect(result.facets).toEqual({
        labels: [],
        owners: [],
        skills: [],
        languages: [],
        tiers: [],
      });
    });

    it('lists the projects whose innersource.json asks for help, searchable by their asks', async () => {
      const { store } = await setUp(databaseId);
      const asking = await store.reader.listProjects(
        {
          asking: true,
          limit: 10,
        },
        'all',
      );
      expect(asking.items.map(p => p.entityRef)).toEqual([
        'component:default/vault',
        'component:default/docs-site',
      ]);
      expect(asking.items[1]).toMatchObject({
        title: 'Developer docs',
        description: 'The docs-site service that every ACME team builds on',
        motivation: 'Every engineer reads these docs first',
        contributions: ['Translate the guides', 'Review accessibility'],
        skills: ['Markdown', 'Accessibility'],
      });
      const byAsk = await store.reader.listProjects(
        {
          asking: true,
          q: 'TRANSLATE guides',
          limit: 10,
        },
        'all',
      );
      expect(byAsk.items.map(p => p.entityRef)).toEqual([
        'component:default/docs-site',
      ]);
      const bySkill = await store.reader.listProjects(
        {
          asking: true,
          skill: ['accessibility'],
          limit: 10,
        },
        'all',
      );
      expect(bySkill.items.map(p => p.entityRef)).toEqual([
        'component:default/docs-site',
      ]);

      // innersource.json no longer asks: the project leaves the list
      const docs = projects[3];
      await store.writer.saveManyCollected([
        collectedEntry(docs.record, NOW, docs.score, {
          facts: {
            ...repositoryFacts('docs-site', NOW),
            innersourceJson: null,
          },
        }),
      ]);
      const after = await store.reader.listProjects(
        {
          asking: true,
          limit: 10,
        },
        'all',
      );
      expect(after.items.map(p => p.entityRef)).toEqual([
        'component:default/vault',
      ]);
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
