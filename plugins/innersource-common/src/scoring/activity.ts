import type { ActivityBand } from '../score';

export interface ActivityScoreInput {
  forks: number;
  stars: number;
  watchers: number;
  openIssues: number;
  createdAt: string | Date;
  updatedAt: string | Date;
  /** Oldest first; the last 13 are used. */
  weeklyCommits?: number[];
  description?: string;
  motivation?: string;
  hasContributingGuide: boolean;
}

const DAY_MS = 86_400_000;
const MEANINGFUL_TEXT = 30;

function daysSince(date: string | Date, now: Date): number {
  const time = date instanceof Date ? date.getTime() : Date.parse(date);
  return Math.max(0, (now.getTime() - time) / DAY_MS);
}

/**
 * The InnerSource Commons Repository Activity Score, as the current English
 * text of the pattern defines it (both multipliers run from 1 to 2).
 */
export function repositoryActivityScore(
  input: ActivityScoreInput,
  now: Date,
): number {
  let score = 50;
  score +=
    5 * input.forks + input.watchers + input.stars / 3 + input.openIssues / 5;

  const idleDays = daysSince(input.updatedAt, now);
  score *= 1 + (100 - Math.min(idleDays, 100)) / 100;

  if (input.weeklyCommits) {
    const lastQuarter = input.weeklyCommits.slice(-13);
    const average = lastQuarter.reduce((sum, n) => sum + n, 0) / 13;
    score *= 1 + Math.min(Math.max(average - 3, 0), 7) / 7;
  }

  const ageDays = daysSince(input.createdAt, now);
  score +=
    ((1000 - 2.74 * Math.min(idleDays, 365)) * (365 - Math.min(ageDays, 365))) /
    365;

  const describes = [input.description, input.motivation].some(
    text => (text?.length ?? 0) > MEANINGFUL_TEXT,
  );
  if (describes) score += 50;
  if (input.hasContributingGuide) score += 100;

  if (score > 3000) score = 3000 + 100 * Math.log(score);
  return Math.round(score - 50);
}

/** The InnerSource portal's bands for the activity score. */
export function activityBand(score: number): ActivityBand {
  if (score > 2500) return 'extremely high';
  if (score > 1000) return 'very high';
  if (score > 300) return 'high';
  if (score > 150) return 'moderate';
  if (score > 50) return 'low';
  if (score > 5) return 'very low';
  return 'none';
}
