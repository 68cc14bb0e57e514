import { createBackend } from '@backstage/backend-defaults';
import { guestSignIn } from './guestSignIn';
import { permissionModuleInnerSourcePortalPolicy } from './permissions/module';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// guest sign-in for the local portal only: innersource.portal.guestSignIn (false in production)
backend.add(guestSignIn);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// the Template kind, for the software templates in examples/templates
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// This portal's policy (README, "Permissions"): replace it with your own.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleInnerSourcePortalPolicy);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(
  import('@innersource-for-backstage/plugin-search-backend-module-innersource'),
);

// user settings (starred entities, preferences) and the signals that push their updates
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// the events bus: with replicas, a signal published on one reaches browsers connected to another
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// innersource:readiness:pull-request, run by examples/templates/innersource-readiness.yaml
backend.add(
  import(
    '@innersource-for-backstage/plugin-scaffolder-backend-module-innersource'
  ),
);

// exposes the actions plugins register (InnerSource's among them) to MCP clients
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@innersource-for-backstage/plugin-innersource-backend'));
backend.add(
  import('@innersource-for-backstage/plugin-innersource-backend-module-github'),
);
backend.add(
  import('@innersource-for-backstage/plugin-innersource-backend-module-gitlab'),
);
backend.start();
