import { parse, validate } from 'graphql';
import {
  FRESHNESS_QUERY,
  ISSUES_PAGE_QUERY,
  MERGE_REQUESTS_PAGE_QUERY,
  projectsQuery,
} from './queries';
import { queryComplexity } from './__testUtils__/FakeGitlab';
import { gitlabSchema } from './__testUtils__/gitlabSchema';

const documents: Array<[string, string]> = [
  ['the freshness of up to 50 projects', FRESHNESS_QUERY],
  ['projects with no help-wanted label', projectsQuery(0)],
  ['projects with two labels', projectsQuery(2)],
  ['the next page of merge requests', MERGE_REQUESTS_PAGE_QUERY],
  ['the next page of issues with a label', ISSUES_PAGE_QUERY],
];

const errorsOf = (query: string) =>
  validate(gitlabSchema(), parse(query)).map(e => e.message);

describe("the provider's GraphQL documents", () => {
  it.each(documents)("are valid against GitLab's schema: %s", (_, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it('would fail here first if a query asked for a field GitLab lacks', () => {
    const wrong = projectsQuery(1).replace('starCount', 'stargazerCount');
    expect(errorsOf(wrong)).toEqual([
      expect.stringContaining('Cannot query field "stargazerCount"'),
    ]);
  });

  it("stay within GitLab's complexity limit without a token (200) at the batch sizes sent", () => {
    const labels = { label0: 'help wanted', label1: 'good first issue' };
    expect(
      queryComplexity(parse(projectsQuery(2)), { first: 20, ...labels }),
    ).toBeLessThanOrEqual(200);
    expect(
      queryComplexity(parse(FRESHNESS_QUERY), { first: 50 }),
    ).toBeLessThanOrEqual(200);
  });
});
