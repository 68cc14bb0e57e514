import { parseEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { templateRouteRef } from '../routes';

export const DEFAULT_READINESS_TEMPLATE =
  'template:default/innersource-readiness';

/** `innersource.readinessTemplate`, or the default; undefined when it is no entity ref. */
function readTemplateRef(value: string) {
  try {
    return parseEntityRef(value, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

/**
 * The readiness pull request template's page with the entity filled in
 * (`?formData=`), when `enabled`, the app mounts the scaffolder and the
 * template is in the catalog; undefined otherwise, and while it is checked.
 */
export function useReadinessTemplateLink(
  entityRef: string,
  enabled: boolean,
): string | undefined {
  const config = useApi(configApiRef);
  const apis = useApiHolder();
  // Both optional: an app without the catalog API or route resolution (a
  // legacy app) shows no link rather than failing the tab.
  const catalogApi = apis.get(catalogApiRef);
  const routes = apis.get(coreApis.routeResolution);
  const configured =
    config.getOptionalString('innersource.readinessTemplate') ??
    DEFAULT_READINESS_TEMPLATE;
  const template = readTemplateRef(configured);
  const base =
    template &&
    routes?.resolve(templateRouteRef)?.({
      namespace: template.namespace,
      templateName: template.name,
    });
  const { value: exists } = useAsync(async () => {
    if (!enabled || !template || !base || !catalogApi) return false;
    return (await catalogApi.getEntityByRef(template)) !== undefined;
  }, [enabled, base, catalogApi, configured]);
  if (!exists || !base) return undefined;
  const search = new URLSearchParams({
    formData: JSON.stringify({ entityRef }),
  });
  return `${base}?${search}`;
}
