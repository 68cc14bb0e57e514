import { createHash, createHmac } from 'node:crypto';
import type { RepositoryFacts } from '@innersource-for-backstage/plugin-innersource-common';
import {
  contributorAbsenceFactor,
  deriveMetrics,
  formerUnmappedKey,
  median,
  UNNAMED_CONTRIBUTOR,
  unmappedKey,
} from './deriveMetrics';
import { OrgDirectory } from './OrgDirectory';
import { testOrg } from './__testUtils__/testOrg';

const now = new Date('2026-11-24T12:00:00Z');
const keySecret = Buffer.from('an installation secret, 32 bytes');
const labels = {
  helpWanted: ['help wanted'],
  goodFirstIssue: ['good first issue'],
};

function facts(overrides: Partial<RepositoryFacts>): RepositoryFacts {
  return {
    provider: 'github',
    repository: 'acme/portal',
    collectedAt: now.toISOString(),
    windowDays: 90,
    description: null,
    defaultBranch: 'main',
    primaryLanguage: null,
    stars: null,
    forks: null,
    watchers: null,
    openIssues: null,
    createdAt: null,
    updatedAt: null,
    weeklyCommits: null,
    commits: null,
    pullRequests: null,
    issuesOpened: null,
    helpWantedIssues: null,
    files: null,
    innersourceJson: null,
    ...overrides,
  };
}

const commit = (sha: string, email: string, day: number, login?: string) => ({
  sha,
  author: { name: email.split('@')[0], email, login },
  committedAt: new Date(Date.UTC(2026, 10, day)).toISOString(),
});

// Owned by platform-team: alice (inside) 4 commits, bob (outside) 2 commits + 1 PR,
// mallory (unmapped) 1 commit, a bot 3 commits (ignored).
const busy = facts({
  commits: [
    commit('a1', 'alice@acme.example', 1),
    commit('a2', 'alice@acme.example', 2),
    commit('a3', 'alice@acme.example', 3),
    commit('a4', 'alice@acme.example', 20),
    commit('b1', 'bob@acme.example', 4),
    commit('b2', 'bob@acme.example', 5),
    commit('m1', 'mallory@elsewhere.example', 6),
    commit(
      'd1',
      '49699333+dependabot[bot]@users.noreply.github.com',
      7,
      'dependabot[bot]',
    ),
    commit(
      'd2',
      '49699333+dependabot[bot]@users.noreply.github.com',
      8,
      'dependabot[bot]',
    ),
    commit(
      'd3',
      '49699333+dependabot[bot]@users.noreply.github.com',
      9,
      'dependabot[bot]',
    ),
  ],
  pullRequests: [
    // merged after 30 h, first response after 2 h
    {
      id: '1',
      author: { login: 'bob-gh' },
      createdAt: '2026-11-01T00:00:00Z',
      state: 'merged',
      mergedAt: '2026-11-02T06:00:00Z',
      firstResponseAt: '2026-11-01T02:00:00Z',
    },
    // closed without merge, first response after 10 h
    {
      id: '2',
      author: { login: 'alice-gh' },
      createdAt: '2026-11-03T00:00:00Z',
      state: 'closed',
      closedAt: '2026-11-04T00:00:00Z',
      firstResponseAt: '2026-11-03T10:00:00Z',
    },
    // merged after 6 h, first response after 4 h
    {
      id: '3',
      author: { login: 'alice-gh' },
      createdAt: '2026-11-05T00:00:00Z',
      state: 'merged',
      mergedAt: '2026-11-05T06:00:00Z',
      firstResponseAt: '2026-11-05T04:00:00Z',
    },
    // still open, no response yet
    {
      id: '4',
      author: { login: 'stranger' },
      createdAt: '2026-11-06T00:00:00Z',
      state: 'open',
    },
  ],
  helpWantedIssues: [
    {
      id: 'i1',
      title: 'Add dark mode',
      url: 'https://x/1',
      labels: ['Help Wanted'],
      createdAt: '2026-10-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      comments: 1,
    },
    {
      id: 'i2',
      title: 'Fix typo',
      url: 'https://x/2',
      labels: ['good first issue', 'help wanted'],
      createdAt: '2026-10-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      comments: 0,
    },
  ],
  issuesOpened: 7,
  updatedAt: '2026-11-20T12:00:00Z',
  stars: 12,
  forks: 3,
  watchers: 5,
  weeklyCommits: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4],
});

describe('deriveMetrics', () => {
  const { metrics, contributors } = deriveMetrics(busy, {
    ownerRef: 'group:default/platform-team',
    directory: testOrg,
    knownContributorKeys: new Set(['user:default/alice']),
    labels,
    now,
    keySecret,
  });

  it.each([
    // 10 commits in the window, bots included: commits are the repository's, not people's
    ['commits', 10],
    // alice, bob, mallory, stranger (the bot is no contributor)
    ['contributors', 4],
    ['outsideContributors', 1],
    // mallory (commit) and stranger (PR)
    ['unmappedContributors', 2],
    // bob's 2 commits + 1 PR over the mapped 4+2 (alice's commits) + 2 (alice's PRs) + 3 (bob) = 3 / 9
    ['outsideContributionShare', 0.3333],
    // merged 2 over closed 3
    ['changeRequestAcceptanceRatio', 0.6667],
    // responses after 2, 10 and 4 hours → median 4
    ['medianTimeToFirstResponseHours', 4],
    // merges after 30 and 6 hours → median 18
    ['medianTimeToMergeHours', 18],
    // human commits alice 4, bob 2, mallory 1 (7): alice alone covers half
    ['contributorAbsenceFactor', 1],
    // everyone but alice is new
    ['newContributors', 3],
    ['pullRequestsOpened', 4],
    ['pullRequestsMerged', 2],
    ['issuesOpened', 7],
    ['openHelpWanted', 2],
    ['openGoodFirstIssues', 1],
    // updated 2026-11-20T12:00Z, now 2026-11-24T12:00Z
    ['daysSinceLastActivity', 4],
    ['stars', 12],
  ])('%s', (metric, expected) => {
    expect(metrics[metric as keyof typeof metrics]).toBe(expected);
  });

  it('splits contributors inside, outside and unmapped, never guessing', () => {
    const sides = Object.fromEntries(
      contributors.map(c => [
        c.key.startsWith('pseudonym:') ? 'pseudonym:…' : c.key,
        c.side,
      ]),
    );
    expect(sides).toEqual({
      'user:default/alice': 'inside',
      'user:default/bob': 'outside',
      'pseudonym:…': 'unmapped',
      'github:stranger': 'unmapped',
    });
    const alice = contributors.find(c => c.key === 'user:default/alice')!;
    expect(alice).toMatchObject({
      displayName: 'ALICE',
      commits: 4,
      pullRequests: 2,
      userRef: 'user:default/alice',
    });
    expect(alice.lastContributionAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('shows an unmapped author without their e-mail, under a stable opaque key', () => {
    const mallory = contributors.find(c => c.key.startsWith('pseudonym:'))!;
    expect(JSON.stringify(mallory)).not.toContain('elsewhere.example');
    expect(mallory.displayName).toBe('mallory');
    expect(mallory.key).toMatch(/^pseudonym:[0-9a-f]{32}$/);
    // the same person in the next snapshot, whatever the case of their e-mail
    expect(
      unmappedKey({ email: ' Mallory@Elsewhere.example ' }, 'git', keySecret),
    ).toBe(mallory.key);
    expect(
      unmappedKey({ email: 'eve@elsewhere.example' }, 'git', keySecret),
    ).not.toBe(mallory.key);
  });

  it('keys an unmapped e-mail by an HMAC under the installation secret, which a directory of e-mails cannot reverse', () => {
    const email = 'mallory@elsewhere.example';
    const key = unmappedKey({ email }, 'git', keySecret)!;
    const hex = key.slice('pseudonym:'.length);
    // the former key, an unsalted SHA-256 anyone can compute from a directory
    const unsalted = createHash('sha256')
      .update(`email:${email}`)
      .digest('hex');
    expect(unsalted.startsWith(hex.slice(0, 16))).toBe(false);
    expect(hex).toBe(
      createHmac('sha256', keySecret)
        .update(`email:${email}`)
        .digest('hex')
        .slice(0, 32),
    );
    // another installation keys the same person apart
    expect(
      unmappedKey({ email }, 'git', Buffer.from('another installation secret')),
    ).not.toBe(key);
    expect(formerUnmappedKey({ email })).toBe(
      `unmapped:${unsalted.slice(0, 16)}`,
    );
  });

  it.each([
    ['a plain name', { name: 'Mallory' }, 'Mallory', 'name:Mallory'],
    [
      'a name that is an e-mail, with no e-mail',
      { name: 'Mallory@Elsewhere.example' },
      UNNAMED_CONTRIBUTOR,
      'pseudonym',
    ],
    [
      'a name that holds an e-mail',
      { name: 'Mallory <mallory@elsewhere.example>', email: 'm@x.example' },
      UNNAMED_CONTRIBUTOR,
      'pseudonym',
    ],
    [
      'an e-mail as name beside a forge login',
      { name: 'mallory@elsewhere.example', login: 'mallory-gh' },
      'mallory-gh',
      'github:mallory-gh',
    ],
    [
      'a name with an at sign that is no e-mail',
      { name: 'Team @ ACME' },
      'Team @ ACME',
      'name:Team @ ACME',
    ],
  ])(
    'never shows an e-mail-shaped git user.name: %s',
    (_what, author, displayName, key) => {
      const { contributors: credited } = deriveMetrics(
        facts({
          commits: [
            { sha: 's', author, committedAt: '2026-11-20T00:00:00.000Z' },
          ],
        }),
        {
          ownerRef: 'group:default/platform-team',
          directory: testOrg,
          knownContributorKeys: null,
          labels,
          now,
          keySecret,
        },
      );
      expect(credited).toHaveLength(1);
      expect(credited[0].displayName).toBe(displayName);
      expect(credited[0].key.startsWith(key)).toBe(true);
      expect(JSON.stringify(credited)).not.toContain('elsewhere.example');
    },
  );

  it('keys a git user.name that is an e-mail as that e-mail, so the person is one contributor', () => {
    expect(
      unmappedKey(
        { name: 'Mallory <Mallory@elsewhere.example>' },
        'git',
        keySecret,
      ),
    ).toBe(
      unmappedKey({ email: 'mallory@elsewhere.example' }, 'git', keySecret),
    );
  });

  it('counts an unmapped person stored under the former unsalted key as known, not new', () => {
    const email = 'mallory@elsewhere.example';
    const { metrics: next } = deriveMetrics(
      facts({
        commits: [
          {
            sha: 's1',
            author: { name: 'mallory', email },
            committedAt: '2026-11-20T00:00:00.000Z',
          },
          {
            sha: 's2',
            author: { name: 'eve', email: 'eve@elsewhere.example' },
            committedAt: '2026-11-21T00:00:00.000Z',
          },
        ],
      }),
      {
        ownerRef: 'group:default/platform-team',
        directory: testOrg,
        knownContributorKeys: new Set([formerUnmappedKey({ email })!]),
        labels,
        now,
        keySecret,
      },
    );
    expect(next.newContributors).toBe(1);
  });

  it('credits a commit to the forge account that made it, not to the e-mail it claims', () => {
    const { contributors: credited } = deriveMetrics(
      facts({
        commits: [
          {
            sha: 's1',
            author: { login: 'mallory-gh', email: 'alice@acme.example' },
            committedAt: '2026-11-20T00:00:00.000Z',
          },
          {
            sha: 's2',
            author: { email: 'nameless@elsewhere.example' },
            committedAt: '2026-11-21T00:00:00.000Z',
          },
        ],
      }),
      {
        ownerRef: 'group:default/platform-team',
        directory: testOrg,
        knownContributorKeys: null,
        labels,
        now,
        keySecret,
      },
    );
    expect(credited.map(c => [c.displayName, c.side, c.userRef])).toEqual([
      ['mallory-gh', 'unmapped', undefined],
      [UNNAMED_CONTRIBUTOR, 'unmapped', undefined],
    ]);
  });

  it('reports unknown facts as unknown metrics, never as zero', () => {
    const { metrics: unknown } = deriveMetrics(facts({}), {
      ownerRef: 'group:default/platform-team',
      directory: testOrg,
      knownContributorKeys: null,
      labels,
      now,
      keySecret,
    });
    expect(Object.entries(unknown).filter(([, v]) => v !== null)).toEqual([]);
  });

  it('leaves new contributors unknown on the first snapshot, when there is nothing to compare with', () => {
    const { metrics: first } = deriveMetrics(busy, {
      ownerRef: 'group:default/platform-team',
      directory: testOrg,
      knownContributorKeys: null,
      labels,
      now,
      keySecret,
    });
    expect(first.newContributors).toBeNull();
  });

  it('counts a quiet repository with known history as zero contributions', () => {
    const { metrics: quiet } = deriveMetrics(
      facts({ commits: [], pullRequests: [] }),
      {
        ownerRef: 'group:default/platform-team',
        directory: testOrg,
        knownContributorKeys: new Set(),
        labels,
        now,
        keySecret,
      },
    );
    expect(quiet).toMatchObject({
      commits: 0,
      contributors: 0,
      outsideContributors: 0,
      outsideContributionShare: null,
      changeRequestAcceptanceRatio: null,
      contributorAbsenceFactor: 0,
    });
  });
});

describe('deriveMetrics with bots', () => {
  it('credits no bot, whether its login, its e-mail or its forge says so', () => {
    const { metrics, contributors } = deriveMetrics(
      facts({
        commits: [
          commit('h1', 'alice@acme.example', 1),
          commit('b1', '49699333+dependabot[bot]@users.noreply.github.com', 2),
          commit('b2', 'renovate@acme.example', 3, 'Renovate[bot]'),
        ],
        pullRequests: [
          // GitHub's GraphQL names a Bot actor by its bare login
          {
            id: '1',
            author: { login: 'dependabot', bot: true },
            createdAt: '2026-11-01T00:00:00Z',
            state: 'open',
          },
        ],
      }),
      {
        ownerRef: 'group:default/platform-team',
        directory: testOrg,
        knownContributorKeys: null,
        labels,
        now,
        keySecret,
      },
    );
    expect(contributors.map(c => c.key)).toEqual(['user:default/alice']);
    expect(metrics).toMatchObject({
      commits: 3,
      contributors: 1,
      pullRequestsOpened: 1,
    });
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('%p → %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('contributorAbsenceFactor', () => {
  it.each([
    [[], 0],
    [[10], 1],
    [[5, 5], 1],
    [[4, 3, 3], 2],
    [[1, 1, 1, 1, 1], 3],
  ])('%p → %p', (counts, expected) => {
    expect(contributorAbsenceFactor(counts)).toBe(expected);
  });
});

describe('deriveMetrics: people, bots and agents apart', () => {
  const human = (sha: string, email: string, day: number) =>
    commit(sha, email, day);
  const withAgents = facts({
    provider: 'git',
    commits: [
      human('a1', 'alice@acme.example', 1),
      human('a2', 'alice@acme.example', 2),
      // bob wrote it with Claude Code: the trailer makes it an agent's
      {
        ...human('b1', 'bob@acme.example', 3),
        coAuthors: [{ name: 'Claude', email: 'noreply@anthropic.com' }],
      },
      // Cursor's agent committing under its own name
      {
        sha: 'c1',
        author: { name: 'Cursor Agent', email: 'cursoragent@cursor.com' },
        committedAt: new Date(Date.UTC(2026, 10, 4)).toISOString(),
      },
      // an agent of the configured list
      human('r1', 'robot@acme.example', 5),
      human('r2', 'robot@acme.example', 6),
      human('d1', '1+renovate[bot]@users.noreply.github.com', 7),
    ],
    pullRequests: [
      {
        id: 'p1',
        author: { login: 'Copilot' },
        createdAt: '2026-11-08T00:00:00Z',
        state: 'open',
      },
      {
        id: 'p2',
        author: { login: 'bob-gh' },
        createdAt: '2026-11-09T00:00:00Z',
        state: 'open',
      },
    ],
  });
  const { metrics, contributors } = deriveMetrics(withAgents, {
    ownerRef: 'group:default/platform-team',
    directory: testOrg,
    knownContributorKeys: new Set(),
    labels,
    now,
    keySecret,
    agents: [
      'robot@acme.example',
      'noreply@anthropic.com',
      'cursor agent',
      'copilot',
    ],
  });

  it.each<[string, number]>([
    // every commit is the repository's
    ['commits', 7],
    // b1 (agent trailer), c1, r1, r2, d1 and Copilot's pull request
    ['agentContributions', 6],
    // alice and bob (his pull request): no agent, no bot
    ['contributors', 2],
    ['outsideContributors', 1],
    ['unmappedContributors', 0],
    // bob's pull request over alice's 2 commits and it
    ['outsideContributionShare', 0.3333],
    // alice alone made every commit of people
    ['contributorAbsenceFactor', 1],
    ['newContributors', 2],
  ])('%s: %p', (metric, expected) => {
    expect(metrics[metric as keyof typeof metrics]).toBe(expected);
  });

  it('lists no agent or bot among the contributors', () => {
    expect(contributors.map(c => [c.key, c.commits, c.pullRequests])).toEqual([
      ['user:default/alice', 2, 0],
      ['user:default/bob', 0, 1],
    ]);
  });
});

describe('deriveMetrics: time to first response and time to merge', () => {
  const opened = Date.parse('2026-11-01T00:00:00Z');
  const at = (hours: number) =>
    new Date(opened + hours * 3_600_000).toISOString();
  const prs = Array.from({ length: 10 }, (_, i) => ({
    id: `p${i}`,
    author: { login: 'bob-gh' },
    createdAt: at(0),
    state: 'merged' as const,
    mergedAt: at((i + 1) * 10),
    responses: [
      { at: at(0.5), author: { login: 'bob-gh' } },
      { at: at(0.7), author: { login: 'ci[bot]' } },
      { at: at(i + 1), author: { login: 'alice-gh' } },
    ],
  }));
  const draft = {
    id: 'draft',
    author: { login: 'bob-gh' },
    createdAt: at(0),
    state: 'open' as const,
    readyForReviewAt: at(100),
    responses: [
      { at: at(1), author: { login: 'alice-gh' } },
      { at: at(103), author: { login: 'alice-gh' } },
    ],
  };
  const { metrics } = deriveMetrics(facts({ pullRequests: [...prs, draft] }), {
    ownerRef: 'group:default/platform-team',
    directory: testOrg,
    knownContributorKeys: null,
    labels,
    now,
    keySecret,
  });

  it.each<[string, number]>([
    // 1..10 h and the draft's 3 h after it was ready: 1,2,3,3,4,…,10
    ['medianTimeToFirstResponseHours', 5],
    ['p90TimeToFirstResponseHours', 9],
    // 10..100 h
    ['medianTimeToMergeHours', 55],
    ['p90TimeToMergeHours', 91],
  ])('%s: %p', (metric, expected) => {
    expect(metrics[metric as keyof typeof metrics]).toBe(expected);
  });
});

describe('deriveMetrics: the newcomer funnel from commit history', () => {
  const end = new Date('2026-12-01T00:00:00Z');
  const daysBefore = (days: number) =>
    new Date(end.getTime() - days * 86_400_000).toISOString();
  const by = (sha: string, email: string, days: number) => ({
    sha,
    author: { name: email.split('@')[0], email },
    committedAt: daysBefore(days),
  });
  // window: the 90 days before the end; cohort: first seen 180 to 90 days before it
  const derive = (options: {
    windowCommits: ReturnType<typeof by>[];
    older: ReturnType<typeof by>[];
    earlier: string[];
  }) =>
    deriveMetrics(
      facts({
        provider: 'git',
        windowDays: 90,
        commits: options.windowCommits,
        contributionHistory: {
          since: daysBefore(180),
          commits: options.older,
          earlierAuthors: options.earlier.map(email => ({ name: 'x', email })),
        },
      }),
      {
        ownerRef: 'group:default/platform-team',
        directory: testOrg,
        knownContributorKeys: null,
        labels,
        now: end,
        keySecret,
      },
    ).metrics;

  it('counts new contributors from history, even on a first collection, and outside ones apart', () => {
    const metrics = derive({
      windowCommits: [
        by('1', 'alice@acme.example', 5),
        by('2', 'bob@acme.example', 10),
        by('3', 'newbie@elsewhere.example', 20),
        by('4', 'old-timer@elsewhere.example', 30),
        by('5', 'returner@elsewhere.example', 40),
      ],
      older: [by('6', 'returner@elsewhere.example', 120)],
      earlier: ['alice@acme.example', 'old-timer@elsewhere.example'],
    });
    // bob (outside) and newbie; returner was first seen 120 days ago
    expect(metrics.newContributors).toBe(2);
    expect(metrics.outsideNewContributors).toBe(1);
    // the cohort: returner, who came back 80 days later
    expect(metrics.newcomerReturnRate).toBe(1);
  });

  it.each<[number, number | null]>([
    // a second commit 89 and 90 days after the first is a return, 91 is not
    [89, 1],
    [90, 1],
    [91, 0],
  ])(
    'a newcomer first seen 170 days ago who commits again %p days later: rate %p',
    (gap, rate) => {
      const metrics = derive({
        windowCommits:
          gap <= 80 ? [] : [by('2', 'newbie@elsewhere.example', 170 - gap)],
        older: [by('1', 'newbie@elsewhere.example', 170)],
        earlier: [],
      });
      expect(metrics.newcomerReturnRate).toBe(rate);
    },
  );

  it('has no return rate without a cohort, and keeps agents out of the funnel', () => {
    const metrics = derive({
      windowCommits: [
        {
          ...by('1', 'alice@acme.example', 5),
          author: { name: 'Cursor Agent', email: 'cursoragent@cursor.com' },
        },
      ],
      older: [by('2', '1+renovate[bot]@users.noreply.github.com', 120)],
      earlier: [],
    });
    expect(metrics.newContributors).toBe(0);
    expect(metrics.newcomerReturnRate).toBeNull();
    expect(metrics.agentContributions).toBe(1);
  });
});

describe('deriveMetrics: one person behind several e-mails', () => {
  it('counts a User who commits from two addresses once, so the absence factor is not lowered', () => {
    const directory = OrgDirectory.fromEntities([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name: 'dana',
          annotations: {
            'innersource/emails': 'dana@home.example, Dana.Old@Acme.example',
          },
        },
        spec: { profile: { email: 'dana@acme.example' }, memberOf: [] },
      },
    ]);
    const { metrics, contributors } = deriveMetrics(
      facts({
        provider: 'git',
        commits: [
          commit('1', 'dana@acme.example', 1),
          commit('2', 'dana@home.example', 2),
          commit('3', 'dana.old@acme.example', 3),
          commit('4', 'eve@elsewhere.example', 4),
          commit('5', 'eve@elsewhere.example', 5),
        ],
      }),
      {
        ownerRef: undefined,
        directory,
        knownContributorKeys: null,
        labels,
        now,
        keySecret,
      },
    );
    expect(contributors.map(c => [c.userRef ?? 'unmapped', c.commits])).toEqual(
      [
        ['user:default/dana', 3],
        ['unmapped', 2],
      ],
    );
    expect(metrics.contributors).toBe(2);
    // dana's 3 of 5 commits: one person covers half (three addresses would have made it 2)
    expect(metrics.contributorAbsenceFactor).toBe(1);
  });
});
