import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  innersourceBadgeRotatePermission,
  innersourceProjectRefreshPermission,
  innersourceReadinessProposePermission,
  innersourceScoringPreviewPermission,
} from '@innersource-for-backstage/plugin-innersource-common';
import { InnerSourcePortalPolicy, RESTRICTED_ANNOTATION } from './portalPolicy';
import { DEFAULT_ADMIN_GROUP } from './settings';

/** The example org's people: a user ref and the groups they are in. */
const PEOPLE = {
  // examples/org.yaml: the guest sign-in, in the payments team
  guest: ['user:default/guest', 'group:default/payments-team'],
  // the security team owns restricted-project
  owner: ['user:default/erin', 'group:default/security-team'],
  // the platform team is the default admin group
  admin: ['user:default/alice', 'group:default/platform-team'],
  // a team that owns nothing InnerSource
  outsider: ['user:default/olga', 'group:default/sales-team'],
} as const;
type Person = keyof typeof PEOPLE | 'nobody';

function component(
  name: string,
  owner: string,
  options: { tags?: string[]; restricted?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      tags: options.tags ?? ['innersource'],
      annotations:
        options.restricted === undefined
          ? {}
          : { [RESTRICTED_ANNOTATION]: options.restricted },
    },
    spec: { type: 'service', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const ENTITIES = {
  paymentGateway: component('payment-gateway', 'payments-team'),
  restricted: component('restricted-project', 'security-team', {
    restricted: 'true',
  }),
  notRestricted: component('open-project', 'security-team', {
    restricted: 'false',
  }),
  salesTool: component('sales-tool', 'sales-team', { tags: [] }),
};
type EntityName = keyof typeof ENTITIES;

function policy(adminGroupRef = DEFAULT_ADMIN_GROUP) {
  return new InnerSourcePortalPolicy({
    // ownership as the catalog sign-in resolves it: the user and their groups
    userInfo: {
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        const person = Object.values(PEOPLE).find(refs => refs[0] === ref)!;
        return { userEntityRef: ref, ownershipEntityRefs: [...person] };
      },
    },
    adminGroupRef,
  });
}

function userOf(person: Person): PolicyQueryUser | undefined {
  if (person === 'nobody') return undefined;
  const userEntityRef = PEOPLE[person][0];
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [...PEOPLE[person]] },
  };
}

const ruleset = {
  getRuleByName: (name: string) =>
    Object.values(permissionRules).find(rule => rule.name === name)!,
};
const authorizeOn = createConditionAuthorizer<Entity>(ruleset);

/** Whether `person` may do `permission` to the entity, conditions applied as the catalog does. */
async function mayOnEntity(
  person: Person,
  permission: Permission,
  entity: EntityName,
): Promise<boolean> {
  const decision = await policy().handle({ permission }, userOf(person));
  return authorizeOn(decision, ENTITIES[entity]);
}

describe('InnerSourcePortalPolicy', () => {
  describe('catalog entities: restricted ones only for their owners', () => {
    it.each`
      person        | entity              | allowed
      ${'guest'}    | ${'paymentGateway'} | ${true}
      ${'guest'}    | ${'restricted'}     | ${false}
      ${'guest'}    | ${'notRestricted'}  | ${true}
      ${'owner'}    | ${'restricted'}     | ${true}
      ${'owner'}    | ${'paymentGateway'} | ${true}
      ${'admin'}    | ${'restricted'}     | ${false}
      ${'outsider'} | ${'salesTool'}      | ${true}
      ${'nobody'}   | ${'paymentGateway'} | ${true}
      ${'nobody'}   | ${'restricted'}     | ${false}
    `(
      '$person reads $entity: $allowed',
      async ({ person, entity, allowed }) => {
        expect(
          await mayOnEntity(person, catalogEntityReadPermission, entity),
        ).toBe(allowed);
      },
    );

    it.each`
      person     | permission                        | entity              | allowed
      ${'guest'} | ${catalogEntityRefreshPermission} | ${'restricted'}     | ${false}
      ${'guest'} | ${catalogEntityDeletePermission}  | ${'restricted'}     | ${false}
      ${'guest'} | ${catalogEntityDeletePermission}  | ${'paymentGateway'} | ${true}
      ${'owner'} | ${catalogEntityRefreshPermission} | ${'restricted'}     | ${true}
      ${'owner'} | ${catalogEntityDeletePermission}  | ${'restricted'}     | ${true}
    `(
      '$person: $permission.name on $entity: $allowed',
      async ({ person, permission, entity, allowed }) => {
        expect(await mayOnEntity(person, permission, entity)).toBe(allowed);
      },
    );

    it('hands the catalog a condition it can turn into a query', async () => {
      const decision = await policy().handle(
        { permission: catalogEntityReadPermission },
        userOf('guest'),
      );
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
      });
    });
  });

  describe('refresh, badge rotation and readiness proposals: per entity, for its owners', () => {
    const OWNERS_ONLY = [
      innersourceProjectRefreshPermission,
      innersourceBadgeRotatePermission,
      innersourceReadinessProposePermission,
    ];

    it.each`
      person        | entity              | allowed
      ${'guest'}    | ${'paymentGateway'} | ${true}
      ${'guest'}    | ${'restricted'}     | ${false}
      ${'guest'}    | ${'notRestricted'}  | ${false}
      ${'owner'}    | ${'restricted'}     | ${true}
      ${'owner'}    | ${'notRestricted'}  | ${true}
      ${'owner'}    | ${'paymentGateway'} | ${false}
      ${'admin'}    | ${'paymentGateway'} | ${false}
      ${'outsider'} | ${'salesTool'}      | ${true}
      ${'outsider'} | ${'paymentGateway'} | ${false}
      ${'nobody'}   | ${'paymentGateway'} | ${false}
    `('$person on $entity: $allowed', async ({ person, entity, allowed }) => {
      for (const permission of OWNERS_ONLY) {
        expect([
          permission.name,
          await mayOnEntity(person, permission, entity),
        ]).toEqual([permission.name, allowed]);
      }
    });

    it('denies outright a caller with no ownership claims', async () => {
      for (const permission of OWNERS_ONLY) {
        expect(await policy().handle({ permission }, userOf('nobody'))).toEqual(
          { result: AuthorizeResult.DENY },
        );
      }
    });

    it('hands the catalog its owner condition', async () => {
      const decision = await policy().handle(
        { permission: innersourceProjectRefreshPermission },
        userOf('guest'),
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: [...PEOPLE.guest] },
        },
      });
    });
  });

  describe('scaffolder tasks: only whoever started them', () => {
    const taskRead = createPermission({
      name: 'scaffolder.task.read',
      attributes: { action: 'read' },
      resourceType: 'scaffolder-task',
    });
    const taskCancel = createPermission({
      name: 'scaffolder.task.cancel',
      attributes: {},
      resourceType: 'scaffolder-task',
    });

    it.each([[taskRead], [taskCancel]])(
      '%p is conditional on IS_TASK_OWNER with the caller',
      async permission => {
        expect(await policy().handle({ permission }, userOf('owner'))).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: ['user:default/erin'] },
          },
        });
      },
    );

    it('denies a caller who is no user', async () => {
      expect(
        await policy().handle({ permission: taskRead }, undefined),
      ).toEqual({ result: AuthorizeResult.DENY });
    });
  });

  describe('permissions without a resource', () => {
    const searchQuery = createPermission({
      name: 'search.query',
      attributes: { action: 'read' },
    });

    it.each`
      person        | permission                             | result
      ${'admin'}    | ${innersourceScoringPreviewPermission} | ${AuthorizeResult.ALLOW}
      ${'guest'}    | ${innersourceScoringPreviewPermission} | ${AuthorizeResult.DENY}
      ${'owner'}    | ${innersourceScoringPreviewPermission} | ${AuthorizeResult.DENY}
      ${'nobody'}   | ${innersourceScoringPreviewPermission} | ${AuthorizeResult.DENY}
      ${'admin'}    | ${catalogLocationReadPermission}       | ${AuthorizeResult.ALLOW}
      ${'guest'}    | ${catalogLocationReadPermission}       | ${AuthorizeResult.DENY}
      ${'owner'}    | ${catalogLocationReadPermission}       | ${AuthorizeResult.DENY}
      ${'outsider'} | ${catalogLocationReadPermission}       | ${AuthorizeResult.DENY}
      ${'nobody'}   | ${catalogLocationReadPermission}       | ${AuthorizeResult.DENY}
      ${'guest'}    | ${catalogEntityCreatePermission}       | ${AuthorizeResult.ALLOW}
      ${'guest'}    | ${catalogLocationCreatePermission}     | ${AuthorizeResult.ALLOW}
      ${'guest'}    | ${searchQuery}                         | ${AuthorizeResult.ALLOW}
    `(
      '$person: $permission.name is $result',
      async ({ person, permission, result }) => {
        expect(await policy().handle({ permission }, userOf(person))).toEqual({
          result,
        });
      },
    );

    it('lets the members of a configured admin group preview scoring', async () => {
      const securityAdmins = policy('group:default/security-team');
      const decide = async (person: Person) =>
        (
          await securityAdmins.handle(
            { permission: innersourceScoringPreviewPermission },
            userOf(person),
          )
        ).result;
      expect(await decide('owner')).toBe(AuthorizeResult.ALLOW);
      expect(await decide('admin')).toBe(AuthorizeResult.DENY);
    });

    it('compares the admin group without regard to case', async () => {
      const decision = await policy('Group:Default/Platform-Team').handle(
        { permission: innersourceScoringPreviewPermission },
        userOf('admin'),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    });
  });
});
