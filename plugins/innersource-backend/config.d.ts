import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  innersource?: {
    /** Days of history that metrics look at. Default 90. */
    windowDays?: number;
    /** Issue labels that make a help-wanted task, matched case-insensitively. */
    labels?: {
      /** Default: `help wanted`. */
      helpWanted?: string[];
      /** Default: `good first issue`. */
      goodFirstIssue?: string[];
    };
    /** When the refresh job runs. Default: every hour, the first run shortly after startup. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Days that snapshots and projects gone from the catalog are kept. Default 400. */
    retentionDays?: number;
    /** Help-wanted tasks without an update for this many days are marked stale. Default 180. */
    staleTaskDays?: number;
    /** Repositories collected at once. Default 4. */
    concurrency?: number;
    /** The built-in provider that reads repositories with the git command. */
    git?: {
      /** Where bare clones are kept between refreshes. Default: a folder under the OS temp dir. */
      cacheDir?: string;
      /**
       * Hosts that may be cloned over https or ssh, besides those in `integrations`.
       */
      allowedHosts?: string[];
      /**
       * Folders under which entities may point at local repositories
       * (`backstage.io/source-location: dir:…`). Default: none.
       */
      localRoots?: string[];
      /** Seconds one git command may take. Default 120. */
      timeoutSeconds?: number;
    };
  };
}
