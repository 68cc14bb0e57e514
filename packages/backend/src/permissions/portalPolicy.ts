import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogLocationReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
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
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  innersourceBadgeRotatePermission,
  innersourceProjectRefreshPermission,
  innersourceReadinessProposePermission,
  innersourceScoringPreviewPermission,
} from '@innersource-for-backstage/plugin-innersource-common';
import { sameEntityRef } from './settings';

/**
 * Entities annotated `innersource.example/restricted: "true"` are readable
 * only by their owners (the example `restricted-project` carries it).
 */
export const RESTRICTED_ANNOTATION = 'innersource.example/restricted';

/** The scaffolder's task resource (`RESOURCE_TYPE_SCAFFOLDER_TASK`): `scaffolder.task.read` and `.cancel`. */
const SCAFFOLDER_TASK = 'scaffolder-task';

/** What the portal does to an entity for its owners only (the README's permissions table). */
const OWNERS_ONLY = [
  innersourceProjectRefreshPermission,
  innersourceBadgeRotatePermission,
  innersourceReadinessProposePermission,
];

export interface PortalPolicyOptions {
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  /** Members of this group may preview scoring changes and read catalog locations. */
  adminGroupRef: string;
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
 * This portal's permission policy (see the README's "Who may see what"):
 * catalog entities readable and usable as before except restricted ones,
 * which only their owners see; refreshing, rotating badge URLs and proposing
 * readiness changes per entity for its owners; scaffolder tasks for whoever
 * started them; catalog locations and scoring previews for the admin group.
 */
export class InnerSourcePortalPolicy implements PermissionPolicy {
  constructor(private readonly options: PortalPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (OWNERS_ONLY.some(owned => isPermission(permission, owned))) {
      // Checked per entity (the request names it): its owners, nobody else.
      const claims = await this.claimsOf(user);
      if (claims.length === 0 || !isResourcePermission(permission)) return DENY;
      return createCatalogConditionalDecision(
        permission as typeof innersourceProjectRefreshPermission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      // Reading, refreshing and unregistering alike: what a caller may not
      // read, they may not touch or probe either.
      return createCatalogConditionalDecision(
        permission,
        visibleTo(await this.claimsOf(user)),
      );
    }
    if (isResourcePermission(permission, SCAFFOLDER_TASK)) {
      // Reading (the task list included) and cancelling: a task's parameters,
      // log and output name the entity it ran for, restricted ones too.
      const userEntityRef = user?.info.userEntityRef;
      if (!userEntityRef) return DENY;
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({ createdBy: [userEntityRef] }),
      );
    }
    if (
      isPermission(permission, innersourceScoringPreviewPermission) ||
      isPermission(permission, catalogLocationReadPermission)
    ) {
      // Locations name every registered file, restricted entities' included.
      return (await this.isAdmin(user)) ? ALLOW : DENY;
    }
    return ALLOW;
  }

  private async isAdmin(user?: PolicyQueryUser): Promise<boolean> {
    const claims = await this.claimsOf(user);
    return claims.some(ref => sameEntityRef(ref, this.options.adminGroupRef));
  }

  private async claimsOf(user?: PolicyQueryUser): Promise<string[]> {
    if (!user) return [];
    const info = await this.options.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs;
  }
}
