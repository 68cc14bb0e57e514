import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { lowerRef } from '@innersource-for-backstage/plugin-innersource-common';

export const ADMIN_GROUP_KEY = 'innersource.permissions.adminGroup';
export const DEFAULT_ADMIN_GROUP = 'group:default/platform-team';

export interface PortalPolicySettings {
  /** The full ref of the group whose members may preview scoring changes and read catalog locations. */
  adminGroupRef: string;
}

/** Refs compare without regard to case, as the catalog does. */
export function sameEntityRef(a: string, b: string): boolean {
  return lowerRef(a) === lowerRef(b);
}

function readAdminGroup(config: Config): string {
  const raw = config.getOptionalString(ADMIN_GROUP_KEY) ?? DEFAULT_ADMIN_GROUP;
  let ref;
  try {
    ref = parseEntityRef(raw.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new Error(
      `${ADMIN_GROUP_KEY} must be a group ref such as ${DEFAULT_ADMIN_GROUP}, got "${raw}": ${error}`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `${ADMIN_GROUP_KEY} must name a Group, got "${raw}" (kind ${ref.kind})`,
    );
  }
  return stringifyEntityRef(ref);
}

/** The policy's settings, checked at startup. */
export function readPortalPolicySettings(config: Config): PortalPolicySettings {
  return { adminGroupRef: readAdminGroup(config) };
}
