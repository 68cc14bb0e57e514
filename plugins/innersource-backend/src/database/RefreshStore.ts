import type { Entity } from '@backstage/catalog-model';
import type {
  ContributorSummary,
  IssueFact,
  NumericMetricName,
  ProjectMetrics,
  ProjectScore,
  ReadinessCheckResult,
  RepositoryFacts,
  ScoringInput,
} from '@innersource-for-backstage/plugin-innersource-common';

/** What the catalog says about a project, stored with it. */
export interface ProjectRecord {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  ownerRef?: string;
  systemRef?: string;
  tags: string[];
  specType?: string;
  lifecycle?: string;
  skills: string[];
  /** The fields scoring profiles may filter on, for previews without the catalog. */
  entity: Entity;
}

export interface CollectedEntry {
  entityRef: string;
  collectedAt: Date;
  fingerprint?: string;
  facts: RepositoryFacts;
  metrics: ProjectMetrics;
  scoringInput: ScoringInput;
  score: ProjectScore;
  contributors: ContributorSummary[];
  tasks: IssueFact[];
  /** Lower-case labels that make a task a good first issue. */
  goodFirstLabels: string[];
  /**
   * A first collection's weeks before it, reconstructed from the repository's
   * commit history: stored as backfilled history where no real snapshot is.
   */
  backfill?: Array<{
    at: Date;
    metrics: Partial<Record<NumericMetricName, number | null>>;
  }>;
}

export interface RefreshState {
  collectedAt: string;
  checkedAt: string;
  fingerprint?: string;
}

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface RunOutcome {
  status: RunStatus;
  finishedAt: Date;
  projects: number;
  collected: number;
  unchanged: number;
  failed: number;
  deferred: number;
  message?: string;
}

/** An entity the store could not write, and why in words its readers understand. */
export interface StoreFailure {
  entityRef: string;
  message: string;
  /** What the database said, for the log rather than the entity's readers. */
  detail?: string;
}

/** A project's stored latest snapshot, as a write about to replace it reads it. */
export interface StoredProjectState {
  entityRef: string;
  snapshotId: number;
  score: number | null;
  tierName: string | null;
  readiness: ReadinessCheckResult[];
}

/** A change between a project's stored snapshot and the one being written that its owners hear of. */
export interface ProjectChange {
  entityRef: string;
  /** `tier`, or `readiness:<check id>`: one notification per project and change. */
  change: string;
  /** The stored snapshot the change is measured from. */
  fromSnapshotId: number;
  from: { score: number | null; tierName: string | null };
  to: { score: number; tierName: string };
  /** The readiness check that started failing. */
  check?: { id: string; title: string };
  /** How to win back what was lost: the advice of the checks that fail now. */
  advice: string[];
}

/** What changed between a stored snapshot and the entry that replaces it. */
export type ChangeDetector = (
  previous: StoredProjectState,
  entry: CollectedEntry,
) => ProjectChange[];

/** The last refresh run and the errors it recorded. */
export type LatestRun = RunOutcome & {
  id: number;
  startedAt: string;
  errors: Array<{ entityRef: string; message: string }>;
};

/** The write side of the InnerSource tables: what the refresh job writes through. */
export interface RefreshStore {
  /** A scheduled run's row; scheduled rows still running that started before the second date end as abandoned. */
  startRun(startedAt: Date, abandonRunsStartedBefore?: Date): Promise<number>;
  finishRun(runId: number, outcome: RunOutcome): Promise<void>;
  /** Stores what the catalog says; answers the entities that could not be stored, the others are. */
  upsertProjects(
    projects: ProjectRecord[],
    seenAt: Date,
  ): Promise<StoreFailure[]>;
  deactivateProjectsNotSeenSince(seenAt: Date): Promise<number>;
  getRefreshState(entityRefs: string[]): Promise<Map<string, RefreshState>>;
  /** This installation's HMAC key for unmapped contributors' keys, the same on every replica. */
  contributorKeySecret(): Promise<Uint8Array>;
  /** Contributor keys seen in earlier snapshots; no entry for a project never collected. */
  getKnownContributorKeys(
    entityRefs: string[],
  ): Promise<Map<string, Set<string>>>;
  /** Stores each snapshot whole or not at all; answers those that could not be stored. */
  saveManyCollected(entries: CollectedEntry[]): Promise<StoreFailure[]>;
  /**
   * As saveManyCollected, and claims the changes `detect` finds against each
   * stored snapshot in the same transaction: answers only the changes this
   * call claimed, once committed, so a change is told of once over every
   * replica.
   */
  saveAndClaimChanges(
    entries: CollectedEntry[],
    detect?: ChangeDetector,
  ): Promise<{ failures: StoreFailure[]; claimed: ProjectChange[] }>;
  markUnchanged(entityRefs: string[], checkedAt: Date): Promise<void>;
  /** Records the error on the entity (and in the run's log); never touches its last good snapshot. */
  recordFailure(
    entityRef: string,
    message: string,
    at: Date,
    runId?: number,
  ): Promise<void>;
  pruneSnapshots(olderThan: Date): Promise<void>;
  /** Removes the projects and everything collected of them: a repository the rule refuses keeps no trace. */
  forgetProjects(entityRefs: string[]): Promise<void>;
  /** Forgets runs (and their errors) started before the date; answers how many. */
  pruneRunLog(olderThan: Date): Promise<number>;
  getLatestRun(): Promise<LatestRun | undefined>;
}
