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
const LIMIT_KEYS = {
  tasks: 'search.collators.innersource.maxTaskDocuments',
  projects: 'search.collators.innersource.maxProjectDocuments',
} as const;
/** What Lunr, Backstage's default in-memory engine, holds comfortably beside the rest of a backend. */
export const DEFAULT_MAX_DOCUMENTS = 10_000;
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

/** The most documents of each type a run indexes; 0 means no limit. */
export function readDocumentLimits(config: Config): {
  tasks: number;
  projects: number;
} {
  const read = (key: string) => {
    const value = config.getOptionalNumber(key) ?? DEFAULT_MAX_DOCUMENTS;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `Invalid ${key}: must be a whole number of documents, 0 for no limit, got ${value}`,
      );
    }
    return value;
  };
  return { tasks: read(LIMIT_KEYS.tasks), projects: read(LIMIT_KEYS.projects) };
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
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        discovery,
        auth,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const schedule = readSchedule(config);
        const limits = readDocumentLimits(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new InnerSourceTaskCollatorFactory({
            discovery,
            auth,
            logger,
            maxDocuments: limits.tasks,
          }),
        });
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new InnerSourceProjectCollatorFactory({
            discovery,
            auth,
            logger,
            maxDocuments: limits.projects,
          }),
        });
      },
    });
  },
});
