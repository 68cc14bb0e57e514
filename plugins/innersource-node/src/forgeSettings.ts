import type { Config } from '@backstage/config';
import { readRepositoryAllowList } from './repositoryRule';

/**
 * What a forge provider reads from config: its section `innersource.<forge>`
 * and `innersource.repositories.allow`.
 *
 * @public
 */
export interface ForgeProviderSettings {
  /**
   * `innersource.<forge>.reserve`: the share of the forge's API rate limit
   * left for the rest of Backstage, from 0 to below 1.
   */
  reserve: number;
  /** `innersource.<forge>.maxInFlight`: requests in flight at once, 1 to 8. */
  maxInFlight: number;
  /**
   * `innersource.<forge>.maxSnapshotAgeHours`: a repository unchanged for
   * this long is collected again anyway, so its window moves on.
   */
  maxSnapshotAgeHours: number;
  /** `innersource.repositories.allow`: repositories collected whatever their visibility. */
  allow: string[];
}

/**
 * How {@link readForgeProviderSettings} reads one forge's section.
 *
 * @public
 */
export interface ForgeProviderSettingsOptions {
  /** The section under `innersource`: `github` reads `innersource.github`. */
  forge: string;
  /** The values of the keys the section does not set. */
  defaults: Omit<ForgeProviderSettings, 'allow'>;
  /**
   * What the reserve is a share of, in the error about a wrong one:
   * `each hour's points` gives `(0.2 keeps 20% of each hour's points)`.
   */
  reserveOf: string;
}

/**
 * Reads a forge provider's settings, the defaults where a key is not set.
 * Throws naming the full key (`innersource.github.reserve`) of a wrong value.
 *
 * @public
 */
export function readForgeProviderSettings(
  config: Config,
  options: ForgeProviderSettingsOptions,
): ForgeProviderSettings {
  const { forge, defaults, reserveOf } = options;
  const section = config.getOptionalConfig(`innersource.${forge}`);
  const key = (name: string) => `innersource.${forge}.${name}`;

  const reserve = section?.getOptionalNumber('reserve') ?? defaults.reserve;
  if (!(reserve >= 0 && reserve < 1)) {
    throw new Error(
      `${key(
        'reserve',
      )} must be a share from 0 to below 1 (0.2 keeps 20% of ${reserveOf}), got ${reserve}`,
    );
  }
  const maxInFlight =
    section?.getOptionalNumber('maxInFlight') ?? defaults.maxInFlight;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 8) {
    throw new Error(
      `${key(
        'maxInFlight',
      )} must be a whole number from 1 to 8, got ${maxInFlight}`,
    );
  }
  const maxSnapshotAgeHours =
    section?.getOptionalNumber('maxSnapshotAgeHours') ??
    defaults.maxSnapshotAgeHours;
  if (!(maxSnapshotAgeHours > 0)) {
    throw new Error(
      `${key(
        'maxSnapshotAgeHours',
      )} must be above 0, got ${maxSnapshotAgeHours}`,
    );
  }
  return {
    reserve,
    maxInFlight,
    maxSnapshotAgeHours,
    allow: readRepositoryAllowList(config),
  };
}
