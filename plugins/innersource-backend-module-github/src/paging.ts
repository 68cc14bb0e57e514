import type {
  CollectContext,
  RateBudget,
} from '@innersource-for-backstage/plugin-innersource-node';
import type { GithubConnection, GithubConnections } from './connections';
import { COMMITS_PAGE_QUERY, PULL_REQUESTS_PAGE_QUERY } from './queries';
import type {
  GithubCommit,
  GithubPullRequest,
  GithubRepository,
} from './types';

// Beyond what the repositories query read at once: bounded, so a huge repository cannot run on.
export const MAX_HISTORY_PAGES = 50;
const MAX_PULL_REQUEST_PAGES = 25;

type Client = GithubConnection;

/** A repository as GitHub's GraphQL names it. */
export interface RepositoryName {
  owner: string;
  name: string;
}

/** The default branch's commits since `since`, the first page already read with the repository. */
export async function allCommits(
  connections: GithubConnections,
  repo: GithubRepository,
  target: RepositoryName,
  since: string,
  client: Client,
  budget: RateBudget,
  context: CollectContext,
): Promise<GithubCommit[]> {
  const history = repo.defaultBranchRef?.target?.history;
  if (!history) return [];
  const commits = [...history.nodes];
  let page = history.pageInfo;
  for (let n = 1; page.hasNextPage && n < MAX_HISTORY_PAGES; n++) {
    const { data } = await connections.query<{
      repository: GithubRepository | null;
    }>(
      client,
      budget,
      COMMITS_PAGE_QUERY,
      {
        owner: target.owner,
        name: target.name,
        since,
        after: page.endCursor,
      },
      context.signal,
    );
    const next = data?.repository?.defaultBranchRef?.target?.history;
    if (!next) break;
    commits.push(...next.nodes);
    page = next.pageInfo;
  }
  return commits;
}

/** Pull requests back to the window's start, newest first, the first page already read. */
export async function pullRequestsInWindow(
  connections: GithubConnections,
  repo: GithubRepository,
  target: RepositoryName,
  windowStart: Date,
  client: Client,
  budget: RateBudget,
  context: CollectContext,
): Promise<GithubPullRequest[]> {
  const pulls = [...repo.pullRequests.nodes];
  let page = repo.pullRequests.pageInfo;
  const olderThanWindow = () =>
    pulls.length > 0 &&
    Date.parse(pulls[pulls.length - 1].createdAt) < windowStart.getTime();
  for (
    let n = 1;
    page.hasNextPage && !olderThanWindow() && n < MAX_PULL_REQUEST_PAGES;
    n++
  ) {
    const { data } = await connections.query<{
      repository: GithubRepository | null;
    }>(
      client,
      budget,
      PULL_REQUESTS_PAGE_QUERY,
      { owner: target.owner, name: target.name, after: page.endCursor },
      context.signal,
    );
    const next = data?.repository?.pullRequests;
    if (!next) break;
    pulls.push(...next.nodes);
    page = next.pageInfo;
  }
  return pulls;
}
