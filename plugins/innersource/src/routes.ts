import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** The Scoring tab of the InnerSource page. */
export const scoringRouteRef = createRouteRef();

/** The help-wanted marketplace tab of the InnerSource page. */
export const helpWantedRouteRef = createRouteRef();

/**
 * A software template's page in the scaffolder: the readiness checklist links
 * to the readiness pull request template there. Bound to the scaffolder's
 * template page by default.
 */
export const templateRouteRef = createExternalRouteRef({
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
