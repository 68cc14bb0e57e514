import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { innersourceProvidersExtensionPoint } from '@innersource-for-backstage/plugin-innersource-node';
import { GithubProvider } from './GithubProvider';

/**
 * Collects InnerSource facts and help-wanted issues from the GitHub hosts in
 * `integrations.github`, with their tokens or GitHub Apps.
 *
 * @public
 */
export const innersourceModuleGithub = createBackendModule({
  pluginId: 'innersource',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: innersourceProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        providers.addProvider(GithubProvider.fromConfig(config, { logger }));
      },
    });
  },
});
