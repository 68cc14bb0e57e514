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
      };
    };
  };
}
