import type {
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { RateBudget } from '@innersource-for-backstage/plugin-innersource-node';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import {
  CachedAnswer,
  emptyCounters,
  GitlabClient,
  RequestCounters,
} from './GitlabClient';

/** REST answers kept for conditional requests (a few kilobytes each). */
const CONDITIONAL_CACHE_ENTRIES = 2000;

/** Waits, and stops waiting when the run is cancelled. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** GitLab's GraphQL endpoint beside the REST base (`…/api/v4` → `…/api/graphql`). */
export function graphqlUrlOf(config: {
  apiBaseUrl: string;
  baseUrl: string;
}): string {
  return /\/api\/v4$/.test(config.apiBaseUrl)
    ? config.apiBaseUrl.replace(/\/api\/v4$/, '/api/graphql')
    : `${config.baseUrl}/api/graphql`;
}

/**
 * One client per GitLab host and credential, each with its own rate-limit
 * budget; all of them share the bound on requests in flight, the kept REST
 * answers and the run's request counts.
 */
export class GitlabClients {
  private readonly clients = new Map<string, GitlabClient>();
  private readonly inFlight: ReturnType<typeof pLimit>;
  private readonly cache = new LRUCache<string, CachedAnswer>({
    max: CONDITIONAL_CACHE_ENTRIES,
  });
  private counters = emptyCounters();

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GitlabCredentialsProvider;
      reserve: number;
      maxInFlight: number;
      now: () => number;
      sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
      retries: number;
      timeoutMs: number;
    },
  ) {
    this.inFlight = pLimit(options.maxInFlight);
  }

  /** What the run has sent so far. */
  counts(): RequestCounters {
    return { ...this.counters };
  }

  /** What the run sent, counting from zero again. */
  takeCounts(): RequestCounters {
    const counts = this.counters;
    this.counters = emptyCounters();
    return counts;
  }

  async forHost(host: string): Promise<GitlabClient | { error: string }> {
    const integration = this.options.integrations.gitlab.byHost(host);
    if (!integration)
      return { error: `${host} is not configured in integrations.gitlab` };
    const { config } = integration;
    let headers: Record<string, string> = {};
    try {
      headers =
        (
          await this.options.credentials.getCredentials({
            url: `https://${config.host}/`,
          })
        ).headers ?? {};
    } catch (error) {
      return {
        error: `no GitLab credentials for ${host}: ${(error as Error).message}`,
      };
    }
    const key = `${host}\n${JSON.stringify(headers)}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new GitlabClient({
        host,
        apiBaseUrl: config.apiBaseUrl,
        graphqlUrl: graphqlUrlOf(config),
        headers,
        // Requests in GitLab's rate-limit window, as each response's headers report it.
        budget: new RateBudget({
          forge: 'GitLab',
          host,
          units: 'requests',
          window: 'this window',
          reserve: this.options.reserve,
          now: this.options.now,
        }),
        now: this.options.now,
        inFlight: send => this.inFlight(send),
        counters: () => this.counters,
        sleep: this.options.sleep,
        retries: this.options.retries,
        timeoutMs: this.options.timeoutMs,
        cache: this.cache,
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
