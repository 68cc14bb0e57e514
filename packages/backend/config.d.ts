export interface Config {
  innersource?: {
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
