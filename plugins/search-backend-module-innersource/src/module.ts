import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  InnerSourceProjectCollatorFactory,
  InnerSourceTaskCollatorFactory,
} from './InnerSourceCollatorFactory';

const SCHEDULE_KEY = 'search.collators.innersource.schedule';
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

export function readSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(SCHEDULE_KEY);
  if (!schedule) return DEFAULT_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new Error(`Invalid ${SCHEDULE_KEY}: ${(error as Error).message}`);
  }
}

/**
 * Adds InnerSource help-wanted tasks (`innersource-task`) and projects
 * (`innersource-project`) to Backstage search.
 *
 * @public
 */
export const searchModuleInnerSource = createBackendModule({
  pluginId: 'search',
  moduleId: 'innersource-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, discovery, auth, scheduler, indexRegistry }) {
        const schedule = readSchedule(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new InnerSourceTaskCollatorFactory({ discovery, auth }),
        });
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new InnerSourceProjectCollatorFactory({ discovery, auth }),
        });
      },
    });
  },
});
