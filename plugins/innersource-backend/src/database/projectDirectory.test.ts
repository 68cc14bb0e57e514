import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { ProjectSort } from '@innersource-for-backstage/plugin-innersource-common';
import {
  collectedEntry,
  projectMetrics,
  projectRecord,
  repositoryFacts,
} from './__testUtils__/fixtures';
import type { ProjectListQuery } from './ProjectReader';
import { openSnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const daysAgo = (n: number) =>
  new Date(T0.getTime() - n * 86_400_000).toISOString();

/** name, score, owner, kind, language, tags, skills, title, days since last activity (null: unknown) */
const PROJECTS = [
  [
    'ledger',
    91,
    'payments',
    'component',
    'Go',
    ['finance'],
    ['go'],
    'Ledger',
    3,
  ],
  [
    'gateway',
    75,
    'payments',
    'component',
    'Java',
    ['finance'],
    ['java'],
    'API gateway',
    1,
  ],
  [
    'portal',
    62,
    'platform',
    'component',
    'TypeScript',
    ['web'],
    ['react'],
    'portal',
    10,
  ],
  [
    'search',
    45,
    'platform',
    'system',
    'go',
    ['web'],
    ['go', 'kubernetes'],
    'Search',
    null,
  ],
  ['wiki', 20, 'docs', 'component', 'Markdown', [], [], 'Wiki', 40],
  ['zebra', 20, 'docs', 'component', null, [], [], 'zebra', 2],
] as const;

const ref = (name: string) =>
  `${name.startsWith('search') ? 'system' : 'component'}:default/${name}`;

describe('the project directory', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const records = PROJECTS.map(
      ([name, , owner, kind, , tags, skills, title]) =>
        projectRecord(name, {
          kind,
          entityRef: `${kind}:default/${name}`,
          ownerRef: `group:default/${owner}`,
          tags: [...tags],
          skills: [...skills],
          title,
        }),
    );
    await store.writer.upsertProjects(records, T0);
    await store.writer.saveManyCollected(
      PROJECTS.map(([name, score, owner, , language, , , , idle], i) =>
        collectedEntry(records[i], T0, score, {
          facts: repositoryFacts(name, T0, {
            primaryLanguage: language,
            updatedAt: idle === null ? null : daysAgo(idle),
          }),
          // the docs team's projects want no help
          metrics: projectMetrics({ openHelpWanted: owner === 'docs' ? 0 : 2 }),
        }),
      ),
    );
    const list = (
      query: Partial<ProjectListQuery>,
      readable: string[] | 'all' = 'all',
    ) => store.reader.listProjects({ limit: 20, ...query }, readable);
    const names = async (query: Partial<ProjectListQuery>) =>
      (await list(query)).items.map(p => p.entityRef.split('/')[1]);
    return { list, names };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('gives each project what the directory shows', async () => {
      const { list } = await setUp(databaseId);
      const [ledger] = (await list({ q: 'ledger' })).items;
      expect(ledger).toMatchObject({
        entityRef: 'component:default/ledger',
        title: 'Ledger',
        owner: 'group:default/payments',
        language: 'Go',
        score: 91,
        tier: { name: 'Thriving', color: '#2e7d32' },
        activity: { score: 910, band: 'very high' },
        helpWanted: 2,
        lastActivityAt: daysAgo(3),
        contributeUrl: 'https://github.com/acme/ledger/contribute',
        skills: ['go'],
        tags: ['finance'],
      });
    });

    it.each([
      [{ tier: ['Thriving'] }, ['ledger', 'gateway']],
      [{ owner: ['group:default/platform'] }, ['portal', 'search']],
      [{ kind: ['system'] }, ['search']],
      [{ language: ['go'] }, ['ledger', 'search']],
      [{ skill: ['go'] }, ['ledger', 'search']],
      [{ tag: ['web'] }, ['portal', 'search']],
      [{ q: 'gateway' }, ['gateway']],
      [{ q: 'wiki', tier: ['Emerging'] }, ['wiki']],
      [{ language: ['go'], owner: ['group:default/payments'] }, ['ledger']],
      [{ tier: ['Growing'], tag: ['finance'] }, []],
      [{ lookingForHelp: true }, ['ledger', 'gateway', 'portal', 'search']],
    ] as Array<[Partial<ProjectListQuery>, string[]]>)(
      'filters by %j',
      async (query, expected) => {
        const { names } = await setUp(databaseId);
        expect(await names(query)).toEqual(expected);
      },
    );

    it.each([
      ['score', ['ledger', 'gateway', 'portal', 'search', 'wiki', 'zebra']],
      ['activity', ['ledger', 'gateway', 'portal', 'search', 'wiki', 'zebra']],
      ['name', ['gateway', 'ledger', 'portal', 'search', 'wiki', 'zebra']],
      // unknown last activity comes last
      ['recent', ['gateway', 'zebra', 'ledger', 'portal', 'wiki', 'search']],
    ] as Array<[ProjectSort, string[]]>)(
      'sorts by %s, and pages through the same order with its cursors',
      async (sort, expected) => {
        const { list } = await setUp(databaseId);
        expect(
          (await list({ sort })).items.map(p => p.entityRef.split('/')[1]),
        ).toEqual(expected);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ sort, limit: 2, cursor });
          paged.push(...page.items.map(p => p.entityRef.split('/')[1]));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged).toEqual(expected);
      },
    );

    it("refuses another order's cursor", async () => {
      const { list } = await setUp(databaseId);
      const { nextCursor } = await list({ sort: 'name', limit: 2 });
      await expect(
        list({ sort: 'recent', limit: 2, cursor: nextCursor }),
      ).rejects.toThrow('cursor is not valid');
      await expect(
        list({ sort: 'score', limit: 2, cursor: nextCursor }),
      ).rejects.toThrow('cursor is not valid');
    });

    it('counts the matching projects and their facet values', async () => {
      const { list } = await setUp(databaseId);
      const { total, facets } = await list({
        facets: true,
        owner: ['group:default/payments', 'group:default/platform'],
      });
      expect(total).toBe(4);
      expect(facets).toEqual({
        tiers: [
          { value: 'Growing', count: 2 },
          { value: 'Thriving', count: 2 },
        ],
        owners: [
          { value: 'group:default/payments', count: 2 },
          { value: 'group:default/platform', count: 2 },
        ],
        kinds: [
          { value: 'component', count: 3 },
          { value: 'system', count: 1 },
        ],
        languages: [
          { value: 'Go', count: 1 },
          { value: 'Java', count: 1 },
          { value: 'TypeScript', count: 1 },
          { value: 'go', count: 1 },
        ],
        skills: [
          { value: 'go', count: 2 },
          { value: 'java', count: 1 },
          { value: 'kubernetes', count: 1 },
          { value: 'react', count: 1 },
        ],
        tags: [
          { value: 'finance', count: 2 },
          { value: 'web', count: 2 },
        ],
      });
    });

    it('counts only the projects the caller may read, and lists only those', async () => {
      const { list } = await setUp(databaseId);
      const readable = [ref('portal'), ref('wiki')];
      const answer = await list({ facets: true }, readable);
      expect(answer.items.map(p => p.entityRef)).toEqual(readable);
      expect(answer.total).toBe(2);
      expect(answer.facets?.owners).toEqual([
        { value: 'group:default/docs', count: 1 },
        { value: 'group:default/platform', count: 1 },
      ]);
      expect(JSON.stringify(answer)).not.toMatch(/payments|finance|ledger/);
    });

    it('leaves the counts out unless asked', async () => {
      const { list } = await setUp(databaseId);
      const answer = await list({});
      expect(answer.total).toBeUndefined();
      expect(answer.facets).toBeUndefined();
    });
  });
});
