import type { ScoringModel } from './model';

/**
 * Scores are counted in buckets this wide: 0–9, 10–19, …, 90–100.
 *
 * @public
 */
export const SCORE_BUCKET_WIDTH = 10;
/** @public */
export const SCORE_BUCKETS = 100 / SCORE_BUCKET_WIDTH;

/**
 * The bucket a score of 0 to 100 falls in; 100 joins the top bucket.
 *
 * @public
 */
export function scoreBucket(score: number): number {
  const bucket = Math.floor(score / SCORE_BUCKET_WIDTH);
  return Math.min(Math.max(bucket, 0), SCORE_BUCKETS - 1);
}

/**
 * How many scores fall in each bucket, lowest bucket first.
 *
 * @public
 */
export function scoreHistogram(scores: Iterable<number>): number[] {
  const counts = new Array<number>(SCORE_BUCKETS).fill(0);
  for (const score of scores) counts[scoreBucket(score)] += 1;
  return counts;
}

/**
 * The `innersource.scoring` block (without profiles) that configures a model
 * exactly: what the scoring page offers to edit when app-config sets nothing.
 *
 * @public
 */
export function scoringBlockOf(model: ScoringModel): Record<string, unknown> {
  return JSON.parse(JSON.stringify(model));
}
