import { useApi } from '@backstage/core-plugin-api';
import { INNERSOURCE_REFRESH_CHANNEL } from '@innersource-for-backstage/plugin-innersource-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { innersourceApiRef } from '../api/InnerSourceApi';
import { useRefreshSignal } from './useRefreshSignal';

/**
 * The project's stored profile. When a refresh stores new data (a signal on
 * the shared channel, which names no project), it is fetched again while the
 * page keeps showing what it has.
 */
export function useProject(entityRef: string, enabled = true) {
  const api = useApi(innersourceApiRef);
  const refreshed = useRefreshSignal(INNERSOURCE_REFRESH_CHANNEL);
  const state = useAsyncRetry(
    async () => (enabled ? api.getProject(entityRef) : undefined),
    [api, entityRef, enabled, refreshed],
  );
  const shown = useRef<{ entityRef: string; value: typeof state.value }>();
  if (!state.loading && !state.error)
    shown.current = { entityRef, value: state.value };
  const quietly =
    state.loading && refreshed > 0 && shown.current?.entityRef === entityRef;
  return quietly
    ? { ...state, loading: false, value: shown.current!.value }
    : state;
}
