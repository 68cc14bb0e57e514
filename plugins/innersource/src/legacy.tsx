import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { InnerSourceClient } from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from './api/InnerSourceApi';

export const legacyRootRouteRef = createRouteRef({ id: 'innersource' });

/**
 * The InnerSource plugin for apps still on the legacy frontend system.
 *
 * @public
 */
export const innersourcePlugin = createPlugin({
  id: 'innersource',
  apis: [
    createApiFactory({
      api: innersourceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InnerSourceClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/**
 * The InnerSource page, for a `<Route path="/innersource">` in a legacy app.
 *
 * @public
 */
export const InnerSourcePage: () => JSX.Element = innersourcePlugin.provide(
  createRoutableExtension({
    name: 'InnerSourcePage',
    component: () =>
      import('./components/InnerSourcePage/LegacyInnerSourcePage').then(
        m => m.LegacyInnerSourcePage,
      ),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The InnerSource card, for the overview of a legacy app's entity page.
 *
 * @public
 */
export const EntityInnerSourceCard: () => JSX.Element =
  innersourcePlugin.provide(
    createComponentExtension({
      name: 'EntityInnerSourceCard',
      component: {
        lazy: () =>
          import('./components/EntityInnerSourceCard').then(
            m => m.EntityInnerSourceCard,
          ),
      },
    }),
  );

/**
 * The InnerSource tab, for an `<EntityLayout.Route path="/innersource">` in a legacy app.
 *
 * @public
 */
export const EntityInnerSourceContent: () => JSX.Element =
  innersourcePlugin.provide(
    createComponentExtension({
      name: 'EntityInnerSourceContent',
      component: {
        lazy: () =>
          import('./components/EntityInnerSourceContent').then(
            m => m.EntityInnerSourceContent,
          ),
      },
    }),
  );

/**
 * The InnerSource card for a Group's page in a legacy app.
 *
 * @public
 */
export const EntityInnerSourceGroupCard: () => JSX.Element =
  innersourcePlugin.provide(
    createComponentExtension({
      name: 'EntityInnerSourceGroupCard',
      component: {
        lazy: () =>
          import('./components/EntityInnerSourceGroupCard').then(
            m => m.EntityInnerSourceGroupCard,
          ),
      },
    }),
  );

/**
 * "InnerSource projects looking for help", a card for a legacy app's home
 * page (`@backstage/plugin-home`).
 *
 * @public
 */
export const InnerSourceLookingForHelpCard = innersourcePlugin.provide(
  createCardExtension<{ limit?: number }>({
    name: 'InnerSourceLookingForHelpCard',
    title: 'InnerSource projects looking for help',
    components: () =>
      import('./components/HomePageCard').then(m => ({
        Content: m.LookingForHelpContent,
      })),
  }),
);

/**
 * Props of {@link EntityInnerSourceBadgesDialog}.
 *
 * @public
 */
export interface EntityInnerSourceBadgesDialogProps {
  /** The entity whose badges are shown, as a ref (`component:default/x`). */
  entityRef: string;
  open: boolean;
  onClose(): void;
}

/**
 * The badges dialog of an entity, for a legacy app's entity page: open it
 * from `EntityLayout`'s `UNSTABLE_extraContextMenuItems`.
 *
 * @public
 */
export const EntityInnerSourceBadgesDialog: (
  props: EntityInnerSourceBadgesDialogProps,
) => JSX.Element = innersourcePlugin.provide(
  createComponentExtension({
    name: 'EntityInnerSourceBadgesDialog',
    component: {
      lazy: () => import('./components/BadgesDialog').then(m => m.BadgesDialog),
    },
  }),
);
