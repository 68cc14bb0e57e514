import { createHash } from 'node:crypto';
import {
  DAY_MS,
  HOUR_MS,
  isBot,
  type ContributorIdentity,
  type ContributorSummary,
  type ProjectMetrics,
  type RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { OrgDirectory } from './OrgDirectory';

export interface DeriveOptions {
  /** The entity's owner (`spec.owner`), a Group or User ref. */
  ownerRef: string | undefined;
  directory: OrgDirectory;
  /** Contributor keys seen in earlier snapshots; null when there is no earlier snapshot. */
  knownContributorKeys: ReadonlySet<string> | null;
  labels: { helpWanted: string[]; goodFirstIssue: string[] };
  now: Date;
}

export interface DerivedMetrics {
  metrics: ProjectMetrics;
  contributors: ContributorSummary[];
}

/** Shown for an unmapped person whose commits carry an e-mail and no name. */
export const UNNAMED_CONTRIBUTOR = 'Unnamed contributor';

/**
 * The key of a person no catalog User stands for. An e-mail is an identity,
 * not display data: it becomes a stable opaque key, never shown.
 */
export function unmappedKey(
  identity: ContributorIdentity,
  provider: string,
): string | undefined {
  if (identity.login)
    return `${provider}:${identity.login.trim().toLocaleLowerCase('en-US')}`;
  if (identity.email) {
    const email = identity.email.trim().toLocaleLowerCase('en-US');
    return `unmapped:${createHash('sha256')
      .update(`email:${email}`)
      .digest('hex')
      .slice(0, 16)}`;
  }
  if (identity.name) return `name:${identity.name.trim()}`;
  return undefined;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Fewest contributors whose commits add up to at least half of all commits. */
export function contributorAbsenceFactor(commitCounts: number[]): number {
  const total = commitCounts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  const sorted = [...commitCounts].sort((a, b) => b - a);
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    covered += sorted[i];
    if (covered * 2 >= total) return i + 1;
  }
  return sorted.length;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function hasLabel(labels: string[], wanted: string[]): boolean {
  const lowered = new Set(wanted.map(l => l.toLocaleLowerCase('en-US')));
  return labels.some(l => lowered.has(l.toLocaleLowerCase('en-US')));
}

/**
 * Derives the CHAOSS-style metrics of one repository's facts, splitting its
 * contributors into inside, outside and unmapped. Unknown facts give unknown
 * (null) metrics, never zeros.
 */
export function deriveMetrics(
  facts: RepositoryFacts,
  options: DeriveOptions,
): DerivedMetrics {
  const { directory, ownerRef, now } = options;
  const people = new Map<string, ContributorSummary>();

  const sideOf = (userRef: string | undefined): ContributorSummary['side'] => {
    if (!userRef) return 'unmapped';
    return directory.isInside(userRef, ownerRef) ? 'inside' : 'outside';
  };

  const credit = (
    identity: ContributorIdentity,
    at: string,
    kind: 'commits' | 'pullRequests',
  ) => {
    if (isBot(identity)) return;
    const userRef = directory.resolve(identity, facts.provider);
    const key = userRef ?? unmappedKey(identity, facts.provider);
    if (!key) return;
    let person = people.get(key);
    if (!person) {
      person = {
        key,
        displayName:
          (userRef && directory.displayName(userRef)) ||
          identity.name ||
          identity.login ||
          (userRef ?? UNNAMED_CONTRIBUTOR),
        ...(userRef ? { userRef } : {}),
        ...(userRef && directory.groupsOf(userRef)[0]
          ? { teamRef: directory.groupsOf(userRef)[0] }
          : {}),
        side: sideOf(userRef),
        commits: 0,
        pullRequests: 0,
        lastContributionAt: at,
      };
      people.set(key, person);
    }
    person[kind] += 1;
    if (at > person.lastContributionAt) person.lastContributionAt = at;
  };

  for (const commit of facts.commits ?? [])
    credit(commit.author, commit.committedAt, 'commits');
  for (const pr of facts.pullRequests ?? [])
    credit(pr.author, pr.createdAt, 'pullRequests');

  const contributors = [...people.values()].sort(
    (a, b) =>
      b.commits + b.pullRequests - (a.commits + a.pullRequests) ||
      a.key.localeCompare(b.key),
  );
  const contributionsKnown =
    facts.commits !== null || facts.pullRequests !== null;
  const count = (side: ContributorSummary['side']) =>
    contributionsKnown
      ? contributors.filter(c => c.side === side).length
      : null;

  const mappedContributions = contributors
    .filter(c => c.side !== 'unmapped')
    .reduce((sum, c) => sum + c.commits + c.pullRequests, 0);
  const outsideContributions = contributors
    .filter(c => c.side === 'outside')
    .reduce((sum, c) => sum + c.commits + c.pullRequests, 0);

  const prs = facts.pullRequests;
  const merged = prs?.filter(p => p.state === 'merged') ?? [];
  const closed = prs?.filter(p => p.state !== 'open') ?? [];
  const responseHours = (prs ?? [])
    .filter(p => p.firstResponseAt)
    .map(
      p => (Date.parse(p.firstResponseAt!) - Date.parse(p.createdAt)) / HOUR_MS,
    );
  const mergeHours = merged
    .filter(p => p.mergedAt)
    .map(p => (Date.parse(p.mergedAt!) - Date.parse(p.createdAt)) / HOUR_MS);

  const commitCounts = contributors.map(c => c.commits).filter(n => n > 0);
  const issues = facts.helpWantedIssues;
  const medianResponse = median(responseHours);
  const medianMerge = median(mergeHours);

  const metrics: ProjectMetrics = {
    commits: facts.commits ? facts.commits.length : null,
    contributors: contributionsKnown ? contributors.length : null,
    outsideContributors: count('outside'),
    unmappedContributors: count('unmapped'),
    outsideContributionShare:
      mappedContributions > 0
        ? roundTo(outsideContributions / mappedContributions, 4)
        : null,
    changeRequestAcceptanceRatio:
      closed.length > 0 ? roundTo(merged.length / closed.length, 4) : null,
    medianTimeToFirstResponseHours:
      medianResponse === null ? null : roundTo(medianResponse, 1),
    medianTimeToMergeHours:
      medianMerge === null ? null : roundTo(medianMerge, 1),
    contributorAbsenceFactor: facts.commits
      ? contributorAbsenceFactor(commitCounts)
      : null,
    newContributors:
      contributionsKnown && options.knownContributorKeys
        ? contributors.filter(c => !options.knownContributorKeys!.has(c.key))
            .length
        : null,
    pullRequestsOpened: prs ? prs.length : null,
    pullRequestsMerged: prs ? merged.length : null,
    issuesOpened: facts.issuesOpened,
    openHelpWanted: issues
      ? issues.filter(i => hasLabel(i.labels, options.labels.helpWanted)).length
      : null,
    openGoodFirstIssues: issues
      ? issues.filter(i => hasLabel(i.labels, options.labels.goodFirstIssue))
          .length
      : null,
    daysSinceLastActivity: facts.updatedAt
      ? Math.max(
          0,
          Math.floor((now.getTime() - Date.parse(facts.updatedAt)) / DAY_MS),
        )
      : null,
    stars: facts.stars,
    forks: facts.forks,
    watchers: facts.watchers,
    weeklyCommits: facts.weeklyCommits,
  };

  return { metrics, contributors };
}
