import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@backstage/core-plugin-api';

export const legacyRootRouteRef = createRouteRef({ id: 'innersource' });

/**
 * The InnerSource plugin for apps still on the legacy frontend system.
 *
 * @public
 */
export const innersourcePlugin = createPlugin({
  id: 'innersource',
  routes: { root: legacyRootRouteRef },
});

/**
 * The InnerSource page, for a `<Route path="/innersource">` in a legacy app.
 *
 * @public
 */
export const InnerSourcePage = innersourcePlugin.provide(
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
export const EntityInnerSourceCard = innersourcePlugin.provide(
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
