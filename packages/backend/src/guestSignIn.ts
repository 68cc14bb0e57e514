import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';

/** The config key that installs Backstage's guest sign-in. */
export const GUEST_SIGN_IN_KEY = 'innersource.portal.guestSignIn';

/**
 * Backstage's guest sign-in, installed only where config asks for it
 * (app-config.yaml, the local portal). Anyone who reaches a portal with it
 * signs in as the guest, so a production deployment leaves it out:
 * app-config.production.yaml sets the key to false, and a config without it
 * installs no guest either. NODE_ENV does not decide it.
 */
export const guestSignIn = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
  async *loader({ config, logger }) {
    if (config.getOptionalBoolean(GUEST_SIGN_IN_KEY) !== true) return;
    logger.warn(
      `Guest sign-in is installed (${GUEST_SIGN_IN_KEY}: true): anyone who reaches this portal signs in as the guest; never in production`,
    );
    yield guestProvider;
  },
});
