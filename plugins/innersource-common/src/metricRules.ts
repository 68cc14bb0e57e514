import { automationKind, DEFAULT_AGENTS } from './contributors';
import type { ContributorIdentity, PullRequestFact } from './facts';
import { DAY_MS, HOUR_MS } from './time';

/*
 * The computations behind the contribution metrics, each written once as its
 * source defines it (see METRIC_DEFINITIONS for the sources). Pure, so the
 * backend, tests and documentation agree.
 */

/**
 * The median: the middle value, or the mean of the two middle ones; null of nothing.
 *
 * @public
 */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/**
 * The p-th percentile with linear interpolation between the closest ranks
 * (numpy's default, which GitHub's issue-metrics uses for its 90th
 * percentile); null of nothing.
 *
 * @public
 */
export function percentile(
  values: readonly number[],
  p: number,
): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/**
 * CHAOSS contributor absence factor: the fewest contributors whose
 * contributions make at least 50% of all of them (0 of none).
 *
 * @public
 */
export function contributorAbsenceFactor(
  contributionCounts: readonly number[],
): number {
  const total = contributionCounts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  const sorted = [...contributionCounts].sort((a, b) => b - a);
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    covered += sorted[i];
    if (covered * 2 >= total) return i + 1;
  }
  return sorted.length;
}

/**
 * What time to first response leaves out besides the author: bots, coding
 * agents and ignored users (logins or e-mails, compared lower-cased).
 *
 * @public
 */
export interface ResponseRules {
  agents?: readonly string[];
  ignoredUsers?: readonly string[];
}

function sameAccount(a: ContributorIdentity, b: ContributorIdentity): boolean {
  const lower = (value?: string) =>
    value?.trim().toLocaleLowerCase('en-US') || undefined;
  if (lower(a.login) && lower(a.login) === lower(b.login)) return true;
  return Boolean(lower(a.email) && lower(a.email) === lower(b.email));
}

/**
 * When a pull request's first response came, by GitHub issue-metrics' rules:
 * the earliest comment or review not by its author, a bot, an agent or an
 * ignored user; for a draft marked ready for review, the clock starts then
 * and what came before it does not count. Where the provider gave no
 * responses, its own `firstResponseAt` stands. Undefined: no response yet.
 *
 * @public
 */
export function firstResponseAt(
  pr: Pick<
    PullRequestFact,
    | 'author'
    | 'createdAt'
    | 'readyForReviewAt'
    | 'responses'
    | 'firstResponseAt'
  >,
  rules: ResponseRules = {},
): string | undefined {
  const start = pr.readyForReviewAt ?? pr.createdAt;
  if (!pr.responses) {
    return pr.firstResponseAt && pr.firstResponseAt >= start
      ? pr.firstResponseAt
      : undefined;
  }
  const ignored = new Set(
    (rules.ignoredUsers ?? []).map(u => u.trim().toLocaleLowerCase('en-US')),
  );
  const isIgnored = (who: ContributorIdentity) =>
    [who.login, who.email].some(
      v => v && ignored.has(v.trim().toLocaleLowerCase('en-US')),
    );
  const counted = pr.responses
    .filter(
      r =>
        Date.parse(r.at) >= Date.parse(start) &&
        !sameAccount(r.author, pr.author) &&
        !automationKind(r.author, rules.agents ?? DEFAULT_AGENTS) &&
        !isIgnored(r.author),
    )
    .map(r => Date.parse(r.at));
  return counted.length
    ? new Date(Math.min(...counted)).toISOString()
    : undefined;
}

/**
 * Hours from a pull request's start (ready for review, else opened) to its
 * first response, by {@link firstResponseAt}; undefined without one.
 *
 * @public
 */
export function timeToFirstResponseHours(
  pr: Parameters<typeof firstResponseAt>[0],
  rules: ResponseRules = {},
): number | undefined {
  const at = firstResponseAt(pr, rules);
  if (!at) return undefined;
  return (
    (Date.parse(at) - Date.parse(pr.readyForReviewAt ?? pr.createdAt)) / HOUR_MS
  );
}

/**
 * Days after a newcomer's first contribution within which a second one makes
 * them a returning newcomer.
 *
 * @public
 */
export const NEWCOMER_RETURN_DAYS = 90;

/**
 * Whether a newcomer came back: a contribution more than a day after their
 * first (not the same sitting) and at most {@link NEWCOMER_RETURN_DAYS}
 * days after it.
 *
 * @public
 */
export function returnedWithin(
  firstAt: number,
  contributionTimes: readonly number[],
  days: number = NEWCOMER_RETURN_DAYS,
): boolean {
  return contributionTimes.some(
    t => t - firstAt > DAY_MS && t - firstAt <= days * DAY_MS,
  );
}

/**
 * One person's contributions as the newcomer funnel reads them: when their
 * first contribution ever was (null: before the history read), and every
 * contribution time read.
 *
 * @public
 */
export interface ContributionTimeline {
  firstAt: number | null;
  times: readonly number[];
}

/**
 * The newcomer funnel at `end` over a window of `windowDays`: the people
 * whose first contribution ever falls in the window, and of the cohort whose
 * 90 days to return are over (first contribution in the `windowDays` days
 * that end 90 days before `end`) how many came back within 90 days.
 *
 * @public
 */
export function newcomerFunnel(
  people: ReadonlyArray<ContributionTimeline>,
  end: number,
  windowDays: number,
): { newInWindow: number[]; cohort: number; returned: number } {
  const windowStart = end - windowDays * DAY_MS;
  const cohortEnd = end - NEWCOMER_RETURN_DAYS * DAY_MS;
  const cohortStart = cohortEnd - windowDays * DAY_MS;
  const newInWindow: number[] = [];
  let cohort = 0;
  let returned = 0;
  people.forEach((person, index) => {
    const first = person.firstAt;
    if (first === null) return;
    if (first >= windowStart && first <= end) newInWindow.push(index);
    if (first >= cohortStart && first <= cohortEnd) {
      cohort += 1;
      if (returnedWithin(first, person.times)) returned += 1;
    }
  });
  return { newInWindow, cohort, returned };
}
