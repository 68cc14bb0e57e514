export interface Config {
  innersource?: {
    /**
     * Which catalog entities are InnerSource projects, as a catalog filter:
     * dotted entity paths mapped to one value or a list of accepted values.
     * Default: kind Component, System or Resource tagged `innersource`.
     * @visibility frontend
     */
    selector?: { [path: string]: string | string[] };
  };
}
