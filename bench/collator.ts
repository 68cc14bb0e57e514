/*
 * yarn bench collator: the InnerSource search collators stream 100,000 task
 * documents and 20,000 project documents from the InnerSource API, page by
 * page, as Backstage's search indexer reads them; peak resident memory of the
 * process is what the issue bounds. The API is a local HTTP server that makes
 * each page on request, so its own memory stays flat and the figure is the
 * collator's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DAY_MS,
  type ProjectListItem,
  type TaskListItem,
} from '../plugins/innersource-common/src';
import {
  InnerSourceProjectCollatorFactory,
  InnerSourceTaskCollatorFactory,
} from '../plugins/search-backend-module-innersource/src';
import { report, round, trackPeakRss } from './lib';

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
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
