import type { ReadinessCheckId } from './readinessCatalogue';

/**
 * The result shapes of the scoring engine, shared by server and browser.
 *
 * @public
 */

export type ActivityBand =
  | 'none'
  | 'very low'
  | 'low'
  | 'moderate'
  | 'high'
  | 'very high'
  | 'extremely high';

/** @public */
export type DimensionId =
  | 'activity'
  | 'readiness'
  | 'collaboration'
  | 'responsiveness';

/** @public */
export interface DimensionScore {
  id: DimensionId;
  title: string;
  /** 0 to 100, or null when the facts it needs are unknown (its weight then goes to the others). */
  value: number | null;
  /** The configured weight. */
  weight: number;
  /** What the dimension adds to the score: value × weight over the sum of known weights. */
  points: number;
  /** In words, how the value came about. */
  explanation: string;
}

/** @public */
export interface ReadinessCheckResult {
  id: ReadinessCheckId;
  title: string;
  passed: boolean;
  weight: number;
  /** How to pass the check; shown when it failed. */
  advice: string;
}

/** @public */
export interface TierDefinition {
  name: string;
  /** The lowest score in the tier. */
  min: number;
  color: string;
}

/** @public */
export interface ProjectScore {
  /** 0 to 100. */
  score: number;
  tier: TierDefinition;
  /** The scoring profile that applied (`default` when none matched). */
  profile: string;
  dimensions: DimensionScore[];
  readiness: ReadinessCheckResult[];
  /** The reference Repository Activity Score, when its facts were known. */
  activity: { raw: number; band: ActivityBand } | null;
}
