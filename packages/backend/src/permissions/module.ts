import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ownsInnerSourceProject } from './innerSourceOwnership';
import { InnerSourcePortalPolicy } from './portalPolicy';
import { readPortalPolicySettings } from './settings';

/** Installs this portal's permission policy in the permission backend. */
export const permissionModuleInnerSourcePortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'innersource-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ policy, config, userInfo, auth, catalog }) {
        const { adminGroupRef, selector } = readPortalPolicySettings(config);
        policy.setPolicy(
          new InnerSourcePortalPolicy({
            userInfo,
            adminGroupRef,
            ownsInnerSourceProject: async ownershipEntityRefs =>
              ownsInnerSourceProject({
                catalog,
                credentials: await auth.getOwnServiceCredentials(),
                selector,
                ownershipEntityRefs,
              }),
          }),
        );
      },
    });
  },
});
