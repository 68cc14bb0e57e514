import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { innersourceProvidersExtensionPoint } from '@innersource-for-backstage/plugin-innersource-node';
import { GitlabProvider } from './GitlabProvider';

/**
 * Collects InnerSource facts and help-wanted issues from the GitLab hosts in
 * `integrations.gitlab` (GitLab.com and self-managed), with their tokens.
 *
 * @public
 */
export const innersourceModuleGitlab = createBackendModule({
  pluginId: 'innersource',
  moduleId: 'gitlab',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: innersourceProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        providers.addProvider(GitlabProvider.fromConfig(config, { logger }));
      },
    });
  },
});
