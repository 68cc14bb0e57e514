import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { InnerSourceProvider } from './provider';

/**
 * Lets backend modules add repository providers to the InnerSource plugin.
 *
 * @public
 */
export interface InnerSourceProvidersExtensionPoint {
  addProvider(...providers: InnerSourceProvider[]): void;
}

/** @public */
export const innersourceProvidersExtensionPoint =
  createExtensionPoint<InnerSourceProvidersExtensionPoint>({
    id: 'innersource.providers',
  });
