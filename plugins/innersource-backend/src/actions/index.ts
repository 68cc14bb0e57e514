import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { InnerSourceQueries } from '../service/InnerSourceQueries';
import { registerExplainProjectScore } from './explainProjectScore';
import { registerFindHelpWantedTasks } from './findHelpWantedTasks';
import { registerListInnerSourceProjects } from './listInnerSourceProjects';

/**
 * The InnerSource actions in Backstage's actions registry (served over MCP by
 * the MCP actions backend): read-only, each answering over what the calling
 * user or service may read in the catalog, as the REST routes do.
 */
export function registerInnerSourceActions(
  registry: ActionsRegistryService,
  queries: InnerSourceQueries,
): void {
  registerFindHelpWantedTasks(registry, queries);
  registerExplainProjectScore(registry, queries);
  registerListInnerSourceProjects(registry, queries);
}
