import type { GithubActor, GithubCommit, GithubPullRequest } from './types';
import { commitHistory, pullRequestFact } from './facts';

const user = (login: string): GithubActor => ({ __typename: 'User', login });
const bot = (login: string): GithubActor => ({ __typename: 'Bot', login });

function pullRequest(
  author: GithubActor,
  responders: Array<[GithubActor, string]>,
): GithubPullRequest {
  return {
    id: 'PR_1',
    createdAt: '2026-11-01T00:00:00Z',
    state: 'OPEN',
    author,
    timelineItems: {
      nodes: responders.map(([actor, createdAt]) => ({
        __typename: 'IssueComment',
        createdAt,
        author: actor,
      })),
    },
  };
}

describe('pullRequestFact', () => {
  it('marks an author GitHub calls a Bot, so it is credited to nobody', () => {
    expect(pullRequestFact(pullRequest(bot('dependabot'), [])).author).toEqual({
      login: 'dependabot',
      bot: true,
    });
    expect(pullRequestFact(pullRequest(user('alice'), [])).author).toEqual({
      login: 'alice',
    });
  });

  it.each<[string, GithubActor]>([
    ['a Bot actor', bot('dependabot')],
    ['a [bot] login', user('renovate[bot]')],
    ['the author', user('Alice')],
  ])('takes no response from %s', (_case, responder) => {
    const fact = pullRequestFact(
      pullRequest(user('alice'), [
        [responder, '2026-11-01T01:00:00Z'],
        [user('bob'), '2026-11-01T05:00:00Z'],
      ]),
    );
    expect(fact.firstResponseAt).toBe('2026-11-01T05:00:00.000Z');
  });
});

describe('pullRequestFact of a draft', () => {
  it('starts the clock when the draft was marked ready: comments before it are no response', () => {
    const fact = pullRequestFact({
      ...pullRequest(user('alice'), []),
      timelineItems: {
        nodes: [
          {
            __typename: 'IssueComment',
            createdAt: '2026-11-01T02:00:00Z',
            author: user('bob'),
          },
          {
            __typename: 'ReadyForReviewEvent',
            createdAt: '2026-11-02T00:00:00Z',
          },
          {
            __typename: 'PullRequestReview',
            createdAt: '2026-11-02T03:00:00Z',
            author: user('carol'),
          },
        ],
      },
    });
    expect(fact.readyForReviewAt).toBe('2026-11-02T00:00:00.000Z');
    expect(fact.firstResponseAt).toBe('2026-11-02T03:00:00.000Z');
    expect(fact.responses).toEqual([
      { at: '2026-11-01T02:00:00.000Z', author: { login: 'bob' } },
      { at: '2026-11-02T03:00:00.000Z', author: { login: 'carol' } },
    ]);
  });
});

describe('commitHistory', () => {
  const commit = (oid: string, month: number, merge = false): GithubCommit => ({
    oid,
    committedDate: `2026-${String(month).padStart(2, '0')}-15T00:00:00Z`,
    parents: { totalCount: merge ? 2 : 1 },
    author: { name: oid, email: `${oid}@acme.example`, user: null },
  });
  // months of 2026: the window's history since August, older from May
  const recent = [commit('r2', 10), commit('merge', 9, true), commit('r1', 8)];
  const options = {
    since: '2026-05-01T00:00:00.000Z',
    recentSince: '2026-08-01T00:00:00.000Z',
    recentCut: false,
  };
  const page = (nodes: GithubCommit[], hasNextPage: boolean) => ({
    pageInfo: { hasNextPage, endCursor: hasNextPage ? 'x' : null },
    nodes,
  });

  it.each([
    {
      case: 'an older page that held everything is whole from the date asked',
      older: page([commit('r1', 8), commit('o2', 7), commit('o1', 5)], false),
      cut: false,
      expected: ['r2', 'r1', 'o2', 'o1'],
      completeSince: '2026-05-01T00:00:00.000Z',
    },
    {
      case: 'an older page with more after it is whole from its oldest commit',
      older: page([commit('o2', 7), commit('o1', 6)], true),
      cut: false,
      expected: ['r2', 'r1', 'o2', 'o1'],
      completeSince: '2026-06-15T00:00:00.000Z',
    },
    {
      case: 'no older page (no default branch) is whole from the window',
      older: null,
      cut: false,
      expected: ['r2', 'r1'],
      completeSince: '2026-08-01T00:00:00.000Z',
    },
    {
      case: "a window's history cut short is whole from its oldest commit, older pages aside",
      older: page([commit('o1', 5)], false),
      cut: true,
      expected: ['r2', 'r1'],
      completeSince: '2026-08-15T00:00:00.000Z',
    },
  ])('$case', ({ older, cut, expected, completeSince }) => {
    const history = commitHistory(recent, older, {
      ...options,
      recentCut: cut,
    });
    expect(history.commits.map(c => c.sha)).toEqual(expected);
    expect(history.completeSince).toBe(completeSince);
  });
});
