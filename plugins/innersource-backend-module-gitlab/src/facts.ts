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
import type {
  CollectRequest,
  CommitHistory,
} from '@innersource-for-backstage/plugin-innersource-node';
import {
  detectRepositoryFiles,
  parseInnerSourceJson,
} from '@innersource-for-backstage/plugin-innersource-node';
import type {
  GitlabFreshness,
  GitlabIssue,
  GitlabMergeRequest,
  GitlabProject,
  GitlabTree,
  GitlabUser,
  RestCommit,
} from './types';

const MERGE_REQUEST_STATES: Record<string, PullRequestFact['state']> = {
  opened: 'open',
  locked: 'open',
  merged: 'merged',
  closed: 'closed',
};

/** Who a GitLab user is; GitLab's `bot` flag (access-token and service bots) marks bots whatever their username. */
function identity(user: GitlabUser | null | undefined): ContributorIdentity {
  const who: ContributorIdentity = {};
  if (user?.username) who.login = user.username;
  if (user?.bot) who.bot = true;
  return who;
}

export function commitFact(commit: RestCommit): CommitFact {
  const author: ContributorIdentity = {};
  if (commit.author_name) author.name = commit.author_name;
  if (commit.author_email) author.email = commit.author_email;
  return {
    sha: commit.id,
    author,
    committedAt: new Date(commit.committed_date).toISOString(),
  };
}

/**
 * A first collection's commit history from what REST listed since `since`,
 * newest first, merges aside: whole from `since`, or from the oldest commit
 * listed when the pages ran out first (`cut`).
 */
export function commitHistory(
  commits: RestCommit[],
  options: { since: string; cut: boolean },
): CommitHistory {
  const facts = commits
    .filter(c => (c.parent_ids?.length ?? 1) <= 1)
    .map(commitFact)
    .sort((a, b) => b.committedAt.localeCompare(a.committedAt));
  const oldest = commits
    .map(c => new Date(c.committed_date).toISOString())
    .sort()[0];
  return {
    completeSince: options.cut && oldest ? oldest : options.since,
    commits: facts,
  };
}

/**
 * The merge request, with its first comment by someone other than its
 * author, system notes and bots aside, and its comments as `responses`, so
 * time to first response is decided by the rule in common (ignored users
 * too). GitLab's draft-to-ready time is not read: a draft's clock starts
 * when it was opened.
 */
export function mergeRequestFact(mr: GitlabMergeRequest): PullRequestFact {
  const responses: ResponseFact[] = (mr.notes?.nodes ?? []).flatMap(note =>
    note && !note.system && note.author
      ? [
          {
            at: new Date(note.createdAt).toISOString(),
            author: identity(note.author),
          },
        ]
      : [],
  );
  const fact: PullRequestFact = {
    id: mr.id,
    author: identity(mr.author),
    createdAt: new Date(mr.createdAt).toISOString(),
    state: MERGE_REQUEST_STATES[mr.state] ?? 'open',
    responses,
  };
  if (mr.mergedAt) fact.mergedAt = new Date(mr.mergedAt).toISOString();
  if (mr.closedAt) fact.closedAt = new Date(mr.closedAt).toISOString();
  else if (mr.mergedAt) fact.closedAt = fact.mergedAt;
  const first = firstResponseAt(fact);
  if (first) fact.firstResponseAt = first;
  return fact;
}

export function issueFact(issue: GitlabIssue): IssueFact {
  const fact: IssueFact = {
    id: issue.id,
    number: Number(issue.iid),
    title: issue.title,
    url: issue.webUrl,
    labels: (issue.labels?.nodes ?? []).flatMap(l => (l ? [l.title] : [])),
    createdAt: new Date(issue.createdAt).toISOString(),
    updatedAt: new Date(issue.updatedAt).toISOString(),
    comments: issue.userNotesCount,
  };
  const assignee = issue.assignees?.nodes?.[0]?.username;
  if (assignee) fact.assignee = assignee;
  return fact;
}

/** Names in a tree, as paths from the repository root. */
function entriesOf(tree: GitlabTree | null | undefined, folder = ''): string[] {
  const names = [
    ...(tree?.blobs?.nodes ?? []),
    ...(tree?.trees?.nodes ?? []),
  ].flatMap(e => (e ? [e.name] : []));
  return names.map(name => `${folder}${name}`);
}

/**
 * What says a project changed since its last collection: GitLab updates
 * `lastActivityAt` at most once an hour, so the head commit and the newest
 * merge request and issue updates count too, and the settings that shape
 * the facts.
 */
export function fingerprint(
  fresh: Pick<
    GitlabFreshness,
    | 'lastActivityAt'
    | 'starCount'
    | 'forksCount'
    | 'openIssuesCount'
    | 'repository'
    | 'latestMergeRequest'
    | 'latestIssue'
    | 'visibility'
  >,
  request: Pick<CollectRequest, 'windowDays' | 'labels'>,
): string {
  return JSON.stringify([
    fresh.lastActivityAt ?? null,
    fresh.visibility ?? null,
    fresh.starCount,
    fresh.forksCount,
    fresh.openIssuesCount ?? null,
    fresh.repository?.head?.lastCommit?.sha ?? null,
    fresh.latestMergeRequest?.nodes?.[0]?.updatedAt ?? null,
    fresh.latestIssue?.nodes?.[0]?.updatedAt ?? null,
    request.windowDays,
    [...request.labels.helpWanted, ...request.labels.goodFirstIssue],
  ]);
}

export interface CollectedProject {
  project: GitlabProject;
  /** Default-branch commits since the window or the 13 weeks began; null when the repository is unreadable. */
  commits: RestCommit[] | null;
  mergeRequests: GitlabMergeRequest[];
  /** Open issues per help-wanted or good-first-issue label, as queried. */
  labelledIssues: GitlabIssue[][];
}

function innersourceJsonOf(
  project: GitlabProject,
  warn: (message: string) => void,
) {
  const text = project.repository?.innersourceJson?.nodes?.find(
    n => n?.path === 'innersource.json',
  )?.rawTextBlob;
  if (!text) return null;
  try {
    return parseInnerSourceJson(text);
  } catch (error) {
    warn(
      `innersource.json in ${project.fullPath} is not valid JSON: ${
        (error as Error).message
      }`,
    );
    return null;
  }
}

/**
 * The facts of a project from what GraphQL and REST read. Commits and merge
 * requests are those in the window; merge commits are left out. GitLab has
 * no watchers count, so watchers are unknown.
 */
export function projectFacts(
  collected: CollectedProject,
  options: { now: Date; windowDays: number; warn(message: string): void },
): RepositoryFacts {
  const { project } = collected;
  const repository = project.repository;
  const since = options.now.getTime() - options.windowDays * DAY_MS;
  const fetched = collected.commits
    ?.filter(c => (c.parent_ids?.length ?? 1) <= 1)
    .map(commitFact);
  const issues = new Map<string, IssueFact>();
  for (const list of collected.labelledIssues)
    for (const issue of list) issues.set(issue.id, issueFact(issue));

  let files = null;
  if (repository) {
    files = detectRepositoryFiles(
      [
        ...entriesOf(repository.root),
        ...entriesOf(repository.dotGitlab, '.gitlab/'),
        ...entriesOf(repository.docs, 'docs/'),
      ],
      '',
      'gitlab',
    );
  }
  const innersourceJson = innersourceJsonOf(project, options.warn);
  const language = [...(project.languages ?? [])].sort(
    (a, b) => (b.share ?? 0) - (a.share ?? 0),
  )[0]?.name;

  return {
    provider: 'gitlab',
    repository: project.fullPath,
    ...(project.webUrl ? { webUrl: project.webUrl } : {}),
    collectedAt: options.now.toISOString(),
    windowDays: options.windowDays,
    description: project.description || null,
    defaultBranch: repository?.rootRef ?? null,
    primaryLanguage: language ?? innersourceJson?.language ?? null,
    stars: project.starCount,
    forks: project.forksCount,
    watchers: null,
    openIssues: project.openIssuesCount ?? null,
    createdAt: project.createdAt
      ? new Date(project.createdAt).toISOString()
      : null,
    updatedAt: project.lastActivityAt
      ? new Date(project.lastActivityAt).toISOString()
      : null,
    weeklyCommits: fetched
      ? weeklyCommitCounts(
          fetched.map(c => c.committedAt),
          options.now,
        )
      : null,
    commits: fetched
      ? fetched.filter(c => Date.parse(c.committedAt) >= since)
      : null,
    pullRequests: collected.mergeRequests
      .filter(mr => Date.parse(mr.createdAt) >= since)
      .map(mergeRequestFact),
    issuesOpened: project.issuesOpened?.count ?? null,
    helpWantedIssues: [...issues.values()],
    files,
    innersourceJson,
  };
}
