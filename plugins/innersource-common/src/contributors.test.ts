import type { ContributorIdentity } from './facts';
import { isBot } from './contributors';

describe('isBot', () => {
  it.each<[string, ContributorIdentity | null | undefined, boolean]>([
    ['a GitHub App login', { login: 'dependabot[bot]' }, true],
    ['a bot login in capitals', { login: 'Renovate[BOT]' }, true],
    [
      "a GitHub App's commit e-mail",
      {
        name: 'dependabot',
        email: '49699333+dependabot[bot]@users.noreply.github.com',
      },
      true,
    ],
    [
      'an account the forge calls a bot',
      { login: 'dependabot', bot: true },
      true,
    ],
    ['a bot with no login at all', { bot: true }, true],
    [
      'a person',
      { name: 'Alice', email: 'alice@acme.example', login: 'alice' },
      false,
    ],
    ['a login that only mentions bot', { login: 'robotics-team' }, false],
    ['[bot] inside a login', { login: 'x[bot]y' }, false],
    [
      'an e-mail with [bot] not before the @',
      { email: 'alice@[bot].example' },
      false,
    ],
    ['an empty identity', {}, false],
    ['no identity', undefined, false],
    ['a null identity', null, false],
  ])('%s: %p is a bot: %p', (_case, identity, expected) => {
    expect(isBot(identity)).toBe(expected);
  });
});
