import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_SELECTOR,
  EntitySelector,
} from '@innersource-for-backstage/plugin-innersource-common';

/** The `innersource.selector` from app-config, or the default one. */
export function useProjectSelector(): EntitySelector {
  const config = useApi(configApiRef);
  const selector = config.getOptional<EntitySelector>('innersource.selector');
  return selector ?? DEFAULT_SELECTOR;
}
