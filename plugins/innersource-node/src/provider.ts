import type { Entity } from '@backstage/catalog-model';
import type {
  CommitFact,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * Where an entity's repository lives, read from its annotations.
 *
 * @public
 */
export type RepositoryLocation =
  | {
      /** `github.com/project-slug` or `gitlab.com/project-slug`. */
      type: 'github' | 'gitlab';
      /** The forge host; github.com or gitlab.com unless the source location names another. */
      host: string;
      /** `owner/name` (GitLab: `group/subgroup/name`). */
      slug: string;
    }
  | {
      /** A clonable or browsable URL from `backstage.io/source-location`. */
      type: 'url';
      host: string;
      url: string;
    }
  | {
      /** A folder on the backend's disk (`dir:` source locations of file locations). */
      type: 'path';
      path: string;
    };

/**
 * One repository a provider is asked to collect.
 *
 * @public
 */
export interface CollectRequest {
  entityRef: string;
  entity: Entity;
  location: RepositoryLocation;
  windowDays: number;
  labels: {
    helpWanted: string[];
    goodFirstIssue: string[];
  };
  /** What the last successful collection left, for incremental refresh. */
  previous?: {
    collectedAt: string;
    checkedAt: string;
    /** Opaque to the plugin: what the provider returned as `fingerprint`. */
    fingerprint?: string;
  };
  /**
   * Set on a repository's first collection: report its commit history since
   * `since` as the result's `history`, where the provider can, so the weeks
   * before the first snapshot are backfilled from the repository's own
   * history. Providers that cannot leave `history` out.
   */
  backfill?: { since: string };
}

/**
 * The default branch's non-merge commits, newest first: every one committed
 * from `completeSince` on (a provider that could read only part of what was
 * asked says from when its list is whole), and none older is needed.
 *
 * @public
 */
export interface CommitHistory {
  completeSince: string;
  commits: CommitFact[];
}

/** @public */
export type CollectResult =
  | {
      entityRef: string;
      outcome: 'collected';
      facts: RepositoryFacts;
      /** Lets the provider tell next time whether the repository changed. */
      fingerprint?: string;
      /** Answers `backfill`: the commit history the weeks before are reconstructed from. */
      history?: CommitHistory;
    }
  | {
      /** Nothing changed since `previous`: the stored snapshot stays, with a new check time. */
      entityRef: string;
      outcome: 'unchanged';
    }
  | {
      /** Not attempted this run (the API budget's reserve was reached); tried at the next one. */
      entityRef: string;
      outcome: 'deferred';
      reason: string;
    }
  | {
      /** A message a person understands; the last good snapshot stays, unless `forget`. */
      entityRef: string;
      outcome: 'failed';
      error: string;
      /**
       * The repository may not be collected at all (the repository rule
       * refused it): what was stored of it before goes too.
       */
      forget?: boolean;
    };

/** @public */
export interface CollectContext {
  /** Aborted when the scheduler cancels the run. */
  signal?: AbortSignal;
}

/**
 * Collects facts for the repositories of one kind of forge.
 *
 * @public
 */
export interface InnerSourceProvider {
  /** Short, unique: `git`, `github`, `gitlab`. */
  readonly id: string;
  /**
   * Hosts this provider serves. Two providers claiming one host would make
   * the choice ambiguous, and stop the backend at startup.
   */
  readonly hosts: string[];
  /** Whether this provider can collect that location. */
  supports(location: RepositoryLocation): boolean;
  /** How many requests `collect` takes at once (a GraphQL query's worth, say). */
  readonly batchSize: number;
  /** One result per request, in any order; a thrown error fails the whole batch. */
  collect(
    requests: CollectRequest[],
    context: CollectContext,
  ): Promise<CollectResult[]>;
  /**
   * Called once after every batch of a refresh run: answers what the run
   * spent, which the refresh job logs and counts in its metrics, and may tidy
   * up (a cache, say) before it resolves.
   */
  runFinished?(): ProviderSpend | void | Promise<ProviderSpend | void>;
}

/**
 * What a provider spent since the last `runFinished`.
 *
 * @public
 */
export interface ProviderSpend {
  /** Requests sent to the forge (or commands run). */
  requests: number;
  /** Rate-limit points, where the forge counts them (GitHub's GraphQL API). */
  points?: number;
}
