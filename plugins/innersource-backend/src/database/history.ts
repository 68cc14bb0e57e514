import {
  NUMERIC_METRICS,
  type NumericMetricName,
  type ProjectMetrics,
} from '@internal/plugin-innersource-common';

/** History rows keep the numeric metrics as an array in NUMERIC_METRICS order: small at a year × thousands of projects. */
export function encodeHistory(metrics: ProjectMetrics): string {
  return JSON.stringify(NUMERIC_METRICS.map(name => metrics[name]));
}

/** One metric's value from a stored history row, null when it was not recorded. */
export function historyValue(
  stored: string,
  metric: NumericMetricName,
): number | null {
  const index = NUMERIC_METRICS.indexOf(metric);
  return (JSON.parse(stored) as Array<number | null>)[index] ?? null;
}
