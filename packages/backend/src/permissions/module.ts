import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
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
      },
      async init({ policy, config, userInfo }) {
        const { adminGroupRef } = readPortalPolicySettings(config);
        policy.setPolicy(
          new InnerSourcePortalPolicy({ userInfo, adminGroupRef }),
        );
      },
    });
  },
});
