export interface Config {
  innersource?: {
    /**
     * How projects are scored. See docs/scoring.md.
     */
    scoring?: object;
  };
}
