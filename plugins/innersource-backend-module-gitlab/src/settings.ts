import type { Config } from '@backstage/config';
import { readRepositoryAllowList } from '@innersource-for-backstage/plugin-innersource-node';

/** @public */
export interface GitlabProviderSettings {
  /** Share of each rate-limit window's requests left for the rest of Backstage, 0 to 1. */
  reserve: number;
  /** Requests in flight at once, over all hosts. */
  maxInFlight: number;
  /** A project unchanged for this long is collected again anyway, so its window moves on. */
  maxSnapshotAgeHours: number;
  /** `innersource.repositories.allow`: projects collected whatever their visibility. */
  allow: string[];
}

/** @public */
export const DEFAULT_GITLAB_SETTINGS: GitlabProviderSettings = {
  reserve: 0.2,
  maxInFlight: 4,
  maxSnapshotAgeHours: 24,
  allow: [],
};

/**
 * Reads `innersource.gitlab` and `innersource.repositories.allow`, naming the key when a value is wrong.
 *
 * @public
 */
export function readGitlabSettings(config: Config): GitlabProviderSettings {
  const gitlab = config.getOptionalConfig('innersource.gitlab');
  const reserve =
    gitlab?.getOptionalNumber('reserve') ?? DEFAULT_GITLAB_SETTINGS.reserve;
  if (!(reserve >= 0 && reserve < 1)) {
    throw new Error(
      `innersource.gitlab.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each rate-limit window), got ${reserve}`,
    );
  }
  const maxInFlight =
    gitlab?.getOptionalNumber('maxInFlight') ??
    DEFAULT_GITLAB_SETTINGS.maxInFlight;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 8) {
    throw new Error(
      `innersource.gitlab.maxInFlight must be a whole number from 1 to 8, got ${maxInFlight}`,
    );
  }
  const maxSnapshotAgeHours =
    gitlab?.getOptionalNumber('maxSnapshotAgeHours') ??
    DEFAULT_GITLAB_SETTINGS.maxSnapshotAgeHours;
  if (!(maxSnapshotAgeHours > 0)) {
    throw new Error(
      `innersource.gitlab.maxSnapshotAgeHours must be above 0, got ${maxSnapshotAgeHours}`,
    );
  }
  return {
    reserve,
    maxInFlight,
    maxSnapshotAgeHours,
    allow: readRepositoryAllowList(config),
  };
}
