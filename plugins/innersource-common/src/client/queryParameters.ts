import { InputError } from '@backstage/errors';
import { PROJECT_SORTS, TASK_SORTS, TaskQuery, TaskSort } from '../api';
import type { ProjectListRequest } from './InnerSourceApi';

/**
 * A query parameter the API cannot take, naming it. Its name is `InputError`
 * so Backstage's error handler answers 400 with the message as it is.
 *
 * @public
 */
export class InvalidQueryParameterError extends InputError {
  constructor(readonly parameter: string, message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * One key of a query string and how its value is written and read.
 *
 * @public
 */
export type QueryField =
  /** Repeatable; a value may also hold a comma list (`tier=a,b`). */
  | { key: string; kind: 'list' }
  /** `true` or `false`, written only when it differs from `default`. */
  | { key: string; kind: 'boolean'; default: boolean }
  | { key: string; kind: 'integer'; min: number; max: number }
  /** Free text; `trim` for words typed by people. */
  | { key: string; kind: 'text'; trim?: boolean; maxLength?: number }
  | { key: string; kind: 'oneOf'; values: readonly string[] };

/**
 * Page sizes of `GET /tasks` and `GET /projects`.
 *
 * @public
 */
export const LIST_LIMIT = { min: 1, max: 100, default: 20 } as const;

const WORDS_MAX_LENGTH = 200;

// NUL and the other C0 controls: no search term, name or cursor holds one, and PostgreSQL refuses NUL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * The keys of `GET /tasks`, in the order they are written.
 *
 * @public
 */
export const TASK_QUERY_FIELDS = [
  { key: 'q', kind: 'text', trim: true, maxLength: WORDS_MAX_LENGTH },
  { key: 'label', kind: 'list' },
  { key: 'project', kind: 'list' },
  { key: 'owner', kind: 'list' },
  { key: 'system', kind: 'list' },
  { key: 'skill', kind: 'list' },
  { key: 'language', kind: 'list' },
  { key: 'tier', kind: 'list' },
  { key: 'goodFirst', kind: 'boolean', default: false },
  { key: 'forMe', kind: 'boolean', default: false },
  { key: 'facets', kind: 'boolean', default: true },
  { key: 'updatedWithinDays', kind: 'integer', min: 1, max: 3650 },
  { key: 'sort', kind: 'oneOf', values: TASK_SORTS },
  { key: 'limit', kind: 'integer', min: LIST_LIMIT.min, max: LIST_LIMIT.max },
  { key: 'cursor', kind: 'text' },
] as const satisfies ReadonlyArray<QueryField & { key: keyof TaskQuery }>;

/**
 * The keys of `GET /projects`, in the order they are written.
 *
 * @public
 */
export const PROJECT_LIST_FIELDS = [
  { key: 'owner', kind: 'list' },
  { key: 'tier', kind: 'list' },
  { key: 'kind', kind: 'list' },
  { key: 'tag', kind: 'list' },
  { key: 'skill', kind: 'list' },
  { key: 'language', kind: 'list' },
  { key: 'asking', kind: 'boolean', default: false },
  { key: 'lookingForHelp', kind: 'boolean', default: false },
  { key: 'q', kind: 'text', trim: true, maxLength: WORDS_MAX_LENGTH },
  { key: 'sort', kind: 'oneOf', values: PROJECT_SORTS },
  { key: 'facets', kind: 'boolean', default: false },
  { key: 'limit', kind: 'integer', min: LIST_LIMIT.min, max: LIST_LIMIT.max },
  { key: 'cursor', kind: 'text' },
] as const satisfies ReadonlyArray<
  QueryField & { key: keyof ProjectListRequest }
>;

type KeysOf<Fields extends ReadonlyArray<QueryField>, Kind> = Extract<
  Fields[number],
  { kind: Kind }
>['key'];

/**
 * The keys of a query's fields by kind, in the fields' order. Named, so that
 * the API report prints this type rather than its expanded unions, whose
 * member order TypeScript does not keep stable.
 *
 * @public
 */
export interface QueryKeysByKind<Fields extends ReadonlyArray<QueryField>> {
  all: Array<Fields[number]['key']>;
  list: Array<Extract<Fields[number], { kind: 'list' }>['key']>;
  boolean: Array<Extract<Fields[number], { kind: 'boolean' }>['key']>;
  scalar: Array<
    Extract<Fields[number], { kind: 'integer' | 'text' | 'oneOf' }>['key']
  >;
}

/**
 * Keys of `GET /tasks` by kind, for a reader of `req.query`.
 *
 * @public
 */
export const TASK_QUERY_KEYS: QueryKeysByKind<typeof TASK_QUERY_FIELDS> =
  keysByKind(TASK_QUERY_FIELDS);
/**
 * Keys of `GET /projects` by kind, for a reader of `req.query`.
 *
 * @public
 */
export const PROJECT_LIST_KEYS: QueryKeysByKind<typeof PROJECT_LIST_FIELDS> =
  keysByKind(PROJECT_LIST_FIELDS);

function keysByKind<Fields extends ReadonlyArray<QueryField>>(
  fields: Fields,
): QueryKeysByKind<Fields> {
  const of = <Kind extends QueryField['kind']>(kind: Kind) =>
    fields.filter(f => f.kind === kind).map(f => f.key) as Array<
      KeysOf<Fields, Kind>
    >;
  return {
    all: fields.map(f => f.key) as Array<Fields[number]['key']>,
    list: of('list'),
    boolean: of('boolean'),
    scalar: fields
      .filter(f => f.kind !== 'list' && f.kind !== 'boolean')
      .map(f => f.key) as Array<KeysOf<Fields, 'integer' | 'text' | 'oneOf'>>,
  };
}

/**
 * Query parameters as `URLSearchParams` or as Express's `req.query` holds them.
 *
 * @public
 */
export type QueryParametersInput =
  | URLSearchParams
  | Readonly<Record<string, unknown>>;

/**
 * `strict` (the API): a value off its rules throws an
 * InvalidQueryParameterError naming it. `lenient` (a link someone shared):
 * such a value is left out and the rest still applies.
 *
 * @public
 */
export type QueryParseMode = 'strict' | 'lenient';

function write(
  fields: ReadonlyArray<QueryField>,
  values: Readonly<Record<string, unknown>>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'list') {
      for (const item of (value as string[] | undefined) ?? [])
        params.append(field.key, item);
    } else if (field.kind === 'boolean') {
      if (typeof value === 'boolean' && value !== field.default)
        params.set(field.key, String(value));
    } else if (value !== undefined && value !== '' && value !== 0) {
      params.set(field.key, String(value));
    }
  }
  return params;
}

function rawValues(input: QueryParametersInput, key: string): unknown[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const value = input[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** One field's value from its raw values; undefined when absent or empty. */
function readField(field: QueryField, raw: unknown[], strict: boolean) {
  const fail = (message: string): never => {
    throw new InvalidQueryParameterError(field.key, message);
  };
  if (raw.some(v => typeof v !== 'string'))
    fail(`${field.key} must be a plain value`);
  const values = raw as string[];
  if (values.some(v => CONTROL_CHARACTER.test(v)))
    fail(`${field.key} must not contain control characters`);
  if (field.kind === 'list') {
    const items = values
      .flatMap(v => v.split(','))
      .map(v => v.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  }
  if (values.length > 1 && strict) fail(`${field.key} may be given once`);
  const value =
    field.kind === 'text' && field.trim ? values[0]?.trim() : values[0];
  if (value === undefined || value === '') return undefined;
  switch (field.kind) {
    case 'boolean':
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(`${field.key} must be true or false, got "${value}"`);
    case 'integer': {
      const parsed = Number(value);
      if (/^-?\d+$/.test(value) && parsed >= field.min && parsed <= field.max)
        return parsed;
      return fail(
        `${field.key} must be a whole number from ${field.min} to ${field.max}, got "${value}"`,
      );
    }
    case 'oneOf':
      if (field.values.includes(value)) return value;
      return fail(
        `${field.key} must be one of ${field.values.join(
          ', ',
        )}, got "${value}"`,
      );
    default:
      if (field.maxLength !== undefined && value.length > field.maxLength)
        fail(
          `${field.key} must be at most ${field.maxLength} characters, got ${value.length}`,
        );
      return value;
  }
}

function read(
  fields: ReadonlyArray<QueryField>,
  input: QueryParametersInput,
  mode: QueryParseMode,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    let value: unknown;
    try {
      value = readField(field, rawValues(input, field.key), mode === 'strict');
    } catch (error) {
      if (mode === 'strict' || !(error instanceof InvalidQueryParameterError))
        throw error;
    }
    if (value !== undefined) result[field.key] = value;
  }
  return result;
}

/**
 * The query string of `GET /tasks` for a query; unset and default values are left out.
 *
 * @public
 */
export function taskQueryToSearchParams(query: TaskQuery): URLSearchParams {
  return write(TASK_QUERY_FIELDS, query as Record<string, unknown>);
}

/**
 * The query string of `GET /projects` for a request; unset and default values are left out.
 *
 * @public
 */
export function projectListRequestToSearchParams(
  request: ProjectListRequest,
): URLSearchParams {
  return write(PROJECT_LIST_FIELDS, request as Record<string, unknown>);
}

/**
 * The task query a query string holds, with only what it sets (see
 * withTaskQueryDefaults). Keys of other uses, such as a page's own, are
 * ignored.
 *
 * @public
 */
export function parseTaskQuery(
  input: QueryParametersInput,
  mode: QueryParseMode = 'strict',
): TaskQuery {
  const query = read(TASK_QUERY_FIELDS, input, mode) as TaskQuery;
  if (query.sort === 'match' && !query.forMe) {
    if (mode === 'strict')
      throw new InvalidQueryParameterError(
        'sort',
        'sort=match ranks by your skills and needs forMe=true',
      );
    delete query.sort;
  }
  return query;
}

/**
 * The project list request a query string holds, with only what it sets.
 *
 * @public
 */
export function parseProjectListRequest(
  input: QueryParametersInput,
  mode: QueryParseMode = 'strict',
): ProjectListRequest {
  return read(PROJECT_LIST_FIELDS, input, mode) as ProjectListRequest;
}

/**
 * The order `GET /tasks` uses when the query names none.
 *
 * @public
 */
export function defaultTaskSort(forMe: boolean | undefined): TaskSort {
  return forMe ? 'match' : 'updated';
}

/**
 * A task query with what the API assumes for the page size, order and facets.
 *
 * @public
 */
export function withTaskQueryDefaults(
  query: TaskQuery,
): TaskQuery & Required<Pick<TaskQuery, 'sort' | 'limit' | 'facets'>> {
  return {
    ...query,
    sort: query.sort ?? defaultTaskSort(query.forMe),
    limit: query.limit ?? LIST_LIMIT.default,
    facets: query.facets ?? true,
  };
}

/**
 * A project list request with the page size the API assumes.
 *
 * @public
 */
export function withProjectListDefaults(
  request: ProjectListRequest,
): ProjectListRequest & { limit: number } {
  return { ...request, limit: request.limit ?? LIST_LIMIT.default };
}

/**
 * `current` with its task-query keys replaced by those of `query`: what a
 * page writes to its URL, keeping keys of its own.
 *
 * @public
 */
export function replaceTaskQuery(
  current: URLSearchParams,
  query: TaskQuery,
): URLSearchParams {
  return replaceKeys(
    current,
    TASK_QUERY_KEYS.all,
    taskQueryToSearchParams(query),
  );
}

/**
 * `current` with its project-list keys replaced by those of `request`.
 *
 * @public
 */
export function replaceProjectListRequest(
  current: URLSearchParams,
  request: ProjectListRequest,
): URLSearchParams {
  return replaceKeys(
    current,
    PROJECT_LIST_KEYS.all,
    projectListRequestToSearchParams(request),
  );
}

function replaceKeys(
  current: URLSearchParams,
  keys: readonly string[],
  replacement: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of keys) next.delete(key);
  for (const [key, value] of replacement) next.append(key, value);
  return next;
}
