import type { Config } from '@backstage/config';
import {
  ForgeProviderSettings,
  readForgeProviderSettings,
} from '@innersource-for-backstage/plugin-innersource-node';

/**
 * `innersource.gitlab` and `innersource.repositories.allow`; the reserve is a
 * share of each rate-limit window's requests, in flight is over all hosts.
 *
 * @public
 */
export type GitlabProviderSettings = ForgeProviderSettings;

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
  return readForgeProviderSettings(config, {
    forge: 'gitlab',
    defaults: DEFAULT_GITLAB_SETTINGS,
    reserveOf: 'each rate-limit window',
  });
}
