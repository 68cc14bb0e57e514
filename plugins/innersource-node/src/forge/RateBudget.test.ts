import { RateBudget, RateBudgetOptions, RateWindow } from './RateBudget';

const NOW = Date.parse('2026-12-07T12:00:00Z');

const GITHUB: RateBudgetOptions = {
  forge: 'GitHub',
  units: 'points',
  reserve: 0.2,
  now: () => NOW,
};
const GITLAB: RateBudgetOptions = {
  forge: 'GitLab',
  host: 'gitlab.com',
  units: 'requests',
  window: 'this window',
  reserve: 0.2,
  now: () => NOW,
};

const window = (remaining: number, resetIn = 3600): RateWindow => ({
  limit: 5000,
  remaining,
  resetAt: NOW + resetIn * 1000,
});

describe('RateBudget', () => {
  it.each<[string, RateWindow | undefined, number, boolean]>([
    ['no window reported (limits off)', undefined, 1_000_000, true],
    ['enough above the reserve', window(2000), 100, true],
    ['exactly down to the reserve', window(1010), 10, true],
    ['a cost that would dig into the reserve', window(1010), 11, false],
    ['a window that has already reset', window(0, -1), 100, true],
  ])('allows or holds back: %s', (_name, last, cost, allowed) => {
    const budget = new RateBudget(GITHUB);
    budget.update(last);
    expect(budget.allows(cost)).toBe(allowed);
  });

  it('keeps the last window when an answer reports none', () => {
    const budget = new RateBudget(GITHUB);
    budget.update(window(1000));
    budget.update(undefined);
    expect(budget.allows(1)).toBe(false);
  });

  it('allows nothing while the forge refuses for its rate limit, and all again after', () => {
    let now = NOW;
    const budget = new RateBudget({ ...GITHUB, now: () => now });
    budget.exhaust(new Date(NOW + 60_000));

    expect(budget.allows(1)).toBe(false);
    expect(budget.refusedUntil()).toEqual(new Date(NOW + 60_000));
    expect(budget.untilReset()).toBe(60_000);

    now = NOW + 60_000;
    expect(budget.allows(1)).toBe(true);
    expect(budget.refusedUntil()).toBeUndefined();
    expect(budget.untilReset()).toBeUndefined();
  });

  it.each<[string, RateWindow | undefined, number | undefined]>([
    ['no window', undefined, undefined],
    ['a running window', window(10, 30), 30_000],
    ['a window already reset', window(10, -1), undefined],
  ])('tells how long until %s resets', (_name, last, wait) => {
    const budget = new RateBudget(GITLAB);
    budget.update(last);
    expect(budget.untilReset()).toBe(wait);
  });

  it.each<[string, RateBudgetOptions, (budget: RateBudget) => void, string]>([
    [
      'GitHub down to its reserve',
      GITHUB,
      b => b.update(window(1004)),
      'the GitHub API budget is down to its reserve (1004 of 5000 points left, 20% kept for the rest of Backstage); ' +
        'collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
    ],
    [
      'GitLab down to its reserve, naming the host and the window',
      GITLAB,
      b => b.update({ limit: 2000, remaining: 404, resetAt: NOW + 3_600_000 }),
      'the GitLab API budget on gitlab.com is down to its reserve (404 of 2000 requests left in this window, ' +
        '20% kept for the rest of Backstage); collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
    ],
    [
      'a refusal for the rate limit',
      GITHUB,
      b => b.exhaust(new Date(NOW + 3_600_000)),
      'GitHub refused for its rate limit; collection resumes at the next refresh after 2026-12-07T13:00:00.000Z',
    ],
    [
      'no window known',
      GITLAB,
      () => {},
      'the GitLab API budget on gitlab.com is spent',
    ],
  ])('says why it waits: %s', (_name, options, arrange, reason) => {
    const budget = new RateBudget(options);
    arrange(budget);
    expect(budget.describe()).toBe(reason);
  });
});
