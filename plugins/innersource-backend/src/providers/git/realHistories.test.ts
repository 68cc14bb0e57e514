import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { deriveMetrics } from '../../metrics/deriveMetrics';
import { OrgDirectory } from '../../metrics/OrgDirectory';
import { readRepositoryFacts } from './readRepositoryFacts';

/*
 * Real public histories (see __fixtures__/histories/README.md): what the git
 * provider and deriveMetrics count must equal a plain reading of `git log`,
 * with the lower-cased author e-mail as the person, merges left out and the
 * window ending at a fixed date. Nothing here reaches the network.
 */

const FIXTURES = path.join(__dirname, '__fixtures__', 'histories');

// git reads thousands of commits per case: slow on a busy machine, never timed
jest.setTimeout(120_000);

interface Case {
  bundle: string;
  end: string;
  windowDays: number;
}

const CASES: Case[] = [
  { bundle: 'awesome.bundle', end: '2026-07-01T00:00:00Z', windowDays: 365 },
  { bundle: 'awesome.bundle', end: '2025-01-01T00:00:00Z', windowDays: 90 },
  { bundle: 'gitignore.bundle', end: '2026-05-22T00:00:00Z', windowDays: 365 },
  { bundle: 'gitignore.bundle', end: '2024-07-01T00:00:00Z', windowDays: 180 },
  {
    bundle: 'the-art-of-command-line.bundle',
    end: '2016-01-01T00:00:00Z',
    windowDays: 180,
  },
];

interface LoggedCommit {
  email: string;
  at: number;
  automated: boolean;
}

/** Every non-merge commit of HEAD, as git log prints it. */
function gitLog(gitDir: string): LoggedCommit[] {
  const output = execFileSync(
    'git',
    [
      'log',
      '--no-merges',
      '--format=%ae%x1f%cI%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)%x1e',
      'HEAD',
    ],
    { cwd: gitDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return output
    .split('\x1e')
    .map(record => record.trim())
    .filter(Boolean)
    .map(record => {
      const [email, committed, trailers] = record.split('\x1f');
      return {
        email: email.toLowerCase(),
        at: Date.parse(committed),
        // the only automation in these histories: [bot] accounts and Copilot's trailers
        automated: /\[bot\]@/.test(email) || /copilot/i.test(trailers ?? ''),
      };
    });
}

/** The metrics as a plain reading of the log gives them. */
function expectedFrom(log: LoggedCommit[], end: number, windowDays: number) {
  const start = end - windowDays * DAY_MS;
  const inWindow = log.filter(c => c.at >= start && c.at <= end);
  const people = inWindow.filter(c => !c.automated);
  const counts = new Map<string, number>();
  for (const c of people) counts.set(c.email, (counts.get(c.email) ?? 0) + 1);
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const total = people.length;
  let absence = 0;
  for (let covered = 0; total > 0 && covered * 2 < total; absence++)
    covered += sorted[absence];

  const timesOf = new Map<string, number[]>();
  for (const c of log.filter(l => !l.automated && l.at <= end))
    timesOf.set(c.email, [...(timesOf.get(c.email) ?? []), c.at]);
  // first contributions ever, of people and of the automation's authors alike
  const firstOf = new Map<string, number>();
  for (const c of log.filter(l => l.at <= end))
    firstOf.set(c.email, Math.min(firstOf.get(c.email) ?? Infinity, c.at));
  const newcomers = [...counts.keys()].filter(e => firstOf.get(e)! >= start);
  const cohortEnd = end - 90 * DAY_MS;
  const cohortStart = cohortEnd - windowDays * DAY_MS;
  const cohort = [...timesOf.keys()].filter(e => {
    const first = firstOf.get(e)!;
    return first >= cohortStart && first <= cohortEnd;
  });
  const returned = cohort.filter(e => {
    const first = firstOf.get(e)!;
    return timesOf
      .get(e)!
      .some(t => t - first > DAY_MS && t - first <= 90 * DAY_MS);
  });
  return {
    commits: inWindow.length,
    contributors: counts.size,
    unmappedContributors: counts.size,
    agentContributions: inWindow.length - people.length,
    contributorAbsenceFactor: absence,
    newContributors: newcomers.length,
    newcomerReturnRate: cohort.length
      ? Math.round((returned.length / cohort.length) * 10_000) / 10_000
      : null,
  };
}

describe('real public histories, through the git provider and deriveMetrics', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'real-histories-'));
  const clones = new Map<string, string>();
  const cloneOf = (bundle: string) => {
    let gitDir = clones.get(bundle);
    if (!gitDir) {
      gitDir = path.join(work, bundle.replace(/\.bundle$/, '.git'));
      execFileSync('git', [
        'clone',
        '--quiet',
        '--bare',
        path.join(FIXTURES, bundle),
        gitDir,
      ]);
      clones.set(bundle, gitDir);
    }
    return gitDir;
  };
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it.each(CASES)(
    '$bundle, $windowDays days to $end',
    async ({ bundle, end, windowDays }) => {
      const gitDir = cloneOf(bundle);
      const now = new Date(end);
      const facts = await readRepositoryFacts(
        { gitDir, subPath: '', repository: bundle },
        windowDays,
        now,
        { timeoutMs: 60_000, logger: mockServices.logger.mock() },
      );
      const { metrics } = deriveMetrics(facts, {
        ownerRef: 'group:default/maintainers',
        directory: OrgDirectory.fromEntities([]),
        knownContributorKeys: null,
        labels: { helpWanted: [], goodFirstIssue: [] },
        now,
        keySecret: Buffer.from('a secret for the real histories..'),
      });
      const expected = expectedFrom(gitLog(gitDir), now.getTime(), windowDays);
      expect({
        commits: metrics.commits,
        contributors: metrics.contributors,
        unmappedContributors: metrics.unmappedContributors,
        agentContributions: metrics.agentContributions,
        contributorAbsenceFactor: metrics.contributorAbsenceFactor,
        newContributors: metrics.newContributors,
        newcomerReturnRate: metrics.newcomerReturnRate,
      }).toEqual(expected);
      // a window with something in it, so the comparison says something
      expect(expected.contributors).toBeGreaterThan(5);
    },
  );

  it('counts the Copilot co-authored commits of github/gitignore apart from people', async () => {
    const gitDir = cloneOf('gitignore.bundle');
    const now = new Date('2026-05-22T00:00:00Z');
    const facts = await readRepositoryFacts(
      { gitDir, subPath: '', repository: 'gitignore' },
      365,
      now,
      { timeoutMs: 60_000, logger: mockServices.logger.mock() },
    );
    const { metrics } = deriveMetrics(facts, {
      ownerRef: undefined,
      directory: OrgDirectory.fromEntities([]),
      knownContributorKeys: null,
      labels: { helpWanted: [], goodFirstIssue: [] },
      now,
      keySecret: Buffer.from('a secret for the real histories..'),
    });
    expect(metrics.agentContributions).toBe(2);
  });
});
