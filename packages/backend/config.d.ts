export interface Config {
  innersource?: {
    /** The runnable portal itself (packages/backend). */
    portal?: {
      /**
       * Installs Backstage's guest sign-in: anyone who reaches the portal
       * signs in as `auth.providers.guest.userEntityRef`. For the local
       * portal only; app-config.production.yaml sets false. Default: false.
       */
      guestSignIn?: boolean;
    };
    /** This portal's permission policy (packages/backend/src/permissions). */
    permissions?: {
      /**
       * The group whose members may preview scoring changes
       * (`innersource.scoring.preview`), as a ref: `group:default/platform-team`
       * or just `platform-team`. Default: group:default/platform-team.
       */
      adminGroup?: string;
    };
  };
}
