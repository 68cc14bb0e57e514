/*
 * yarn bench tasks-search: GET /tasks searches (words, two facet filters and
 * a sort) over 100,000 help-wanted tasks of 20,000 projects, on SQLite and on
 * PostgreSQL, through the store's task search; then the page's first view:
 * no filter, and "for me" alone, for a reader of every project and for one
 * who may read all but a few hundred. Then the broad searches: one word
 * matching a fifth of all tasks, with facets (`*_broad_p95_ms`), a label
 * every task carries, and a word "for me" with skills every project has.
 * On PostgreSQL, the same 100,000 task documents, read by the search
 * collator from this store, are indexed into Backstage's PostgreSQL search
 * engine (@backstage/plugin-search-backend-module-pg) and the same words
 * searched there (`pg_engine_p95_ms`, `broad_vs_pg_engine` = ours / its).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import {
  INNERSOURCE_TASK_DOCUMENT_TYPE,
  parseTaskQuery,
  type TaskList,
  type TaskMatchProfile,
  type TaskQuery,
} from '../plugins/innersource-common/src';
import { TaskSearch } from '../plugins/innersource-backend/src/database/TaskSearch';
import { indexTasksInPgEngine } from './collator';
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
const BROAD_RUNS = 100;
const ENGINE_RUNS = 100;

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
  const firstView = await measureFirstView(store, database);
  const broad = await measureBroad(store, database, Number(count));
  const engine =
    database.name === 'postgres' ? await measurePgEngine(store) : undefined;
  await database.destroy();
  return {
    ...firstView,
    ...broad,
    engine,
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

/** A search that counts every match, as every search did before counts were bounded. */
const unboundedSearch = (database: BenchDatabase) =>
  new TaskSearch(database.knex, {
    staleDays: 180,
    countBound: Number.MAX_SAFE_INTEGER,
    facetBound: Number.MAX_SAFE_INTEGER,
  });

/** The same tasks and counts, told by the general search (a filter every task passes), counting every match. */
async function checkAgainstGeneralSearch(
  general: TaskSearch,
  readable: string[] | 'all',
  first: TaskList,
  profile?: TaskMatchProfile,
) {
  const query: TaskQuery = profile ? { sort: 'match', limit: 20 } : {};
  const answer = await general.search(
    { ...query, updatedWithinDays: 36_500 },
    readable,
    profile,
  );
  const same = (list: TaskList) =>
    JSON.stringify([list.items, list.total, list.facets, list.nextCursor]);
  if (same(answer) !== same(first))
    throw new Error('the first view differs from the general search');
}

interface FirstView {
  unfilteredP95: number;
  unfilteredReadableP95: number;
  forMeP95: number;
  forMeReadableP95: number;
}

/** p95 of the first page of each first-view case, each checked once against the general search. */
async function measureFirstView(
  store: SnapshotStore,
  database: BenchDatabase,
): Promise<FirstView> {
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
        await checkAgainstGeneralSearch(
          unboundedSearch(database),
          readable,
          page,
          profile,
        );
      }
    }
    result[name] = round(percentile(samples, 95));
  }
  return result;
}

/** p95 of `runs` searches after 20 of warm-up; `check` sees the first answer. */
async function p95Of(
  runs: number,
  search: (i: number) => Promise<TaskList>,
  check?: (page: TaskList, i: number) => void,
) {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    const start = performance.now();
    const page = await search(i);
    if (i >= WARM_UP) samples.push(performance.now() - start);
    check?.(page, i);
  }
  return round(percentile(samples, 95));
}

/**
 * The broad searches, each with the facet counts: a word matching a fifth of
 * all tasks in each sort; the label every task carries; a word "for me" with
 * skills every project offers. Each word's match count is checked first with
 * a search that counts without a bound (timed once: what a broad search cost
 * before counts were bounded).
 */
async function measureBroad(
  store: SnapshotStore,
  database: BenchDatabase,
  tasks: number,
) {
  const unbounded = unboundedSearch(database);
  const unboundedMs: number[] = [];
  for (const q of WORDS) {
    const start = performance.now();
    const exact = await unbounded.search({ q, limit: 20 }, 'all');
    unboundedMs.push(performance.now() - start);
    if (exact.total < tasks / 5)
      throw new Error(`"${q}" matches ${exact.total} tasks, not a fifth`);
  }
  const bounded = (page: TaskList) => {
    if (!page.totalIsLowerBound || page.items.length !== 20)
      throw new Error('a broad search was counted to the end');
  };
  const broadP95 = await p95Of(
    BROAD_RUNS,
    i =>
      store.reader.searchTasks(
        {
          q: WORDS[i % WORDS.length],
          sort: SORTS[i % SORTS.length],
          limit: 20,
        },
        'all',
      ),
    bounded,
  );
  const labelP95 = await p95Of(
    BROAD_RUNS,
    i =>
      store.reader.searchTasks(
        { label: ['help wanted'], sort: SORTS[i % SORTS.length], limit: 20 },
        'all',
      ),
    bounded,
  );
  const forMeP95 = await p95Of(
    BROAD_RUNS,
    i =>
      store.reader.searchTasks(
        { q: WORDS[i % WORDS.length], sort: 'match', limit: 20 },
        'all',
        { ...forMe(i), skills: ['go', 'java'] },
      ),
    (page, i) => {
      bounded(page);
      if (i === 0 && !page.items[0]?.matchedSkills?.length)
        throw new Error('the broad for-me query matched no skill');
    },
  );
  return {
    broadP95,
    broadLabelP95: labelP95,
    broadForMeP95: forMeP95,
    unboundedBroadMs: round(percentile(unboundedMs, 50)),
  };
}

/**
 * The same tasks in Backstage's PostgreSQL search engine: the search collator
 * reads every task from this store (a local server answering GET /tasks with
 * the store's search) into the engine, then the same words are searched there,
 * 20 results a page, as the search page asks.
 */
async function measurePgEngine(store: SnapshotStore) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    store.reader
      .searchTasks(parseTaskQuery(url.searchParams), 'all')
      .then(body => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      })
      .catch(error => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const database = await postgresDatabase('tasks_engine');
  try {
    const { engine, documents, ms } = await indexTasksInPgEngine(database!, {
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/innersource`,
        getExternalBaseUrl: async () => '',
      },
      auth: {
        getOwnServiceCredentials: async () => ({}),
        getPluginRequestToken: async () => ({ token: 'bench' }),
      } as any,
    });
    await database!.knex.raw('ANALYZE');
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + ENGINE_RUNS; i++) {
      const start = performance.now();
      const found = await engine.query({
        term: WORDS[i % WORDS.length],
        types: [INNERSOURCE_TASK_DOCUMENT_TYPE],
        pageLimit: 20,
      });
      if (i >= WARM_UP) samples.push(performance.now() - start);
      if (i === 0 && found.results.length !== 20)
        throw new Error('the search engine found no page of tasks');
    }
    return {
      documents,
      indexMs: ms,
      p95: round(percentile(samples, 95)),
    };
  } finally {
    server.close();
    await database?.destroy();
  }
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
    sqlite_broad_p95_ms: sqlite.broadP95,
    postgres_broad_p95_ms: postgres?.broadP95 ?? null,
    pg_engine_p95_ms: postgres?.engine?.p95 ?? null,
    broad_vs_pg_engine: postgres?.engine
      ? round(postgres.broadP95 / postgres.engine.p95, 3)
      : null,
    sqlite_broad_label_p95_ms: sqlite.broadLabelP95,
    postgres_broad_label_p95_ms: postgres?.broadLabelP95 ?? null,
    sqlite_broad_for_me_p95_ms: sqlite.broadForMeP95,
    postgres_broad_for_me_p95_ms: postgres?.broadForMeP95 ?? null,
    sqlite_unbounded_broad_ms: sqlite.unboundedBroadMs,
    postgres_unbounded_broad_ms: postgres?.unboundedBroadMs ?? null,
    pg_engine_documents: postgres?.engine?.documents ?? null,
    pg_engine_index_ms: postgres?.engine?.indexMs ?? null,
    projects: PROJECTS,
    runs: RUNS,
    broad_runs: BROAD_RUNS,
    load_avg: os.loadavg().map(l => round(l, 2)),
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
