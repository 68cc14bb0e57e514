import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_AGENTS,
  DEFAULT_SELECTOR,
  EntitySelector,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  LabelSettings,
  readLabelSettings,
} from '@innersource-for-backstage/plugin-innersource-node';

export interface InnerSourceSettings {
  windowDays: number;
  /** Coding agents: the built-in list and `innersource.agents`. */
  agents: string[];
  /** Whose comments are no response (`innersource.ignoredUsers`). */
  ignoredUsers: string[];
  labels: LabelSettings;
  selector: EntitySelector;
  retentionDays: number;
  /** Help-wanted tasks without an update for this many days are marked stale. */
  staleTaskDays: number;
  concurrency: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Refreshes asked for from the API, and the run log. */
  refresh: {
    perUserPerHour: number;
    globalPerHour: number;
    maxConcurrent: number;
    /** Days the refresh-run log and its errors are kept. */
    logRetentionDays: number;
  };
  /** What Backstage notifications the plugin sends (`innersource.notifications`). */
  notifications: NotificationSettings;
}

export interface NotificationSettings {
  /** To a project's owners when its tier drops. */
  tierDrops: boolean;
  /** To a project's owners when a readiness check it passed fails. */
  readinessRegressions: boolean;
  /** The digest of new help-wanted tasks matching a user's skills, to users who asked for it. */
  digest: {
    enabled: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

/** How long a run may take before another may call it abandoned: the schedule's timeout. */
export function runTimeoutMs(settings: InnerSourceSettings): number {
  const timeout = settings.schedule.timeout;
  return 'toMillis' in timeout
    ? timeout.toMillis()
    : durationToMilliseconds(timeout);
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  // Soon after startup, so a new portal shows data within a minute.
  initialDelay: { seconds: 5 },
  scope: 'global',
};

// Hourly: each user who asked gets a digest at most once a day, when there is something new.
const DEFAULT_DIGEST_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 2 },
  scope: 'global',
};

function flag(config: Config, key: string, fallback: boolean): boolean {
  if (!config.has(key)) return fallback;
  const value = config.get(key);
  if (typeof value !== 'boolean') {
    throw new Error(
      `innersource.${key} must be true or false, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readNotifications(section: Config): NotificationSettings {
  const scheduleConfig = section.getOptionalConfig(
    'notifications.digest.schedule',
  );
  let schedule = DEFAULT_DIGEST_SCHEDULE;
  if (scheduleConfig) {
    try {
      schedule = readSchedule(scheduleConfig);
    } catch (error) {
      throw new Error(
        `innersource.notifications.digest.schedule is not a valid schedule: ${
          (error as Error).message
        }`,
      );
    }
  }
  return {
    tierDrops: flag(section, 'notifications.tierDrops.enabled', false),
    readinessRegressions: flag(
      section,
      'notifications.readinessRegressions.enabled',
      false,
    ),
    digest: {
      enabled: flag(section, 'notifications.digest.enabled', false),
      schedule,
    },
  };
}

function wholeNumber(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `innersource.${key} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

function readSelector(config: Config): EntitySelector {
  if (!config.has('selector')) return DEFAULT_SELECTOR;
  const raw = config.get('selector');
  if (
    raw === null ||
    typeof raw !== 'object' ||
    Array.isArray(raw) ||
    Object.keys(raw).length === 0
  ) {
    throw new Error(
      'innersource.selector must be a map of entity fields to a value or a list of values',
    );
  }
  for (const [key, value] of Object.entries(raw)) {
    const valid =
      typeof value === 'string' ||
      (Array.isArray(value) &&
        value.length > 0 &&
        value.every(v => typeof v === 'string'));
    if (!valid) {
      throw new Error(
        `innersource.selector.${key} must be a string or a list of strings`,
      );
    }
  }
  return raw as EntitySelector;
}

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(config);
  // One replica collects at a time unless the adopter asks otherwise.
  return { ...schedule, scope: schedule.scope ?? 'global' };
}

/** Reads and checks the `innersource` config; a bad key stops the backend with its name. */
export function readSettings(rootConfig: Config): InnerSourceSettings {
  const section =
    rootConfig.getOptionalConfig('innersource') ?? new ConfigReader({});
  const scheduleConfig = section.getOptionalConfig('schedule');
  return {
    windowDays: wholeNumber(section, 'windowDays', 90, 1, 3650),
    agents: [
      ...DEFAULT_AGENTS,
      ...(section.getOptionalStringArray('agents') ?? []),
    ],
    ignoredUsers: section.getOptionalStringArray('ignoredUsers') ?? [],
    labels: readLabelSettings(rootConfig),
    selector: readSelector(section),
    retentionDays: wholeNumber(section, 'retentionDays', 400, 1, 36500),
    staleTaskDays: wholeNumber(section, 'staleTaskDays', 180, 1, 3650),
    concurrency: wholeNumber(section, 'concurrency', 4, 1, 32),
    schedule: scheduleConfig ? readSchedule(scheduleConfig) : DEFAULT_SCHEDULE,
    refresh: {
      perUserPerHour: wholeNumber(
        section,
        'refresh.perUserPerHour',
        10,
        1,
        1000,
      ),
      globalPerHour: wholeNumber(
        section,
        'refresh.globalPerHour',
        120,
        1,
        100000,
      ),
      maxConcurrent: wholeNumber(section, 'refresh.maxConcurrent', 4, 1, 64),
      logRetentionDays: wholeNumber(
        section,
        'refresh.logRetentionDays',
        30,
        1,
        36500,
      ),
    },
    notifications: readNotifications(section),
  };
}
