import type { LoggerService } from '@backstage/backend-plugin-api';
import { HOUR_MS } from '@innersource-for-backstage/plugin-innersource-common';
import type { ForgeProviderSettings } from '../forgeSettings';
import type {
  CollectContext,
  CollectRequest,
  CollectResult,
  RepositoryLocation,
} from '../provider';
import type { RuleRepository } from '../repositoryRule';
import type { RateBudget } from './RateBudget';
import { deferredResults, failedResult, repositoryRefusal } from './results';

/**
 * The repository one collect request names, as a forge module works it out
 * before asking its forge anything.
 *
 * @public
 */
export interface ForgeTarget {
  readonly request: CollectRequest;
  /** The forge host, as the location names it. */
  readonly host: string;
}

/**
 * What a forge module sends requests with for one credential: repositories
 * whose credential answers the same client are collected together, within
 * its budget.
 *
 * @public
 */
export interface ForgeClient {
  readonly budget: RateBudget;
}

/**
 * The forge refused for its rate limit: the repositories not read yet wait
 * for the next run. A module's reads throw it; {@link ForgeCollector} defers.
 *
 * @public
 */
export class RateLimitedError extends Error {
  constructor(readonly until: Date, message: string) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/**
 * What the freshness pass learnt of one repository: what the repository
 * rule needs and the fingerprint to compare with the last collection's, or
 * why it cannot be collected (`unavailableRepositoryMessage` for one the
 * forge does not have).
 *
 * @public
 */
export type FreshnessAnswer =
  | { repository: RuleRepository; fingerprint: string }
  | { error: string };

/**
 * Repositories read in full with one query, and about what that costs of
 * the budget (points or requests, however the forge counts).
 *
 * @public
 */
export interface DeepChunk<T> {
  targets: T[];
  cost: number;
}

/**
 * The forge-specific half of a provider built on {@link ForgeCollector}: its
 * locations, clients, queries and mappers.
 *
 * @public
 */
export interface ForgeReader<T extends ForgeTarget, C extends ForgeClient> {
  /** The location type of the forge's own annotation (`github`), if it has one; URLs are asked of `locate`. */
  readonly locationType?: RepositoryLocation['type'];
  /** The repository a location names, or why it names none of this forge's. */
  locate(location: RepositoryLocation): Omit<T, 'request'> | { error: string };
  /**
   * Targets with the same key share one `clientFor` call in a collect (say
   * host and owner, where credentials are per owner). Without it, each
   * target asks.
   */
  clientKey?(target: T): string;
  /** The client of a target's credential, or why there is none. */
  clientFor(target: T): Promise<C | { error: string }>;
  /** How many repositories one freshness request asks about. */
  readonly freshnessBatch: number;
  /**
   * The freshness fields of up to `freshnessBatch` repositories: one answer
   * per target, in order. Throwing reads them all in full instead, or, with
   * a {@link RateLimitedError}, defers the rest of the run.
   */
  readFreshness(
    targets: T[],
    client: C,
    signal?: AbortSignal,
  ): Promise<FreshnessAnswer[]>;
  /** The repositories to read in full, cut into queries of one shape, each with its cost. */
  deepChunks(targets: T[]): DeepChunk<T>[];
  /**
   * One chunk read in full: a result per target (the module applies
   * {@link ForgeCollector.refusal} to what the forge answered). `split`
   * when the forge found the query for these repositories too large: the
   * chunk is read again in two halves. Throwing fails the chunk with
   * `describeError`'s words, or, with a {@link RateLimitedError}, defers it.
   */
  readDeep(
    targets: T[],
    client: C,
    signal?: AbortSignal,
  ): Promise<CollectResult[] | 'split'>;
  /** A sentence for an entity's error, from a failed request. */
  describeError(error: unknown, host: string): string;
}

/**
 * How {@link ForgeCollector} collects from one forge.
 *
 * @public
 */
export interface ForgeCollectorOptions {
  /** The forge, as people name it: `GitHub`. */
  forge: string;
  /** The hosts the provider serves, in lower case. */
  hosts: string[];
  logger: LoggerService;
  settings: Pick<ForgeProviderSettings, 'allow' | 'maxSnapshotAgeHours'>;
  now?: () => Date;
  /**
   * When the budget is down to its reserve, wait for a window that resets
   * within `upToMs` rather than deferring the rest (GitLab's minute-long
   * windows). Without it, the rest is deferred at once.
   */
  wait?: {
    upToMs: number;
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
  };
}

/**
 * The collect of a forge provider in two passes per credential: a freshness
 * request over many repositories at once, whose fingerprints tell which
 * changed since their last collection, then the full read of those that did
 * and of those never collected or collected too long ago; each request sent
 * only while the credential's budget stays above its reserve, the rest
 * deferred to the next run. The repository rule is applied to what the forge
 * answered in both passes.
 *
 * @public
 */
export class ForgeCollector<T extends ForgeTarget, C extends ForgeClient> {
  private readonly now: () => Date;

  constructor(
    private readonly reader: ForgeReader<T, C>,
    private readonly options: ForgeCollectorOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Whether the provider can collect that location: one of its hosts, a repository `locate` understands. */
  supports(location: RepositoryLocation): boolean {
    if (location.type === 'path') return false;
    if (!this.options.hosts.includes(location.host.toLocaleLowerCase('en-US')))
      return false;
    if (location.type === 'url')
      return !('error' in this.reader.locate(location));
    return location.type === this.reader.locationType;
  }

  /** {@link InnerSourceProvider.collect}: one result per request. */
  async collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]> {
    const results: CollectResult[] = [];
    const lookups = new Map<string, Promise<C | { error: string }>>();
    const groups = new Map<C, T[]>();
    for (const request of requests) {
      const located = this.reader.locate(request.location);
      if ('error' in located) {
        results.push(failedResult(request, located.error));
        continue;
      }
      const target = { ...located, request } as T;
      const key = this.reader.clientKey?.(target);
      let lookup = key === undefined ? undefined : lookups.get(key);
      if (!lookup) {
        lookup = this.reader.clientFor(target);
        if (key !== undefined) lookups.set(key, lookup);
      }
      const client = await lookup;
      if ('error' in client) {
        results.push(failedResult(request, client.error));
        continue;
      }
      groups.set(client, [...(groups.get(client) ?? []), target]);
    }
    for (const [client, targets] of groups)
      results.push(...(await this.collectGroup(targets, client, context)));
    return results;
  }

  /**
   * The repository rule on what the forge answered of a target: a failed
   * result that forgets what was stored, or nothing when it may be collected.
   */
  refusal(target: T, repository: RuleRepository): CollectResult | undefined {
    return repositoryRefusal(target.request, repository, {
      allow: this.options.settings.allow,
      forge: this.options.forge,
    });
  }

  private async collectGroup(
    targets: T[],
    client: C,
    { signal }: CollectContext,
  ): Promise<CollectResult[]> {
    const { budget } = client;
    const { host } = targets[0];
    const now = this.now().getTime();
    const maxAge = this.options.settings.maxSnapshotAgeHours * HOUR_MS;
    const checkable = targets.filter(
      t =>
        t.request.previous?.fingerprint &&
        now - Date.parse(t.request.previous.collectedAt) < maxAge,
    );
    const deep = targets.filter(t => !checkable.includes(t));
    const results: CollectResult[] = [];
    const deferRest = (rest: T[]) => [
      ...results,
      ...deferredResults(rest, budget.describe()),
    ];

    const batch = this.reader.freshnessBatch;
    for (let i = 0; i < checkable.length; i += batch) {
      const chunk = checkable.slice(i, i + batch);
      if (!(await this.budgetAllows(budget, 1, signal)))
        return deferRest([...checkable.slice(i), ...deep]);
      let answers: FreshnessAnswer[];
      try {
        answers = await this.reader.readFreshness(chunk, client, signal);
      } catch (error) {
        if (error instanceof RateLimitedError) {
          this.logRateLimited(host, error);
          return deferRest([...checkable.slice(i), ...deep]);
        }
        // Without the freshness answer, read them in full.
        this.options.logger.warn(
          `${
            this.options.forge
          } freshness check on ${host} failed, collecting in full: ${this.reader.describeError(
            error,
            host,
          )}`,
        );
        deep.push(...chunk);
        continue;
      }
      chunk.forEach((target, k) => {
        const answer = answers[k];
        if ('error' in answer) {
          results.push(failedResult(target.request, answer.error));
          return;
        }
        const refused = this.refusal(target, answer.repository);
        if (refused) results.push(refused);
        else if (answer.fingerprint === target.request.previous?.fingerprint)
          results.push({
            entityRef: target.request.entityRef,
            outcome: 'unchanged',
          });
        else deep.push(target);
      });
    }

    const chunks = this.reader
      .deepChunks(deep)
      .filter(chunk => chunk.targets.length > 0);
    for (const [c, chunk] of chunks.entries()) {
      if (!(await this.budgetAllows(budget, chunk.cost, signal))) {
        results.push(
          ...deferredResults(
            chunks.slice(c).flatMap(rest => rest.targets),
            budget.describe(),
          ),
        );
        break;
      }
      results.push(...(await this.readDeep(chunk.targets, client, signal)));
    }
    return results;
  }

  private async readDeep(
    targets: T[],
    client: C,
    signal?: AbortSignal,
  ): Promise<CollectResult[]> {
    const { host } = targets[0];
    let answer: CollectResult[] | 'split';
    try {
      answer = await this.reader.readDeep(targets, client, signal);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        this.logRateLimited(host, error);
        return deferredResults(targets, client.budget.describe());
      }
      const message = this.reader.describeError(error, host);
      return targets.map(t => failedResult(t.request, message));
    }
    if (answer !== 'split') return answer;
    if (targets.length < 2)
      return targets.map(t =>
        failedResult(
          t.request,
          `${this.options.forge} on ${host} found the query for this repository too large`,
        ),
      );
    const half = Math.ceil(targets.length / 2);
    return [
      ...(await this.readDeep(targets.slice(0, half), client, signal)),
      ...(await this.readDeep(targets.slice(half), client, signal)),
    ];
  }

  /** Whether about `cost` may be spent now, waiting for a window that resets soon when the options say so. */
  private async budgetAllows(
    budget: RateBudget,
    cost: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (signal?.aborted) return false;
    if (budget.allows(cost)) return true;
    const { wait } = this.options;
    const until = budget.untilReset();
    if (!wait || until === undefined || until > wait.upToMs) return false;
    await wait.sleep(until, signal);
    return true;
  }

  private logRateLimited(host: string, error: RateLimitedError) {
    this.options.logger.warn(
      `${this.options.forge} on ${host} refused for its rate limit (${
        error.message
      }); the rest of this run waits for the next refresh after ${error.until.toISOString()}`,
    );
  }
}
