import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleInnerSourcePortalPolicy } from './permissions/module';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// This portal's policy (README, "Permissions"): replace it with your own.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleInnerSourcePortalPolicy);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@internal/plugin-search-backend-module-innersource'));

// user settings (starred entities, preferences) and the signals that push their updates
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@internal/plugin-innersource-backend'));
backend.add(import('@internal/plugin-innersource-backend-module-github'));
backend.add(import('@internal/plugin-innersource-backend-module-gitlab'));
backend.start();
