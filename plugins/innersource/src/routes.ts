import { createRouteRef } from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** The Scoring tab of the InnerSource page. */
export const scoringRouteRef = createRouteRef();

/** The help-wanted marketplace tab of the InnerSource page. */
export const helpWantedRouteRef = createRouteRef();
