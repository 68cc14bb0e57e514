import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import GroupWorkIcon from '@material-ui/icons/GroupWork';
import { innersourceApiRef } from './api/InnerSourceApi';
import { InnerSourceClient } from './api/InnerSourceClient';
import { rootRouteRef } from './routes';

const PROJECT_KINDS = ['component', 'system', 'resource'];
const isProjectKind = (entity: Entity) =>
  PROJECT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
const isGroup = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'group';

export const innersourceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: innersourceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InnerSourceClient({ discoveryApi, fetchApi }),
    }),
});

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
    filter: isProjectKind,
    loader: () =>
      import('./components/EntityInnerSourceCard').then(m => (
        <m.EntityInnerSourceCard />
      )),
  },
});

export const innersourceEntityContent = EntityContentBlueprint.make({
  name: 'project',
  params: {
    path: 'innersource',
    title: 'InnerSource',
    filter: isProjectKind,
    loader: () =>
      import('./components/EntityInnerSourceContent').then(m => (
        <m.EntityInnerSourceContent />
      )),
  },
});

export const innersourceGroupCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: isGroup,
    loader: () =>
      import('./components/EntityInnerSourceGroupCard').then(m => (
        <m.EntityInnerSourceGroupCard />
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
  extensions: [
    innersourceApi,
    innersourcePage,
    innersourceEntityCard,
    innersourceEntityContent,
    innersourceGroupCard,
  ],
  routes: {
    root: rootRouteRef,
  },
});
