/** The shapes the provider's queries read back; see queries.ts. */

export interface GithubActor {
  __typename?: string;
  login?: string | null;
}

export interface GithubCommit {
  oid: string;
  committedDate: string;
  parents?: { totalCount: number } | null;
  author?: {
    name?: string | null;
    email?: string | null;
    user?: { login: string } | null;
  } | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface GithubPullRequest {
  id: string;
  createdAt: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  mergedAt?: string | null;
  closedAt?: string | null;
  author?: GithubActor | null;
  timelineItems?: {
    nodes?: Array<{
      __typename: string;
      createdAt?: string;
      author?: GithubActor | null;
    } | null> | null;
  } | null;
}

export interface GithubIssue {
  id: string;
  number: number;
  title: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  comments: { totalCount: number };
  labels?: { nodes?: Array<{ name: string } | null> | null } | null;
  assignees?: { nodes?: Array<{ login: string } | null> | null } | null;
}

export interface GithubTree {
  entries?: Array<{ name: string; type: string }> | null;
}

export interface GithubFreshness {
  /** The canonical `owner/name`: GitHub answers a renamed repository by its old name too. */
  nameWithOwner: string;
  url: string;
  /** Who may see it: InnerSource collects PUBLIC and INTERNAL ones (see the repository rule). */
  visibility?: 'PUBLIC' | 'PRIVATE' | 'INTERNAL' | null;
  pushedAt?: string | null;
  updatedAt: string;
  issues: {
    totalCount: number;
    nodes?: Array<{ updatedAt: string } | null> | null;
  };
}

export interface GithubRepository extends GithubFreshness {
  description?: string | null;
  createdAt: string;
  stargazerCount: number;
  forkCount: number;
  watchers: { totalCount: number };
  primaryLanguage?: { name: string } | null;
  defaultBranchRef?: {
    name: string;
    target?: {
      history?: { pageInfo: PageInfo; nodes: GithubCommit[] };
    } | null;
  } | null;
  pullRequests: { pageInfo: PageInfo; nodes: GithubPullRequest[] };
  recentIssues?: {
    totalCount: number;
    pageInfo: PageInfo;
    nodes: Array<{ createdAt: string } | null>;
  } | null;
  root?: GithubTree | null;
  dotGithub?: GithubTree | null;
  docs?: GithubTree | null;
  innersourceJson?: { text?: string | null; byteSize?: number } | null;
  /** First collections only: one page of the history before the window's. */
  olderHistory?: {
    target?: {
      history?: { pageInfo: PageInfo; nodes: GithubCommit[] };
    } | null;
  } | null;
  [label: `label${number}`]: { nodes: GithubIssue[] } | undefined;
}

export interface RateLimit {
  cost: number;
  remaining: number;
  limit: number;
  resetAt: string;
}
