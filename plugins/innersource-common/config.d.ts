export interface Config {
  innersource?: {
    /**
     * How projects are scored, 0 to 100: a weighted sum of four dimensions,
     * each 0 to 100, mapped to tiers. Every key is optional and merges over
     * the defaults. The backend refuses to start with a message naming the
     * key when a value is wrong.
     */
    scoring?: {
      /**
       * The dimensions and their weights. A dimension whose facts are unknown
       * for a project passes its weight on to the known ones.
       */
      dimensions?: {
        /** The InnerSource Commons Repository Activity Score, mapped to 0-100. */
        activity?: {
          /** Default 30. 0 leaves the dimension out. */
          weight?: number;
          /**
           * Points of a piecewise-linear map from the raw Repository Activity
           * Score to 0-100, flat beyond the first and last; at least two, in
           * any order, with distinct `raw`. Default: 5→0, 50→20, 150→40,
           * 300→60, 1000→80, 2500→100.
           */
          breakpoints?: Array<{
            /** A Repository Activity Score. */
            raw: number;
            /** What it maps to, 0 to 100. */
            value: number;
          }>;
        };
        /** The weighted share of readiness checks passed. */
        readiness?: {
          /** Default 30. */
          weight?: number;
        };
        /**
         * Outside contribution: half the value for the outside contribution
         * share, half for the number of outside contributors, each in
         * proportion up to its target.
         */
        collaboration?: {
          /** Default 25. */
          weight?: number;
          /** Outside share (above 0, at most 1) that earns the full half. Default 0.25. */
          targetShare?: number;
          /** Outside contributors that earn the full half. Default 3. */
          targetContributors?: number;
        };
        /**
         * Median time to first response on pull requests: 100 up to the
         * target, falling linearly to 0 at four times the target.
         */
        responsiveness?: {
          /** Default 15. */
          weight?: number;
          /** Hours. Default 48. */
          targetHours?: number;
        };
      };
      /** The readiness checklist: can an outsider contribute at all? */
      readiness?: {
        /** Weight per check; 0 switches a check off. */
        checks?: {
          /** A README. Default weight 3. */
          readme?: { weight?: number };
          /** A CONTRIBUTING guide. Default weight 3. */
          contributing?: { weight?: number };
          /** A CODEOWNERS file or the innersource/trusted-committers annotation. Default weight 2. */
          codeowners?: { weight?: number };
          /** A LICENSE file. Default weight 1. */
          license?: { weight?: number };
          /** A description or innersource.json motivation over 30 characters. Default weight 1. */
          description?: { weight?: number };
          /** Open issues labelled good first issue. Default weight 2. */
          goodFirstIssues?: {
            weight?: number;
            /** How many open good first issues pass the check, a whole number. Default 1. */
            minimum?: number;
          };
          /** Issue templates. Default weight 1. */
          issueTemplates?: { weight?: number };
        };
      };
      /**
       * Tiers for badges, highest first: a score belongs to the first tier
       * whose `min` it reaches, so each `min` is below the one before and the
       * last is 0. Default: Thriving 70, Growing 40, Emerging 0.
       */
      tiers?: Array<{
        /** Unique, case-insensitively. */
        name: string;
        /** The lowest score in the tier, 0 to 100. */
        min: number;
        /** `#rgb` or `#rrggbb`; by default one from a palette by the tier's place (docs/scoring.md). */
        color?: string;
      }>;
      /**
       * Other weights for some entities (say, libraries versus services).
       * Each profile merges over the settings above. An entity takes the
       * profile its `innersource/scoring-profile` annotation names, else the
       * first whose filter matches, else the settings above.
       */
      profiles?: Array<{
        /** Unique; shown with each score. `default` is taken by the settings above. */
        name: string;
        /**
         * Which entities the profile scores, in the shape of a catalog filter:
         * dotted paths into the entity (`kind`, `spec.type`,
         * `metadata.tags`), each with one accepted value or a list (any of),
         * matched case-insensitively. Without a filter, only the annotation
         * picks the profile.
         */
        filter?: { [path: string]: string | string[] };
        /** As `innersource.scoring.dimensions`, over the top-level settings. */
        dimensions?: {
          activity?: {
            weight?: number;
            breakpoints?: Array<{ raw: number; value: number }>;
          };
          readiness?: { weight?: number };
          collaboration?: {
            weight?: number;
            targetShare?: number;
            targetContributors?: number;
          };
          responsiveness?: { weight?: number; targetHours?: number };
        };
        /** As `innersource.scoring.readiness`, over the top-level settings. */
        readiness?: {
          checks?: {
            readme?: { weight?: number };
            contributing?: { weight?: number };
            codeowners?: { weight?: number };
            license?: { weight?: number };
            description?: { weight?: number };
            goodFirstIssues?: { weight?: number; minimum?: number };
            issueTemplates?: { weight?: number };
          };
        };
        /** As `innersource.scoring.tiers`; replaces them whole for this profile. */
        tiers?: Array<{ name: string; min: number; color?: string }>;
      }>;
    };
  };
}
