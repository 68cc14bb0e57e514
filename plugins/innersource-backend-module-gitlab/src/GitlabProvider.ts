import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DefaultGitlabCredentialsProvider,
  getGitLabIntegrationRelativePath,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import {
  backfillSince as backfillSinceOf,
  CollectContext,
  CollectRequest,
  CollectResult,
  DeepChunk,
  failedResult,
  ForgeCollector,
  FreshnessAnswer,
  InnerSourceProvider,
  RepositoryLocation,
  requestedLabels,
  RuleRepository,
  unavailableRepositoryMessage,
} from '@innersource-for-backstage/plugin-innersource-node';
import { commitHistory, fingerprint, projectFacts } from './facts';
import {
  GitlabClient,
  GitlabRequestError,
  GraphqlError,
  RequestCounters,
} from './GitlabClient';
import { GitlabClients, sleepFor } from './GitlabClients';
import { gitlabProjectOf } from './projectPath';
import {
  DEEP_BATCH,
  FRESHNESS_BATCH,
  FRESHNESS_QUERY,
  projectsQuery,
} from './queries';
import { readProjectRest } from './readProject';
import { GitlabProviderSettings, readGitlabSettings } from './settings';
import type { GitlabFreshness, GitlabProject } from './types';

/** A window that resets sooner than this is waited for; a longer one defers the rest to the next refresh. */
const MAX_RESERVE_WAIT_MS = 60_000;

interface Target {
  request: CollectRequest;
  host: string;
  fullPath: string;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function describeError(error: unknown): string {
  return error instanceof GitlabRequestError
    ? error.message
    : `could not read from GitLab: ${(error as Error)?.message ?? error}`;
}

function isComplexityError(errors: GraphqlError[]) {
  return errors.some(e => /exceeds max complexity/i.test(e.message));
}

/** One query shape per chunk: projects asking for the same labels over the same window. */
function deepChunks(deep: Target[]): DeepChunk<Target>[] {
  const byLabels = new Map<string, Target[]>();
  for (const target of deep) {
    const key = JSON.stringify([
      target.request.windowDays,
      requestedLabels(target.request),
    ]);
    byLabels.set(key, [...(byLabels.get(key) ?? []), target]);
  }
  return [...byLabels.values()].flatMap(group =>
    Array.from({ length: Math.ceil(group.length / DEEP_BATCH) }, (_, c) => {
      const targets = group.slice(c * DEEP_BATCH, (c + 1) * DEEP_BATCH);
      // The GraphQL request and each project's first page of commits.
      return { targets, cost: 1 + targets.length };
    }),
  );
}

/**
 * Collects InnerSource facts and help-wanted issues from GitLab.com and
 * self-managed GitLab: a freshness pass over up to 50 projects per GraphQL
 * request, then a batched GraphQL read of those that changed, 20 per
 * request, with each project's commits from REST v4; within each
 * credential's rate-limit window minus a reserve.
 *
 * @public
 */
export class GitlabProvider implements InnerSourceProvider {
  readonly id = 'gitlab';
  readonly batchSize = FRESHNESS_BATCH;
  readonly hosts: string[];

  private readonly clients: GitlabClients;
  private readonly now: () => Date;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly collector: ForgeCollector<Target, GitlabClient>;

  static fromConfig(config: Config, options: { logger: LoggerService }) {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GitlabProvider({
      integrations,
      credentials:
        DefaultGitlabCredentialsProvider.fromIntegrations(integrations),
      logger: options.logger,
      settings: readGitlabSettings(config),
    });
  }

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GitlabCredentialsProvider;
      logger: LoggerService;
      settings: GitlabProviderSettings;
      now?: () => Date;
      /** How the provider waits (Retry-After, a window's reset, backoff); tests pass one that records. */
      sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
      /** Retries of a request that failed with a 5xx or a network error. Default 3. */
      retries?: number;
      /** One request's time limit. Default 30 s, GitLab's own GraphQL timeout. */
      timeoutMs?: number;
    },
  ) {
    this.hosts = options.integrations.gitlab
      .list()
      .map(i => lower(i.config.host));
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? sleepFor;
    this.clients = new GitlabClients({
      integrations: options.integrations,
      credentials: options.credentials,
      reserve: options.settings.reserve,
      maxInFlight: options.settings.maxInFlight,
      now: () => this.now().getTime(),
      sleep: this.sleep,
      retries: options.retries ?? 3,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    this.collector = new ForgeCollector<Target, GitlabClient>(
      {
        locationType: 'gitlab',
        locate: location => this.locate(location),
        clientFor: target => this.clients.forHost(target.host),
        freshnessBatch: FRESHNESS_BATCH,
        readFreshness: (chunk, client, signal) =>
          this.readFreshness(chunk, client, signal),
        deepChunks,
        readDeep: (chunk, client, signal) =>
          this.readChunk(chunk, client, signal),
        describeError,
      },
      {
        forge: 'GitLab',
        hosts: this.hosts,
        logger: options.logger,
        settings: options.settings,
        now: this.now,
        wait: { upToMs: MAX_RESERVE_WAIT_MS, sleep: this.sleep },
      },
    );
  }

  supports(location: RepositoryLocation): boolean {
    return this.collector.supports(location);
  }

  /** What this run has sent so far. */
  get requestCounts(): RequestCounters {
    return this.clients.counts();
  }

  runFinished(): void {
    const c = this.clients.takeCounts();
    if (c.graphql + c.rest > 0) {
      this.options.logger.info(
        `GitLab: ${c.graphql + c.rest} requests this refresh (${
          c.graphql
        } GraphQL, ${c.rest} REST, ` +
          `${c.notModified} answered 304 Not Modified; highest query complexity ${c.maxComplexity})`,
      );
    }
  }

  collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    return this.collector.collect(requests, context);
  }

  private locate(location: RepositoryLocation) {
    const integration =
      location.type === 'path'
        ? undefined
        : this.options.integrations.gitlab.byHost(location.host);
    return gitlabProjectOf(
      location,
      integration ? getGitLabIntegrationRelativePath(integration.config) : '',
    );
  }

  /** As the rule's refusal says: a missing project reads as a private one. */
  private notFound(target: Target): string {
    return unavailableRepositoryMessage(`${target.host}/${target.fullPath}`);
  }

  /** What the repository rule is told of a project. */
  private ruleRepository(
    target: Target,
    project: GitlabFreshness,
  ): RuleRepository {
    return {
      host: target.host,
      path: project.fullPath,
      requested: `${target.host}/${target.fullPath}`,
      visibility: project.visibility,
      webUrl:
        project.webUrl ??
        `${
          this.options.integrations.gitlab.byHost(target.host)?.config.baseUrl
        }/${project.fullPath}`,
      fileSegments: ['-'],
    };
  }

  private async readFreshness(
    chunk: Target[],
    client: GitlabClient,
    signal?: AbortSignal,
  ): Promise<FreshnessAnswer[]> {
    const { data, errors } = await client.graphql<{
      projects: { nodes: Array<GitlabFreshness | null> } | null;
    }>(
      FRESHNESS_QUERY,
      { paths: chunk.map(t => t.fullPath), first: chunk.length },
      signal,
    );
    if (!data?.projects) throw new Error(errors[0]?.message ?? 'no data');
    const byPath = new Map(
      data.projects.nodes.flatMap(p =>
        p ? [[lower(p.fullPath), p] as const] : [],
      ),
    );
    return chunk.map(target => {
      const fresh = byPath.get(lower(target.fullPath));
      return fresh
        ? {
            repository: this.ruleRepository(target, fresh),
            fingerprint: fingerprint(fresh, target.request),
          }
        : { error: this.notFound(target) };
    });
  }

  private async readChunk(
    chunk: Target[],
    client: GitlabClient,
    signal?: AbortSignal,
  ): Promise<CollectResult[] | 'split'> {
    const { windowDays } = chunk[0].request;
    const labels = requestedLabels(chunk[0].request);
    const now = this.now();
    const windowStart = new Date(
      now.getTime() - windowDays * DAY_MS,
    ).toISOString();
    const answer = await client.graphql<{
      projects: { nodes: Array<GitlabProject | null> } | null;
    }>(
      projectsQuery(labels.length),
      {
        paths: chunk.map(t => t.fullPath),
        first: chunk.length,
        windowStart,
        ...Object.fromEntries(labels.map((label, l) => [`label${l}`, label])),
      },
      signal,
    );
    if (!answer.data?.projects) {
      if (isComplexityError(answer.errors) && chunk.length > 1) return 'split';
      const message = `GitLab on ${client.host} could not read the project: ${
        answer.errors[0]?.message ?? 'no data'
      }`;
      return chunk.map(t => failedResult(t.request, message));
    }
    const byPath = new Map(
      answer.data.projects.nodes.flatMap(p =>
        p ? [[lower(p.fullPath), p] as const] : [],
      ),
    );
    return Promise.all(
      chunk.map(async target => {
        const project = byPath.get(lower(target.fullPath));
        if (!project)
          return failedResult(target.request, this.notFound(target));
        return (
          this.collector.refusal(
            target,
            this.ruleRepository(target, project),
          ) ??
          this.readProject(target, project, {
            client,
            labels,
            now,
            windowStart,
            signal,
          })
        );
      }),
    );
  }

  private async readProject(
    target: Target,
    project: GitlabProject,
    read: {
      client: GitlabClient;
      labels: string[];
      now: Date;
      windowStart: string;
      signal?: AbortSignal;
    },
  ): Promise<CollectResult> {
    const { windowDays } = target.request;
    const warn = (message: string) => this.options.logger.warn(message);
    const backfillSince = backfillSinceOf(target.request);
    try {
      const rest = await readProjectRest(project, {
        client: read.client,
        labels: read.labels,
        now: read.now,
        windowDays,
        windowStart: read.windowStart,
        ...(backfillSince ? { backfillSince } : {}),
        warn,
        signal: read.signal,
      });
      return {
        entityRef: target.request.entityRef,
        outcome: 'collected',
        facts: projectFacts(
          { project, ...rest },
          { now: read.now, windowDays, warn },
        ),
        fingerprint: fingerprint(project, target.request),
        // A first collection: the history REST listed, for the weeks before it.
        ...(backfillSince && rest.commits
          ? {
              history: commitHistory(rest.commits, {
                since: rest.commitsSince,
                cut: rest.commitsCut,
              }),
            }
          : {}),
      };
    } catch (error) {
      return failedResult(target.request, describeError(error));
    }
  }
}
