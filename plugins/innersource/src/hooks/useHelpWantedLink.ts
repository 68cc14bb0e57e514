import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import { taskQueryToSearchParams } from '@innersource-for-backstage/plugin-innersource-common';
import { helpWantedRouteRef } from '../routes';

/**
 * The help-wanted page filtered to one project, when the app mounts it
 * (apps on the new frontend system); undefined in a legacy app, which has no
 * route resolution for the sub-page.
 */
export function useHelpWantedLink(
  entityRef: string,
  filter: { goodFirst?: boolean } = {},
): string | undefined {
  const routes = useApiHolder().get(coreApis.routeResolution);
  const base = routes?.resolve(helpWantedRouteRef)?.();
  if (!base) return undefined;
  const params = taskQueryToSearchParams({
    project: [entityRef],
    goodFirst: filter.goodFirst,
  });
  return `${base}?${params}`;
}
