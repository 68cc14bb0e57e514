import { InputError } from '@backstage/errors';
import {
  InvalidQueryParameterError,
  QueryField,
} from '@innersource-for-backstage/plugin-innersource-common';

type InputValue = string | string[] | number | boolean | undefined;

/**
 * An action's input written as the query string of the matching REST route,
 * so the route's own parser checks and normalises it (one set of rules).
 * `names` maps each query key to the input field it comes from.
 */
export function parseAsQuery<T>(
  input: Record<string, InputValue>,
  names: Record<string, string>,
  parse: (query: Record<string, string | string[]>) => T,
): T {
  const query: Record<string, string | string[]> = {};
  for (const [key, field] of Object.entries(names)) {
    const value = input[field];
    if (value === undefined) continue;
    query[key] = Array.isArray(value) ? value : String(value);
  }
  try {
    return parse(query);
  } catch (error) {
    // the route's message names its query key: name the action's input field instead
    if (error instanceof InvalidQueryParameterError && names[error.parameter]) {
      throw new InputError(
        `${names[error.parameter]}${error.message.slice(
          error.parameter.length,
        )}`,
      );
    }
    throw error;
  }
}

/** The longest value a text key of a route takes, for the action's schema. */
export function maxLengthOf(
  fields: ReadonlyArray<QueryField>,
  key: string,
): number {
  const field = fields.find(f => f.key === key);
  if (field?.kind !== 'text' || field.maxLength === undefined) {
    throw new Error(`${key} is no text field with a length limit`);
  }
  return field.maxLength;
}
