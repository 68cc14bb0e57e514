import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import GroupWorkIcon from '@material-ui/icons/GroupWork';
import { rootRouteRef } from './routes';

const PROJECT_KINDS = ['component', 'system', 'resource'];

export const innersourcePage = PageBlueprint.make({
  params: {
    path: '/innersource',
    title: 'InnerSource',
    icon: <GroupWorkIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/InnerSourcePage').then(m => <m.InnerSourcePage />),
  },
});

export const innersourceEntityCard = EntityCardBlueprint.make({
  name: 'project',
  params: {
    type: 'info',
    filter: entity =>
      PROJECT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')),
    loader: () =>
      import('./components/EntityInnerSourceCard').then(m => (
        <m.EntityInnerSourceCard />
      )),
  },
});

/**
 * The InnerSource frontend plugin for apps on the new frontend system.
 *
 * @public
 */
export const innersourcePlugin = createFrontendPlugin({
  pluginId: 'innersource',
  info: { packageJson: () => import('../package.json') },
  extensions: [innersourcePage, innersourceEntityCard],
  routes: {
    root: rootRouteRef,
  },
});
