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
  WEEKLY_COMMIT_WEEKS,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  backfillSince as backfillSinceOf,
  deferredResults,
  failedResult,
  ForgeCollector,
  RateLimitedError,
  requestedLabels,
  unavailableRepositoryMessage,
  type CollectContext,
  type CollectRequest,
  type CollectResult,
  type FreshnessAnswer,
  type InnerSourceProvider,
  type ProviderSpend,
  type RepositoryLocation,
  type RuleRepository,
} from '@innersource-for-backstage/plugin-innersource-node';
import {
  GithubConnection as Client,
  GithubConnections,
  GraphqlError,
} from './connections';
import { commitHistory, repositoryFacts } from './facts';
import { allCommits, MAX_HISTORY_PAGES, pullRequestsInWindow } from './paging';
import {
  COMMIT_PAGE,
  FRESHNESS_BATCH,
  freshnessQuery,
  repositoriesQuery,
} from './queries';
import { GithubProviderSettings, readGithubSettings } from './settings';
import {
  deepChunks,
  describeRequestError,
  fingerprint,
  GITHUB_FILE_SEGMENTS,
  slugOfUrl,
  Target,
} from './targets';
import type { GithubFreshness, GithubRepository } from './types';

const WEEKS_DAYS = WEEKLY_COMMIT_WEEKS * 7;

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
  private readonly collector: ForgeCollector<Target, Client>;

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
    this.collector = new ForgeCollector<Target, Client>(
      {
        locationType: 'github',
        locate: location => this.locate(location),
        // One credential per host and owner (GitHub Apps are installed per
        // owner); repositories that share a token share its queries.
        clientKey: t => `${t.host}/${t.owner.toLocaleLowerCase('en-US')}`,
        clientFor: t => this.connections.clientFor(t.host, t.owner),
        freshnessBatch: FRESHNESS_BATCH,
        readFreshness: (targets, client, signal) =>
          this.readFreshness(targets, client, signal),
        deepChunks,
        readDeep: (targets, client, signal) =>
          this.readDeep(targets, client, signal),
        describeError: describeRequestError,
      },
      {
        forge: 'GitHub',
        hosts: this.hosts,
        logger: options.logger,
        settings: options.settings,
        now: this.now,
      },
    );
  }

  supports(location: RepositoryLocation): boolean {
    return this.collector.supports(location);
  }

  /** GraphQL requests and points spent since the last call; the refresh job logs and counts them. */
  runFinished(): ProviderSpend {
    return this.connections.spent();
  }

  /** Credentials this provider holds a client for: one per installation or token, however often tokens rotate. */
  get connectionCount(): number {
    return this.connections.count;
  }

  collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    return this.collector.collect(requests, context);
  }

  private locate(
    location: RepositoryLocation,
  ): Omit<Target, 'request'> | { error: string } {
    if (location.type === 'github') {
      const [owner, name] = location.slug.split('/');
      if (!owner || !name)
        return {
          error: `github.com/project-slug "${location.slug}" is not of the form owner/name`,
        };
      return { host: location.host, owner, name };
    }
    if (location.type === 'url') {
      const slug = slugOfUrl(location.url);
      if (slug) return { host: location.host, ...slug };
      return {
        error: `${location.url} does not name a GitHub repository (https://${location.host}/owner/name)`,
      };
    }
    return { error: 'the GitHub provider only collects GitHub repositories' };
  }

  /**
   * What the repository rule is told of a repository: the allow-list meets
   * GitHub's own name for it, which a rename changes, not the entity's slug,
   * which GitHub still answers after one.
   */
  private ruleRepository(
    target: Target,
    repo: Pick<GithubFreshness, 'visibility' | 'url' | 'nameWithOwner'>,
  ): RuleRepository {
    return {
      host: target.host,
      path: repo.nameWithOwner,
      requested: `${target.host}/${target.owner}/${target.name}`,
      visibility: repo.visibility,
      webUrl:
        repo.url ?? `https://${target.host}/${target.owner}/${target.name}`,
      fileSegments: GITHUB_FILE_SEGMENTS,
    };
  }

  /** Why a repository GitHub answered null for is not collected. */
  private missing(target: Target, errors: GraphqlError[], alias: string) {
    const error = errors.find(e => e.path?.[0] === alias);
    const slug = `${target.owner}/${target.name}`;
    // As the rule's refusal says: a missing repository reads as a private one.
    if (!error || error.type === 'NOT_FOUND')
      return unavailableRepositoryMessage(`${target.host}/${slug}`);
    return `GitHub could not read ${slug}: ${error.message}`;
  }

  private variablesOf(targets: Target[]): Record<string, string> {
    const variables: Record<string, string> = {};
    targets.forEach((t, i) => {
      variables[`o${i}`] = t.owner;
      variables[`n${i}`] = t.name;
    });
    return variables;
  }

  private async readFreshness(
    targets: Target[],
    client: Client,
    signal?: AbortSignal,
  ): Promise<FreshnessAnswer[]> {
    const { data, errors } = await this.connections.query<
      Record<string, GithubFreshness | null>
    >(
      client,
      client.budget,
      freshnessQuery(targets.length),
      this.variablesOf(targets),
      signal,
    );
    return targets.map((t, i) => {
      const fresh = data?.[`r${i}`];
      return fresh
        ? {
            repository: this.ruleRepository(t, fresh),
            fingerprint: fingerprint(fresh, t.request),
          }
        : { error: this.missing(t, errors, `r${i}`) };
    });
  }

  private async readDeep(
    chunk: Target[],
    client: Client,
    signal?: AbortSignal,
  ): Promise<CollectResult[]> {
    const { budget } = client;
    const { windowDays } = chunk[0].request;
    const labelCount = requestedLabels(chunk[0].request).length;
    const now = this.now();
    const since = new Date(
      now.getTime() - Math.max(windowDays, WEEKS_DAYS) * DAY_MS,
    ).toISOString();
    const variables: Record<string, string> = {
      since,
      ...this.variablesOf(chunk),
    };
    // Chunks hold first collections only or none (deepChunks); the earliest date any asked for.
    const backfillSince = chunk
      .map(t => backfillSinceOf(t.request))
      .filter((at): at is string => at !== undefined)
      .sort()[0];
    const backfill = backfillSince !== undefined && backfillSince < since;
    if (backfill) variables.backfillSince = backfillSince;
    chunk.forEach((t, i) => {
      requestedLabels(t.request).forEach((label, l) => {
        variables[`r${i}_label${l}`] = label;
      });
    });
    const answer = await this.connections.query<
      Record<string, GithubRepository | null>
    >(
      client,
      budget,
      repositoriesQuery(chunk.length, labelCount, backfill),
      variables,
      signal,
    );

    const results: CollectResult[] = [];
    for (const [i, target] of chunk.entries()) {
      const repo = answer.data?.[`r${i}`];
      if (!repo) {
        results.push(
          failedResult(
            target.request,
            this.missing(target, answer.errors, `r${i}`),
          ),
        );
        continue;
      }
      const refused = this.collector.refusal(
        target,
        this.ruleRepository(target, repo),
      );
      if (refused) {
        results.push(refused);
        continue;
      }
      try {
        const context = { signal };
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
        results.push(
          ...(error instanceof RateLimitedError
            ? deferredResults([target], budget.describe())
            : [
                failedResult(
                  target.request,
                  `${target.owner}/${target.name}: ${describeRequestError(
                    error,
                    target.host,
                  )}`,
                ),
              ]),
        );
      }
    }
    return results;
  }
}
