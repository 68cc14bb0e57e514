import type { GithubActor, GithubPullRequest } from './types';
import { pullRequestFact } from './facts';

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
