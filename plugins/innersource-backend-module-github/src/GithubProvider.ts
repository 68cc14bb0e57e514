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
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  decideRepositoryCollection,
  unavailableRepositoryMessage,
  type CollectContext,
  type CollectRequest,
  type CollectResult,
  type InnerSourceProvider,
  type ProviderSpend,
  type RepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import {
  GithubConnection as Client,
  GithubConnections,
  RateLimitedError,
  GraphqlError,
  QueryResult,
} from './connections';
import { commitHistory, repositoryFacts } from './facts';
import { allCommits, MAX_HISTORY_PAGES, pullRequestsInWindow } from './paging';
import {
  COMMIT_PAGE,
  DEEP_BATCH,
  FRESHNESS_BATCH,
  freshnessQuery,
  repositoriesQuery,
} from './queries';
import type { RateBudget } from './RateBudget';
import { GithubProviderSettings, readGithubSettings } from './settings';
import {
  describeRequestError,
  fingerprint,
  GITHUB_FILE_SEGMENTS,
  labelsOf,
  slugOfUrl,
  Target,
  wantsBackfill,
} from './targets';
import type { GithubFreshness, GithubRepository } from './types';

const WEEKS_DAYS = WEEKLY_COMMIT_WEEKS * 7;
/** What a deep query of one repository costs, a little rounded up (see queries.ts). */
const DEEP_REQUESTS_PER_REPOSITORY = 25;
const DEEP_REQUESTS_PER_LABEL = 21;
/** A first collection's page of older history (queries.ts OLDER_HISTORY). */
const BACKFILL_REQUESTS_PER_REPOSITORY = 1;

/**
 * Collects InnerSource facts and help-wanted issues from GitHub and GitHub
 * Enterprise Server with batched GraphQL: a freshness pass over up to 100
 * repositories per request, then the full read of those that changed, 25 per
 * request, within each credential's hourly budget minus a reserve.
 *
 * @public
 */
export class GithubProvider implements InnerSourceProvider {
  readonly id = 'github';
  readonly batchSize = FRESHNESS_BATCH;
  readonly hosts: string[];

  private readonly connections: GithubConnections;
  private readonly now: () => Date;

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
    this.now = options.now ?? (() => new Date());
    this.connections = new GithubConnections({ ...options, now: this.now });
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
    return this.connections.spent();
  }

  /** Credentials this provider holds a client for: one per installation or token, however often tokens rotate. */
  get connectionCount(): number {
    return this.connections.count;
  }

  async collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const results: CollectResult[] = [];
    // One credential per host and owner (GitHub Apps are installed per
    // owner); repositories that share a token share its queries.
    const connections = new Map<string, Promise<Client | { error: string }>>();
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
        connections.set(
          key,
          this.connections.clientFor(target.host, target.owner),
        );
      const connection = await connections.get(key)!;
      if ('error' in connection) {
        results.push({
          entityRef: request.entityRef,
          outcome: 'failed',
          error: connection.error,
        });
        continue;
      }
      const group = groups.get(connection) ?? {
        budget: connection.budget,
        targets: [],
      };
      group.targets.push(target);
      groups.set(connection, group);
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
        const { data, errors } = await this.connections.query<
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
        if (error instanceof RateLimitedError) {
          this.logRateLimited(host, error);
          return [...results, ...defer(targets)];
        }
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

    // One query shape per chunk: repositories with as many labels to read, first collections apart.
    deep.sort(
      (x, y) =>
        labelsOf(x.request).length - labelsOf(y.request).length ||
        Number(wantsBackfill(x)) - Number(wantsBackfill(y)),
    );
    for (let i = 0; i < deep.length; ) {
      const labelCount = labelsOf(deep[i].request).length;
      const backfill = wantsBackfill(deep[i]);
      let end = i + 1;
      while (
        end < deep.length &&
        end - i < DEEP_BATCH &&
        labelsOf(deep[end].request).length === labelCount &&
        wantsBackfill(deep[end]) === backfill
      )
        end++;
      const chunk = deep.slice(i, end);
      const estimate = Math.max(
        1,
        Math.round(
          (chunk.length *
            (DEEP_REQUESTS_PER_REPOSITORY +
              labelCount * DEEP_REQUESTS_PER_LABEL +
              (backfill ? BACKFILL_REQUESTS_PER_REPOSITORY : 0))) /
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
   * result when it is neither public nor internal, nor allowed by config and
   * the home of the entity's catalog file. Nothing of it is stored then. The
   * allow-list meets GitHub's own name for it, which a rename changes, not the
   * entity's slug, which GitHub still answers after one.
   */
  private refusal(
    target: Target,
    repo: Pick<GithubFreshness, 'visibility' | 'url' | 'nameWithOwner'>,
  ): CollectResult | undefined {
    const decision = decideRepositoryCollection(
      {
        host: target.host,
        path: repo.nameWithOwner,
        requested: `${target.host}/${target.owner}/${target.name}`,
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
          forget: true,
        };
  }

  private logRateLimited(host: string, error: RateLimitedError) {
    this.options.logger.warn(
      `GitHub on ${host} refused for its rate limit (${
        error.message
      }); the rest of this run waits for the next refresh after ${error.until.toISOString()}`,
    );
  }

  private missing(
    target: Target,
    errors: GraphqlError[],
    alias: string,
  ): CollectResult {
    const error = errors.find(e => e.path?.[0] === alias);
    const slug = `${target.owner}/${target.name}`;
    if (!error || error.type === 'NOT_FOUND') {
      // As the rule's refusal says: a missing repository reads as a private one.
      return {
        entityRef: target.request.entityRef,
        outcome: 'failed',
        error: unavailableRepositoryMessage(`${target.host}/${slug}`),
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
    // Chunks hold first collections only or none (collectGroup); the earliest date any asked for.
    const backfillSince = chunk
      .map(t => t.request.backfill?.since)
      .filter((at): at is string =>
        Boolean(at && Number.isFinite(Date.parse(at))),
      )
      .map(at => new Date(at).toISOString())
      .sort()[0];
    const backfill = backfillSince !== undefined && backfillSince < since;
    if (backfill) variables.backfillSince = backfillSince;
    chunk.forEach((t, i) => {
      variables[`o${i}`] = t.owner;
      variables[`n${i}`] = t.name;
      labelsOf(t.request).forEach((label, l) => {
        variables[`r${i}_label${l}`] = label;
      });
    });
    let answer: QueryResult<Record<string, GithubRepository | null>>;
    try {
      answer = await this.connections.query(
        client,
        budget,
        repositoriesQuery(chunk.length, labelCount, backfill),
        variables,
        context.signal,
      );
    } catch (error) {
      if (error instanceof RateLimitedError) {
        this.logRateLimited(chunk[0].host, error);
        return chunk.map(t => ({
          entityRef: t.request.entityRef,
          outcome: 'deferred' as const,
          reason: budget.describe(),
        }));
      }
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
        const commits = await allCommits(
          this.connections,
          repo,
          target,
          since,
          client,
          budget,
          context,
        );
        const pullRequests = await pullRequestsInWindow(
          this.connections,
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
          ...(target.request.backfill
            ? {
                history: commitHistory(
                  commits,
                  backfill ? repo.olderHistory?.target?.history : null,
                  {
                    since: backfillSince ?? since,
                    recentSince: since,
                    recentCut:
                      commits.length >= MAX_HISTORY_PAGES * COMMIT_PAGE,
                  },
                ),
              }
            : {}),
        });
      } catch (error) {
        if (error instanceof RateLimitedError) {
          results.push({
            entityRef: target.request.entityRef,
            outcome: 'deferred',
            reason: budget.describe(),
          });
          continue;
        }
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
}
