import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { RepositoryFacts } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  CollectRequest,
  CollectResult,
  RepositoryLocation,
} from '../provider';
import { unavailableRepositoryMessage } from '../repositoryRule';
import {
  ForgeCollector,
  ForgeReader,
  ForgeTarget,
  RateLimitedError,
} from './ForgeCollector';
import { RateBudget } from './RateBudget';
import { failedResult } from './results';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const HOUR = 3_600_000;

/** A forge of a few repositories on forge.example, `url:` locations `https://forge.example/<name>`. */
interface FakeRepository {
  visibility: string;
  /** Changes when the repository does: the fingerprint. */
  version: number;
}

interface Target extends ForgeTarget {
  name: string;
}

interface Client {
  budget: RateBudget;
  owner: string;
}

type Failure = 'error' | 'rate-limited';

class FakeForge implements ForgeReader<Target, Client> {
  readonly locationType = 'github' as const;
  readonly freshnessBatch = 2;
  repositories = new Map<string, FakeRepository>();
  /** What was sent, in order: `freshness a,b`, `deep c`. */
  sent: string[] = [];
  clientLookups: string[] = [];
  failFreshness?: Failure;
  failDeep?: Failure;
  /** The forge finds a deep query of more repositories than this too large. */
  maxDeep = Infinity;
  /** What each query costs (the budget's window goes down by it). */
  window = { limit: 100, remaining: 100, resetAt: NOW + HOUR };
  readonly clients = new Map<string, Client>();
  collector!: ForgeCollector<Target, Client>;

  locate(location: RepositoryLocation) {
    if (location.type === 'url') {
      const name = location.url.split('/').pop();
      return name
        ? { host: location.host, name }
        : { error: `${location.url} names no repository` };
    }
    if (location.type === 'github')
      return { host: location.host, name: location.slug };
    return { error: 'not a forge repository' };
  }

  clientKey(target: Target) {
    return target.name.split('-')[0];
  }

  async clientFor(target: Target) {
    const owner = this.clientKey(target);
    this.clientLookups.push(owner);
    if (owner === 'nocred') return { error: 'no credentials for nocred' };
    let client = this.clients.get(owner);
    if (!client) {
      client = {
        owner,
        budget: new RateBudget({
          forge: 'Forge',
          units: 'requests',
          reserve: 0.2,
          now: () => NOW,
        }),
      };
      client.budget.update(this.window);
      this.clients.set(owner, client);
    }
    return client;
  }

  /** One request about `targets`, costing one point or request each. */
  private spend(
    client: Client,
    pass: string,
    targets: Target[],
    failure?: Failure,
  ) {
    this.sent.push(`${pass} ${targets.map(t => t.name).join(',')}`);
    if (failure === 'rate-limited') {
      client.budget.exhaust(new Date(NOW + HOUR));
      throw new RateLimitedError(new Date(NOW + HOUR), 'slow down');
    }
    if (failure === 'error') throw new Error('the forge is down');
    this.window = {
      ...this.window,
      remaining: this.window.remaining - targets.length,
    };
    client.budget.update(this.window);
  }

  private repository(target: Target) {
    return {
      host: target.host,
      path: target.name,
      visibility: this.repositories.get(target.name)!.visibility,
      webUrl: `https://${target.host}/${target.name}`,
      fileSegments: ['-'],
    };
  }

  async readFreshness(targets: Target[], client: Client) {
    this.spend(client, 'freshness', targets, this.failFreshness);
    return targets.map(t => {
      const repo = this.repositories.get(t.name);
      return repo
        ? { repository: this.repository(t), fingerprint: String(repo.version) }
        : { error: unavailableRepositoryMessage(`${t.host}/${t.name}`) };
    });
  }

  /** Up to three a query, one point or request each. */
  deepChunks(targets: Target[]) {
    return targets.length > 3
      ? [
          { targets: targets.slice(0, 3), cost: 3 },
          { targets: targets.slice(3), cost: targets.length - 3 },
        ]
      : [{ targets, cost: targets.length }];
  }

  async readDeep(
    targets: Target[],
    client: Client,
  ): Promise<CollectResult[] | 'split'> {
    this.spend(client, 'deep', targets, this.failDeep);
    if (targets.length > this.maxDeep) return 'split';
    return targets.map(t => {
      const repo = this.repositories.get(t.name);
      if (!repo)
        return failedResult(
          t.request,
          unavailableRepositoryMessage(`${t.host}/${t.name}`),
        );
      return (
        this.collector.refusal(t, this.repository(t)) ?? {
          entityRef: t.request.entityRef,
          outcome: 'collected',
          facts: {} as RepositoryFacts,
          fingerprint: String(repo.version),
        }
      );
    });
  }

  describeError(error: unknown, host: string) {
    return `${host}: ${(error as Error).message}`;
  }
}

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: {},
});

/** A request for repository `name`; `seen` gives it a last collection `hoursAgo` with that fingerprint. */
function request(
  name: string,
  seen?: { fingerprint: string; hoursAgo?: number },
): CollectRequest {
  const at = new Date(NOW - (seen?.hoursAgo ?? 1) * HOUR).toISOString();
  return {
    entityRef: `component:default/${name}`,
    entity: entity(name),
    location: {
      type: 'url',
      host: 'forge.example',
      url: `https://forge.example/${name}`,
    },
    windowDays: 90,
    labels: { helpWanted: [], goodFirstIssue: [] },
    ...(seen
      ? {
          previous: {
            collectedAt: at,
            checkedAt: at,
            fingerprint: seen.fingerprint,
          },
        }
      : {}),
  };
}

function setUp(options: { waitUpToMs?: number } = {}) {
  const forge = new FakeForge();
  for (const name of [
    'acme-a',
    'acme-b',
    'acme-c',
    'acme-d',
    'acme-e',
    'beta-a',
  ])
    forge.repositories.set(name, { visibility: 'public', version: 1 });
  const logger = mockServices.logger.mock();
  const waits: number[] = [];
  forge.collector = new ForgeCollector(forge, {
    forge: 'Forge',
    hosts: ['forge.example'],
    logger,
    settings: { allow: [], maxSnapshotAgeHours: 24 },
    now: () => new Date(NOW),
    ...(options.waitUpToMs !== undefined
      ? {
          wait: {
            upToMs: options.waitUpToMs,
            sleep: async (ms: number) => {
              waits.push(ms);
              forge.window = { ...forge.window, resetAt: NOW };
              for (const client of forge.clients.values())
                client.budget.update({
                  limit: 100,
                  remaining: 100,
                  resetAt: NOW,
                });
            },
          },
        }
      : {}),
  });
  return { forge, logger, waits };
}

function outcomeOf(result: CollectResult): string {
  if (result.outcome === 'failed')
    return `failed: ${result.error}${result.forget ? ' (forget)' : ''}`;
  if (result.outcome === 'deferred') return `deferred: ${result.reason}`;
  return result.outcome;
}

/** Each result's outcome by repository name, with its error or reason. */
const outcomes = (results: CollectResult[]) =>
  Object.fromEntries(
    results.map(r => [
      r.entityRef.replace('component:default/', ''),
      outcomeOf(r),
    ]),
  );

const SPENT =
  'deferred: the Forge API budget is down to its reserve (20 of 100 requests left, 20% kept for the rest of Backstage); ' +
  'collection resumes at the next refresh after 2026-12-07T13:00:00.000Z';
const UNAVAILABLE = (name: string) =>
  `failed: ${unavailableRepositoryMessage(`forge.example/${name}`)}`;

describe('ForgeCollector', () => {
  it.each<{
    name: string;
    requests: CollectRequest[];
    arrange?: (forge: FakeForge) => void;
    sent: string[];
    expected: Record<string, string>;
  }>([
    {
      name: 'reads what was never collected in full, with no freshness request',
      requests: [request('acme-a'), request('acme-b')],
      sent: ['deep acme-a,acme-b'],
      expected: { 'acme-a': 'collected', 'acme-b': 'collected' },
    },
    {
      name: 'asks freshness first and reads in full only what changed',
      requests: [
        request('acme-a', { fingerprint: '1' }),
        request('acme-b', { fingerprint: '0' }),
      ],
      sent: ['freshness acme-a,acme-b', 'deep acme-b'],
      expected: { 'acme-a': 'unchanged', 'acme-b': 'collected' },
    },
    {
      name: 'asks freshness in batches of freshnessBatch',
      requests: ['acme-a', 'acme-b', 'acme-c'].map(n =>
        request(n, { fingerprint: '1' }),
      ),
      sent: ['freshness acme-a,acme-b', 'freshness acme-c'],
      expected: {
        'acme-a': 'unchanged',
        'acme-b': 'unchanged',
        'acme-c': 'unchanged',
      },
    },
    {
      name: 'reads a repository unchanged for longer than maxSnapshotAgeHours in full',
      requests: [request('acme-a', { fingerprint: '1', hoursAgo: 25 })],
      sent: ['deep acme-a'],
      expected: { 'acme-a': 'collected' },
    },
    {
      name: 'fails a repository the forge does not have, at either pass',
      requests: [request('acme-gone', { fingerprint: '1' }), request('acme-x')],
      sent: ['freshness acme-gone', 'deep acme-x'],
      expected: {
        'acme-gone': UNAVAILABLE('acme-gone'),
        'acme-x': UNAVAILABLE('acme-x'),
      },
    },
    {
      name: 'refuses a private repository at freshness and forgets it, reading nothing more',
      requests: [request('acme-a', { fingerprint: '0' })],
      arrange: forge => {
        forge.repositories.get('acme-a')!.visibility = 'private';
      },
      sent: ['freshness acme-a'],
      expected: { 'acme-a': `${UNAVAILABLE('acme-a')} (forget)` },
    },
    {
      name: 'refuses a private repository in the deep pass through the module',
      requests: [request('acme-a')],
      arrange: forge => {
        forge.repositories.get('acme-a')!.visibility = 'private';
      },
      sent: ['deep acme-a'],
      expected: { 'acme-a': `${UNAVAILABLE('acme-a')} (forget)` },
    },
    {
      name: 'reads everything in full when the freshness request fails',
      requests: [request('acme-a', { fingerprint: '1' })],
      arrange: forge => {
        forge.failFreshness = 'error';
      },
      sent: ['freshness acme-a', 'deep acme-a'],
      expected: { 'acme-a': 'collected' },
    },
    {
      name: 'defers the whole group when freshness is refused for the rate limit',
      requests: [request('acme-a', { fingerprint: '1' }), request('acme-b')],
      arrange: forge => {
        forge.failFreshness = 'rate-limited';
      },
      sent: ['freshness acme-a'],
      expected: {
        'acme-a':
          'deferred: Forge refused for its rate limit; collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
        'acme-b':
          'deferred: Forge refused for its rate limit; collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
      },
    },
    {
      name: "fails a chunk whose full read fails, in the module's words",
      requests: [request('acme-a')],
      arrange: forge => {
        forge.failDeep = 'error';
      },
      sent: ['deep acme-a'],
      expected: { 'acme-a': 'failed: forge.example: the forge is down' },
    },
    {
      name: 'defers a chunk whose full read is refused for the rate limit, and sends nothing more',
      requests: ['acme-a', 'acme-b', 'acme-c', 'acme-d'].map(n => request(n)),
      arrange: forge => {
        forge.failDeep = 'rate-limited';
      },
      sent: ['deep acme-a,acme-b,acme-c'],
      expected: Object.fromEntries(
        ['acme-a', 'acme-b', 'acme-c', 'acme-d'].map(n => [
          n,
          'deferred: Forge refused for its rate limit; collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
        ]),
      ),
    },
    {
      name: 'reads a chunk the forge finds too large in halves, until it fits',
      requests: ['acme-a', 'acme-b', 'acme-c'].map(n => request(n)),
      arrange: forge => {
        forge.maxDeep = 1;
      },
      sent: [
        'deep acme-a,acme-b,acme-c',
        'deep acme-a,acme-b',
        'deep acme-a',
        'deep acme-b',
        'deep acme-c',
      ],
      expected: {
        'acme-a': 'collected',
        'acme-b': 'collected',
        'acme-c': 'collected',
      },
    },
    {
      name: 'defers everything when the budget is down to its reserve before freshness',
      requests: [request('acme-a', { fingerprint: '1' }), request('acme-b')],
      arrange: forge => {
        forge.window.remaining = 20;
      },
      sent: [],
      expected: { 'acme-a': SPENT, 'acme-b': SPENT },
    },
    {
      name: 'defers the chunks the budget cannot pay for, keeping those it could',
      requests: ['acme-a', 'acme-b', 'acme-c', 'acme-d', 'acme-e'].map(n =>
        request(n),
      ),
      arrange: forge => {
        // 24 left: the first chunk (3) leaves 21, the second (2) would dip below the reserve of 20
        forge.window.remaining = 24;
      },
      sent: ['deep acme-a,acme-b,acme-c'],
      expected: {
        'acme-a': 'collected',
        'acme-b': 'collected',
        'acme-c': 'collected',
        'acme-d': SPENT.replace('20 of 100', '21 of 100'),
        'acme-e': SPENT.replace('20 of 100', '21 of 100'),
      },
    },
    {
      name: 'fails requests it cannot locate or has no credentials for, collecting the rest',
      requests: [
        {
          ...request('x'),
          location: { type: 'path', path: '/srv/x' },
          entityRef: 'component:default/folder',
        },
        request('nocred-a'),
        request('beta-a'),
      ],
      sent: ['deep beta-a'],
      expected: {
        folder: 'failed: not a forge repository',
        'nocred-a': 'failed: no credentials for nocred',
        'beta-a': 'collected',
      },
    },
  ])('$name', async ({ requests, arrange, sent, expected }) => {
    const { forge } = setUp();
    arrange?.(forge);

    const results = await forge.collector.collect(requests, {});

    expect(outcomes(results)).toEqual(expected);
    expect(results).toHaveLength(requests.length);
    expect(forge.sent).toEqual(sent);
  });

  it('warns when freshness fails and when the forge refuses for its rate limit', async () => {
    const { forge, logger } = setUp();
    forge.failFreshness = 'error';
    await forge.collector.collect(
      [request('acme-a', { fingerprint: '1' })],
      {},
    );
    forge.failDeep = 'rate-limited';
    await forge.collector.collect([request('acme-b')], {});

    expect(logger.warn).toHaveBeenCalledWith(
      'Forge freshness check on forge.example failed, collecting in full: forge.example: the forge is down',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Forge on forge.example refused for its rate limit (slow down); the rest of this run waits for the next refresh after 2026-12-07T13:00:00.000Z',
    );
  });

  it('collects each credential apart, looking a shared credential up once', async () => {
    const { forge } = setUp();

    const results = await forge.collector.collect(
      [request('acme-a'), request('beta-a'), request('acme-b')],
      {},
    );

    expect(results.map(r => r.outcome)).toEqual([
      'collected',
      'collected',
      'collected',
    ]);
    expect(forge.clientLookups).toEqual(['acme', 'beta']);
    expect(forge.sent).toEqual(['deep acme-a,acme-b', 'deep beta-a']);
  });

  it.each([
    [
      'a window resetting within the wait',
      60_000,
      ['deep acme-a'],
      'collected',
    ],
    ['a window resetting later', 1_000, [], SPENT],
  ])(
    'waits for %s when told to, else defers',
    async (_name, upToMs, sent, outcome) => {
      const { forge, waits } = setUp({ waitUpToMs: upToMs });
      forge.window = { limit: 100, remaining: 20, resetAt: NOW + 30_000 };

      const results = await forge.collector.collect([request('acme-a')], {});

      expect(forge.sent).toEqual(sent);
      expect(waits).toEqual(outcome === 'collected' ? [30_000] : []);
      expect(outcomes(results)['acme-a']).toBe(
        outcome === 'collected'
          ? 'collected'
          : SPENT.replace('13:00:00.000Z', '12:00:30.000Z'),
      );
    },
  );

  it('sends nothing once the run is cancelled', async () => {
    const { forge } = setUp();
    const controller = new AbortController();
    controller.abort();

    const results = await forge.collector.collect(
      [request('acme-a', { fingerprint: '1' }), request('acme-b')],
      { signal: controller.signal },
    );

    expect(results.map(r => r.outcome)).toEqual(['deferred', 'deferred']);
    expect(forge.sent).toEqual([]);
  });

  it.each<[string, RepositoryLocation, boolean]>([
    [
      'a URL on its host',
      { type: 'url', host: 'Forge.Example', url: 'https://forge.example/a' },
      true,
    ],
    [
      'a URL it cannot locate',
      { type: 'url', host: 'forge.example', url: 'https://forge.example/' },
      false,
    ],
    [
      'its own annotation',
      { type: 'github', host: 'forge.example', slug: 'a' },
      true,
    ],
    [
      "another forge's annotation",
      { type: 'gitlab', host: 'forge.example', slug: 'a' },
      false,
    ],
    [
      'another host',
      { type: 'url', host: 'other.example', url: 'https://other.example/a' },
      false,
    ],
    ['a folder', { type: 'path', path: '/srv/a' }, false],
  ])('supports %s: %s', (_name, location, supported) => {
    expect(setUp().forge.collector.supports(location)).toBe(supported);
  });
});
