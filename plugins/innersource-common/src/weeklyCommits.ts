import { WEEK_MS } from './time';

/**
 * How many weeks `weeklyCommits` covers: a quarter, as the Repository Activity Score reads it.
 *
 * @public
 */
export const WEEKLY_COMMIT_WEEKS = 13;

/**
 * Commits per week for the last {@link WEEKLY_COMMIT_WEEKS} weeks, oldest
 * first: week `n` ago counts the commits made from `n + 1` to `n` weeks
 * before `now`. Dates in the future or older than that are left out.
 *
 * @public
 */
export function weeklyCommitCounts(
  commitDates: Iterable<string | Date>,
  now: Date,
): number[] {
  const weeks = Array<number>(WEEKLY_COMMIT_WEEKS).fill(0);
  for (const date of commitDates) {
    const time = date instanceof Date ? date.getTime() : Date.parse(date);
    const weeksAgo = Math.floor((now.getTime() - time) / WEEK_MS);
    if (weeksAgo >= 0 && weeksAgo < WEEKLY_COMMIT_WEEKS)
      weeks[WEEKLY_COMMIT_WEEKS - 1 - weeksAgo] += 1;
  }
  return weeks;
}
