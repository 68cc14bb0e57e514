import type { Config } from '@backstage/config';
import { readRepositoryAllowList } from '@innersource-for-backstage/plugin-innersource-node';

/** @public */
export interface GithubProviderSettings {
  /** Share of each hour's points left for the rest of Backstage, 0 to 1. */
  reserve: number;
  /** Requests in flight at once, over all credentials. */
  maxInFlight: number;
  /** A repository unchanged for this long is collected again anyway, so its window moves on. */
  maxSnapshotAgeHours: number;
  /** `innersource.repositories.allow`: repositories collected whatever their visibility. */
  allow: string[];
}

/** @public */
export const DEFAULT_GITHUB_SETTINGS: GithubProviderSettings = {
  reserve: 0.2,
  maxInFlight: 8,
  maxSnapshotAgeHours: 24,
  allow: [],
};

/**
 * Reads `innersource.github`, naming the key when a value is wrong.
 *
 * @public
 */
export function readGithubSettings(config: Config): GithubProviderSettings {
  const github = config.getOptionalConfig('innersource.github');
  const reserve =
    github?.getOptionalNumber('reserve') ?? DEFAULT_GITHUB_SETTINGS.reserve;
  if (!(reserve >= 0 && reserve < 1)) {
    throw new Error(
      `innersource.github.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each hour's points), got ${reserve}`,
    );
  }
  const maxInFlight =
    github?.getOptionalNumber('maxInFlight') ??
    DEFAULT_GITHUB_SETTINGS.maxInFlight;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 8) {
    throw new Error(
      `innersource.github.maxInFlight must be a whole number from 1 to 8, got ${maxInFlight}`,
    );
  }
  const maxSnapshotAgeHours =
    github?.getOptionalNumber('maxSnapshotAgeHours') ??
    DEFAULT_GITHUB_SETTINGS.maxSnapshotAgeHours;
  if (!(maxSnapshotAgeHours > 0)) {
    throw new Error(
      `innersource.github.maxSnapshotAgeHours must be above 0, got ${maxSnapshotAgeHours}`,
    );
  }
  return {
    reserve,
    maxInFlight,
    maxSnapshotAgeHours,
    allow: readRepositoryAllowList(config),
  };
}
