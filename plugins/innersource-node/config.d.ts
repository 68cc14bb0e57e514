/*
 * The keys this library reads for the backend plugin and the forge modules:
 * the repository rule (repositoryRule.ts), the help-wanted labels
 * (labelSettings.ts). The forge modules declare their own `innersource.github`
 * and `innersource.gitlab` sections, the backend plugin the rest of `innersource.git`.
 */
export interface Config {
  innersource?: {
    /** Issue labels that make a help-wanted task, matched case-insensitively. */
    labels?: {
      /** Default: `help wanted`. */
      helpWanted?: string[];
      /** Default: `good first issue`. */
      goodFirstIssue?: string[];
    };
    /**
     * Which repositories that are neither public nor internal may be
     * collected, every provider alike, and then only for the entity
     * registered from a catalog file inside the repository (its
     * `backstage.io/managed-by-location`), never for another entity naming
     * it. By default only repositories the forge calls public or internal are
     * collected; the git provider, which cannot tell a visibility, clones any
     * other repository anonymously.
     */
    repositories?: {
      /**
       * `host/owner/name` glob patterns, matched against the forge's own name
       * for the repository (a rename changes it): `*` within one path
       * segment, `**` across GitLab subgroups, for example `github.com/acme/*`.
       */
      allow?: string[];
    };
    git?: {
      /**
       * Folders (under `localRoots`) that the named entities may read
       * whichever location they came from: for entities that do not come
       * from `catalog.locations`.
       */
      folders?: Array<{
        /** The folder; what lies below it is included. Relative to the backend's working directory. */
        path: string;
        /** Entity refs, `kind:namespace/name` (`component:default/billing`). */
        entities: string[];
      }>;
    };
  };
}
