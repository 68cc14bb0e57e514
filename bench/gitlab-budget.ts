/*
 * yarn bench gitlab-budget: the GitLab provider against a local fake GitLab
 * (an HTTP server executing GraphQL against the schema excerpt the tests
 * validate with, and answering REST v4 with GitLab's pagination headers) with
 * 5,000 projects in 50 groups, each with 40 commits, 20 merge requests and 5
 * labelled issues in the window. Counts the HTTP requests of a full
 * collection, of a second run with 10% of the projects changed, and of a
 * naive collector that reads the same facts through REST v4 alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGitlabCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type {
  CollectRequest,
  CollectResult,
} from '../plugins/innersource-node/src';
import { GitlabProvider } from '../plugins/innersource-backend-module-gitlab/src/GitlabProvider';
import { DEFAULT_GITLAB_SETTINGS } from '../plugins/innersource-backend-module-gitlab/src/settings';
import { FakeGitlab } from '../plugins/innersource-backend-module-gitlab/src/__testUtils__/FakeGitlab';
import { fakeProject } from '../plugins/innersource-backend-module-gitlab/src/__testUtils__/fixtures';
import { quietLogger, report } from './lib';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 5_000);
const GROUPS = 50;
const CHANGED_SHARE = 0.1;
const BATCH_CONCURRENCY = 4; // the refresh job's default
const NAIVE_CONCURRENCY = 16;
const LABELS = ['help wanted', 'good first issue'];
const DAY_MS = 86_400_000;

const now = new Date();
const fake = new FakeGitlab('https://gitlab.bench');
// The provider's documents are validated by its tests; here only requests count.
fake.validateQueries = false;
const pathOf = (i: number) => `group${i % GROUPS}/project-${i}`;
for (let i = 0; i < PROJECTS; i++)
  fake.add(fakeProject(pathOf(i), now, { id: i + 1 }));

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', c => chunks.push(c));
  req.on('end', async () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const answer = await fake.handle(
      new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
        method: req.method,
        headers,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
});

const total = () => fake.requests.graphql + fake.requests.rest;
const phase = (name: string) =>
  process.stderr.write(`${new Date().toISOString()} ${name}\n`);

/** The same facts through REST v4 alone, one project after another per worker. */
async function naiveCollector(base: string): Promise<void> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: NAIVE_CONCURRENCY,
  });
  const get = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      http
        .get(`${base}/api/v4${path}`, { agent }, res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve(
              text.startsWith('[') || text.startsWith('{')
                ? JSON.parse(text)
                : text,
            );
          });
        })
        .on('error', reject);
    });
  const windowStart = new Date(now.getTime() - 90 * DAY_MS).toISOString();
  const queue = Array.from({ length: PROJECTS }, (_, i) => i);
  await Promise.all(
    Array.from({ length: NAIVE_CONCURRENCY }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const project = `/projects/${encodeURIComponent(pathOf(i))}`;
        await get(project);
        await get(`${project}/languages`);
        await get(
          `${project}/repository/commits?since=${windowStart}&per_page=100`,
        );
        const mergeRequests = (await get(
          `${project}/merge_requests?created_after=${windowStart}&state=all&per_page=100`,
        )) as Array<{ iid: number }>;
        for (const mr of mergeRequests)
          await get(
            `${project}/merge_requests/${mr.iid}/notes?sort=asc&per_page=100`,
          );
        for (const label of LABELS)
          await get(
            `${project}/issues?state=opened&labels=${encodeURIComponent(
              label,
            )}&per_page=100`,
          );
        await get(`${project}/issues?created_after=${windowStart}&per_page=1`);
        for (const folder of ['', '.gitlab', 'docs'])
          await get(`${project}/repository/tree?path=${folder}&per_page=100`);
        await get(`${project}/repository/files/innersource.json/raw?ref=main`);
      }
    }),
  );
  agent.destroy();
}

async function main() {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const host = 'gitlab.bench';
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitlab: [{ host, apiBaseUrl: `${base}/api/v4`, token: 'bench' }],
      },
    }),
  );
  const provider = new GitlabProvider({
    integrations,
    credentials:
      DefaultGitlabCredentialsProvider.fromIntegrations(integrations),
    logger: quietLogger,
    settings: DEFAULT_GITLAB_SETTINGS,
  });
  const requestFor = (
    i: number,
    previous?: CollectRequest['previous'],
  ): CollectRequest => ({
    entityRef: `component:default/project-${i}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `project-${i}` },
    },
    location: { type: 'gitlab', host, slug: pathOf(i) },
    windowDays: 90,
    labels: { helpWanted: [LABELS[0]], goodFirstIssue: [LABELS[1]] },
    ...(previous ? { previous } : {}),
  });

  /** Batches of the provider's size, a few at once, as the refresh job sends them. */
  async function refresh(requests: CollectRequest[]) {
    const results: CollectResult[] = [];
    const batches: CollectRequest[][] = [];
    for (let i = 0; i < requests.length; i += provider.batchSize)
      batches.push(requests.slice(i, i + provider.batchSize));
    await Promise.all(
      Array.from({ length: BATCH_CONCURRENCY }, async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift())
          results.push(...(await provider.collect(batch, {})));
      }),
    );
    provider.runFinished();
    return results;
  }

  const indices = Array.from({ length: PROJECTS }, (_, i) => i);
  phase('full collection');
  const full = await refresh(indices.map(i => requestFor(i)));
  const collected = full.filter(r => r.outcome === 'collected');
  if (collected.length !== PROJECTS)
    throw new Error(`full run collected ${collected.length} of ${PROJECTS}`);
  const fullRequests = total();
  process.stderr.write(`  ${JSON.stringify(fake.requests)}\n`);

  // 10% of the projects got a push since: a new commit and a new activity time.
  const changed = indices.filter(i => i % Math.round(1 / CHANGED_SHARE) === 0);
  for (const i of changed) {
    const project = fake.find(pathOf(i))!;
    project.lastActivityAt = new Date().toISOString();
    project.commits.push({
      id: `pushed-${i}`.padEnd(40, '0'),
      committedDate: new Date().toISOString(),
      authorName: 'Ian Insider',
      authorEmail: 'ian@acme.example',
    });
  }
  fake.requests = { graphql: 0, rest: 0, notModified: 0 };
  phase('incremental collection');
  const fingerprints = new Map(
    collected.map(r => [
      r.entityRef,
      r.outcome === 'collected' ? r.fingerprint : undefined,
    ]),
  );
  const second = await refresh(
    indices.map(i =>
      requestFor(i, {
        collectedAt: now.toISOString(),
        checkedAt: now.toISOString(),
        fingerprint: fingerprints.get(`component:default/project-${i}`),
      }),
    ),
  );
  const recollected = second.filter(r => r.outcome === 'collected').length;
  if (recollected !== changed.length)
    throw new Error(
      `second run collected ${recollected}, expected ${changed.length}`,
    );
  const incrementalRequests = total();
  process.stderr.write(`  ${JSON.stringify(fake.requests)}\n`);

  fake.requests = { graphql: 0, rest: 0, notModified: 0 };
  phase('naive REST collector');
  await naiveCollector(base);
  const naiveRequests = total();
  server.close();

  const result = {
    name: 'gitlab-budget',
    projects: PROJECTS,
    full_requests: fullRequests,
    incremental_requests: incrementalRequests,
    naive_requests: naiveRequests,
  };
  const withinRatios =
    incrementalRequests * 3 <= fullRequests &&
    fullRequests * 10 <= naiveRequests;
  if (!withinRatios)
    process.stderr.write(
      'gitlab-budget: outside its targets (incremental at most a third of full, full at most a tenth of naive)\n',
    );
  report(result);
  if (!withinRatios) process.exitCode = 1;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
