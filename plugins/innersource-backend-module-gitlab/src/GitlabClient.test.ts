import { nextPageOf, retryAfterMs } from './GitlabClient';
import { RateBudget } from '@innersource-for-backstage/plugin-innersource-node';
import { readRateWindow } from './rateWindow';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('nextPageOf', () => {
  it.each([
    ['X-Next-Page', { 'x-next-page': '3' }, '3'],
    ['an empty X-Next-Page on the last page', { 'x-next-page': '' }, undefined],
    [
      'a Link header without X-Next-Page',
      {
        link: '<https://gitlab.com/api/v4/projects/1/repository/commits?page=2&per_page=100>; rel="next", <https://gitlab.com/api/v4/projects/1/repository/commits?page=1&per_page=100>; rel="first"',
      },
      '2',
    ],
    [
      'a Link header with no next',
      { link: '<https://gitlab.com/api/v4/x?page=1>; rel="first"' },
      undefined,
    ],
  ])('reads %s', (_name, h, expected) => {
    expect(nextPageOf(headers(h))).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['Retry-After in seconds', { 'retry-after': '7' }, 7000],
    [
      'Retry-After as a date',
      { 'retry-after': 'Tue, 24 Nov 2026 12:00:30 GMT' },
      30_000,
    ],
    [
      'the window reset when Retry-After is missing',
      { 'ratelimit-reset': String(NOW / 1000 + 12) },
      12_000,
    ],
    ['a minute when GitLab said nothing', {}, 60_000],
  ])('reads %s', (_name, h, expected) => {
    expect(retryAfterMs(headers(h), NOW)).toBe(expected);
  });
});

describe('RateBudget', () => {
  const window = (remaining: number, resetIn = 60) =>
    headers({
      'ratelimit-limit': '2000',
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(NOW / 1000 + resetIn),
    });

  it.each([
    ['no rate-limit headers (limits off)', undefined, 1000, true],
    ['enough above the reserve', window(1000), 100, true],
    ['a request that would dig into the reserve', window(405), 10, false],
    ['a window that has already reset', window(0, -1), 10, true],
  ])('allows or holds back: %s', (_name, h, cost, allowed) => {
    const budget = new RateBudget({
      forge: 'GitLab',
      host: 'gitlab.com',
      units: 'requests',
      reserve: 0.2,
      now: () => NOW,
    });
    if (h) budget.update(readRateWindow(h, NOW));
    expect(budget.allows(cost)).toBe(allowed);
  });

  it('reads a window without a reset time as a minute long', () => {
    expect(
      readRateWindow(headers({ 'ratelimit-remaining': '5' }), NOW),
    ).toEqual({ limit: 5, remaining: 5, resetAt: NOW + 60_000 });
  });
});
