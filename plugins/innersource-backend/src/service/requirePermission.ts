import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Throws a 403 naming the permission unless the policy allows it to the caller. */
export async function requirePermission(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
  whatItGuards: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not ${whatItGuards} (${permission.name})`,
    );
  }
}

/**
 * Throws a 403 naming the permission unless the policy allows it to the
 * caller for this catalog entity (its conditions applied by the catalog).
 * Call it only once the caller may read the entity, so a 403 confirms
 * nothing a 404 would have hidden.
 */
export async function requireEntityPermission(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
  credentials: BackstageCredentials,
  whatItGuards: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not ${whatItGuards} of ${entityRef} (${permission.name})`,
    );
  }
}

/** Whether the policy allows the caller this permission for this catalog entity. */
export async function mayOnEntity(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
