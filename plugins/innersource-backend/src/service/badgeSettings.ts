import type { Config } from '@backstage/config';
import type { EntitySelector } from '@innersource-for-backstage/plugin-innersource-common';

/** `innersource.badges` as the badge routes use it. */
export interface BadgeSettings {
  /** Every project's badges may be served at a public token URL. */
  public: boolean;
  /** Cache-Control of public badges. */
  cacheControl: string;
  /** Entities whose badges are never public, whatever `public` or their annotation says. */
  neverPublic?: EntitySelector;
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
  const neverPublic = readNeverPublic(config);
  return {
    public: config.getOptionalBoolean('innersource.badges.public') ?? false,
    cacheControl,
    ...(neverPublic ? { neverPublic } : {}),
  };
}

const NEVER_PUBLIC_KEY = 'innersource.badges.neverPublic';

/** An entity selector, as `innersource.selector` is written. */
function readNeverPublic(config: Config): EntitySelector | undefined {
  if (!config.has(NEVER_PUBLIC_KEY)) return undefined;
  const raw = config.get(NEVER_PUBLIC_KEY);
  const entries =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? Object.entries(raw)
      : [];
  if (entries.length === 0) {
    throw new Error(
      `${NEVER_PUBLIC_KEY} must be a map of entity fields to a value or a list of values, such as metadata.annotations.example.com/restricted: 'true'`,
    );
  }
  for (const [key, value] of entries) {
    const valid =
      typeof value === 'string' ||
      (Array.isArray(value) &&
        value.length > 0 &&
        value.every(v => typeof v === 'string'));
    if (!valid) {
      throw new Error(
        `${NEVER_PUBLIC_KEY}.${key} must be a string or a list of strings`,
      );
    }
  }
  return raw as EntitySelector;
}
