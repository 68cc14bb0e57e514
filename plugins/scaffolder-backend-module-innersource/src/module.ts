import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { InnerSourceClient } from '@innersource-for-backstage/plugin-innersource-common';
import { readLabelSettings } from '@innersource-for-backstage/plugin-innersource-node';
import { createReadinessPullRequestAction } from './actions/readinessPullRequest';
import { GithubReadinessRepository } from './github/GithubReadinessRepository';
import { GitlabReadinessRepository } from './gitlab/GitlabReadinessRepository';

/**
 * Adds `innersource:readiness:pull-request` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleInnerSource = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'innersource',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        actions: scaffolderActionsExtensionPoint,
      },
      async init({ config, discovery, auth, permissions, catalog, actions }) {
        actions.addActions(
          createReadinessPullRequestAction({
            catalog,
            auth,
            permissions,
            innersource: new InnerSourceClient({ discoveryApi: discovery }),
            github: GithubReadinessRepository.fromConfig(config),
            gitlab: GitlabReadinessRepository.fromConfig(config),
            labels: readLabelSettings(config),
          }),
        );
      },
    });
  },
});
