/*
 * yarn bench collator: the InnerSource search collators stream 100,000 task
 * documents and 20,000 project documents from the InnerSource API, page by
 * page, as Backstage's search indexer reads them; peak resident memory of the
 * process is what the issue bounds. The API is a local HTTP server that makes
 * each page on request, so its own memory stays flat and the figure is the
 * collator's. Then, with PostgreSQL at hand, the 100,000 task documents are
 * indexed through Backstage's PostgreSQL search engine
 * (@backstage/plugin-search-backend-module-pg), as production config has it:
 * pg_engine_documents counts what the engine stored, pg_engine_peak_rss_mb is
 * the process's peak while it indexed.
 */
import { pipeline } from 'node:stream/promises';
import { ConfigReader } from '@backstage/config';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DAY_MS,
  INNERSOURCE_TASK_DOCUMENT_TYPE,
  type ProjectListItem,
  type TaskListItem,
} from '../plugins/innersource-common/src';
import {
  InnerSourceProjectCollatorFactory,
  InnerSourceTaskCollatorFactory,
} from '../plugins/search-backend-module-innersource/src';
import { BenchDatabase, postgresDatabase } from './database';
import { quietLogger, report, round, trackPeakRss } from './lib';

const TASKS = 100_000;
const PROJECTS = 20_000;
const TEAMS = 40;
const WORDS = ['logging', 'docs', 'tests', 'retries', 'metrics', 'search'];
const now = Date.now();

function task(i: number): TaskListItem {
  const project = i % PROJECTS;
  return {
    id: `I_kwDOA${i.toString(36).padStart(8, '0')}`,
    number: 100 + (i % 900),
    title: `Improve ${WORDS[i % WORDS.length]} in the ${
      WORDS[(i >> 3) % WORDS.length]
    } module of service ${project}`,
    url: `https://github.com/acme/service-${project}/issues/${100 + (i % 900)}`,
    labels: i % 2 ? ['help wanted'] : ['good first issue', 'help wanted'],
    goodFirst: i % 2 === 0,
    createdAt: new Date(now - ((i % 300) + 30) * DAY_MS).toISOString(),
    updatedAt: new Date(now - (i % 300) * DAY_MS).toISOString(),
    comments: i % 12,
    stale: false,
    project: {
      entityRef: `component:default/service-${project}`,
      title: `Service ${project}`,
      owner: `group:default/team-${project % TEAMS}`,
      system: `system:default/system-${project % 200}`,
      language: project % 3 ? 'TypeScript' : 'Java',
      skills: ['typescript', 'react', 'postgres'].slice(0, 1 + (project % 3)),
      score: project % 100,
      tier: { name: 'Growing', color: '#8bc34a' },
    },
  };
}

function project(i: number): ProjectListItem {
  return {
    entityRef: `component:default/service-${i}`,
    title: `Service ${i}`,
    kind: 'component',
    owner: `group:default/team-${i % TEAMS}`,
    tags: ['innersource', 'typescript'],
    description: `Service ${i} handles ${
      WORDS[i % WORDS.length]
    } for every team`,
    skills: ['typescript', 'react'],
    contributions: i % 4 ? [] : ['Documentation', 'Test coverage'],
    status: 'collected',
    score: i % 100,
    tier: { name: 'Growing', color: '#8bc34a' },
    refreshedAt: new Date(now).toISOString(),
  };
}

/** Pages made on request: the cursor is the offset. */
function page<T>(total: number, make: (i: number) => T, url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const end = Math.min(total, start + limit);
  const items: T[] = [];
  for (let i = start; i < end; i++) items.push(make(i));
  return { items, ...(end < total ? { nextCursor: String(end) } : {}) };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let body: unknown;
  if (url.pathname === '/api/innersource/tasks') {
    body = {
      ...page(TASKS, task, url),
      total: TASKS,
      facets: { labels: [], owners: [], skills: [], languages: [], tiers: [] },
    };
  } else if (url.pathname === '/api/innersource/projects') {
    body = page(PROJECTS, project, url);
  }
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? { error: { message: 'not found' } }));
});

async function drain(stream: AsyncIterable<unknown>) {
  let count = 0;
  for await (const document of stream) {
    if (document) count++;
  }
  return count;
}

async function main() {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const options = {
    discovery: {
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/innersource`,
      getExternalBaseUrl: async () => '',
    },
    auth: {
      getOwnServiceCredentials: async () => ({}),
      getPluginRequestToken: async () => ({ token: 'bench' }),
    } as any,
  };
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const memory = trackPeakRss(10);
  const start = performance.now();
  const documents = await drain(
    await new InnerSourceTaskCollatorFactory(options).getCollator(),
  );
  const projectDocuments = await drain(
    await new InnerSourceProjectCollatorFactory(options).getCollator(),
  );
  const ms = performance.now() - start;
  const peak = memory.stop();
  const pg = await indexThroughPostgres(options);
  server.close();
  if (documents !== TASKS || projectDocuments !== PROJECTS) {
    throw new Error(
      `expected ${TASKS} task and ${PROJECTS} project documents, got ${documents} and ${projectDocuments}`,
    );
  }
  report({
    name: 'collator',
    documents,
    peak_rss_mb: peak,
    project_documents: projectDocuments,
    baseline_rss_mb: round(baseline / 1024 / 1024, 1),
    max_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    ms: round(ms, 0),
    ...(pg
      ? {
          pg_engine_documents: pg.documents,
          pg_engine_peak_rss_mb: pg.peakRssMb,
          pg_engine_ms: pg.ms,
        }
      : {}),
  });
}

/**
 * Every task document the collator reads through `options` (an InnerSource
 * API), piped into Backstage's PostgreSQL search engine in `database`, as its
 * indexer does (batches of 1,000): the engine, and what the indexing cost.
 */
export async function indexTasksInPgEngine(
  database: BenchDatabase,
  options: { discovery: any; auth: any },
): Promise<{
  engine: PgSearchEngine;
  documents: number;
  peakRssMb: number;
  ms: number;
}> {
  const engine = await PgSearchEngine.fromConfig(
    new ConfigReader({ search: { pg: { indexerBatchSize: 1000 } } }),
    { database: database.service, logger: quietLogger },
  );
  global.gc?.();
  const memory = trackPeakRss(10);
  const start = performance.now();
  await pipeline(
    await new InnerSourceTaskCollatorFactory({
      ...options,
      maxDocuments: 0,
    }).getCollator(),
    await engine.getIndexer(INNERSOURCE_TASK_DOCUMENT_TYPE),
  );
  const ms = performance.now() - start;
  const peakRssMb = memory.stop();
  const [{ count }] = await database
    .knex('documents')
    .where({ type: INNERSOURCE_TASK_DOCUMENT_TYPE })
    .count({ count: '*' });
  return { engine, documents: Number(count), peakRssMb, ms: round(ms, 0) };
}

/** Every task document through the PostgreSQL search engine; undefined without a PostgreSQL server. */
async function indexThroughPostgres(options: {
  discovery: any;
  auth: any;
}): Promise<{ documents: number; peakRssMb: number; ms: number } | undefined> {
  const database = await postgresDatabase('search');
  if (!database) {
    process.stderr.write(
      'no BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: skipping the PostgreSQL search engine\n',
    );
    return undefined;
  }
  try {
    const { documents, peakRssMb, ms } = await indexTasksInPgEngine(
      database,
      options,
    );
    return { documents, peakRssMb, ms };
  } finally {
    await database.destroy();
  }
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
