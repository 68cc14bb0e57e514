import { parse, validate } from 'graphql';
import {
  COMMITS_PAGE_QUERY,
  freshnessQuery,
  PULL_REQUESTS_PAGE_QUERY,
  repositoriesQuery,
} from './queries';
import { queryCost, queryRequests } from './__testUtils__/FakeGithub';
import { githubSchema } from './testUtils';

// Every document the provider sends, at the sizes it sends them.
const documents: Array<[string, string]> = [
  ['freshness of 1 repository', freshnessQuery(1)],
  ['freshness of 100 repositories', freshnessQuery(100)],
  ['1 repository with no labels', repositoriesQuery(1, 0)],
  ['25 repositories with 2 labels', repositoriesQuery(25, 2)],
  [
    '25 first collections with 2 labels and their older history',
    repositoriesQuery(25, 2, true),
  ],
  ['the next page of commits', COMMITS_PAGE_QUERY],
  ['the next page of pull requests', PULL_REQUESTS_PAGE_QUERY],
];

const errorsOf = (query: string) =>
  validate(githubSchema(), parse(query)).map(e => e.message);

describe("the provider's GraphQL documents", () => {
  it.each(documents)(
    "are valid against GitHub's published schema: %s",
    (_, query) => {
      expect(errorsOf(query)).toEqual([]);
    },
  );

  it('would fail here first if a query asked for a field GitHub lacks', () => {
    const wrong = repositoriesQuery(1, 1).replace(
      'stargazerCount',
      'stargazersCount',
    );
    expect(errorsOf(wrong)).toEqual([
      expect.stringContaining('Cannot query field "stargazersCount"'),
    ]);
  });

  it('stay within the point budget the provider plans with', () => {
    // 25 repositories in full with two labels, and 100 freshness checks.
    expect(queryCost(parse(repositoriesQuery(25, 2)))).toBeLessThanOrEqual(17);
    expect(queryCost(parse(freshnessQuery(100)))).toBe(1);
  });

  it('read a first collection’s older history for a quarter point per query of 25 repositories, nothing otherwise', () => {
    const requests = (query: string) => queryRequests(parse(query));
    expect(
      requests(repositoriesQuery(25, 2, true)) -
        requests(repositoriesQuery(25, 2)),
    ).toBe(25);
    expect(
      queryCost(parse(repositoriesQuery(25, 2, true))),
    ).toBeLessThanOrEqual(17);
    expect(repositoriesQuery(25, 2)).not.toContain('olderHistory');
  });
});
