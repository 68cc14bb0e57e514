import type { Config } from '@backstage/config';
import {
  ForgeProviderSettings,
  readForgeProviderSettings,
} from '@innersource-for-backstage/plugin-innersource-node';

/**
 * `innersource.github` and `innersource.repositories.allow`; the reserve is a
 * share of each hour's GraphQL points, in flight is over all credentials.
 *
 * @public
 */
export type GithubProviderSettings = ForgeProviderSettings;

/** @public */
export const DEFAULT_GITHUB_SETTINGS: GithubProviderSettings = {
  reserve: 0.2,
  maxInFlight: 8,
  maxSnapshotAgeHours: 24,
  allow: [],
};

/**
 * Reads `innersource.github` and `innersource.repositories.allow`, naming the key when a value is wrong.
 *
 * @public
 */
export function readGithubSettings(config: Config): GithubProviderSettings {
  return readForgeProviderSettings(config, {
    forge: 'github',
    defaults: DEFAULT_GITHUB_SETTINGS,
    reserveOf: "each hour's points",
  });
}
