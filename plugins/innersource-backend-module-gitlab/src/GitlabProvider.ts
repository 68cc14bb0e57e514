import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DefaultGitlabCredentialsProvider,
  getGitLabIntegrationRelativePath,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  DAY_MS,
  HOUR_MS,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  CollectContext,
  CollectRequest,
  CollectResult,
  decideRepositoryCollection,
  unavailableRepositoryMessage,
  InnerSourceProvider,
  RepositoryLocation,
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

function labelsOf(request: CollectRequest): string[] {
  const seen = new Map<string, string>();
  for (const label of [
    ...request.labels.helpWanted,
    ...request.labels.goodFirstIssue,
  ])
    seen.set(lower(label), label);
  return [...seen.values()];
}

function describeError(error: unknown): string {
  return error instanceof GitlabRequestError
    ? error.message
    : `could not read from GitLab: ${(error as Error)?.message ?? error}`;
}

function isComplexityError(errors: GraphqlError[]) {
  return errors.some(e => /exceeds max complexity/i.test(e.message));
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
  }

  supports(location: RepositoryLocation): boolean {
    if (location.type === 'gitlab')
      return this.hosts.includes(lower(location.host));
    if (location.type === 'url')
      return (
        this.hosts.includes(lower(location.host)) &&
        !('error' in this.targetOf(location))
      );
    return false;
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

  async collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const results: CollectResult[] = [];
    const groups = new Map<GitlabClient, Target[]>();
    for (const request of requests) {
      const target = this.targetOf(request.location);
      if ('error' in target) {
        results.push(this.failed(request, target.error));
        continue;
      }
      const client = await this.clients.forHost(target.host);
      if ('error' in client) {
        results.push(this.failed(request, client.error));
        continue;
      }
      groups.set(client, [
        ...(groups.get(client) ?? []),
        { ...target, request },
      ]);
    }
    for (const [client, targets] of groups)
      results.push(...(await this.collectGroup(targets, client, context)));
    return results;
  }

  private targetOf(location: RepositoryLocation) {
    const integration =
      location.type === 'path'
        ? undefined
        : this.options.integrations.gitlab.byHost(location.host);
    return gitlabProjectOf(
      location,
      integration ? getGitLabIntegrationRelativePath(integration.config) : '',
    );
  }

  private failed(request: CollectRequest, error: string): CollectResult {
    return { entityRef: request.entityRef, outcome: 'failed', error };
  }

  /** Whether about `cost` requests may go now, waiting for a window that resets within a minute. */
  private async budgetAllows(
    client: GitlabClient,
    cost: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (signal?.aborted) return false;
    if (client.budget.allows(cost)) return true;
    const wait = client.budget.untilReset();
    if (wait === undefined || wait > MAX_RESERVE_WAIT_MS) return false;
    await this.sleep(wait, signal);
    return true;
  }

  private deferred(targets: Target[], client: GitlabClient): CollectResult[] {
    return targets.map(t => ({
      entityRef: t.request.entityRef,
      outcome: 'deferred' as const,
      reason: client.budget.describe(),
    }));
  }

  private async collectGroup(
    targets: Target[],
    client: GitlabClient,
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const now = this.now().getTime();
    const maxAge = this.options.settings.maxSnapshotAgeHours * HOUR_MS;
    const checkable = targets.filter(
      t =>
        t.request.previous?.fingerprint &&
        now - Date.parse(t.request.previous.collectedAt) < maxAge,
    );
    const results: CollectResult[] = [];
    const deep = targets.filter(t => !checkable.includes(t));
    for (let i = 0; i < checkable.length; i += FRESHNESS_BATCH) {
      const chunk = checkable.slice(i, i + FRESHNESS_BATCH);
      if (!(await this.budgetAllows(client, 1, context.signal))) {
        return [
          ...results,
          ...this.deferred([...checkable.slice(i), ...deep], client),
        ];
      }
      const checked = await this.checkFreshness(chunk, client, context);
      results.push(...checked.results);
      deep.push(...checked.changed);
    }

    // One query shape per chunk: projects asking for the same labels.
    const byLabels = new Map<string, Target[]>();
    for (const target of deep) {
      const key = JSON.stringify([
        target.request.windowDays,
        labelsOf(target.request),
      ]);
      byLabels.set(key, [...(byLabels.get(key) ?? []), target]);
    }
    const chunks = [...byLabels.values()].flatMap(group =>
      Array.from({ length: Math.ceil(group.length / DEEP_BATCH) }, (_, c) =>
        group.slice(c * DEEP_BATCH, (c + 1) * DEEP_BATCH),
      ),
    );
    for (const [c, chunk] of chunks.entries()) {
      // The GraphQL request and each project's first page of commits.
      if (
        !(await this.budgetAllows(client, 1 + chunk.length, context.signal))
      ) {
        return [...results, ...this.deferred(chunks.slice(c).flat(), client)];
      }
      results.push(...(await this.readChunk(chunk, client, context)));
    }
    return results;
  }

  /** As the rule's refusal says: a missing project reads as a private one. */
  private notFound(target: Target): CollectResult {
    return this.failed(
      target.request,
      unavailableRepositoryMessage(`${target.host}/${target.fullPath}`),
    );
  }

  /** The repository rule: a refusal for a project that is neither visible nor allowed by config and the entity's own home. */
  private refusal(
    target: Target,
    project: GitlabFreshness,
  ): CollectResult | undefined {
    const decision = decideRepositoryCollection(
      {
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
      },
      {
        entity: target.request.entity,
        allow: this.options.settings.allow,
        forge: 'GitLab',
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

  private async checkFreshness(
    chunk: Target[],
    client: GitlabClient,
    context: CollectContext,
  ): Promise<{ results: CollectResult[]; changed: Target[] }> {
    let nodes: Array<GitlabFreshness | null>;
    try {
      const { data, errors } = await client.graphql<{
        projects: { nodes: Array<GitlabFreshness | null> } | null;
      }>(
        FRESHNESS_QUERY,
        { paths: chunk.map(t => t.fullPath), first: chunk.length },
        context.signal,
      );
      if (!data?.projects) throw new Error(errors[0]?.message ?? 'no data');
      nodes = data.projects.nodes;
    } catch (error) {
      // Without the freshness answer, read them in full.
      this.options.logger.warn(
        `GitLab freshness check on ${
          client.host
        } failed, collecting in full: ${describeError(error)}`,
      );
      return { results: [], changed: chunk };
    }
    const byPath = new Map(
      nodes.flatMap(p => (p ? [[lower(p.fullPath), p] as const] : [])),
    );
    const results: CollectResult[] = [];
    const changed: Target[] = [];
    for (const target of chunk) {
      const fresh = byPath.get(lower(target.fullPath));
      const refused = fresh && this.refusal(target, fresh);
      if (!fresh) results.push(this.notFound(target));
      else if (refused) results.push(refused);
      else if (
        fingerprint(fresh, target.request) ===
        target.request.previous?.fingerprint
      )
        results.push({
          entityRef: target.request.entityRef,
          outcome: 'unchanged',
        });
      else changed.push(target);
    }
    return { results, changed };
  }

  private async readChunk(
    chunk: Target[],
    client: GitlabClient,
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const { windowDays } = chunk[0].request;
    const labels = labelsOf(chunk[0].request);
    const now = this.now();
    const windowStart = new Date(
      now.getTime() - windowDays * DAY_MS,
    ).toISOString();
    let answer: {
      data: { projects: { nodes: Array<GitlabProject | null> } | null } | null;
      errors: GraphqlError[];
    };
    try {
      answer = await client.graphql(
        projectsQuery(labels.length),
        {
          paths: chunk.map(t => t.fullPath),
          first: chunk.length,
          windowStart,
          ...Object.fromEntries(labels.map((label, l) => [`label${l}`, label])),
        },
        context.signal,
      );
    } catch (error) {
      const message = describeError(error);
      return chunk.map(t => this.failed(t.request, message));
    }
    if (!answer.data?.projects) {
      if (isComplexityError(answer.errors) && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        return [
          ...(await this.readChunk(chunk.slice(0, half), client, context)),
          ...(await this.readChunk(chunk.slice(half), client, context)),
        ];
      }
      const message = `GitLab on ${client.host} could not read the project: ${
        answer.errors[0]?.message ?? 'no data'
      }`;
      return chunk.map(t => this.failed(t.request, message));
    }
    const byPath = new Map(
      answer.data.projects.nodes.flatMap(p =>
        p ? [[lower(p.fullPath), p] as const] : [],
      ),
    );
    return Promise.all(
      chunk.map(async target => {
        const project = byPath.get(lower(target.fullPath));
        if (!project) return this.notFound(target);
        return (
          this.refusal(target, project) ??
          this.readProject(target, project, {
            client,
            labels,
            now,
            windowStart,
            context,
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
      context: CollectContext;
    },
  ): Promise<CollectResult> {
    const { windowDays } = target.request;
    const warn = (message: string) => this.options.logger.warn(message);
    const asked = target.request.backfill?.since;
    const backfillSince =
      asked && Number.isFinite(Date.parse(asked))
        ? new Date(asked).toISOString()
        : undefined;
    try {
      const rest = await readProjectRest(project, {
        client: read.client,
        labels: read.labels,
        now: read.now,
        windowDays,
        windowStart: read.windowStart,
        ...(backfillSince ? { backfillSince } : {}),
        warn,
        signal: read.context.signal,
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
      return this.failed(target.request, describeError(error));
    }
  }
}
