import type { UserInfoService } from '@backstage/backend-plugin-api';
import { CatalogAccess } from '../CatalogAccess';
import { InnerSourceQueries } from '../InnerSourceQueries';
import { createRouter, RouterOptions } from '../router';

/**
 * The router as plugin.ts wires it: one CatalogAccess over the reader's
 * projects and the settings' selector, one InnerSourceQueries over it.
 */
export async function createTestRouter(
  options: Omit<RouterOptions, 'queries'> & { userInfo: UserInfoService },
) {
  const { userInfo, ...routerOptions } = options;
  const access = new CatalogAccess({
    catalog: options.catalog,
    selector: options.settings.selector,
    listProjectRefs: () => options.reader.listActiveProjectRefs(),
  });
  const queries = new InnerSourceQueries({
    catalog: options.catalog,
    userInfo,
    reader: options.reader,
    access,
  });
  return createRouter({ ...routerOptions, queries });
}
