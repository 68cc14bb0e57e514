import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { innersourceApiRef } from '../api/InnerSourceApi';

export function useProject(entityRef: string, enabled = true) {
  const api = useApi(innersourceApiRef);
  return useAsyncRetry(
    async () => (enabled ? api.getProject(entityRef) : undefined),
    [api, entityRef, enabled],
  );
}
