import { InputError } from '@backstage/errors';
import type { TaskSort } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';

// The order of a task list and its keyset cursors.

export type CursorValue = string | number;

/** One column of the order: an SQL expression, its bindings, and how to read it from a row. */
export interface SortKey {
  sql: string;
  bindings: CursorValue[];
  order: 'asc' | 'desc';
  /** The column's type: what a cursor value for it must be. */
  type: 'text' | 'integer';
  valueOf(row: Record<string, any>): CursorValue;
}

const sortKey = (
  sql: string,
  order: 'asc' | 'desc',
  field: string,
  type: SortKey['type'],
): SortKey => ({
  sql,
  bindings: [],
  order,
  type,
  valueOf: row => row[field],
});

export const SORT_KEYS: Record<Exclude<TaskSort, 'match'>, SortKey> = {
  updated: sortKey('t.updated_at', 'desc', 'updated_at', 'text'),
  created: sortKey('t.created_at', 'desc', 'created_at', 'text'),
  comments: sortKey('t.comments', 'desc', 'comments', 'integer'),
  score: sortKey('p.rank_score', 'desc', 'rank_score', 'integer'),
};
export const TIE_BREAKERS = [
  sortKey('t.entity_ref', 'asc', 'entity_ref', 'text'),
  sortKey('t.id', 'asc', 'id', 'text'),
];

const MAX_INT32 = 2 ** 31 - 1;

/** Whether a cursor value can stand for a value of the key's column: a tampered one would fail in the database. */
function fitsKey(value: unknown, key: SortKey): boolean {
  if (key.type === 'integer') {
    return Number.isInteger(value) && Math.abs(value as number) <= MAX_INT32;
  }
  return (
    typeof value === 'string' &&
    value.length <= 255 &&
    !value.includes('\u0000')
  );
}

export function encodeCursor(sort: TaskSort, values: CursorValue[]) {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

export function decodeCursor(
  cursor: string,
  sort: TaskSort,
  keys: SortKey[],
): CursorValue[] {
  try {
    const [cursorSort, ...values] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      cursorSort === sort &&
      values.length === keys.length &&
      values.every((v: unknown, i: number) => fitsKey(v, keys[i]))
    ) {
      return values;
    }
  } catch {
    // reported below
  }
  throw new InputError(
    `cursor is not one this search gave for sort=${sort}; start again without it`,
  );
}

/** Rows after the cursor in the order of `keys`: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or … */
export function afterCursor(
  query: Knex.QueryBuilder,
  keys: SortKey[],
  values: CursorValue[],
) {
  query.where(any => {
    keys.forEach((key, i) => {
      any.orWhere(branch => {
        for (let j = 0; j < i; j++) {
          branch.whereRaw(`${keys[j].sql} = ?`, [
            ...keys[j].bindings,
            values[j],
          ]);
        }
        branch.whereRaw(`${key.sql} ${key.order === 'desc' ? '<' : '>'} ?`, [
          ...key.bindings,
          values[i],
        ]);
      });
    });
  });
}

/**
 * How many of the user's skills the project (`p`) shares in its skills and
 * language: the "for me" rank, the same for ranking projects and tasks.
 */
export function matchKey(skills: string[]): SortKey {
  if (skills.length === 0) {
    return {
      // not a bare `0`: SQLite reads an integer literal in ORDER BY as a column position
      sql: 'cast(0 as integer)',
      bindings: [],
      order: 'desc',
      type: 'integer',
      valueOf: () => 0,
    };
  }
  const marks = skills.map(() => '?').join(', ');
  return {
    sql:
      `((select count(*) from innersource_project_skills ms where ms.entity_ref = p.entity_ref and ms.skill in (${marks}))` +
      ` + (case when lower(p.language) in (${marks}) then 1 else 0 end))`,
    bindings: [...skills, ...skills],
    order: 'desc',
    type: 'integer',
    valueOf: row => Number(row.match_score),
  };
}
