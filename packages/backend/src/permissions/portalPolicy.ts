import type { UserInfoService } from '@backstage/backend-plugin-api';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  innersourceProjectRefreshPermission,
  innersourceScoringPreviewPermission,
} from '@innersource-for-backstage/plugin-innersource-common';
import { sameEntityRef } from './settings';

/**
 * Entities annotated `innersource.example/restricted: "true"` are readable
 * only by their owners (the example `restricted-project` carries it).
 */
export const RESTRICTED_ANNOTATION = 'innersource.example/restricted';

export interface PortalPolicyOptions {
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  /** Members of this group may preview scoring changes. */
  adminGroupRef: string;
  /** Whether any of these refs (a user and their groups) owns an InnerSource project. */
  ownsInnerSourceProject(ownershipEntityRefs: string[]): Promise<boolean>;
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** An entity is visible unless it is restricted and the caller owns none of it. */
export function visibleTo(
  claims: string[],
): PermissionCriteria<
  PermissionCondition<typeof RESOURCE_TYPE_CATALOG_ENTITY>
> {
  const unrestricted = {
    not: catalogConditions.hasAnnotation({
      annotation: RESTRICTED_ANNOTATION,
      value: 'true',
    }),
  };
  if (claims.length === 0) return unrestricted;
  return {
    anyOf: [unrestricted, catalogConditions.isEntityOwner({ claims })],
  };
}

/**
 * This portal's permission policy (see the README's production section):
 * catalog entities readable and usable as before except restricted ones,
 * which only their owners see; refresh for owners of InnerSource projects;
 * scoring previews for the admin group.
 */
export class InnerSourcePortalPolicy implements PermissionPolicy {
  constructor(private readonly options: PortalPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      // Reading, refreshing and unregistering alike: what a caller may not
      // read, they may not touch or probe either.
      return createCatalogConditionalDecision(
        permission,
        visibleTo(await this.claimsOf(user)),
      );
    }
    if (isPermission(permission, innersourceScoringPreviewPermission)) {
      const claims = await this.claimsOf(user);
      return claims.some(ref => sameEntityRef(ref, this.options.adminGroupRef))
        ? ALLOW
        : DENY;
    }
    if (isPermission(permission, innersourceProjectRefreshPermission)) {
      // A basic permission: the request names no entity, so the policy cannot
      // check that the caller owns the one being refreshed.
      const claims = await this.claimsOf(user);
      return claims.length > 0 &&
        (await this.options.ownsInnerSourceProject(claims))
        ? ALLOW
        : DENY;
    }
    return ALLOW;
  }

  private async claimsOf(user?: PolicyQueryUser): Promise<string[]> {
    if (!user) return [];
    const info = await this.options.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs;
  }
}
