import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  RateBudget,
  RateLimitedError,
  type ProviderSpend,
} from '@innersource-for-backstage/plugin-innersource-node';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import pLimit from 'p-limit';
import type { GithubProviderSettings } from './settings';
import type { RateLimit } from './types';

const ThrottledOctokit = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof ThrottledOctokit>;

/** When a refused request may be tried again, from GitHub's headers; a minute when it gave none. */
function retryTimeOf(
  headers: Record<string, string | number | undefined> | undefined,
  now: Date,
): Date {
  const retryAfter = Number(headers?.['retry-after']);
  if (retryAfter > 0) return new Date(now.getTime() + retryAfter * 1000);
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (reset > 0) return new Date(reset * 1000);
  return new Date(now.getTime() + 60_000);
}

/** A credential's client as the provider holds it: opaque but for its rate budget. */
export interface GithubConnection {
  readonly budget: RateBudget;
}

interface Connection extends GithubConnection {
  client: Client;
  token: string;
}

export interface GraphqlError {
  type?: string;
  path?: Array<string | number>;
  message: string;
}

export interface QueryResult<T> {
  data: T | null;
  errors: GraphqlError[];
}

export interface GithubConnectionsOptions {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
  logger: LoggerService;
  settings: GithubProviderSettings;
  now: () => Date;
  /** Retries of a request that failed with a 5xx or a network error. Default 3. */
  retries?: number;
  /** Octokit's throttling (secondary limits, POSTs a second apart); only a benchmark turns it off. */
  throttling?: boolean;
}

/**
 * GitHub clients, one per credential (a GitHub App installation or a token),
 * each with its rate budget; GraphQL requests in flight bounded over all of
 * them, and counted for the run's report.
 */
export class GithubConnections {
  /** By credential: one per GitHub App installation (host and owner) or per token. */
  private readonly connections = new Map<string, Connection>();
  private readonly graphqlBaseUrls = new WeakMap<Client, string>();
  private readonly inFlight: ReturnType<typeof pLimit>;
  private run = { requests: 0, points: 0 };

  constructor(private readonly options: GithubConnectionsOptions) {
    this.inFlight = pLimit(options.settings.maxInFlight);
  }

  get count(): number {
    return this.connections.size;
  }

  /** Requests and points spent since the last call. */
  spent(): ProviderSpend {
    const spent = { ...this.run };
    this.run = { requests: 0, points: 0 };
    return spent;
  }

  async clientFor(
    host: string,
    owner: string,
  ): Promise<GithubConnection | { error: string }> {
    const integration = this.options.integrations.github.byHost(host);
    if (!integration) {
      return { error: `${host} is not configured in integrations.github` };
    }
    let token: string | undefined;
    let type: string | undefined;
    try {
      ({ token, type } = await this.options.credentials.getCredentials({
        url: `https://${host}/${owner}`,
      }));
    } catch (error) {
      return {
        error: `no GitHub credentials for ${owner} on ${host}: ${
          (error as Error).message
        }`,
      };
    }
    if (!token) {
      return {
        error: `no GitHub token for ${host}: add a token or a GitHub App to integrations.github (the GraphQL API needs one)`,
      };
    }
    // One client and budget per credential, not per token: a GitHub App's
    // installation token rotates every hour, its rate limit does not.
    const key =
      type === 'app'
        ? `${host}:app:${owner.toLocaleLowerCase('en-US')}`
        : `${host}:token:${createHash('sha256').update(token).digest('hex')}`;
    let connection = this.connections.get(key);
    if (!connection) {
      connection = this.connect(integration.config.apiBaseUrl);
      this.connections.set(key, connection);
    }
    connection.token = token;
    return connection;
  }

  private connect(apiBaseUrl = 'https://api.github.com'): Connection {
    const logger = this.options.logger;
    const client = new ThrottledOctokit({
      retry: { retries: this.options.retries ?? 3 },
      baseUrl: apiBaseUrl,
      throttle: {
        enabled: this.options.throttling ?? true,
        onRateLimit: (retryAfter: number, request: { url?: string }) => {
          logger.warn(
            `GitHub rate limit reached for ${request.url}; not retrying, the budget defers the rest (${retryAfter} s to reset)`,
          );
          return false;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { url?: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          logger.warn(
            `GitHub secondary rate limit on ${request.url}; retrying after ${retryAfter} s`,
          );
          return retryCount < 2;
        },
      },
    });
    const connection: Connection = {
      client,
      // The GraphQL points of the hour, as each response's rateLimit reports them.
      budget: new RateBudget({
        forge: 'GitHub',
        units: 'points',
        reserve: this.options.settings.reserve,
        now: () => this.options.now().getTime(),
      }),
      token: '',
    };
    // The credential's current token on every request, retries included.
    client.hook.before('request', options => {
      options.headers.authorization = `token ${connection.token}`;
    });
    // GitHub Enterprise Server serves GraphQL at /api/graphql beside /api/v3.
    this.graphqlBaseUrls.set(
      client,
      apiBaseUrl.replace(/\/api\/v3\/?$/, '/api'),
    );
    return connection;
  }

  /** One GraphQL request, counted, with GitHub's partial answers kept apart from its errors. */
  async query<T>(
    connection: GithubConnection,
    budget: RateBudget,
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<QueryResult<T & { rateLimit?: RateLimit }>> {
    const { client } = connection as Connection;
    // Refused for a rate limit: asking again before the reset only spends more.
    const refusedUntil = budget.refusedUntil();
    if (refusedUntil) {
      throw new RateLimitedError(
        refusedUntil,
        'waiting for the rate limit to reset',
      );
    }
    let response;
    try {
      response = await this.inFlight(() =>
        client.request('POST /graphql', {
          baseUrl: this.graphqlBaseUrls.get(client),
          query,
          variables,
          request: signal ? { signal } : {},
        }),
      );
    } catch (error) {
      const { status, response: refused } = error as {
        status?: number;
        response?: {
          headers?: Record<string, string | number | undefined>;
          data?: { errors?: GraphqlError[] };
        };
      };
      const headers = refused?.headers;
      // Octokit's throttling turns GraphQL's RATE_LIMITED answer into an error too.
      const limited =
        status === 429 ||
        (refused?.data?.errors ?? []).some(e => e.type === 'RATE_LIMITED') ||
        (status === 403 &&
          (String(headers?.['x-ratelimit-remaining']) === '0' ||
            headers?.['retry-after'] !== undefined));
      if (!limited) throw error;
      this.run.requests += 1;
      const until = retryTimeOf(headers, this.options.now());
      budget.exhaust(until);
      throw new RateLimitedError(until, (error as Error).message);
    }
    const body = response.data as {
      data?: (T & { rateLimit?: RateLimit }) | null;
      errors?: GraphqlError[];
    };
    this.run.requests += 1;
    const refusal = body.errors?.find(e => e.type === 'RATE_LIMITED');
    if (refusal) {
      const until = retryTimeOf(
        response.headers as Record<string, string | number | undefined>,
        this.options.now(),
      );
      budget.exhaust(until);
      throw new RateLimitedError(until, refusal.message ?? 'RATE_LIMITED');
    }
    const rateLimit = body.data?.rateLimit;
    if (rateLimit) {
      this.run.points += rateLimit.cost;
      budget.update({
        limit: rateLimit.limit,
        remaining: rateLimit.remaining,
        resetAt: Date.parse(rateLimit.resetAt),
      });
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}
