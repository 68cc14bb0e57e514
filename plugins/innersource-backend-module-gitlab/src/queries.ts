/**
 * The GraphQL documents the GitLab provider sends (GitLab 16.6 or later:
 * `projects(fullPaths:)` and `notes(filter:)`). One `projects(fullPaths:)`
 * field reads a whole batch, so a selection is written once whatever the
 * batch size: GitLab scores a connection's selection once, times 1 plus 1%
 * per requested node, against a limit of 250 (200 without a token).
 * Commits have no GraphQL listing: they come from REST v4 (GitlabClient).
 */

/** GitLab refuses more than 50 full paths in one `projects` field. */
export const FRESHNESS_BATCH = 50;
/** Projects read in full per request: heavy on Gitaly, so fewer than 50. */
export const DEEP_BATCH = 20;
export const MERGE_REQUEST_PAGE = 20;
export const NOTE_PAGE = 10;
export const ISSUE_PAGE = 20;
export const TREE_PAGE = 100;

const COMPLEXITY = 'queryComplexity { score limit }';

/** What tells whether a project changed: GitLab throttles `lastActivityAt` to an hourly update, so more than that. */
const FRESHNESS_FIELDS = `
      fullPath
      webUrl
      visibility
      lastActivityAt
      starCount
      forksCount
      openIssuesCount
      latestMergeRequest: mergeRequests(sort: UPDATED_DESC, first: 1) { nodes { updatedAt } }
      latestIssue: issues(sort: UPDATED_DESC, first: 1) { nodes { updatedAt } }`;

const HEAD = 'head: tree { lastCommit { sha } }';

const MERGE_REQUEST_FIELDS = `
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          iid
          createdAt
          mergedAt
          closedAt
          state
          author { username bot }
          notes(filter: ONLY_COMMENTS, first: ${NOTE_PAGE}) {
            nodes { system createdAt author { username bot } }
          }
        }`;

const ISSUE_FIELDS = `
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          iid
          title
          webUrl
          createdAt
          updatedAt
          userNotesCount
          labels(first: 10) { nodes { title } }
          assignees(first: 1) { nodes { username } }
        }`;

const BLOBS = `blobs(first: ${TREE_PAGE}) { nodes { name } }`;
/** The root and docs/ hold files; .gitlab/ holds the template folders too. */
const FILES = `{ ${BLOBS} }`;
const FILES_AND_FOLDERS = `{ ${BLOBS} trees(first: ${TREE_PAGE}) { nodes { name } } }`;

/** Several projects' change markers, up to 50 a request. */
export const FRESHNESS_QUERY = `query InnerSourceGitlabFreshness($paths: [String!]!, $first: Int!) {
  ${COMPLEXITY}
  projects(fullPaths: $paths, first: $first) {
    nodes {${FRESHNESS_FIELDS}
      repository { ${HEAD} }
    }
  }
}`;

/**
 * Everything GraphQL has of up to 20 projects that share their help-wanted
 * labels: one open-issue list per label, since `labelName` means all of them.
 */
export function projectsQuery(labelCount: number): string {
  const labelVariables = Array.from(
    { length: labelCount },
    (_, l) => `, $label${l}: String!`,
  ).join('');
  const labelled = Array.from(
    { length: labelCount },
    (_, l) => `
      label${l}: issues(state: opened, labelName: [$label${l}], sort: UPDATED_DESC, first: ${ISSUE_PAGE}) {${ISSUE_FIELDS}
      }`,
  ).join('');
  return `query InnerSourceGitlabProjects($paths: [String!]!, $first: Int!, $windowStart: Time!${labelVariables}) {
  ${COMPLEXITY}
  projects(fullPaths: $paths, first: $first) {
    nodes {
      id${FRESHNESS_FIELDS}
      description
      createdAt
      languages { name share }
      repository {
        rootRef
        empty
        ${HEAD}
        root: tree ${FILES}
        dotGitlab: tree(path: ".gitlab") ${FILES_AND_FOLDERS}
        docs: tree(path: "docs") ${FILES}
        innersourceJson: blobs(paths: ["innersource.json"]) { nodes { path rawTextBlob } }
      }
      mergeRequests(createdAfter: $windowStart, sort: CREATED_DESC, first: ${MERGE_REQUEST_PAGE}) {${MERGE_REQUEST_FIELDS}
      }
      issuesOpened: issues(createdAfter: $windowStart) { count }${labelled}
    }
  }
}`;
}

/** The next page of one project's merge requests in the window, newest first. */
export const MERGE_REQUESTS_PAGE_QUERY = `query InnerSourceGitlabMergeRequests($path: ID!, $windowStart: Time!, $after: String!) {
  ${COMPLEXITY}
  project(fullPath: $path) {
    mergeRequests(createdAfter: $windowStart, sort: CREATED_DESC, first: ${MERGE_REQUEST_PAGE}, after: $after) {${MERGE_REQUEST_FIELDS}
    }
  }
}`;

/** The next page of one project's open issues carrying one label. */
export const ISSUES_PAGE_QUERY = `query InnerSourceGitlabIssues($path: ID!, $label: String!, $after: String!) {
  ${COMPLEXITY}
  project(fullPath: $path) {
    issues(state: opened, labelName: [$label], sort: UPDATED_DESC, first: ${ISSUE_PAGE}, after: $after) {${ISSUE_FIELDS}
    }
  }
}`;
