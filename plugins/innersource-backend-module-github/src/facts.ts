import {
  DAY_MS,
  firstResponseAt,
  weeklyCommitCounts,
  type CommitFact,
  type ContributorIdentity,
  type IssueFact,
  type PullRequestFact,
  type RepositoryFacts,
  type ResponseFact,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  detectRepositoryFiles,
  parseInnerSourceJson,
  type CommitHistory,
} from '@innersource-for-backstage/plugin-innersource-node';
import type {
  GithubActor,
  GithubCommit,
  PageInfo,
  GithubIssue,
  GithubPullRequest,
  GithubRepository,
} from './types';

const PULL_REQUEST_STATES: Record<string, PullRequestFact['state']> = {
  OPEN: 'open',
  MERGED: 'merged',
  CLOSED: 'closed',
};

/** Who an actor is; GitHub's `Bot` actors are marked bots whatever their login. */
function identity(actor: GithubActor | null | undefined): ContributorIdentity {
  const who: ContributorIdentity = {};
  if (actor?.login) who.login = actor.login;
  if (actor?.__typename === 'Bot') who.bot = true;
  return who;
}

export function commitFact(commit: GithubCommit): CommitFact {
  const author: ContributorIdentity = {};
  if (commit.author?.name) author.name = commit.author.name;
  if (commit.author?.email) author.email = commit.author.email;
  if (commit.author?.user?.login) author.login = commit.author.user.login;
  return {
    sha: commit.oid,
    author,
    committedAt: new Date(commit.committedDate).toISOString(),
  };
}

/**
 * A first collection's commit history: the window's commits (read whole
 * since `recentSince`, unless `recentCut`) and the one page of older ones,
 * without merges, newest first. Whole from `since` when the older page held
 * everything; else from its oldest commit; from `recentSince` when there is
 * no older page; from the oldest commit read when even the window's history
 * was cut.
 */
export function commitHistory(
  recent: GithubCommit[],
  older: { pageInfo: PageInfo; nodes: GithubCommit[] } | null | undefined,
  options: { since: string; recentSince: string; recentCut: boolean },
): CommitHistory {
  // The older page ends where the window's history starts: a commit at that very time is in both.
  const seen = new Set(recent.map(c => c.oid));
  const all = [
    ...recent,
    ...(options.recentCut ? [] : older?.nodes ?? []).filter(
      c => !seen.has(c.oid),
    ),
  ];
  const commits = all
    .filter(c => (c.parents?.totalCount ?? 1) <= 1)
    .map(commitFact)
    .sort((a, b) => b.committedAt.localeCompare(a.committedAt));
  const oldest = (list: GithubCommit[]) =>
    list
      .map(c => new Date(c.committedDate).toISOString())
      .reduce<string | undefined>(
        (min, at) => (!min || at < min ? at : min),
        undefined,
      );
  let completeSince: string;
  if (options.recentCut) completeSince = oldest(recent) ?? options.recentSince;
  else if (!older) completeSince = options.recentSince;
  else if (older.pageInfo.hasNextPage)
    completeSince = oldest(older.nodes) ?? options.recentSince;
  else completeSince = options.since;
  return { completeSince, commits };
}

/**
 * The pull request, with when a draft was marked ready and its earliest
 * comments and reviews (one query reads the first ten timeline items of
 * those kinds, oldest first): time to first response is decided from them
 * (`firstResponseAt` in common); `firstResponseAt` here is the same rule
 * without ignored users.
 */
export function pullRequestFact(pr: GithubPullRequest): PullRequestFact {
  const items = (pr.timelineItems?.nodes ?? []).flatMap(item =>
    item?.createdAt ? [item] : [],
  );
  const ready = items.find(item => item.__typename === 'ReadyForReviewEvent');
  const responses: ResponseFact[] = items
    .filter(item => item.__typename !== 'ReadyForReviewEvent' && item.author)
    .map(item => ({
      at: new Date(item.createdAt!).toISOString(),
      author: identity(item.author),
    }));
  const fact: PullRequestFact = {
    id: pr.id,
    author: identity(pr.author),
    createdAt: new Date(pr.createdAt).toISOString(),
    state: PULL_REQUEST_STATES[pr.state] ?? 'open',
    responses,
  };
  if (ready) fact.readyForReviewAt = new Date(ready.createdAt!).toISOString();
  if (pr.mergedAt) fact.mergedAt = new Date(pr.mergedAt).toISOString();
  if (pr.closedAt) fact.closedAt = new Date(pr.closedAt).toISOString();
  const first = firstResponseAt(fact);
  if (first) fact.firstResponseAt = first;
  return fact;
}

export function issueFact(issue: GithubIssue): IssueFact {
  const fact: IssueFact = {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    url: issue.url,
    labels: (issue.labels?.nodes ?? []).flatMap(l => (l ? [l.name] : [])),
    createdAt: new Date(issue.createdAt).toISOString(),
    updatedAt: new Date(issue.updatedAt).toISOString(),
    comments: issue.comments.totalCount,
  };
  const assignee = issue.assignees?.nodes?.[0]?.login;
  if (assignee) fact.assignee = assignee;
  return fact;
}

export interface CollectedRepository {
  repository: GithubRepository;
  commits: GithubCommit[];
  pullRequests: GithubPullRequest[];
  /** Open issues per help-wanted or good-first-issue label, as queried. */
  labelledIssues: GithubIssue[][];
}

/**
 * The facts of a repository from what the queries read (history since the
 * start of the window or of the 13 weeks, whichever is earlier). Commits and
 * pull requests are those in the window; merge commits are left out.
 */
export function repositoryFacts(
  collected: CollectedRepository,
  options: { now: Date; windowDays: number; warn(message: string): void },
): RepositoryFacts {
  const { repository: repo } = collected;
  const since = options.now.getTime() - options.windowDays * DAY_MS;
  const fetched = collected.commits
    .filter(c => (c.parents?.totalCount ?? 1) <= 1)
    .map(commitFact);
  const commits = fetched.filter(c => Date.parse(c.committedAt) >= since);
  const pullRequests = collected.pullRequests
    .filter(pr => Date.parse(pr.createdAt) >= since)
    .map(pullRequestFact);
  const issues = new Map<string, IssueFact>();
  for (const list of collected.labelledIssues)
    for (const issue of list) issues.set(issue.id, issueFact(issue));

  const entries = [
    ...(repo.root?.entries ?? []).map(e => e.name),
    ...(repo.dotGithub?.entries ?? []).map(e => `.github/${e.name}`),
    ...(repo.docs?.entries ?? []).map(e => `docs/${e.name}`),
  ];
  let innersourceJson = null;
  if (repo.innersourceJson?.text) {
    try {
      innersourceJson = parseInnerSourceJson(repo.innersourceJson.text);
    } catch (error) {
      options.warn(
        `innersource.json in ${repo.nameWithOwner} is not valid JSON: ${
          (error as Error).message
        }`,
      );
    }
  }
  const recent = repo.recentIssues;
  // Counted from the newest 100 issues; more than that in the window reads as at least 100.
  const issuesOpened = recent
    ? recent.nodes.filter(i => i && Date.parse(i.createdAt) >= since).length
    : null;

  return {
    provider: 'github',
    repository: repo.nameWithOwner,
    webUrl: repo.url,
    collectedAt: options.now.toISOString(),
    windowDays: options.windowDays,
    description: repo.description ?? null,
    defaultBranch: repo.defaultBranchRef?.name ?? null,
    primaryLanguage:
      repo.primaryLanguage?.name ?? innersourceJson?.language ?? null,
    stars: repo.stargazerCount,
    forks: repo.forkCount,
    watchers: repo.watchers.totalCount,
    openIssues: repo.issues.totalCount,
    createdAt: new Date(repo.createdAt).toISOString(),
    updatedAt: new Date(
      Math.max(
        Date.parse(repo.pushedAt ?? repo.updatedAt),
        Date.parse(repo.updatedAt),
      ),
    ).toISOString(),
    weeklyCommits: weeklyCommitCounts(
      fetched.map(c => c.committedAt),
      options.now,
    ),
    commits,
    pullRequests,
    issuesOpened,
    helpWantedIssues: [...issues.values()],
    files: detectRepositoryFiles(entries, '', 'github'),
    innersourceJson,
  };
}
