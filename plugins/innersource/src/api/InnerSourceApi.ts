import { createApiRef } from '@backstage/core-plugin-api';
import type { InnerSourceApi } from '@internal/plugin-innersource-common';

// The interface and its client live in common, as CatalogApi lives in catalog-client.
export type {
  InnerSourceApi,
  ProjectListRequest,
} from '@internal/plugin-innersource-common';

export const innersourceApiRef = createApiRef<InnerSourceApi>({
  id: 'plugin.innersource.service',
});
