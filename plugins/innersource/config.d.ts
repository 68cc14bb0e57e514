export interface Config {
  innersource?: {
    /**
     * Which catalog entities are InnerSource projects, as a catalog filter:
     * dotted entity paths mapped to one value or a list of accepted values.
     * Default: kind Component, System or Resource tagged `innersource`.
     * @visibility frontend
     */
    selector?: { [path: string]: string | string[] };
    /**
     * The software template the readiness checklist links to when a check
     * fails, with the entity filled in: one that runs
     * `innersource:readiness:pull-request`. The link shows only while the
     * template is in the catalog. Default: `template:default/innersource-readiness`
     * (examples/templates/innersource-readiness.yaml).
     * @visibility frontend
     */
    readinessTemplate?: string;
  };
}
