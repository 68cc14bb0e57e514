export interface Config {
  innersource?: {
    /**
     * The GitLab provider. Hosts and tokens come from `integrations.gitlab`
     * (GitLab.com, and self-managed hosts with their own `apiBaseUrl`).
     */
    gitlab?: {
      /**
       * Share of each rate-limit window's requests left for the rest of
       * Backstage, from 0 to below 1. When a refresh reaches it, it waits for
       * a window that resets within a minute, and otherwise leaves the
       * remaining projects for the next refresh. Default 0.2.
       */
      reserve?: number;
      /** Requests in flight at once, 1 to 8. Default 4. */
      maxInFlight?: number;
      /**
       * A project that has not changed is read in full again after this
       * many hours anyway, so its window of activity moves on. Default 24.
       */
      maxSnapshotAgeHours?: number;
    };
  };
}
