/**
 * Milliseconds in an hour, a day and a week: the units windows, ages and buckets are counted in.
 *
 * @public
 */
export const HOUR_MS = 3_600_000;
/** @public */
export const DAY_MS = 24 * HOUR_MS;
/** @public */
export const WEEK_MS = 7 * DAY_MS;
