import type { ActivityBand } from '../score';
import { DAY_MS } from '../time';
import { WEEKLY_COMMIT_WEEKS } from '../weeklyCommits';
import { isMeaningfulText } from './description';

/**
 * What the Repository Activity Score reads of a repository.
 *
 * @public
 */
export interface ActivityScoreInput {
  forks: number;
  stars: number;
  /** Subscribers (people watching the repository), not stargazers. */
  watchers: number;
  openIssues: number;
  createdAt: string | Date;
  updatedAt: string | Date;
  /** Commits per week, oldest first; the last 13 (WEEKLY_COMMIT_WEEKS) are used. */
  weeklyCommits?: number[];
  description?: string;
  /** `motivation` from the repository's innersource.json. */
  motivation?: string;
  hasContributingGuide: boolean;
}

/**
 * Fractional days from `date` to `now`, 0 for dates in the future. A date that
 * cannot be read counts as long ago, so it earns no recency bonus (and never
 * turns the score into NaN).
 */
function daysSince(date: string | Date, now: Date): number {
  const time = date instanceof Date ? date.getTime() : Date.parse(date);
  if (Number.isNaN(time)) return Infinity;
  return Math.max(0, (now.getTime() - time) / DAY_MS);
}

/**
 * The InnerSource Commons Repository Activity Score, as the current English
 * text of the pattern `repository-activity-score` defines it: both
 * multipliers run from 1 to 2 (older copies scale idle repositories down to
 * 1%, which this deliberately does not reproduce).
 *
 * @public
 */
export function repositoryActivityScore(
  input: ActivityScoreInput,
  now: Date,
): number {
  let score =
    50 +
    5 * input.forks +
    input.watchers +
    input.stars / 3 +
    input.openIssues / 5;

  const idleDays = daysSince(input.updatedAt, now);
  score *= 1 + (100 - Math.min(idleDays, 100)) / 100;

  const weekly = input.weeklyCommits;
  if (weekly) {
    let lastQuarter = 0;
    for (
      let i = Math.max(0, weekly.length - WEEKLY_COMMIT_WEEKS);
      i < weekly.length;
      i++
    ) {
      lastQuarter += weekly[i];
    }
    const average = lastQuarter / WEEKLY_COMMIT_WEEKS;
    score *= 1 + Math.min(Math.max(average - 3, 0), 7) / 7;
  }

  // Young repositories get a head start that fades over their first year.
  const ageDays = daysSince(input.createdAt, now);
  score +=
    ((1000 - 2.74 * Math.min(idleDays, 365)) * (365 - Math.min(ageDays, 365))) /
    365;

  if (
    isMeaningfulText(input.description) ||
    isMeaningfulText(input.motivation)
  ) {
    score += 50;
  }
  if (input.hasContributingGuide) score += 100;

  if (score > 3000) score = 3000 + 100 * Math.log(score);
  // The formula bottoms out at -0.1 when the dates disagree (updated over a
  // year ago, created since): report that as 0, never as -0.
  return Math.max(0, Math.round(score - 50));
}

/**
 * The InnerSource portal's bands for the Repository Activity Score.
 *
 * @public
 */
export function activityBand(score: number): ActivityBand {
  if (score > 2500) return 'extremely high';
  if (score > 1000) return 'very high';
  if (score > 300) return 'high';
  if (score > 150) return 'moderate';
  if (score > 50) return 'low';
  if (score > 5) return 'very low';
  return 'none';
}
