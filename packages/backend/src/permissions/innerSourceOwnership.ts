import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySelector,
  isInnerSourceProject,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * Whether any of `ownershipEntityRefs` (a user and their groups) owns an
 * InnerSource project, asked of the catalog with the policy's own service
 * credentials so that restricted projects count for their owners too.
 */
export async function ownsInnerSourceProject(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  credentials: BackstageCredentials;
  selector: EntitySelector;
  ownershipEntityRefs: string[];
}): Promise<boolean> {
  if (options.ownershipEntityRefs.length === 0) return false;
  const { items } = await options.catalog.getEntities(
    { filter: { 'relations.ownedBy': options.ownershipEntityRefs } },
    { credentials: options.credentials },
  );
  return items.some(entity => isInnerSourceProject(entity, options.selector));
}
