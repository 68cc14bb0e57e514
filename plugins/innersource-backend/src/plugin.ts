import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { innersourcePermissions } from '@internal/plugin-innersource-common';
import { createRouter } from './service/router';

/**
 * The InnerSource backend plugin: collects repository facts, scores
 * InnerSource projects and serves them at /api/innersource.
 *
 * @public
 */
export const innersourcePlugin = createBackendPlugin({
  pluginId: 'innersource',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(innersourcePermissions);
        httpRouter.use(await createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
