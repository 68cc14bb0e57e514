import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  DAY_MS,
  HOUR_MS,
  WEEKLY_COMMIT_WEEKS,
} from '@internal/plugin-innersource-common';
import {
  decideRepositoryCollection,
  readRepositoryAllowList,
  type CollectContext,
  type CollectRequest,
  type CollectResult,
  type InnerSourceProvider,
  type ProviderSpend,
  type RepositoryLocation,
} from '@internal/plugin-innersource-node';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import pLimit from 'p-limit';
import { repositoryFacts } from './facts';
import {
  COMMITS_PAGE_QUERY,
  DEEP_BATCH,
  FRESHNESS_BATCH,
  freshnessQuery,
  PULL_REQUESTS_PAGE_QUERY,
  repositoriesQuery,
} from './queries';
import { RateBudget } from './RateBudget';
import type {
  GithubCommit,
  GithubFreshness,
  GithubPullRequest,
  GithubRepository,
  RateLimit,
} from './types';

const WEEKS_DAYS = WEEKLY_COMMIT_WEEKS * 7;
const MAX_HISTORY_PAGES = 50;
const MAX_PULL_REQUEST_PAGES = 25;
/** What a deep query of one repository costs, a little rounded up (see queries.ts). */
const DEEP_REQUESTS_PER_REPOSITORY = 25;
const DEEP_REQUESTS_PER_LABEL = 21;

const ThrottledOctokit = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof ThrottledOctokit>;

/** A credential's client and hourly budget, and the token it currently holds. */
interface Connection {
  client: Client;
  budget: RateBudget;
  token: string;
}

export interface GithubProviderSettings {
  /** Share of each hour's points left for the rest of Backstage, 0 to 1. */
  reserve: number;
  /** Requests in flight at once, over all credentials. */
  maxInFlight: number;
  /** A repository unchanged for this long is collected again anyway, so its window moves on. */
  maxSnapshotAgeHours: number;
  /** `innersource.repositories.allow`: repositories collected whatever their visibility. */
  allow: string[];
}

export const DEFAULT_GITHUB_SETTINGS: GithubProviderSettings = {
  reserve: 0.2,
  maxInFlight: 8,
  maxSnapshotAgeHours: 24,
  allow: [],
};

/** Reads `innersource.github`, naming the key when a value is wrong. */
export function readGithubSettings(config: Config): GithubProviderSettings {
  const github = config.getOptionalConfig('innersource.github');
  const reserve =
    github?.getOptionalNumber('reserve') ?? DEFAULT_GITHUB_SETTINGS.reserve;
  if (!(reserve >= 0 && reserve < 1)) {
    throw new Error(
      `innersource.github.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each hour's points), got ${reserve}`,
    );
  }
  const maxInFlight =
    github?.getOptionalNumber('maxInFlight') ??
    DEFAULT_GITHUB_SETTINGS.maxInFlight;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 8) {
    throw new Error(
      `innersource.github.maxInFlight must be a whole number from 1 to 8, got ${maxInFlight}`,
    );
  }
  const maxSnapshotAgeHours =
    github?.getOptionalNumber('maxSnapshotAgeHours') ??
    DEFAULT_GITHUB_SETTINGS.maxSnapshotAgeHours;
  if (!(maxSnapshotAgeHours > 0)) {
    throw new Error(
      `innersource.github.maxSnapshotAgeHours must be above 0, got ${maxSnapshotAgeHours}`,
    );
  }
  return {
    reserve,
    maxInFlight,
    maxSnapshotAgeHours,
    allow: readRepositoryAllowList(config),
  };
}

/** What follows `owner/name` in the address of a file of a GitHub repository. */
const GITHUB_FILE_SEGMENTS = ['blob', 'tree', 'raw', 'edit'];

interface Target {
  request: CollectRequest;
  host: string;
  owner: string;
  name: string;
}

interface GraphqlError {
  type?: string;
  path?: Array<string | number>;
  message: string;
}

interface QueryResult<T> {
  data: T | null;
  errors: GraphqlError[];
}

/** `https://host/owner/name(.git)(/tree/…)` → owner and name. */
function slugOfUrl(url: string): { owner: string; name: string } | undefined {
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    if (parts.length < 2) return undefined;
    return { owner: parts[0], name: parts[1].replace(/\.git$/, '') };
  } catch {
    return undefined;
  }
}

function fingerprint(fresh: GithubFreshness, request: CollectRequest): string {
  return JSON.stringify([
    fresh.pushedAt ?? null,
    fresh.updatedAt,
    fresh.issues.totalCount,
    fresh.issues.nodes?.[0]?.updatedAt ?? null,
    request.windowDays,
    [...request.labels.helpWanted, ...request.labels.goodFirstIssue],
  ]);
}

function labelsOf(request: CollectRequest): string[] {
  const seen = new Map<string, string>();
  for (const label of [
    ...request.labels.helpWanted,
    ...request.labels.goodFirstIssue,
  ])
    seen.set(label.toLocaleLowerCase('en-US'), label);
  return [...seen.values()];
}

/** A sentence for an entity's error, from a failed request. */
function describeRequestError(error: unknown, host: string): string {
  const status = (error as { status?: number }).status;
  if (status === 401)
    return `the GitHub token for ${host} was refused (401); check integrations.github`;
  if (status === 403)
    return `GitHub on ${host} refused the request (403): ${
      (error as Error).message
    }`;
  if (status && status >= 500)
    return `GitHub on ${host} kept failing (${status}) after retries; the last good data is kept`;
  const name = (error as Error).name;
  if (name === 'AbortError' || /timeout/i.test((error as Error).message))
    return `GitHub on ${host} did not answer in time; the last good data is kept`;
  return `could not reach GitHub on ${host}: ${(error as Error).message}`;
}

/**
 * Collects InnerSource facts and help-wanted issues from GitHub and GitHub
 * Enterprise Server with batched GraphQL: a freshness pass over up to 100
 * repositories per request, then the full read of those that changed, 25 per
 * request, within each credential's hourly budget minus a reserve.
 */
export class GithubProvider implements InnerSourceProvider {
  readonly id = 'github';
  readonly batchSize = FRESHNESS_BATCH;
  readonly hosts: string[];

  /** By credential: one per GitHub App installation (host and owner) or per token. */
  private readonly connections = new Map<string, Connection>();
  private readonly graphqlBaseUrls = new WeakMap<Client, string>();
  private readonly inFlight: ReturnType<typeof pLimit>;
  private readonly now: () => Date;
  private run = { requests: 0, points: 0 };

  static fromConfig(config: Config, options: { logger: LoggerService }) {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubProvider({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger: options.logger,
      settings: readGithubSettings(config),
    });
  }

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GithubCredentialsProvider;
      logger: LoggerService;
      settings: GithubProviderSettings;
      now?: () => Date;
      /** Retries of a request that failed with a 5xx or a network error. Default 3. */
      retries?: number;
      /**
       * Octokit's throttling: GitHub's secondary limits honoured, and POST
       * requests (GraphQL included) sent one at a time, a second apart.
       * Only a benchmark that counts requests turns it off. Default true.
       */
      throttling?: boolean;
    },
  ) {
    this.hosts = options.integrations.github
      .list()
      .map(i => i.config.host.toLocaleLowerCase('en-US'));
    this.inFlight = pLimit(options.settings.maxInFlight);
    this.now = options.now ?? (() => new Date());
  }

  supports(location: RepositoryLocation): boolean {
    if (location.type === 'github')
      return this.hosts.includes(location.host.toLocaleLowerCase('en-US'));
    if (location.type === 'url')
      return (
        this.hosts.includes(location.host.toLocaleLowerCase('en-US')) &&
        slugOfUrl(location.url) !== undefined
      );
    return false;
  }

  /** GraphQL requests and points spent since the last call; the refresh job logs and counts them. */
  runFinished(): ProviderSpend {
    const spent = { ...this.run };
    this.run = { requests: 0, points: 0 };
    return spent;
  }

  /** Credentials this provider holds a client for: one per installation or token, however often tokens rotate. */
  get connectionCount(): number {
    return this.connections.size;
  }

  async collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const results: CollectResult[] = [];
    // One credential per host and owner (GitHub Apps are installed per
    // owner); repositories that share a token share its queries.
    const connections = new Map<
      string,
      Promise<{ client: Client; budget: RateBudget } | { error: string }>
    >();
    const groups = new Map<Client, { budget: RateBudget; targets: Target[] }>();
    for (const request of requests) {
      const target = this.targetOf(request);
      if ('error' in target) {
        results.push({
          entityRef: request.entityRef,
          outcome: 'failed',
          error: target.error,
        });
        continue;
      }
      const key = `${target.host}/${target.owner.toLocaleLowerCase('en-US')}`;
      if (!connections.has(key))
        connections.set(key, this.clientFor(target.host, target.owner));
      const connection = await connections.get(key)!;
      if ('error' in connection) {
        results.push({
          entityRef: request.entityRef,
          outcome: 'failed',
          error: connection.error,
        });
        continue;
      }
      const group = groups.get(connection.client) ?? {
        budget: connection.budget,
        targets: [],
      };
      group.targets.push(target);
      groups.set(connection.client, group);
    }
    for (const [client, { budget, targets }] of groups) {
      results.push(
        ...(await this.collectGroup(targets, client, budget, context)),
      );
    }
    return results;
  }

  private targetOf(request: CollectRequest): Target | { error: string } {
    const { location } = request;
    if (location.type === 'github') {
      const [owner, name] = location.slug.split('/');
      if (!owner || !name)
        return {
          error: `github.com/project-slug "${location.slug}" is not of the form owner/name`,
        };
      return { request, host: location.host, owner, name };
    }
    if (location.type === 'url') {
      const slug = slugOfUrl(location.url);
      if (slug) return { request, host: location.host, ...slug };
      return {
        error: `${location.url} does not name a GitHub repository (https://${location.host}/owner/name)`,
      };
    }
    return { error: 'the GitHub provider only collects GitHub repositories' };
  }

  private async clientFor(
    host: string,
    owner: string,
  ): Promise<Connection | { error: string }> {
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
      budget: new RateBudget(this.options.settings.reserve, this.now),
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
  private async query<T>(
    client: Client,
    budget: RateBudget,
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<QueryResult<T & { rateLimit?: RateLimit }>> {
    const response = await this.inFlight(() =>
      client.request('POST /graphql', {
        baseUrl: this.graphqlBaseUrls.get(client),
        query,
        variables,
        request: signal ? { signal } : {},
      }),
    );
    const body = response.data as {
      data?: (T & { rateLimit?: RateLimit }) | null;
      errors?: GraphqlError[];
    };
    this.run.requests += 1;
    const rateLimit = body.data?.rateLimit;
    if (rateLimit) {
      this.run.points += rateLimit.cost;
      budget.update(rateLimit);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }

  private async collectGroup(
    targets: Target[],
    client: Client,
    budget: RateBudget,
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const { host } = targets[0];
    const results: CollectResult[] = [];
    const defer = (rest: Target[]) =>
      rest.map(t => ({
        entityRef: t.request.entityRef,
        outcome: 'deferred' as const,
        reason: budget.describe(),
      }));

    const now = this.now().getTime();
    const maxAge = this.options.settings.maxSnapshotAgeHours * HOUR_MS;
    const checkable = targets.filter(
      t =>
        t.request.previous?.fingerprint &&
        now - Date.parse(t.request.previous.collectedAt) < maxAge,
    );
    let deep = targets.filter(t => !checkable.includes(t));

    if (checkable.length > 0) {
      if (!budget.allows(1)) return [...results, ...defer(targets)];
      try {
        const variables: Record<string, string> = {};
        checkable.forEach((t, i) => {
          variables[`o${i}`] = t.owner;
          variables[`n${i}`] = t.name;
        });
        const { data, errors } = await this.query<
          Record<string, GithubFreshness | null>
        >(
          client,
          budget,
          freshnessQuery(checkable.length),
          variables,
          context.signal,
        );
        checkable.forEach((t, i) => {
          const fresh = data?.[`r${i}`];
          const refused = fresh && this.refusal(t, fresh);
          if (!fresh) {
            results.push(this.missing(t, errors, `r${i}`));
          } else if (refused) {
            results.push(refused);
          } else if (
            fingerprint(fresh, t.request) === t.request.previous?.fingerprint
          ) {
            results.push({
              entityRef: t.request.entityRef,
              outcome: 'unchanged',
            });
          } else {
            deep.push(t);
          }
        });
      } catch (error) {
        // Without the freshness answer, read them in full.
        this.options.logger.warn(
          `GitHub freshness check on ${host} failed, collecting in full: ${describeRequestError(
            error,
            host,
          )}`,
        );
        deep = targets;
      }
    }

    // One query shape per chunk: repositories with as many labels to read.
    deep.sort(
      (x, y) => labelsOf(x.request).length - labelsOf(y.request).length,
    );
    for (let i = 0; i < deep.length; ) {
      const labelCount = labelsOf(deep[i].request).length;
      let end = i + 1;
      while (
        end < deep.length &&
        end - i < DEEP_BATCH &&
        labelsOf(deep[end].request).length === labelCount
      )
        end++;
      const chunk = deep.slice(i, end);
      const estimate = Math.max(
        1,
        Math.round(
          (chunk.length *
            (DEEP_REQUESTS_PER_REPOSITORY +
              labelCount * DEEP_REQUESTS_PER_LABEL)) /
            100,
        ),
      );
      if (context.signal?.aborted || !budget.allows(estimate)) {
        results.push(...defer(deep.slice(i)));
        break;
      }
      results.push(
        ...(await this.collectDeep(chunk, labelCount, client, budget, context)),
      );
      i = end;
    }
    return results;
  }

  /**
   * The repository rule on what GitHub says of the repository: a failed
   * result when it is neither public nor internal, nor allowed by config, nor
   * the home of the entity's catalog file. Nothing of it is stored then.
   */
  private refusal(
    target: Target,
    repo: Pick<GithubFreshness, 'visibility' | 'url'>,
  ): CollectResult | undefined {
    const decision = decideRepositoryCollection(
      {
        host: target.host,
        path: `${target.owner}/${target.name}`,
        visibility: repo.visibility,
        webUrl:
          repo.url ?? `https://${target.host}/${target.owner}/${target.name}`,
        fileSegments: GITHUB_FILE_SEGMENTS,
      },
      {
        entity: target.request.entity,
        allow: this.options.settings.allow,
        forge: 'GitHub',
      },
    );
    return decision.allowed
      ? undefined
      : {
          entityRef: target.request.entityRef,
          outcome: 'failed',
          error: decision.error,
        };
  }

  private missing(
    target: Target,
    errors: GraphqlError[],
    alias: string,
  ): CollectResult {
    const error = errors.find(e => e.path?.[0] === alias);
    const slug = `${target.owner}/${target.name}`;
    if (!error || error.type === 'NOT_FOUND') {
      return {
        entityRef: target.request.entityRef,
        outcome: 'failed',
        error: `repository ${slug} not found on ${target.host}, or the GitHub token cannot read it`,
      };
    }
    return {
      entityRef: target.request.entityRef,
      outcome: 'failed',
      error: `GitHub could not read ${slug}: ${error.message}`,
    };
  }

  private async collectDeep(
    chunk: Target[],
    labelCount: number,
    client: Client,
    budget: RateBudget,
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const windowDays = chunk[0].request.windowDays;
    const now = this.now();
    const since = new Date(
      now.getTime() - Math.max(windowDays, WEEKS_DAYS) * DAY_MS,
    ).toISOString();
    const variables: Record<string, string> = { since };
    chunk.forEach((t, i) => {
      variables[`o${i}`] = t.owner;
      variables[`n${i}`] = t.name;
      labelsOf(t.request).forEach((label, l) => {
        variables[`r${i}_label${l}`] = label;
      });
    });
    let answer: QueryResult<Record<string, GithubRepository | null>>;
    try {
      answer = await this.query(
        client,
        budget,
        repositoriesQuery(chunk.length, labelCount),
        variables,
        context.signal,
      );
    } catch (error) {
      const message = describeRequestError(error, chunk[0].host);
      return chunk.map(t => ({
        entityRef: t.request.entityRef,
        outcome: 'failed' as const,
        error: message,
      }));
    }

    const results: CollectResult[] = [];
    for (const [i, target] of chunk.entries()) {
      const repo = answer.data?.[`r${i}`];
      if (!repo) {
        results.push(this.missing(target, answer.errors, `r${i}`));
        continue;
      }
      const refused = this.refusal(target, repo);
      if (refused) {
        results.push(refused);
        continue;
      }
      try {
        const commits = await this.allCommits(
          repo,
          target,
          since,
          client,
          budget,
          context,
        );
        const pullRequests = await this.pullRequestsInWindow(
          repo,
          target,
          new Date(now.getTime() - windowDays * DAY_MS),
          client,
          budget,
          context,
        );
        const labelledIssues = Array.from(
          { length: labelCount },
          (_, l) => repo[`label${l}`]?.nodes ?? [],
        );
        const facts = repositoryFacts(
          { repository: repo, commits, pullRequests, labelledIssues },
          {
            now,
            windowDays,
            warn: message => this.options.logger.warn(message),
          },
        );
        results.push({
          entityRef: target.request.entityRef,
          outcome: 'collected',
          facts,
          fingerprint: fingerprint(repo, target.request),
        });
      } catch (error) {
        results.push({
          entityRef: target.request.entityRef,
          outcome: 'failed',
          error: `${target.owner}/${target.name}: ${describeRequestError(
            error,
            target.host,
          )}`,
        });
      }
    }
    return results;
  }

  private async allCommits(
    repo: GithubRepository,
    target: Target,
    since: string,
    client: Client,
    budget: RateBudget,
    context: CollectContext,
  ): Promise<GithubCommit[]> {
    const history = repo.defaultBranchRef?.target?.history;
    if (!history) return [];
    const commits = [...history.nodes];
    let page = history.pageInfo;
    for (let n = 1; page.hasNextPage && n < MAX_HISTORY_PAGES; n++) {
      const { data } = await this.query<{
        repository: GithubRepository | null;
      }>(
        client,
        budget,
        COMMITS_PAGE_QUERY,
        {
          owner: target.owner,
          name: target.name,
          since,
          after: page.endCursor,
        },
        context.signal,
      );
      const next = data?.repository?.defaultBranchRef?.target?.history;
      if (!next) break;
      commits.push(...next.nodes);
      page = next.pageInfo;
    }
    return commits;
  }

  private async pullRequestsInWindow(
    repo: GithubRepository,
    target: Target,
    windowStart: Date,
    client: Client,
    budget: RateBudget,
    context: CollectContext,
  ): Promise<GithubPullRequest[]> {
    const pulls = [...repo.pullRequests.nodes];
    let page = repo.pullRequests.pageInfo;
    const olderThanWindow = () =>
      pulls.length > 0 &&
      Date.parse(pulls[pulls.length - 1].createdAt) < windowStart.getTime();
    for (
      let n = 1;
      page.hasNextPage && !olderThanWindow() && n < MAX_PULL_REQUEST_PAGES;
      n++
    ) {
      const { data } = await this.query<{
        repository: GithubRepository | null;
      }>(
        client,
        budget,
        PULL_REQUESTS_PAGE_QUERY,
        { owner: target.owner, name: target.name, after: page.endCursor },
        context.signal,
      );
      const next = data?.repository?.pullRequests;
      if (!next) break;
      pulls.push(...next.nodes);
      page = next.pageInfo;
    }
    return pulls;
  }
}
