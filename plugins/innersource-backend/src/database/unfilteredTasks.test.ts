import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_SCORING_MODEL,
  InnerSourceJson,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
  tierFor,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { MIGRATIONS } from './__testUtils__/migrations';
import {
  collectedEntry,
  issueFact,
  projectRecord,
  repositoryFacts,
} from './__testUtils__/fixtures';
import { openSnapshotStore, SnapshotStore } from './SnapshotStore';
import { TaskSearch } from './TaskSearch';
import {
  isUnfiltered,
  LOOK_UP_AT_MOST,
  topFacetValues,
} from './unfilteredTasks';

jest.setTimeout(120_000);

const NOW = new Date('2026-11-24T12:00:00.000Z');
const LATER = new Date('2026-11-25T12:00:00.000Z');
const FACET_MIGRATION = '20261127100000_task_facet_counts.js';

/** A project as the fixture describes it: catalog fields, its repository's language and asks, its open issues. */
interface Spec {
  name: string;
  owner: string | null;
  language: string | null;
  skills: string[];
  repoSkills?: string[];
  score: number;
  issues: Array<{ labels: string[]; updatedAt: string }>;
}

const day = (d: number, h = 10) =>
  `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(
    2,
    '0',
  )}:00:00.000Z`;

const SPECS: Spec[] = [
  {
    name: 'payments',
    owner: 'group:default/payments-team',
    language: 'Java',
    skills: ['Java', 'Kotlin'],
    score: 82,
    issues: [
      { labels: ['help wanted'], updatedAt: day(20) },
      { labels: ['good first issue', 'Documentation'], updatedAt: day(21) },
      { labels: ['help wanted', 'performance'], updatedAt: day(21) },
    ],
  },
  {
    name: 'search',
    owner: 'group:default/search-team',
    language: 'TypeScript',
    skills: ['typescript'],
    score: 45,
    issues: [
      { labels: ['help wanted', 'performance'], updatedAt: day(22) },
      { labels: ['good first issue'], updatedAt: day(10) },
    ],
  },
  {
    name: 'vault',
    owner: 'group:default/security-team',
    language: 'Go',
    skills: ['go'],
    repoSkills: ['Rust', 'cryptography'],
    score: 60,
    issues: [
      { labels: ['help wanted', 'secret-rotation'], updatedAt: day(23) },
      { labels: ['help wanted'], updatedAt: day(21) },
    ],
  },
  {
    name: 'orphan',
    owner: null,
    language: null,
    skills: ['go', 'kotlin'],
    score: 20,
    issues: [{ labels: ['help wanted'], updatedAt: day(21) }],
  },
  {
    name: 'wiki',
    owner: 'group:default/docs-guild',
    language: 'Go',
    skills: [],
    score: 30,
    issues: [],
  },
];

const refOf = (spec: Spec) => `component:default/${spec.name}`;
const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Straight from the fixture: every task of each project in scope, counted under each of its values. */
function expectedView(
  specs: Spec[],
  readable: string[] | 'all',
  hiddenOwners: string[] = [],
): Pick<TaskList, 'total' | 'facets'> {
  const counts: FacetCountsByName = {
    labels: new Map(),
    owners: new Map(),
    skills: new Map(),
    languages: new Map(),
    tiers: new Map(),
  };
  const count = (facet: keyof FacetCountsByName, value: string | null) => {
    if (value !== null)
      counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1);
  };
  let total = 0;
  for (const spec of specs) {
    if (readable !== 'all' && !readable.includes(refOf(spec))) continue;
    if (spec.owner && hiddenOwners.includes(spec.owner)) continue;
    for (const issue of spec.issues) {
      total++;
      new Set(issue.labels.map(lower)).forEach(l => count('labels', l));
      count('owners', spec.owner);
      count('languages', spec.language);
      count('tiers', tierFor(spec.score, DEFAULT_SCORING_MODEL.tiers).name);
      new Set([...spec.skills, ...(spec.repoSkills ?? [])].map(lower)).forEach(
        s => count('skills', s),
      );
    }
  }
  const list = (facet: keyof FacetCountsByName) =>
    [...counts[facet]]
      .map(([value, n]) => ({ value, count: n }))
      .sort(
        (a, b) =>
          b.count - a.count ||
          (a.value < b.value ? -1 : Number(a.value > b.value)),
      )
      .slice(0, 25);
  return {
    total,
    facets: {
      labels: list('labels'),
      owners: list('owners'),
      skills: list('skills'),
      languages: list('languages'),
      tiers: list('tiers'),
    },
  };
}

type FacetCountsByName = Record<keyof TaskList['facets'], Map<string, number>>;

function catalogRecord(spec: Spec) {
  return projectRecord(spec.name, {
    ownerRef: spec.owner ?? undefined,
    skills: spec.skills,
  });
}

function collected(spec: Spec, at = NOW) {
  return collectedEntry(catalogRecord(spec), at, spec.score, {
    facts: {
      ...repositoryFacts(spec.name, at),
      primaryLanguage: spec.language,
      innersourceJson: spec.repoSkills
        ? ({ skills: spec.repoSkills } as InnerSourceJson)
        : null,
      helpWantedIssues: spec.issues.map((issue, i) =>
        issueFact(`acme/${spec.name}`, i + 1, {
          title: `${spec.name} task ${i + 1}`,
          labels: issue.labels,
          updatedAt: issue.updatedAt,
        }),
      ),
    },
  });
}

async function store(knex: Knex) {
  return openSnapshotStore({
    database: mockServices.database.mock({ getClient: async () => knex }),
  });
}

async function load(s: SnapshotStore, specs: Spec[], at = NOW) {
  await s.writer.upsertProjects(specs.map(catalogRecord), at);
  await s.writer.saveManyCollected(specs.map(spec => collected(spec, at)));
}

const view = (list: TaskList) => ({ total: list.total, facets: list.facets });

/** The same query through the general search: a filter every task passes. */
const general = (query: TaskQuery): TaskQuery => ({
  ...query,
  updatedWithinDays: 36_500,
});

/** The general search counting every match and facet value, as the kept counts do, however many match. */
const unbounded = (knex: Knex) =>
  new TaskSearch(knex, {
    staleDays: 180,
    countBound: Number.MAX_SAFE_INTEGER,
    facetBound: Number.MAX_SAFE_INTEGER,
  });

/** Every page of a query, with its cursors. */
async function allPages(
  s: Pick<TaskSearch, 'search'> | SnapshotStore,
  query: TaskQuery,
  readable: string[] | 'all',
  forMe?: TaskMatchProfile,
) {
  const search =
    'reader' in s
      ? s.reader.searchTasks.bind(s.reader)
      : (q: TaskQuery, r: string[] | 'all', f?: TaskMatchProfile) =>
          s.search(q, r, f);
  const pages: TaskList[] = [];
  let cursor: string | undefined;
  do {
    const page = await search({ ...query, cursor }, readable, forMe);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 200);
  return pages;
}

describe('isUnfiltered', () => {
  it.each<[TaskQuery, string[], boolean]>([
    [{}, [], true],
    [{ sort: 'match', limit: 5, cursor: 'x', facets: false }, [], true],
    [{ label: [], owner: [] }, [], true],
    [{ q: 'logging' }, ['logging'], false],
    [{ label: ['help wanted'] }, [], false],
    [{ project: ['component:default/a'] }, [], false],
    [{ owner: ['group:default/a'] }, [], false],
    [{ system: ['system:default/a'] }, [], false],
    [{ skill: ['go'] }, [], false],
    [{ language: ['go'] }, [], false],
    [{ tier: ['Growing'] }, [], false],
    [{ goodFirst: true }, [], false],
    [{ updatedWithinDays: 30 }, [], false],
  ])('%j with words %j: %p', (query, terms, expected) => {
    expect(isUnfiltered(query, terms)).toBe(expected);
  });
});

describe('topFacetValues', () => {
  it('sums each value, drops what sums to nothing, and keeps the 25 most counted, ties by value', () => {
    const labels = Array.from({ length: 30 }, (_, i) => ({
      facet: 'labels' as const,
      value: `label-${String(i).padStart(2, '0')}`,
      tasks: i < 3 ? 5 : 1,
    }));
    const { total, facets } = topFacetValues([
      { facet: 'total', value: '', tasks: 9 },
      { facet: 'total', value: '', tasks: -2 },
      ...labels,
      { facet: 'labels', value: 'label-29', tasks: 4 },
      { facet: 'owners', value: 'group:default/a', tasks: 2 },
      { facet: 'owners', value: 'group:default/a', tasks: -2 },
    ]);
    expect(total).toBe(7);
    expect(facets.owners).toEqual([]);
    expect(facets.labels.map(l => [l.value, l.count]).slice(0, 5)).toEqual([
      ['label-00', 5],
      ['label-01', 5],
      ['label-02', 5],
      ['label-29', 5],
      ['label-03', 1],
    ]);
    expect(facets.labels).toHaveLength(25);
    expect(facets.labels[24].value).toBe('label-23');
  });
});

describe('the unfiltered help-wanted view', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const forMe: TaskMatchProfile = {
      skills: ['Kotlin', 'Go'],
      skillsFrom: 'user',
      hiddenOwners: ['group:default/security-team'],
    };
    const refs = SPECS.map(refOf);
    const withoutVault = refs.filter(r => r !== 'component:default/vault');
    /** More refs than are looked up one by one: entities gone from the store since. */
    const gone = Array.from(
      { length: LOOK_UP_AT_MOST },
      (_, i) => `component:default/gone-${i}`,
    );
    // the sums of the few in scope, or the totals less the few left out
    const readables: Array<string[] | 'all'> = [
      'all',
      withoutVault,
      [...withoutVault, ...gone],
      ['component:default/vault', ...gone],
      ['component:default/search'],
    ];

    it('counts what the rows hold, for every reader and "for me", through task, catalog and activity changes', async () => {
      const s = await store(await databases.init(databaseId));
      await load(s, SPECS);
      const check = async (specs: Spec[]) => {
        for (const readable of readables) {
          expect(view(await s.reader.searchTasks({}, readable))).toEqual(
            expectedView(specs, readable),
          );
          const mine = await s.reader.searchTasks(
            { sort: 'match' },
            readable,
            forMe,
          );
          expect(view(mine)).toEqual(
            expectedView(specs, readable, forMe.hiddenOwners),
          );
          // the general search agrees, items and all
          expect(mine).toEqual(
            await s.reader.searchTasks(
              general({ sort: 'match' }),
              readable,
              forMe,
            ),
          );
        }
      };
      await check(SPECS);

      // a project unreadable to the caller adds none of its labels, skills or owner
      const hidden = view(await s.reader.searchTasks({}, withoutVault));
      expect(hidden.facets.labels.map(l => l.value)).not.toContain(
        'secret-rotation',
      );
      expect(hidden.facets.skills.map(l => l.value)).not.toContain('rust');
      expect(hidden.facets.owners.map(l => l.value)).not.toContain(
        'group:default/security-team',
      );

      // the payments tasks change, the search team takes over the vault
      const changed = SPECS.map(spec => {
        if (spec.name === 'payments')
          return {
            ...spec,
            issues: [{ labels: ['Bug', 'help wanted'], updatedAt: day(23) }],
          };
        if (spec.name === 'vault')
          return { ...spec, owner: 'group:default/search-team' };
        return spec;
      });
      await s.writer.upsertProjects(changed.map(catalogRecord), NOW);
      await s.writer.saveManyCollected([collected(changed[0])]);
      await check(changed);

      // the orphan leaves the catalog, then returns
      const stays = changed.filter(spec => spec.name !== 'orphan');
      await s.writer.upsertProjects(stays.map(catalogRecord), LATER);
      await s.writer.deactivateProjectsNotSeenSince(LATER);
      await check(stays);
      await s.writer.upsertProjects(changed.map(catalogRecord), LATER);
      await check(changed);

      // the orphan leaves for good and is pruned
      const after = new Date(LATER.getTime() + 86_400_000);
      await s.writer.upsertProjects(stays.map(catalogRecord), after);
      await s.writer.deactivateProjectsNotSeenSince(after);
      await s.writer.pruneSnapshots(after);
      await check(stays);
    });

    it('counts what is stored as soon as the migration has run on an existing database', async () => {
      const knex = await databases.init(databaseId);
      const s = await store(knex);
      await load(s, SPECS);
      // the orphan left the catalog before the upgrade
      const stays = SPECS.filter(spec => spec.name !== 'orphan');
      await s.writer.upsertProjects(stays.map(catalogRecord), LATER);
      await s.writer.deactivateProjectsNotSeenSince(LATER);

      await knex.migrate.down({ ...MIGRATIONS, name: FACET_MIGRATION });
      expect(await knex.schema.hasTable('innersource_task_facet_totals')).toBe(
        false,
      );
      await knex.migrate.up({ ...MIGRATIONS, name: FACET_MIGRATION });

      for (const readable of readables) {
        expect(view(await s.reader.searchTasks({}, readable))).toEqual(
          expectedView(stays, readable),
        );
        expect(
          view(await s.reader.searchTasks({ sort: 'match' }, readable, forMe)),
        ).toEqual(expectedView(stays, readable, forMe.hiddenOwners));
      }
      // and keeps them from there
      await s.writer.upsertProjects(SPECS.map(catalogRecord), LATER);
      expect(view(await s.reader.searchTasks({}, 'all'))).toEqual(
        expectedView(SPECS, 'all'),
      );
    });

    it('pages as the general search does, in every order, for a reader of all and of most projects', async () => {
      const knex = await databases.init(databaseId);
      const s = await store(knex);
      // enough tasks that the page reads them in its sort's index
      const many: Spec[] = Array.from({ length: 45 }, (_, p) => ({
        name: `project-${String(p).padStart(2, '0')}`,
        owner: `group:default/team-${p % 4}`,
        language: ['Go', 'Java', 'TypeScript'][p % 3],
        skills: p % 2 ? ['go'] : ['kotlin', 'java'],
        score: (p * 7) % 100,
        issues: Array.from({ length: 50 }, (__, i) => ({
          labels: i % 3 ? ['help wanted'] : ['good first issue'],
          // ties on purpose: many tasks share an update time
          updatedAt: day(1 + ((p + i) % 20), (p * i) % 3),
        })),
      }));
      await load(s, many);
      const most = [
        ...many.map(refOf).filter((_, i) => i !== 4),
        ...Array.from(
          { length: LOOK_UP_AT_MOST },
          (_, i) => `component:default/gone-${i}`,
        ),
      ];
      const orders: TaskQuery[] = [
        { limit: 400 },
        { sort: 'created', limit: 400 },
        { sort: 'comments', limit: 400 },
        { sort: 'score', limit: 400 },
      ];
      for (const readable of ['all' as const, most]) {
        for (const query of orders) {
          const pages = await allPages(s, query, readable);
          expect(pages).toEqual(
            await allPages(unbounded(knex), general(query), readable),
          );
          expect(pages[0].total).toBe(expectedView(many, readable).total);
        }
        const profile = { ...forMe, hiddenOwners: ['group:default/team-1'] };
        const mine = await allPages(
          s,
          { sort: 'match', limit: 150 },
          readable,
          profile,
        );
        expect(mine).toEqual(
          await allPages(
            unbounded(knex),
            general({ sort: 'match', limit: 150 }),
            readable,
            profile,
          ),
        );
        expect(view(mine[0])).toEqual(
          expectedView(many, readable, profile.hiddenOwners),
        );
      }
    });
  });
});
