import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
  SubPageBlueprint,
  useApi,
} from '@backstage/frontend-plugin-api';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Content } from '@backstage/core-components';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityContextMenuItemBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { useEntity } from '@backstage/plugin-catalog-react';
import LabelIcon from '@material-ui/icons/Label';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import GroupWorkIcon from '@material-ui/icons/GroupWork';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { InnerSourceClient } from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from './api/InnerSourceApi';
import {
  helpWantedRouteRef,
  rootRouteRef,
  scoringRouteRef,
  templateRouteRef,
} from './routes';

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
  },
});

export const innersourceProjectsPage = SubPageBlueprint.make({
  name: 'projects',
  params: {
    path: 'projects',
    title: 'Projects',
    loader: () =>
      import('./components/ProjectsTab').then(m => (
        <ReactRouterV6PageRouter>
          <Content>
            <m.ProjectsTab />
          </Content>
        </ReactRouterV6PageRouter>
      )),
  },
});

export const innersourceHelpWantedPage = SubPageBlueprint.make({
  name: 'help-wanted',
  params: {
    path: 'help-wanted',
    title: 'Help wanted',
    routeRef: helpWantedRouteRef,
    loader: () =>
      import('./components/HelpWantedPage').then(m => (
        <ReactRouterV6PageRouter>
          <Content>
            <m.HelpWantedPage />
          </Content>
        </ReactRouterV6PageRouter>
      )),
  },
});

export const innersourceScoringPage = SubPageBlueprint.make({
  name: 'scoring',
  params: {
    path: 'scoring',
    title: 'Scoring',
    routeRef: scoringRouteRef,
    loader: () =>
      import('./components/ScoringPage').then(m => (
        <Content>
          <m.ScoringPage />
        </Content>
      )),
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

/** "InnerSource badges" in the entity page's menu: the badges dialog. */
export const innersourceBadgesContextMenuItem =
  EntityContextMenuItemBlueprint.make({
    name: 'badges',
    params: {
      icon: <LabelIcon fontSize="small" />,
      filter: isProjectKind,
      useProps: () => {
        const { entity } = useEntity();
        const dialogApi = useApi(coreApis.dialog);
        const entityRef = stringifyEntityRef(entity);
        return {
          title: 'InnerSource badges',
          onClick: async () => {
            const { BadgesDialog } = await import('./components/BadgesDialog');
            dialogApi.open(({ dialog }) => (
              <BadgesDialog
                entityRef={entityRef}
                open
                onClose={() => dialog.close()}
              />
            ));
          },
        };
      },
    },
  });

/** "InnerSource projects looking for help" for Backstage's home page. */
export const innersourceLookingForHelpHomeWidget = HomePageWidgetBlueprint.make(
  {
    name: 'looking-for-help',
    params: {
      // The name a home page's defaultConfig uses for the card.
      name: 'InnerSourceLookingForHelp',
      title: 'InnerSource projects looking for help',
      description:
        'The best-scored InnerSource projects with open help-wanted issues or asks in their innersource.json.',
      components: () =>
        import('./components/HomePageCard').then(m => ({
          Content: m.LookingForHelpContent,
        })),
      layout: { width: { defaultColumns: 6 }, height: { defaultRows: 4 } },
    },
  },
);

export const innersourceTaskSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'task',
    params: {
      icon: <HelpOutlineIcon />,
      predicate: result => result.type === 'innersource-task',
      component: () =>
        import('./components/SearchResultItems').then(
          m => m.InnerSourceTaskSearchResultListItem,
        ),
    },
  });

export const innersourceProjectSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'project',
    params: {
      icon: <GroupWorkIcon />,
      predicate: result => result.type === 'innersource-project',
      component: () =>
        import('./components/SearchResultItems').then(
          m => m.InnerSourceProjectSearchResultListItem,
        ),
    },
  });

/** "Help wanted" and "InnerSource projects" among the search page's result types. */
export const innersourceTaskSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    name: 'task',
    params: {
      value: 'innersource-task',
      name: 'Help wanted',
      icon: <HelpOutlineIcon />,
    },
  });

export const innersourceProjectSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    name: 'project',
    params: {
      value: 'innersource-project',
      name: 'InnerSource projects',
      icon: <GroupWorkIcon />,
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
    innersourceProjectsPage,
    innersourceHelpWantedPage,
    innersourceScoringPage,
    innersourceEntityCard,
    innersourceEntityContent,
    innersourceGroupCard,
    innersourceBadgesContextMenuItem,
    innersourceLookingForHelpHomeWidget,
    innersourceTaskSearchResultListItem,
    innersourceProjectSearchResultListItem,
    innersourceTaskSearchResultType,
    innersourceProjectSearchResultType,
  ],
  routes: {
    root: rootRouteRef,
    helpWanted: helpWantedRouteRef,
    scoring: scoringRouteRef,
  },
  externalRoutes: {
    scaffolderTemplate: templateRouteRef,
  },
});
