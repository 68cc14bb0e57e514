import type { RateBudget } from '@innersource-for-backstage/plugin-innersource-node';
import { LRUCache } from 'lru-cache';
import { readRateWindow } from './rateWindow';

/**
 * Requests a run sent, for the log line at its end and the benchmark.
 *
 * @public
 */
export interface RequestCounters {
  graphql: number;
  rest: number;
  /** REST answers that were `304 Not Modified` to a conditional request. */
  notModified: number;
  /** The highest `queryComplexity.score` GitLab reported. */
  maxComplexity: number;
}

export function emptyCounters(): RequestCounters {
  return { graphql: 0, rest: 0, notModified: 0, maxComplexity: 0 };
}

/** A request GitLab refused or never answered, with its HTTP status when it had one. */
export class GitlabRequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'GitlabRequestError';
  }
}

export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
}

/** A REST answer kept with its `ETag`, so the same request can be sent conditionally. */
export interface CachedAnswer {
  etag: string;
  body: unknown;
  nextPage?: string;
}

export interface GitlabClientOptions {
  host: string;
  /** REST v4 base: `https://gitlab.com/api/v4`. */
  apiBaseUrl: string;
  graphqlUrl: string;
  /** The credential's headers (`Authorization: Bearer …`), none for anonymous reads. */
  headers: Record<string, string>;
  budget: RateBudget;
  /** Milliseconds since the epoch, for a window without a reset time. */
  now: () => number;
  /** Bounds the requests in flight over all of the provider's clients. */
  inFlight: <T>(send: () => Promise<T>) => Promise<T>;
  counters: () => RequestCounters;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Retries of a request that failed with a 5xx or a network error. */
  retries: number;
  timeoutMs: number;
  cache: LRUCache<string, CachedAnswer>;
}

/** 429 answers are retried this often, each after the wait GitLab asked for. */
const RATE_LIMIT_RETRIES = 3;
/** A longer `Retry-After` is not waited for: the request fails and the last good data stays. */
export const MAX_RETRY_AFTER_MS = 120_000;
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Reads an answer that is not used, so the connection can serve the next request. */
async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else the window's reset. */
export function retryAfterMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('ratelimit-reset'));
  if (headers.has('ratelimit-reset') && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - now);
  return DEFAULT_RETRY_AFTER_MS;
}

/** The next page of an offset-paginated REST list: `X-Next-Page`, else the `page` of `Link: <…>; rel="next"`. */
export function nextPageOf(headers: Headers): string | undefined {
  const next = headers.get('x-next-page')?.trim();
  if (next) return next;
  for (const part of (headers.get('link') ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) {
      try {
        return new URL(match[1]).searchParams.get('page') ?? undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function statusError(status: number, host: string, what: string) {
  if (status === 401)
    return new GitlabRequestError(
      `the GitLab token for ${host} was refused (401); check integrations.gitlab`,
      status,
    );
  if (status === 403)
    return new GitlabRequestError(
      `GitLab on ${host} refused to read ${what} (403)`,
      status,
    );
  if (status === 404)
    return new GitlabRequestError(
      `${what} not found on ${host} (404), or the GitLab token cannot read it`,
      status,
    );
  if (status >= 500)
    return new GitlabRequestError(
      `GitLab on ${host} kept failing (${status}) after retries; the last good data is kept`,
      status,
    );
  return new GitlabRequestError(
    `GitLab on ${host} answered ${status} for ${what}`,
    status,
  );
}

/**
 * One GitLab host and credential: GraphQL and REST v4 requests with the
 * rate-limit headers read into the budget, `Retry-After` honoured on 429,
 * 5xx and network failures retried, and REST answers kept by `ETag` so an
 * unchanged list costs a `304`.
 */
export class GitlabClient {
  constructor(private readonly options: GitlabClientOptions) {}

  get host() {
    return this.options.host;
  }

  get budget() {
    return this.options.budget;
  }

  async graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ data: T | null; errors: GraphqlError[] }> {
    const response = await this.send(
      this.options.graphqlUrl,
      {
        method: 'POST',
        headers: {
          ...this.options.headers,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ query, variables }),
      },
      'graphql',
      signal,
    );
    if (!response.ok) {
      await discard(response);
      throw statusError(response.status, this.host, 'the GraphQL query');
    }
    const body = (await response.json()) as {
      data?: (T & { queryComplexity?: { score?: number } }) | null;
      errors?: GraphqlError[];
    };
    const score = body.data?.queryComplexity?.score;
    const counters = this.options.counters();
    if (score && score > counters.maxComplexity) counters.maxComplexity = score;
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }

  /**
   * Every page of a REST list, up to `maxPages` of 100, sent conditionally
   * when an earlier answer to the same request is kept.
   */
  async getPages<T>(
    path: string,
    params: Record<string, string>,
    options: { maxPages: number; what: string; signal?: AbortSignal },
  ): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    let page: string | undefined = '1';
    for (let n = 0; page && n < options.maxPages; n++) {
      const url = new URL(`${this.options.apiBaseUrl}${path}`);
      for (const [key, value] of Object.entries({
        ...params,
        per_page: '100',
        page,
      }))
        url.searchParams.set(key, value);
      const answer = await this.getConditionally(
        url.toString(),
        options.what,
        options.signal,
      );
      items.push(...(answer.body as T[]));
      page = answer.nextPage;
    }
    return { items, truncated: !!page };
  }

  private async getConditionally(
    url: string,
    what: string,
    signal?: AbortSignal,
  ): Promise<Omit<CachedAnswer, 'etag'>> {
    const cached = this.options.cache.get(url);
    const response = await this.send(
      url,
      {
        headers: {
          ...this.options.headers,
          ...(cached ? { 'if-none-match': cached.etag } : {}),
        },
      },
      'rest',
      signal,
    );
    if (response.status === 304 && cached) {
      this.options.counters().notModified += 1;
      return cached;
    }
    if (!response.ok) {
      await discard(response);
      throw statusError(response.status, this.host, what);
    }
    const body: unknown = await response.json();
    if (!Array.isArray(body)) {
      throw new GitlabRequestError(
        `GitLab on ${this.host} answered ${what} with something other than a list`,
      );
    }
    const answer = { body, nextPage: nextPageOf(response.headers) };
    const etag = response.headers.get('etag');
    if (etag) this.options.cache.set(url, { etag, ...answer });
    return answer;
  }

  private async send(
    url: string,
    init: RequestInit,
    kind: 'graphql' | 'rest',
    signal?: AbortSignal,
  ): Promise<Response> {
    const { sleep, retries, timeoutMs, budget, host } = this.options;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        response = await this.options.inFlight(() =>
          fetch(url, {
            ...init,
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          }),
        );
      } catch (error) {
        if (signal?.aborted) throw error;
        if (attempt < retries) {
          await sleep(1000 * 2 ** attempt, signal);
          continue;
        }
        const name = (error as Error).name;
        throw new GitlabRequestError(
          name === 'TimeoutError' || name === 'AbortError'
            ? `GitLab on ${host} did not answer in time; the last good data is kept`
            : `could not reach GitLab on ${host}: ${(error as Error).message}`,
        );
      }
      this.options.counters()[kind] += 1;
      budget.update(readRateWindow(response.headers, this.options.now()));
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers, Date.now());
        await discard(response);
        if (attempt < RATE_LIMIT_RETRIES && wait <= MAX_RETRY_AFTER_MS) {
          await sleep(wait, signal);
          continue;
        }
        throw new GitlabRequestError(
          `GitLab on ${host} is rate-limiting requests (429, retry after ${Math.round(
            wait / 1000,
          )} s); the last good data is kept`,
          429,
        );
      }
      if (response.status >= 500 && attempt < retries) {
        await discard(response);
        await sleep(1000 * 2 ** attempt, signal);
        continue;
      }
      return response;
    }
  }
}
