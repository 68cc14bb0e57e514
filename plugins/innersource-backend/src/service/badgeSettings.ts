import type { Config } from '@backstage/config';

/** `innersource.badges` as the badge routes use it. */
export interface BadgeSettings {
  /** Every project's badges may be served at a public token URL. */
  public: boolean;
  /** Cache-Control of public badges. */
  cacheControl: string;
}

export const DEFAULT_BADGE_CACHE_CONTROL = 'public, max-age=300';

// A header value: visible ASCII and spaces only.
const HEADER_VALUE = /^[\x20-\x7e]+$/;

/** Reads `innersource.badges`; a value the routes cannot use stops the backend, naming its key. */
export function readBadgeSettings(config: Config): BadgeSettings {
  const cacheControl =
    config.getOptionalString('innersource.badges.cacheControl') ??
    DEFAULT_BADGE_CACHE_CONTROL;
  if (!HEADER_VALUE.test(cacheControl)) {
    throw new Error(
      `innersource.badges.cacheControl must be a Cache-Control header value (visible ASCII), got ${JSON.stringify(
        cacheControl,
      )}`,
    );
  }
  return {
    public: config.getOptionalBoolean('innersource.badges.public') ?? false,
    cacheControl,
  };
}
