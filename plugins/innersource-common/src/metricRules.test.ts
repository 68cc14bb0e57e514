import { automationKind, isAutomatedContribution, isBot } from './contributors';
import type { PullRequestFact } from './facts';
import {
  contributorAbsenceFactor,
  firstResponseAt,
  median,
  newcomerFunnel,
  percentile,
  returnedWithin,
  timeToFirstResponseHours,
} from './metricRules';
import { DAY_MS, HOUR_MS } from './time';

describe('contributorAbsenceFactor (CHAOSS)', () => {
  it.each<[string, number[], number]>([
    ['the CHAOSS worked example', [1000, 202, 90, 33, 332, 343, 42, 433], 2],
    ['one person', [7], 1],
    ['nobody', [], 0],
    ['only zeros', [0, 0], 0],
    ['exactly half with one person', [5, 3, 2], 1],
    ['eight equal contributors', [1, 1, 1, 1, 1, 1, 1, 1], 4],
    ['just under half with one', [49, 26, 25], 2],
  ])('%s: %p → %p', (_, counts, expected) => {
    expect(contributorAbsenceFactor(counts)).toBe(expected);
  });
});

describe('median and percentile (issue-metrics: linear interpolation)', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[], 90, null],
    [[4], 90, 4],
    [[1, 2, 3, 4], 50, 2.5],
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[10, 20], 90, 19],
    [[0, 100], 0, 0],
    [[0, 100], 100, 100],
  ])('%p at the %pth percentile is %p', (values, p, expected) => {
    const value = percentile(values, p);
    expect(value === null ? null : Math.round(value * 1e9) / 1e9).toBe(
      expected,
    );
  });

  it('reads the median as the 50th percentile', () => {
    expect(median([5, 1, 9, 3])).toBe(4);
    expect(median([])).toBeNull();
  });
});

describe('bots and coding agents', () => {
  it.each<[string, Parameters<typeof automationKind>[0], string | undefined]>([
    ['a forge Bot actor', { login: 'renovate', bot: true }, 'bot'],
    ['a [bot] login', { login: 'dependabot[bot]' }, 'bot'],
    [
      'a [bot] commit e-mail',
      { email: '49699333+dependabot[bot]@users.noreply.github.com' },
      'bot',
    ],
    ['a [bot] author name', { name: 'github-actions[bot]' }, 'bot'],
    [
      "Claude Code's e-mail",
      { name: 'Claude', email: 'noreply@anthropic.com' },
      'agent',
    ],
    ['Cursor Agent by name', { name: 'Cursor Agent', email: 'x@y' }, 'agent'],
    [
      'aider as the author',
      { name: 'Ada Lovelace (aider)', email: 'ada@corp' },
      'agent',
    ],
    ['Copilot by login', { login: 'Copilot' }, 'agent'],
    [
      'a person',
      { name: 'Ada Lovelace', email: 'ada@corp.example' },
      undefined,
    ],
    [
      'a person called Claude',
      { name: 'Claude', email: 'claude@corp.example' },
      undefined,
    ],
    ['nobody', undefined, undefined],
  ])('%s: %p', (_, identity, expected) => {
    expect(automationKind(identity)).toBe(expected);
  });

  it('takes the configured list instead of the defaults when given', () => {
    const agents = ['build-robot@corp.example'];
    expect(isBot({ email: 'Build-Robot@corp.example' }, agents)).toBe(true);
    expect(isBot({ email: 'noreply@anthropic.com' }, agents)).toBe(false);
    expect(isBot({ login: 'renovate[bot]' }, agents)).toBe(true);
  });

  it.each<[string, Parameters<typeof isAutomatedContribution>[0], boolean]>([
    ['a person alone', { author: { name: 'Ada', email: 'ada@corp' } }, false],
    [
      'a person with a person co-author',
      {
        author: { name: 'Ada', email: 'ada@corp' },
        coAuthors: [{ name: 'Bob', email: 'bob@corp' }],
      },
      false,
    ],
    [
      'a person with an agent Co-authored-by trailer',
      {
        author: { name: 'Ada', email: 'ada@corp' },
        coAuthors: [{ name: 'Claude', email: 'noreply@anthropic.com' }],
      },
      true,
    ],
    ['an agent as the author', { author: { name: 'Cursor Agent' } }, true],
  ])('%s: automated %p', (_, contribution, expected) => {
    expect(isAutomatedContribution(contribution)).toBe(expected);
  });
});

describe('time to first response (issue-metrics rules)', () => {
  const opened = '2026-03-02T09:00:00.000Z';
  const at = (hours: number) =>
    new Date(Date.parse(opened) + hours * HOUR_MS).toISOString();
  const pr = (over: Partial<PullRequestFact>): PullRequestFact => ({
    id: 'pr',
    author: { login: 'ada' },
    createdAt: opened,
    state: 'open',
    ...over,
  });

  it.each<[string, Partial<PullRequestFact>, number | undefined]>([
    [
      'the earliest comment or review by someone else',
      {
        responses: [
          { at: at(5), author: { login: 'bob' } },
          { at: at(3), author: { login: 'carol' } },
        ],
      },
      3,
    ],
    [
      "the author's own comments do not count (logins compared case-insensitively)",
      {
        responses: [
          { at: at(1), author: { login: 'ADA' } },
          { at: at(4), author: { login: 'bob' } },
        ],
      },
      4,
    ],
    [
      'a bot does not count',
      {
        responses: [
          { at: at(1), author: { login: 'ci[bot]' } },
          { at: at(2), author: { login: 'codecov', bot: true } },
          { at: at(6), author: { login: 'bob' } },
        ],
      },
      6,
    ],
    [
      'a coding agent does not count',
      {
        responses: [
          { at: at(1), author: { login: 'Copilot' } },
          { at: at(7), author: { login: 'bob' } },
        ],
      },
      7,
    ],
    [
      'an ignored user does not count',
      {
        responses: [
          { at: at(1), author: { login: 'triage-rota' } },
          { at: at(8), author: { login: 'bob' } },
        ],
      },
      8,
    ],
    [
      "a draft's clock starts when it is marked ready, and earlier comments do not count",
      {
        readyForReviewAt: at(24),
        responses: [
          { at: at(2), author: { login: 'bob' } },
          { at: at(30), author: { login: 'carol' } },
        ],
      },
      6,
    ],
    ['no response yet', { responses: [] }, undefined],
    [
      'only the author, bots and ignored users answered',
      {
        responses: [
          { at: at(1), author: { login: 'ada' } },
          { at: at(2), author: { login: 'dependabot[bot]' } },
        ],
      },
      undefined,
    ],
    [
      "without responses, the provider's first response stands",
      { firstResponseAt: at(9) },
      9,
    ],
    [
      "without responses, a provider's first response before the draft was ready does not",
      { firstResponseAt: at(9), readyForReviewAt: at(10) },
      undefined,
    ],
  ])('%s', (_, over, hours) => {
    const rules = { ignoredUsers: ['Triage-Rota'] };
    expect(timeToFirstResponseHours(pr(over), rules)).toBe(hours);
    const start = over.readyForReviewAt
      ? (Date.parse(over.readyForReviewAt) - Date.parse(opened)) / HOUR_MS
      : 0;
    expect(firstResponseAt(pr(over), rules)).toBe(
      hours === undefined ? undefined : at(start + hours),
    );
  });
});

describe('the newcomer funnel', () => {
  const end = Date.parse('2026-12-01T00:00:00.000Z');
  const daysBeforeEnd = (days: number) => end - days * DAY_MS;

  it.each<[string, number, boolean]>([
    ['a second contribution 89 days after the first', 89, true],
    ['a second contribution 90 days after the first', 90, true],
    ['a second contribution 91 days after the first', 91, false],
    ['a second contribution the same day', 0.5, false],
    ['a second contribution two days after', 2, true],
  ])('%s: returned %p', (_, gapDays, expected) => {
    const first = daysBeforeEnd(150);
    expect(returnedWithin(first, [first, first + gapDays * DAY_MS])).toBe(
      expected,
    );
  });

  it.each<[string, number, boolean]>([
    ['first seen 89 days before the end: its 90 days are not over', 89, false],
    ['first seen 90 days before the end', 90, true],
    ['first seen 91 days before the end', 91, true],
    [
      'first seen 180 days before the end (the cohort window starts)',
      180,
      true,
    ],
    ['first seen 181 days before the end', 181, false],
  ])('with a 90-day window, %s: in the cohort %p', (_, days, inCohort) => {
    const first = daysBeforeEnd(days);
    const funnel = newcomerFunnel(
      [{ firstAt: first, times: [first, first + 10 * DAY_MS] }],
      end,
      90,
    );
    expect(funnel.cohort).toBe(inCohort ? 1 : 0);
    expect(funnel.returned).toBe(inCohort ? 1 : 0);
  });

  it('counts as new in the window only those whose first contribution ever is in it', () => {
    const funnel = newcomerFunnel(
      [
        { firstAt: daysBeforeEnd(10), times: [daysBeforeEnd(10)] },
        { firstAt: daysBeforeEnd(89), times: [daysBeforeEnd(89)] },
        { firstAt: daysBeforeEnd(91), times: [daysBeforeEnd(5)] },
        { firstAt: null, times: [daysBeforeEnd(3)] },
      ],
      end,
      90,
    );
    expect(funnel.newInWindow).toEqual([0, 1]);
  });

  it('counts returning and one-time newcomers of the cohort', () => {
    const first = daysBeforeEnd(120);
    const funnel = newcomerFunnel(
      [
        { firstAt: first, times: [first, first + 30 * DAY_MS] },
        { firstAt: first, times: [first] },
        { firstAt: first, times: [first, first + 100 * DAY_MS] },
        { firstAt: null, times: [first, first + 30 * DAY_MS] },
      ],
      end,
      90,
    );
    expect(funnel).toEqual({ newInWindow: [], cohort: 3, returned: 1 });
  });
});
