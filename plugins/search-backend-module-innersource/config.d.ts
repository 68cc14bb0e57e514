import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** InnerSource help-wanted tasks and projects in Backstage search. */
      innersource?: {
        /**
         * When to index; every 10 minutes by default, starting 3 s after startup.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The most help-wanted task documents a run indexes: good first
         * issues first, then the most recently updated. Backstage's default
         * Lunr engine keeps every document in the backend's memory; 10,000 by
         * default. With the PostgreSQL or OpenSearch engine raise it, or set
         * 0 for no limit.
         */
        maxTaskDocuments?: number;
        /** The most project documents a run indexes, highest score first; 10,000 by default, 0 for no limit. */
        maxProjectDocuments?: number;
      };
    };
  };
}
