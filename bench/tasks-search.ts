/*
 * yarn bench tasks-search: GET /tasks searches (words, two facet filters and
 * a sort) over 100,000 help-wanted tasks of 20,000 projects, on SQLite and on
 * PostgreSQL, through the store's task search.
 */
import type { TaskQuery } from '../plugins/innersource-common/src';
import { openSnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { BenchDatabase, postgresDatabase, sqliteDatabase } from './database';
import { TEAMS } from './fixtures';
import { percentile, report, round } from './lib';
import { loadCollectedProjects } from './load';

const PROJECTS = 20_000;
const WARM_UP = 20;
const RUNS = 200;
const FOR_ME_RUNS = 50;
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
  // "For me" with no other filter: every task of the other teams ranked by shared skills.
  const forMeSamples: number[] = [];
  for (let i = 0; i < WARM_UP + FOR_ME_RUNS; i++) {
    const start = performance.now();
    const page = await store.reader.searchTasks(
      { sort: 'match', limit: 20 },
      'all',
      {
        skills: ['go', 'kotlin'],
        skillsFrom: 'user',
        hiddenOwners: [`group:default/team-${i % TEAMS}`],
      },
    );
    if (i >= WARM_UP) forMeSamples.push(performance.now() - start);
    if (i === 0 && !page.items[0]?.matchedSkills?.length)
      throw new Error('the for-me query matched no skill');
  }
  await database.destroy();
  return {
    forMeP95: round(percentile(forMeSamples, 95)),
    tasks: Number(count),
    p95: round(percentile(samples, 95)),
    p50: round(percentile(samples, 50)),
    maxPageKb: round(maxPageBytes / 1024),
  };
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
    sqlite_for_me_p95_ms: sqlite.forMeP95,
    postgres_for_me_p95_ms: postgres?.forMeP95 ?? null,
    projects: PROJECTS,
    runs: RUNS,
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
