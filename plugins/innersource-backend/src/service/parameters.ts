import { InputError } from '@backstage/errors';
import { entityRefOf } from '@innersource-for-backstage/plugin-innersource-common';
import type { Request } from 'express';

// NUL and the other C0 controls: no search term, name or cursor holds one, and PostgreSQL refuses NUL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Reads query parameters, answering a 400 that names the parameter when one is off. */
export class QueryParameters {
  constructor(private readonly query: Request['query']) {}

  private raw(name: string): string[] {
    const value = this.query[name];
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    if (values.some(v => typeof v !== 'string')) {
      throw new InputError(`${name} must be a plain value`);
    }
    if ((values as string[]).some(v => CONTROL_CHARACTER.test(v))) {
      throw new InputError(`${name} must not contain control characters`);
    }
    return values as string[];
  }

  optionalString(name: string): string | undefined {
    const values = this.raw(name);
    if (values.length > 1) throw new InputError(`${name} may be given once`);
    return values[0];
  }

  /** A repeatable parameter; also accepts comma lists (`tier=a,b`). */
  list(name: string): string[] {
    return this.raw(name)
      .flatMap(v => v.split(','))
      .map(v => v.trim())
      .filter(Boolean);
  }

  integer(
    name: string,
    options: { min: number; max: number; fallback: number },
  ): number {
    const value = this.optionalString(name);
    if (value === undefined || value === '') return options.fallback;
    const parsed = Number(value);
    if (
      !/^-?\d+$/.test(value) ||
      parsed < options.min ||
      parsed > options.max
    ) {
      throw new InputError(
        `${name} must be a whole number from ${options.min} to ${options.max}, got "${value}"`,
      );
    }
    return parsed;
  }

  /** `true` or `false`; absent or empty is undefined. */
  boolean(name: string): boolean | undefined {
    const value = this.optionalString(name);
    if (value === undefined || value === '') return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new InputError(`${name} must be true or false, got "${value}"`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined || value === '') return fallback;
    if (!allowed.includes(value as T)) {
      throw new InputError(
        `${name} must be one of ${allowed.join(', ')}, got "${value}"`,
      );
    }
    return value as T;
  }
}

const SEGMENT = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/;

/** `/:namespace/:kind/:name` path parameters as a lower-case entity ref. */
export function entityRefFromPath(params: Record<string, string>): string {
  for (const key of ['namespace', 'kind', 'name'] as const) {
    if (!SEGMENT.test(params[key] ?? '')) {
      throw new InputError(
        `${key} "${params[key]}" is not a valid entity ${key}`,
      );
    }
  }
  return entityRefOf({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  });
}
