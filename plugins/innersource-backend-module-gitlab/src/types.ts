/** The shapes the provider reads back from GitLab; see queries.ts for GraphQL. */

export interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface Connection<T> {
  count?: number;
  pageInfo?: PageInfo;
  nodes: Array<T | null>;
}

/** A user as GitLab's GraphQL API gives one: `bot` is GitLab's own flag. */
export interface GitlabUser {
  username: string;
  bot?: boolean | null;
}

export interface GitlabNote {
  system: boolean;
  createdAt: string;
  author?: GitlabUser | null;
}

export interface GitlabMergeRequest {
  id: string;
  iid: string;
  createdAt: string;
  mergedAt?: string | null;
  closedAt?: string | null;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  author?: GitlabUser | null;
  notes?: Connection<GitlabNote> | null;
}

export interface GitlabIssue {
  id: string;
  iid: string;
  title: string;
  webUrl: string;
  createdAt: string;
  updatedAt: string;
  userNotesCount: number;
  labels?: Connection<{ title: string }> | null;
  assignees?: Connection<{ username: string }> | null;
}

export interface GitlabTree {
  blobs?: Connection<{ name: string }> | null;
  trees?: Connection<{ name: string }> | null;
}

/** The fields that tell whether a project changed since its last collection. */
export interface GitlabFreshness {
  fullPath: string;
  webUrl?: string | null;
  visibility?: string | null;
  lastActivityAt?: string | null;
  starCount: number;
  forksCount: number;
  openIssuesCount?: number | null;
  repository?: {
    head?: { lastCommit?: { sha: string } | null } | null;
  } | null;
  latestMergeRequest?: Connection<{ updatedAt: string }> | null;
  latestIssue?: Connection<{ updatedAt: string }> | null;
}

export interface GitlabProject extends Omit<GitlabFreshness, 'repository'> {
  /** `gid://gitlab/Project/123`. */
  id: string;
  description?: string | null;
  createdAt?: string | null;
  languages?: Array<{ name: string; share?: number | null }> | null;
  repository?:
    | (NonNullable<GitlabFreshness['repository']> & {
        rootRef?: string | null;
        empty: boolean;
        root?: GitlabTree | null;
        dotGitlab?: GitlabTree | null;
        docs?: GitlabTree | null;
        innersourceJson?: Connection<{
          path: string;
          rawTextBlob?: string | null;
        }> | null;
      })
    | null;
  mergeRequests?: Connection<GitlabMergeRequest> | null;
  issuesOpened?: { count: number } | null;
  [label: `label${number}`]: Connection<GitlabIssue> | null | undefined;
}

/** A commit as REST v4 `GET /projects/:id/repository/commits` lists it. */
export interface RestCommit {
  id: string;
  parent_ids?: string[];
  author_name?: string | null;
  author_email?: string | null;
  committed_date: string;
}
