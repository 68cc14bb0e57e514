import type {
  CommitFact,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  backfillHistory,
  commitsInWindow,
  planBackfill,
} from './backfillHistory';
import { testOrg } from './__testUtils__/testOrg';

const now = new Date('2026-11-24T12:00:00Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();

const commit = (sha: string, email: string, ago: number): CommitFact => ({
  sha,
  author: { name: email.split('@')[0], email },
  committedAt: daysAgo(ago),
});

const facts: RepositoryFacts = {
  provider: 'git',
  repository: '/repos/portal',
  collectedAt: now.toISOString(),
  windowDays: 14,
  description: null,
  defaultBranch: 'main',
  primaryLanguage: null,
  stars: null,
  forks: null,
  watchers: null,
  openIssues: null,
  createdAt: daysAgo(60),
  updatedAt: daysAgo(1),
  weeklyCommits: null,
  commits: [],
  pullRequests: null,
  issuesOpened: null,
  helpWantedIssues: null,
  files: null,
  innersourceJson: null,
};

describe('planBackfill', () => {
  it.each([
    // windowDays, retentionDays, week ends (days ago, oldest first), since (days ago)
    [14, 400, [14, 7], 28],
    [90, 400, [84, 77, 70, 63, 56, 49, 42, 35, 28, 21, 14, 7], 174],
    [3, 400, [7], 10],
    [90, 30, [28, 21, 14, 7], 118],
    [90, 7, [], 90],
  ])(
    'a window of %p days kept %p days backfills the weeks ending %p days ago, from commits since %p days ago',
    (windowDays, retentionDays, weeks, since) => {
      const plan = planBackfill(now, windowDays, retentionDays);
      expect(plan.weeks.map(w => w.toISOString())).toEqual(weeks.map(daysAgo));
      expect(plan.since.toISOString()).toBe(daysAgo(since));
    },
  );
});

describe('commitsInWindow', () => {
  const commits = [
    commit('future', 'alice@acme.example', 0),
    commit('end', 'alice@acme.example', 7),
    commit('inside', 'alice@acme.example', 10),
    commit('start', 'alice@acme.example', 21),
    commit('before', 'alice@acme.example', 21.5),
  ];

  it.each([
    [new Date(daysAgo(7)), 14, ['end', 'inside', 'start']],
    [new Date(daysAgo(7)), 3, ['end', 'inside']],
    [new Date(daysAgo(7)), 2, ['end']],
    [new Date(daysAgo(1)), 1, []],
  ])(
    'the window ending %p of %p days holds %p',
    (end, windowDays, expected) => {
      expect(commitsInWindow(commits, end, windowDays).map(c => c.sha)).toEqual(
        expected,
      );
    },
  );
});

describe('backfillHistory', () => {
  // platform-team owns it: alice inside, bob outside, mallory no catalog user.
  const history = {
    completeSince: daysAgo(30),
    commits: [
      commit('a3', 'alice@acme.example', 2),
      commit('b2', 'bob@acme.example', 3),
      commit('a2', 'alice@acme.example', 9),
      commit('m1', 'mallory@elsewhere.example', 12),
      commit('a1', 'alice@acme.example', 16),
      commit('b1', 'bob@acme.example', 24),
    ],
  };
  const options = {
    ownerRef: 'group:default/platform-team',
    directory: testOrg,
    labels: { helpWanted: ['help wanted'], goodFirstIssue: [] },
    windowDays: 14,
  };

  it.each([
    {
      week: 7,
      // a2, m1, a1: alice twice, mallory once
      expected: {
        commits: 3,
        contributors: 2,
        outsideContributors: 0,
        unmappedContributors: 1,
        outsideContributionShare: 0,
        contributorAbsenceFactor: 1,
        agentContributions: 0,
      },
    },
    {
      week: 14,
      // a1, b1: m1 came after that week
      expected: {
        commits: 2,
        contributors: 2,
        outsideContributors: 1,
        unmappedContributors: 0,
        outsideContributionShare: 0.5,
        contributorAbsenceFactor: 1,
        agentContributions: 0,
      },
    },
  ])(
    'the week ending $week days ago counts the commits of the window that ended then',
    ({ week, expected }) => {
      const [point] = backfillHistory(facts, history, {
        ...options,
        weeks: [new Date(daysAgo(week))],
      });
      expect(point).toEqual({ at: new Date(daysAgo(week)), metrics: expected });
    },
  );

  it('counts a week without commits as none, not as unknown', () => {
    const [point] = backfillHistory(
      facts,
      { completeSince: daysAgo(60), commits: [] },
      { ...options, weeks: [new Date(daysAgo(7))] },
    );
    expect(point.metrics).toEqual({
      commits: 0,
      contributors: 0,
      outsideContributors: 0,
      unmappedContributors: 0,
      outsideContributionShare: null,
      contributorAbsenceFactor: 0,
      agentContributions: 0,
    });
  });

  it('leaves out weeks whose window reaches before the history the provider could read', () => {
    const points = backfillHistory(
      facts,
      { ...history, completeSince: daysAgo(22) },
      {
        ...options,
        weeks: [7, 14, 21].map(d => new Date(daysAgo(d))).reverse(),
      },
    );
    // windows of 14 days: the week ending 7 days ago starts 21 days ago, inside what was read; the others start 28 and 35 days ago
    expect(points.map(p => p.at.toISOString())).toEqual([daysAgo(7)]);
  });

  it('backfills nothing from a history that does not say from when it is whole', () => {
    expect(
      backfillHistory(
        facts,
        { ...history, completeSince: 'not a date' },
        { ...options, weeks: [new Date(daysAgo(7))] },
      ),
    ).toEqual([]);
  });

  it('never backfills what commits cannot tell: pull requests, issues, stars, new contributors', () => {
    const [point] = backfillHistory(
      { ...facts, stars: 40, issuesOpened: 3 },
      history,
      { ...options, weeks: [new Date(daysAgo(7))] },
    );
    for (const key of [
      'stars',
      'issuesOpened',
      'pullRequestsOpened',
      'newContributors',
      'medianTimeToFirstResponseHours',
    ]) {
      expect(point.metrics).not.toHaveProperty(key);
    }
  });
});
