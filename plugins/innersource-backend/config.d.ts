import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  innersource?: {
    /** Days of history that metrics look at. Default 90. */
    windowDays?: number;
    /**
     * Which catalog entities are InnerSource projects, as a catalog filter:
     * dotted entity paths mapped to one value or a list of accepted values.
     * Default: kind Component, System or Resource tagged `innersource`. The
     * frontend reads it too (declared there with frontend visibility).
     */
    selector?: { [path: string]: string | string[] };
    /**
     * More coding agents, by the name, login or e-mail their commits, pull
     * requests and `Co-authored-by` trailers carry (compared whole,
     * case-insensitively), added to the built-in list (Claude Code, Copilot,
     * Cursor, Codex, Devin, aider, OpenHands…). Their contributions count in
     * `agentContributions`, never as people's.
     */
    agents?: string[];
    /**
     * Logins or e-mails whose comments and reviews are no response to a pull
     * request (a triage rota's account, say), as issue-metrics'
     * `IGNORE_USERS`. Bots and agents never count.
     */
    ignoredUsers?: string[];
    /** When the refresh job runs. Default: every hour, the first run shortly after startup. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Days that snapshots and projects gone from the catalog are kept. Default 400. */
    retentionDays?: number;
    /** Help-wanted tasks without an update for this many days are marked stale. Default 180. */
    staleTaskDays?: number;
    /** Repositories collected at once. Default 4. */
    concurrency?: number;
    /** SVG badges of the projects (score, tier, activity, help wanted, contributors, contribute). */
    badges?: {
      /**
       * Serve every project's badges at a public token URL, for READMEs outside
       * Backstage. Default false: only entities annotated
       * `innersource/badges: public` have one.
       */
      public?: boolean;
      /**
       * Cache-Control of public badges. Default `public, max-age=300`. Badges
       * inside the portal are always `private, no-cache` (checked again with
       * their ETag).
       */
      cacheControl?: string;
      /**
       * Entities whose badges are never public, whatever `public` or their
       * `innersource/badges` annotation says: an entity selector written as
       * `innersource.selector` is, for example
       * `metadata.annotations.example.com/restricted: 'true'` for entities a
       * permission policy hides. Tokens of entities it names are removed at
       * startup and at their next refresh.
       */
      neverPublic?: { [field: string]: string | string[] };
    };
    /** Refreshes asked for with the refresh button (POST /refresh), counted over every replica. */
    refresh?: {
      /** Refreshes one user may ask for in an hour; more are answered 429. Default 10. */
      perUserPerHour?: number;
      /** Refreshes all users together may ask for in an hour. Default 120. */
      globalPerHour?: number;
      /** Requested refreshes running at once over every replica. Default 4. */
      maxConcurrent?: number;
      /** Days the refresh-run log and the errors it recorded are kept. Default 30. */
      logRetentionDays?: number;
    };
    /**
     * Backstage notifications (needs `@backstage/plugin-notifications-backend`
     * in the backend). Each kind is off unless switched on.
     */
    notifications?: {
      /** To a project's owning group when a refresh finds its tier dropped. */
      tierDrops?: { enabled?: boolean };
      /** To a project's owning group when a readiness check it passed fails. */
      readinessRegressions?: { enabled?: boolean };
      /**
       * A digest of new help-wanted tasks matching a user's skills, ranked as
       * "For me", to users who switch it on on the help-wanted page; at most
       * one a day per user, and a new one replaces an unread one.
       */
      digest?: {
        enabled?: boolean;
        /** When the digest task looks for users due one. Default: hourly. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
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
       * (`backstage.io/source-location: dir:…`). Only entities read from a
       * location in `catalog.locations` (or from a file on disk below one),
       * or named in `folders`, may: never one registered through the catalog
       * API or by URL. Readers see a folder's path under its root. Default:
       * none.
       */
      localRoots?: string[];
      /** Seconds one git command may take. Default 120. */
      timeoutSeconds?: number;
      /**
       * Days a clone no refresh used is kept in cacheDir before it is removed
       * (its repository left the catalog). Keep it above the schedule's
       * frequency. Default 7.
       */
      evictAfterDays?: number;
      /**
       * Megabytes one clone may take in cacheDir. Clones hold history and
       * trees only (`--filter=blob:none`; innersource.json is fetched when
       * read), so this bounds what an entity's author can make the backend
       * store. A repository whose clone or fetch grows past it fails with a
       * plain reason and its clone is removed. Default 1024.
       */
      maxCloneMegabytes?: number;
    };
  };
}
