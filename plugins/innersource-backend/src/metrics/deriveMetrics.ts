import { createHash, createHmac } from 'node:crypto';
import {
  DAY_MS,
  HOUR_MS,
  DEFAULT_AGENTS,
  contributorAbsenceFactor,
  isAutomatedContribution,
  isBot,
  median,
  newcomerFunnel,
  percentile,
  timeToFirstResponseHours,
  type CommitFact,
  type ContributionTimeline,
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
  /** This installation's secret for unmapped people's keys (`RefreshStore.contributorKeySecret`). */
  keySecret: Uint8Array;
  /** Coding agents by name, login or e-mail (`innersource.agents` with the defaults); default {@link DEFAULT_AGENTS}. */
  agents?: readonly string[];
  /** Logins or e-mails whose comments are no response (`innersource.ignoredUsers`). */
  ignoredUsers?: readonly string[];
}

export { contributorAbsenceFactor, median };

export interface DerivedMetrics {
  metrics: ProjectMetrics;
  contributors: ContributorSummary[];
}

/** Shown for an unmapped person whose commits carry no name, or only an e-mail as their name. */
export const UNNAMED_CONTRIBUTOR = 'Unnamed contributor';

/** Text holding an e-mail address (`alice@corp.example`, `Alice <alice@corp>`): an identity, never shown. */
const EMAIL_SHAPED = /[^\s@<>()]+@[^\s@<>()]+/;

/** Whether a name is, or holds, an e-mail address: git's user.name often is one. */
export function isEmailShaped(name: string): boolean {
  return EMAIL_SHAPED.test(name);
}

const normalizedEmail = (email: string) =>
  email.trim().toLocaleLowerCase('en-US');

/**
 * The key of a person no catalog User stands for. An e-mail is an identity,
 * not display data: it becomes an HMAC-SHA256 under this installation's
 * secret, which nobody can reverse with a company directory and which links
 * no one across installations. A forge login is public and stays as it is.
 */
export function unmappedKey(
  identity: ContributorIdentity,
  provider: string,
  secret: Uint8Array,
): string | undefined {
  if (identity.login)
    return `${provider}:${identity.login.trim().toLocaleLowerCase('en-US')}`;
  // a git user.name that is an e-mail is keyed as the e-mail it is
  const email =
    identity.email ||
    (identity.name ? EMAIL_SHAPED.exec(identity.name)?.[0] : undefined);
  if (email) {
    return `pseudonym:${createHmac('sha256', secret)
      .update(`email:${normalizedEmail(email)}`)
      .digest('hex')
      .slice(0, 32)}`;
  }
  if (identity.name) return `name:${identity.name.trim()}`;
  return undefined;
}

/**
 * The key an unmapped e-mail had before keys were HMACs (an unsalted
 * SHA-256, `unmapped:` and 16 hex characters), so a person stored under it
 * still counts as known at the collection that replaces their row.
 */
export function formerUnmappedKey(
  identity: ContributorIdentity,
): string | undefined {
  if (identity.login || !identity.email) return undefined;
  return `unmapped:${createHash('sha256')
    .update(`email:${normalizedEmail(identity.email)}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/** What a contributor is called: their catalog User's name, else a name from the forge that is no e-mail. */
function displayNameOf(
  identity: ContributorIdentity,
  userRef: string | undefined,
  directory: OrgDirectory,
): string {
  const shown = [identity.name, identity.login].find(
    name => name && name.trim() && !isEmailShaped(name),
  );
  return (
    (userRef && directory.displayName(userRef)) ||
    shown ||
    (userRef ?? UNNAMED_CONTRIBUTOR)
  );
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
  const agents = options.agents ?? DEFAULT_AGENTS;
  const people = new Map<string, ContributorSummary>();
  let automated = 0;
  /** The key a person is counted under: their catalog User, else their identity. */
  const keyOf = (identity: ContributorIdentity) => {
    const userRef = directory.resolve(identity, facts.provider);
    return {
      userRef,
      key: userRef ?? unmappedKey(identity, facts.provider, options.keySecret),
    };
  };
  /** Keys of the former scheme of people credited in this window. */
  const formerKeys = new Map<string, string>();

  const sideOf = (userRef: string | undefined): ContributorSummary['side'] => {
    if (!userRef) return 'unmapped';
    return directory.isInside(userRef, ownerRef) ? 'inside' : 'outside';
  };

  const credit = (
    identity: ContributorIdentity,
    at: string,
    kind: 'commits' | 'pullRequests',
  ) => {
    const { userRef, key } = keyOf(identity);
    if (!key) return;
    const formerKey = userRef ? undefined : formerUnmappedKey(identity);
    if (formerKey) formerKeys.set(key, formerKey);
    let person = people.get(key);
    if (!person) {
      person = {
        key,
        displayName: displayNameOf(identity, userRef, directory),
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

  const byPeople = (commit: CommitFact) =>
    !isAutomatedContribution(commit, agents);
  for (const commit of facts.commits ?? []) {
    if (byPeople(commit)) credit(commit.author, commit.committedAt, 'commits');
    else automated += 1;
  }
  for (const pr of facts.pullRequests ?? []) {
    if (!isBot(pr.author, agents))
      credit(pr.author, pr.createdAt, 'pullRequests');
    else automated += 1;
  }

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
  const responseRules = { agents, ignoredUsers: options.ignoredUsers };
  const responseHours = (prs ?? []).flatMap(p => {
    const hours = timeToFirstResponseHours(p, responseRules);
    return hours === undefined ? [] : [hours];
  });
  const mergeHours = merged
    .filter(p => p.mergedAt)
    .map(p => (Date.parse(p.mergedAt!) - Date.parse(p.createdAt)) / HOUR_MS);

  const isKnown = (key: string) => {
    const known = options.knownContributorKeys;
    const formerKey = formerKeys.get(key);
    return Boolean(
      known?.has(key) || (formerKey !== undefined && known?.has(formerKey)),
    );
  };
  const commitCounts = contributors.map(c => c.commits).filter(n => n > 0);
  const issues = facts.helpWantedIssues;
  const hoursOf = (value: number | null) =>
    value === null ? null : roundTo(value, 1);

  // The newcomer funnel, from the commit history before the window where the provider read it.
  let newContributors: number | null = null;
  let outsideNewContributors: number | null = null;
  let newcomerReturnRate: number | null = null;
  const history = facts.contributionHistory;
  if (history && facts.commits) {
    const earlier = new Set(
      history.earlierAuthors
        .filter(author => !isBot(author, agents))
        .map(author => keyOf(author).key),
    );
    const timelines = new Map<string, number[]>();
    for (const commit of [...facts.commits, ...history.commits]) {
      if (!byPeople(commit)) continue;
      const { key } = keyOf(commit.author);
      if (!key) continue;
      const times = timelines.get(key) ?? [];
      times.push(Date.parse(commit.committedAt));
      timelines.set(key, times);
    }
    const keys = [...timelines.keys()];
    const funnel = newcomerFunnel(
      keys.map(
        (key): ContributionTimeline => ({
          firstAt: earlier.has(key) ? null : Math.min(...timelines.get(key)!),
          times: timelines.get(key)!,
        }),
      ),
      now.getTime(),
      facts.windowDays,
    );
    const newcomers = funnel.newInWindow.map(i => people.get(keys[i]));
    newContributors = newcomers.length;
    outsideNewContributors = newcomers.filter(
      c => c?.side === 'outside',
    ).length;
    newcomerReturnRate =
      funnel.cohort > 0 ? roundTo(funnel.returned / funnel.cohort, 4) : null;
  } else if (contributionsKnown && options.knownContributorKeys) {
    const newcomers = contributors.filter(c => !isKnown(c.key));
    newContributors = newcomers.length;
    outsideNewContributors = newcomers.filter(c => c.side === 'outside').length;
  }

  const metrics: ProjectMetrics = {
    commits: facts.commits ? facts.commits.length : null,
    contributors: contributionsKnown ? contributors.length : null,
    outsideContributors: count('outside'),
    unmappedContributors: count('unmapped'),
    outsideContributionShare:
      mappedContributions > 0
        ? roundTo(outsideContributions / mappedContributions, 4)
        : null,
    agentContributions: contributionsKnown ? automated : null,
    changeRequestAcceptanceRatio:
      closed.length > 0 ? roundTo(merged.length / closed.length, 4) : null,
    medianTimeToFirstResponseHours: hoursOf(median(responseHours)),
    p90TimeToFirstResponseHours: hoursOf(percentile(responseHours, 90)),
    medianTimeToMergeHours: hoursOf(median(mergeHours)),
    p90TimeToMergeHours: hoursOf(percentile(mergeHours, 90)),
    contributorAbsenceFactor: facts.commits
      ? contributorAbsenceFactor(commitCounts)
      : null,
    newContributors,
    outsideNewContributors,
    newcomerReturnRate,
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
