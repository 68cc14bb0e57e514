import { DAY_MS, HOUR_MS, WEEK_MS } from './time';
import { WEEKLY_COMMIT_WEEKS, weeklyCommitCounts } from './weeklyCommits';

const now = new Date('2026-11-27T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

/** The 13 weeks with `count` commits in the week `weeksAgo`, zero elsewhere. */
function only(weeksAgo: number, count = 1): number[] {
  const weeks = Array<number>(WEEKLY_COMMIT_WEEKS).fill(0);
  weeks[WEEKLY_COMMIT_WEEKS - 1 - weeksAgo] = count;
  return weeks;
}

describe('weeklyCommitCounts', () => {
  it('covers a quarter', () => {
    expect(WEEKLY_COMMIT_WEEKS).toBe(13);
  });

  it.each<[string, string[], number[]]>([
    ['no commits', [], Array(13).fill(0)],
    ['a commit right now, in the newest week', [ago(0)], only(0)],
    ['a commit 6 days ago, in the newest week', [ago(6 * DAY_MS)], only(0)],
    [
      'a commit exactly a week ago, in the week before',
      [ago(WEEK_MS)],
      only(1),
    ],
    [
      'two commits of one week',
      [ago(8 * DAY_MS), ago(13 * DAY_MS)],
      only(1, 2),
    ],
    ['a commit in the oldest week', [ago(13 * WEEK_MS - HOUR_MS)], only(12)],
    ['a commit 13 weeks ago, outside', [ago(13 * WEEK_MS)], Array(13).fill(0)],
    ['a commit in the future, outside', [ago(-HOUR_MS)], Array(13).fill(0)],
    ['a date that cannot be read, outside', ['not a date'], Array(13).fill(0)],
  ])('%s', (_case, dates, expected) => {
    expect(weeklyCommitCounts(dates, now)).toEqual(expected);
  });

  it('reads Date objects as their ISO text', () => {
    expect(
      weeklyCommitCounts([new Date(now.getTime() - 2 * WEEK_MS)], now),
    ).toEqual(weeklyCommitCounts([ago(2 * WEEK_MS)], now));
  });
});
