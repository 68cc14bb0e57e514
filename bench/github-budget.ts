/*
 * yarn bench github-budget: the GitHub provider against a local fake GitHub
 * (an HTTP server executing queries against GitHub's published schema) with
 * 10,000 repositories of 20 pull requests and 5 labelled issues each in the
 * window. Counts HTTP requests and GraphQL points by GitHub's rule for a full
 * collection and for a second run with 10% of repositories changed, and the
 * requests a naive REST collector makes against the same fake.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type {
  CollectRequest,
  CollectResult,
} from '../plugins/innersource-node/src';
import {
  DEFAULT_GITHUB_SETTINGS,
  GithubProvider,
} from '../plugins/innersource-backend-module-github/src';
import { FakeGithub } from '../plugins/innersource-backend-module-github/src/__testUtils__/FakeGithub';
import { fakeRepository } from '../plugins/innersource-backend-module-github/src/__testUtils__/fixtures';
import { quietLogger, report } from './lib';

const REPOS = Number(process.env.BENCH_REPOS ?? 10_000);
const OWNERS = 20;
const CHANGED_SHARE = 0.1;
const BATCH_CONCURRENCY = 4; // the refresh job's default
const NAIVE_CONCURRENCY = 16;
const LABELS = ['help wanted', 'good first issue'];

const now = new Date();
const fake = new FakeGithub();
// The provider's documents are validated by its tests; here only cost counts.
fake.validateQueries = false;
// Enough points for the whole benchmark: the figures are what it spends.
fake.rateLimit.limit = 1_000_000;
fake.rateLimit.remaining = 1_000_000;
for (let i = 0; i < REPOS; i++)
  fake.add(fakeRepository(`org${i % OWNERS}`, `repo-${i}`, now, { seed: i }));

let restRequests = 0;

/** The REST answers a naive collector reads, from the same fixtures. */
function rest(url: URL): unknown {
  const parts = url.pathname.replace(/^\/api\/v3\//, '').split('/');
  const repo = fake.repositories.get(`${parts[1]}/${parts[2]}`.toLowerCase());
  if (parts[0] !== 'repos' || !repo) return undefined;
  const tail = parts.slice(3);
  if (tail.length === 0)
    return {
      full_name: `${repo.owner}/${repo.name}`,
      subscribers_count: repo.watchers,
    };
  if (tail[0] === 'commits') return repo.commits.slice(0, 100);
  if (tail[0] === 'pulls' && tail.length === 1)
    return repo.pullRequests.map(p => ({
      number: p.number,
      created_at: p.createdAt,
    }));
  if (tail[0] === 'pulls' && tail[2] === 'reviews')
    return (
      repo.pullRequests[Number(tail[1]) - 1]?.responses.filter(
        r => r.kind === 'PullRequestReview',
      ) ?? []
    );
  if (tail[0] === 'issues' && tail[2] === 'comments')
    return (
      repo.pullRequests[Number(tail[1]) - 1]?.responses.filter(
        r => r.kind === 'IssueComment',
      ) ?? []
    );
  if (tail[0] === 'issues') {
    const label = url.searchParams.get('labels');
    return repo.issues.filter(i => !label || i.labels.includes(label));
  }
  return undefined;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    if (req.method === 'POST' && url.pathname === '/api/graphql') {
      body = fake.graphql(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } else {
      restRequests += 1;
      body = rest(url);
    }
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify(body ?? { message: 'Not Found' }));
  });
});

async function main() {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const host = 'github.bench';
  const config = new ConfigReader({
    integrations: {
      github: [{ host, apiBaseUrl: `${base}/api/v3`, token: 'bench' }],
    },
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const provider = new GithubProvider({
    integrations,
    credentials:
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    logger: quietLogger,
    settings: DEFAULT_GITHUB_SETTINGS,
    // Octokit paces GraphQL POSTs a second apart; the counts do not depend on
    // it, and without it the benchmark takes one minute rather than ten.
    throttling: false,
  });

  const requestFor = (
    i: number,
    previous?: CollectRequest['previous'],
  ): CollectRequest => ({
    entityRef: `component:default/repo-${i}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `repo-${i}` },
    },
    location: { type: 'github', host, slug: `org${i % OWNERS}/repo-${i}` },
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
    const workers = Array.from({ length: BATCH_CONCURRENCY }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift())
        results.push(...(await provider.collect(batch, {})));
    });
    await Promise.all(workers);
    return results;
  }

  const indices = Array.from({ length: REPOS }, (_, i) => i);
  const phase = (name: string) =>
    process.stderr.write(`${new Date().toISOString()} ${name}\n`);
  phase('full collection');
  const full = await refresh(indices.map(i => requestFor(i)));
  const fullRequests = fake.requests;
  const fullPoints = fake.points;
  const collected = full.filter(r => r.outcome === 'collected');
  if (collected.length !== REPOS)
    throw new Error(`full run collected ${collected.length} of ${REPOS}`);

  const fingerprints = new Map(
    collected.map(r => [
      r.entityRef,
      r.outcome === 'collected' ? r.fingerprint : undefined,
    ]),
  );
  const changed = new Set(
    indices.filter(i => i % Math.round(1 / CHANGED_SHARE) === 0),
  );
  for (const i of changed)
    fake.repositories.get(`org${i % OWNERS}/repo-${i}`)!.pushedAt =
      new Date().toISOString();
  fake.requests = 0;
  fake.points = 0;
  phase('incremental collection');
  const second = await refresh(
    indices.map(i =>
      requestFor(i, {
        collectedAt: now.toISOString(),
        checkedAt: now.toISOString(),
        fingerprint: fingerprints.get(`component:default/repo-${i}`),
      }),
    ),
  );
  const recollected = second.filter(r => r.outcome === 'collected').length;
  if (recollected !== changed.size)
    throw new Error(
      `second run collected ${recollected}, expected ${changed.size}`,
    );

  // A naive REST collector: the repository, one page of commits and of pull
  // requests, each pull request's reviews and comments, one list per label.
  phase('naive REST collector');
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: NAIVE_CONCURRENCY,
  });
  const get = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      http
        .get(`${base}/api/v3${path}`, { agent }, res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))),
          );
        })
        .on('error', reject);
    });
  const queue = [...indices];
  await Promise.all(
    Array.from({ length: NAIVE_CONCURRENCY }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const repo = `/repos/org${i % OWNERS}/repo-${i}`;
        await get(repo);
        await get(`${repo}/commits?per_page=100`);
        const pulls = (await get(
          `${repo}/pulls?state=all&per_page=100`,
        )) as Array<{ number: number }>;
        for (const pull of pulls) {
          await get(`${repo}/pulls/${pull.number}/reviews`);
          await get(`${repo}/issues/${pull.number}/comments`);
        }
        for (const label of LABELS)
          await get(`${repo}/issues?labels=${encodeURIComponent(label)}`);
      }
    }),
  );
  agent.destroy();
  server.close();

  report({
    name: 'github-budget',
    repos: REPOS,
    full_points: fullPoints,
    full_requests: fullRequests,
    incremental_points: fake.points,
    incremental_requests: fake.requests,
    naive_requests: restRequests,
    // Both budgets are 5,000 an hour: REST requests against GraphQL points.
    ratio: Math.round((restRequests / fullPoints) * 10) / 10,
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
