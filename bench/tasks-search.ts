/*
 * yarn bench tasks-search: GET /tasks searches (words, two facet filters and
 * a sort) over 100,000 help-wanted tasks of 20,000 projects, on SQLite and on
 * PostgreSQL, through the store's task search; then the page's first view:
 * no filter, and "for me" alone, for a reader of every project and for one
 * who may read all but a few hundred.
 */
import type {
  TaskList,
  TaskMatchProfile,
  TaskQuery,
} from '../plugins/innersource-common/src';
import type { SnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { BenchDatabase, postgresDatabase, sqliteDatabase } from './database';
import { TEAMS } from './fixtures';
import { percentile, report, round } from './lib';
import { loadCollectedProjects } from './load';

const PROJECTS = 20_000;
const WARM_UP = 20;
const RUNS = 200;
const FIRST_VIEW_RUNS = 100;
/** Projects a restricted reader may not read: one in 50. */
const UNREADABLE_EVERY = 50;
const WORDS = ['logging', 'docs', 'tests', 'retries', 'metrics'];
const SORTS: TaskQuery['sort'][] = ['updated', 'created', 'score', 'comments'];

function queryFor(i: number): TaskQuery {
  return {
    q: WORDS[i % WORDS.length],
    label: ['help wanted'],
    owner: [`group:default/team-${i % TEAMS}`],
    sort: SORTS[i % SORTS.length],
    limit: 20,
  };
}

async function measure(database: BenchDatabase) {
  const store = await openSnapshotStore({ database: database.service });
  const now = new Date();
  await loadCollectedProjects(store, PROJECTS, now);
  // the planner's statistics, as autovacuum would have them after such a load
  await database.knex.raw('ANALYZE');
  const [{ count }] = await database.knex('innersource_tasks').count({
    count: '*',
  });
  const samples: number[] = [];
  let maxPageBytes = 0;
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = performance.now();
    const page = await store.reader.searchTasks(queryFor(i), 'all');
    const elapsed = performance.now() - start;
    // The next page too, as a user paging on would ask for it.
    const next = page.nextCursor
      ? await store.reader.searchTasks(
          { ...queryFor(i), cursor: page.nextCursor },
          'all',
        )
      : undefined;
    if (i >= WARM_UP) samples.push(elapsed);
    for (const body of [page, next])
      if (body)
        maxPageBytes = Math.max(
          maxPageBytes,
          Buffer.byteLength(JSON.stringify(body)),
        );
    if (i === 0 && page.items.length === 0)
      throw new Error('the benchmark query matched no task');
  }
  const firstView = await measureFirstView(store);
  await database.destroy();
  return {
    ...firstView,
    tasks: Number(count),
    p95: round(percentile(samples, 95)),
    p50: round(percentile(samples, 50)),
    maxPageKb: round(maxPageBytes / 1024),
  };
}

/** "For me" of a member of team i: every other team's tasks ranked by shared skills. */
const forMe = (i: number): TaskMatchProfile => ({
  skills: ['go', 'kotlin'],
  skillsFrom: 'user',
  hiddenOwners: [`group:default/team-${i % TEAMS}`],
});

/** The same tasks and counts, told by the general search (a filter every task passes). */
async function checkAgainstGeneralSearch(
  store: SnapshotStore,
  readable: string[] | 'all',
  first: TaskList,
  profile?: TaskMatchProfile,
) {
  const query: TaskQuery = profile ? { sort: 'match', limit: 20 } : {};
  const general = await store.reader.searchTasks(
    { ...query, updatedWithinDays: 36_500 },
    readable,
    profile,
  );
  const same = (list: TaskList) =>
    JSON.stringify([list.items, list.total, list.facets, list.nextCursor]);
  if (same(general) !== same(first))
    throw new Error('the first view differs from the general search');
}

interface FirstView {
  unfilteredP95: number;
  unfilteredReadableP95: number;
  forMeP95: number;
  forMeReadableP95: number;
}

/** p95 of the first page of each first-view case, each checked once against the general search. */
async function measureFirstView(store: SnapshotStore): Promise<FirstView> {
  const all = await store.reader.listActiveProjectRefs();
  const restricted = all.filter((_, i) => i % UNREADABLE_EVERY !== 0);
  const cases: Array<[keyof FirstView, string[] | 'all', boolean]> = [
    ['unfilteredP95', 'all', false],
    ['unfilteredReadableP95', restricted, false],
    ['forMeP95', 'all', true],
    ['forMeReadableP95', restricted, true],
  ];
  const result = {} as FirstView;
  for (const [name, readable, isForMe] of cases) {
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + FIRST_VIEW_RUNS; i++) {
      const profile = isForMe ? forMe(i) : undefined;
      const query: TaskQuery = isForMe ? { sort: 'match', limit: 20 } : {};
      const start = performance.now();
      const page = await store.reader.searchTasks(query, readable, profile);
      if (i >= WARM_UP) samples.push(performance.now() - start);
      if (i === 0) {
        if (isForMe && !page.items[0]?.matchedSkills?.length)
          throw new Error('the for-me query matched no skill');
        await checkAgainstGeneralSearch(store, readable, page, profile);
      }
    }
    result[name] = round(percentile(samples, 95));
  }
  return result;
}

async function main() {
  const sqlite = await measure(await sqliteDatabase());
  const pg = await postgresDatabase('tasks');
  const postgres = pg ? await measure(pg) : undefined;
  report({
    name: 'tasks-search',
    tasks: sqlite.tasks,
    sqlite_p95_ms: sqlite.p95,
    postgres_p95_ms: postgres?.p95 ?? null,
    max_page_kb: Math.max(sqlite.maxPageKb, postgres?.maxPageKb ?? 0),
    sqlite_p50_ms: sqlite.p50,
    postgres_p50_ms: postgres?.p50 ?? null,
    sqlite_unfiltered_p95_ms: sqlite.unfilteredP95,
    postgres_unfiltered_p95_ms: postgres?.unfilteredP95 ?? null,
    sqlite_for_me_p95_ms: sqlite.forMeP95,
    postgres_for_me_p95_ms: postgres?.forMeP95 ?? null,
    sqlite_unfiltered_readable_p95_ms: sqlite.unfilteredReadableP95,
    postgres_unfiltered_readable_p95_ms:
      postgres?.unfilteredReadableP95 ?? null,
    sqlite_for_me_readable_p95_ms: sqlite.forMeReadableP95,
    postgres_for_me_readable_p95_ms: postgres?.forMeReadableP95 ?? null,
    projects: PROJECTS,
    runs: RUNS,
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
