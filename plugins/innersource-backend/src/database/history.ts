import {
  NUMERIC_METRICS,
  type NumericMetricName,
  type ProjectMetrics,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * How history rows store metric values: a JSON object from metric key to
 * value, the unknown ones left out. Keyed, not positional, so a metric added
 * anywhere in the catalogue never shifts what older rows mean.
 */
export interface HistoryCodec<K extends string> {
  encode(metrics: Readonly<Partial<Record<K, unknown>>>): string;
  /** Every metric of the catalogue, null when the row did not record it. */
  decode(stored: string): Record<K, number | null>;
}

function parseRow(stored: string): Record<string, unknown> {
  const row: unknown = JSON.parse(stored);
  return row && typeof row === 'object' && !Array.isArray(row)
    ? (row as Record<string, unknown>)
    : {};
}

const asNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The history of the metrics `keys` names; the product's is {@link metricHistory}. */
export function historyCodec<K extends string>(
  keys: readonly K[],
): HistoryCodec<K> {
  return {
    encode(metrics) {
      const row: Partial<Record<K, number>> = {};
      for (const key of keys) {
        const value = asNumber(metrics[key]);
        if (value !== null) row[key] = value;
      }
      return JSON.stringify(row);
    },
    decode(stored) {
      const row = parseRow(stored);
      const values = {} as Record<K, number | null>;
      for (const key of keys) values[key] = asNumber(row[key]);
      return values;
    },
  };
}

/** The history of the catalogue's numeric metrics. */
export const metricHistory: HistoryCodec<NumericMetricName> =
  historyCodec(NUMERIC_METRICS);

/** A snapshot's numeric metrics as a history row. */
export function encodeHistory(metrics: ProjectMetrics): string {
  return metricHistory.encode(metrics);
}

/** One metric's value from a stored history row, null when it was not recorded. */
export function historyValue(
  stored: string,
  metric: NumericMetricName,
): number | null {
  return asNumber(parseRow(stored)[metric]);
}
