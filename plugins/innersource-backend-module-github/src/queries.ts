/**
 * The GraphQL documents the GitHub provider sends. Each repository of a batch
 * is an aliased `repository(owner, name)` field with its own variables, so one
 * request reads up to 25 repositories (100 for the freshness pass).
 *
 * Cost, by GitHub's rule (each connection's requests, a nested connection once
 * per parent node, over 100): the deep fields of one repository ask for about
 * 65 requests (history 1, pull requests 1 + 20 timelines, per help-wanted
 * label 1 + 10 label lists + 10 assignee lists, recent issues 1), so a query of
 * 25 repositories costs about 16 points. The freshness pass asks for one
 * connection per repository: 1 point per 100 repositories.
 */

export const DEEP_BATCH = 25;
export const FRESHNESS_BATCH = 100;
export const PULL_REQUEST_PAGE = 20;
export const COMMIT_PAGE = 100;
export const ISSUE_PAGE = 10;
export const RECENT_ISSUE_PAGE = 100;

const RATE_LIMIT = 'rateLimit { cost remaining limit resetAt }';

/** Fields of a repository that say whether it changed since the last collection. */
const FRESHNESS_FIELDS = `
  nameWithOwner
  url
  visibility
  pushedAt
  updatedAt
  issues(states: OPEN, first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) {
    totalCount
    nodes { updatedAt }
  }`;

const COMMIT_FIELDS = `
  pageInfo { hasNextPage endCursor }
  nodes {
    oid
    committedDate
    parents { totalCount }
    author { name email user { login } }
  }`;

const PULL_REQUEST_FIELDS = `
  pageInfo { hasNextPage endCursor }
  nodes {
    id
    createdAt
    state
    mergedAt
    closedAt
    author { __typename login }
    timelineItems(first: 10, itemTypes: [READY_FOR_REVIEW_EVENT, ISSUE_COMMENT, PULL_REQUEST_REVIEW]) {
      nodes {
        __typename
        ... on ReadyForReviewEvent { createdAt }
        ... on IssueComment { createdAt author { __typename login } }
        ... on PullRequestReview { createdAt author { __typename login } }
      }
    }
  }`;

const ISSUE_FIELDS = `
  nodes {
    id
    number
    title
    url
    createdAt
    updatedAt
    comments { totalCount }
    labels(first: 10) { nodes { name } }
    assignees(first: 1) { nodes { login } }
  }`;

const TREE = '... on Tree { entries { name type } }';

/**
 * A first collection's older history: one page of the default branch's
 * commits from `$backfillSince` up to where the window's history starts. It
 * costs one more request per repository (a quarter point per query of 25).
 */
const OLDER_HISTORY = `
    olderHistory: defaultBranchRef {
      target {
        ... on Commit {
          history(since: $backfillSince, until: $since, first: ${COMMIT_PAGE}) {${COMMIT_FIELDS}
          }
        }
      }
    }`;

function deepFields(
  alias: string,
  labelCount: number,
  backfill: boolean,
): string {
  const labelled = Array.from(
    { length: labelCount },
    (_, l) => `
    label${l}: issues(states: OPEN, labels: [$${alias}_label${l}], first: ${ISSUE_PAGE}, orderBy: { field: UPDATED_AT, direction: DESC }) {${ISSUE_FIELDS}
    }`,
  ).join('');
  return `
    description
    createdAt
    ${FRESHNESS_FIELDS}
    stargazerCount
    forkCount
    watchers { totalCount }
    primaryLanguage { name }
    defaultBranchRef {
      name
      target {
        ... on Commit {
          history(since: $since, first: ${COMMIT_PAGE}) {${COMMIT_FIELDS}
          }
        }
      }
    }
    pullRequests(first: ${PULL_REQUEST_PAGE}, orderBy: { field: CREATED_AT, direction: DESC }) {${PULL_REQUEST_FIELDS}
    }
    recentIssues: issues(first: ${RECENT_ISSUE_PAGE}, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage }
      nodes { createdAt }
    }${labelled}
    root: object(expression: "HEAD:") { ${TREE} }
    dotGithub: object(expression: "HEAD:.github") { ${TREE} }
    docs: object(expression: "HEAD:docs") { ${TREE} }
    innersourceJson: object(expression: "HEAD:innersource.json") { ... on Blob { text byteSize } }${
      backfill ? OLDER_HISTORY : ''
    }`;
}

/** The freshness pass: cheap fields that tell which repositories changed. */
export function freshnessQuery(count: number): string {
  const vars = Array.from(
    { length: count },
    (_, i) => `$o${i}: String!, $n${i}: String!`,
  ).join(', ');
  const fields = Array.from(
    { length: count },
    (
      _,
      i,
    ) => `r${i}: repository(owner: $o${i}, name: $n${i}) {${FRESHNESS_FIELDS}
  }`,
  ).join('\n  ');
  return `query InnerSourceFreshness(${vars}) {
  ${RATE_LIMIT}
  ${fields}
}`;
}

/**
 * Every fact of up to 25 repositories, each with one issue list per
 * help-wanted label; with `backfill`, also their older history from
 * `$backfillSince` (first collections).
 */
export function repositoriesQuery(
  count: number,
  labelCount: number,
  backfill = false,
): string {
  const vars = Array.from({ length: count }, (_, i) =>
    [
      `$o${i}: String!`,
      `$n${i}: String!`,
      ...Array.from(
        { length: labelCount },
        (__, l) => `$r${i}_label${l}: String!`,
      ),
    ].join(', '),
  ).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: repository(owner: $o${i}, name: $n${i}) {${deepFields(
      `r${i}`,
      labelCount,
      backfill,
    )}
  }`,
  ).join('\n  ');
  const backfillVar = backfill ? '$backfillSince: GitTimestamp!, ' : '';
  return `query InnerSourceRepositories($since: GitTimestamp!, ${backfillVar}${vars}) {
  ${RATE_LIMIT}
  ${fields}
}`;
}

/** The next page of a repository's default-branch history in the window. */
export const COMMITS_PAGE_QUERY = `query InnerSourceCommits($owner: String!, $name: String!, $since: GitTimestamp!, $after: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target {
        ... on Commit {
          history(since: $since, first: ${COMMIT_PAGE}, after: $after) {${COMMIT_FIELDS}
          }
        }
      }
    }
  }
}`;

/** The next page of a repository's pull requests, newest first. */
export const PULL_REQUESTS_PAGE_QUERY = `query InnerSourcePullRequests($owner: String!, $name: String!, $after: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequests(first: ${PULL_REQUEST_PAGE}, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {${PULL_REQUEST_FIELDS}
    }
  }
}`;
