import { METRIC_DEFINITIONS } from './metricCatalogue';
import type { NumericMetricName } from './metrics';

/**
 * How far back a project's trend looks: its metrics this many days before
 * its latest snapshot.
 *
 * @public
 */
export const TREND_WINDOW_DAYS = 28;

/**
 * A project's metrics about {@link TREND_WINDOW_DAYS} days before its latest
 * snapshot, from the newest history point at least that old (a collected
 * snapshot, or a week backfilled from the repository's commits).
 *
 * @public
 */
export interface ProjectTrend {
  /** When that point was taken. */
  since: string;
  /** Its values; the metrics it did not record are left out. */
  metrics: Partial<Record<NumericMetricName, number>>;
  /** Reconstructed from the commit history, not collected then. */
  backfilled?: boolean;
}

/**
 * Which way a metric moved, and whether that is good news for the project.
 *
 * @public
 */
export interface MetricChange {
  /** Now less then, in the metric's own unit (a share as 0 to 1). */
  delta: number;
  /** Which way the value went; `flat` when the change would not show once formatted. */
  movement: 'up' | 'down' | 'flat';
  /** By the metric's direction in the catalogue. */
  assessment: 'better' | 'worse' | 'unchanged';
  /** The change as people read it: `+3`, `−5 pts`, `+12 h`; `no change` when flat. */
  text: string;
}

/** Below this a change does not show once formatted (1 % of a share, half an hour). */
const NOISE: Partial<Record<'share' | 'hours', number>> = {
  share: 0.005,
  hours: 0.5,
};

function magnitude(delta: number, format: string): string {
  const size = Math.abs(delta);
  switch (format) {
    case 'share':
      return `${Math.round(size * 100)} pts`;
    case 'hours':
      return size < 48 ? `${Math.round(size)} h` : `${Math.round(size / 24)} d`;
    case 'days':
      return `${Math.round(size)} d`;
    default:
      return String(Math.round(size * 100) / 100);
  }
}

/**
 * How a metric changed between an earlier value and now; undefined when
 * either is unknown.
 *
 * @public
 */
export function metricChange(
  metric: NumericMetricName,
  current: number | null | undefined,
  previous: number | null | undefined,
): MetricChange | undefined {
  if (
    typeof current !== 'number' ||
    typeof previous !== 'number' ||
    !Number.isFinite(current) ||
    !Number.isFinite(previous)
  ) {
    return undefined;
  }
  const { format, direction } = METRIC_DEFINITIONS[metric];
  const delta = current - previous;
  const noise = NOISE[format as keyof typeof NOISE] ?? 0;
  if (Math.abs(delta) <= noise) {
    return {
      delta,
      movement: 'flat',
      assessment: 'unchanged',
      text: 'no change',
    };
  }
  const movement = delta > 0 ? 'up' : 'down';
  const better = (movement === 'up') === (direction === 'higher-is-better');
  return {
    delta,
    movement,
    assessment: better ? 'better' : 'worse',
    text: `${delta > 0 ? '+' : '\u2212'}${magnitude(delta, format)}`,
  };
}
