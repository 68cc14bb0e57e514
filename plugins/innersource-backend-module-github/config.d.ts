export interface Config {
  innersource?: {
    /**
     * The GitHub provider. Hosts and credentials come from
     * `integrations.github` (tokens or GitHub Apps).
     */
    github?: {
      /**
       * Share of each hour's GraphQL points left for the rest of Backstage,
       * from 0 to below 1. When a refresh reaches it, the remaining
       * repositories wait for the next refresh. Default 0.2.
       */
      reserve?: number;
      /** Requests in flight at once, 1 to 8. Default 8. */
      maxInFlight?: number;
      /**
       * A repository that has not changed is read in full again after this
       * many hours anyway, so its window of activity moves on. Default 24.
       */
      maxSnapshotAgeHours?: number;
    };
  };
}
