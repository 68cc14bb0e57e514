import type { Knex } from 'knex';
import type { StoreFailure } from './RefreshStore';
import { chunks } from './rows';

/** SQLSTATE classes of what a value did wrong: 22 data exception, 23 integrity constraint. */
const POSTGRES_DATA_CLASSES = ['22', '23'];
const SQLITE_DATA_CODES = [
  'SQLITE_CONSTRAINT',
  'SQLITE_TOOBIG',
  'SQLITE_MISMATCH',
  'SQLITE_RANGE',
];

/** Whether the database refused a value rather than failed itself (connection, disk, lock). */
export function isValueError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return (
    POSTGRES_DATA_CLASSES.some(c => code.length === 5 && code.startsWith(c)) ||
    SQLITE_DATA_CODES.some(c => code.startsWith(c))
  );
}

/**
 * Writes the items a chunk per transaction. When the database refuses a
 * value, the chunk is written again one item at a time, so only the items it
 * refuses fail, each reported; a database that fails itself still throws.
 */
export async function writeIsolated<T, R = void>(
  db: Knex,
  items: T[],
  chunkSize: number,
  refOf: (item: T) => string,
  write: (tx: Knex.Transaction, batch: T[]) => Promise<R>,
  /** Told what each transaction's write answered, once it has committed. */
  committed?: (result: R) => void,
): Promise<StoreFailure[]> {
  const failures: StoreFailure[] = [];
  for (const batch of chunks(items, chunkSize)) {
    try {
      const result = await db.transaction(tx => write(tx, batch));
      committed?.(result);
      continue;
    } catch (error) {
      if (!isValueError(error)) throw error;
    }
    for (const item of batch) {
      try {
        const result = await db.transaction(tx => write(tx, [item]));
        committed?.(result);
      } catch (error) {
        if (!isValueError(error)) throw error;
        failures.push({
          entityRef: refOf(item),
          message:
            'could not be stored: one of its values is not one the database accepts (the backend log says which)',
          detail: String((error as Error)?.message ?? error),
        });
      }
    }
  }
  return failures;
}
