import { createApiRef } from '@backstage/core-plugin-api';
import type { InnerSourceApi } from '@innersource-for-backstage/plugin-innersource-common';

// The interface and its client live in common, as CatalogApi lives in catalog-client.
export type {
  InnerSourceApi,
  ProjectListRequest,
} from '@innersource-for-backstage/plugin-innersource-common';

/** @public */
export const innersourceApiRef = createApiRef<InnerSourceApi>({
  id: 'plugin.innersource.service',
});
