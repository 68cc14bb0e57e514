/* yarn bench scoring: scoring 100,000 projects in memory with the default model. */
import {
  DEFAULT_SCORING_MODEL,
  ProjectMetrics,
  scoreProject,
  ScoringInput,
} from '../plugins/innersource-common/src';
import { prng } from './fixtures';
import { report, round } from './lib';

const PROJECTS = 100_000;

function syntheticInputs(count: number, now: Date): ScoringInput[] {
  const random = prng(42);
  const maybe = <T>(value: T) => (random() < 0.15 ? null : value);
  const daysAgo = (max: number) =>
    new Date(now.getTime() - random() * max * 86_400_000).toISOString();
  return Array.from({ length: count }, () => {
    const metrics: ProjectMetrics = {
      commits: Math.floor(random() * 200),
      contributors: Math.floor(random() * 30),
      outsideContributors: maybe(Math.floor(random() * 8)),
      unmappedContributors: Math.floor(random() * 4),
      outsideContributionShare: maybe(random() * 0.6),
      agentContributions: null,
      changeRequestAcceptanceRatio: maybe(random()),
      medianTimeToFirstResponseHours: maybe(random() * 200),
      p90TimeToFirstResponseHours: null,
      medianTimeToMergeHours: maybe(random() * 300),
      p90TimeToMergeHours: null,
      contributorAbsenceFactor: Math.floor(random() * 5),
      newContributors: maybe(Math.floor(random() * 5)),
      outsideNewContributors: null,
      newcomerReturnRate: null,
      pullRequestsOpened: maybe(Math.floor(random() * 60)),
      pullRequestsMerged: maybe(Math.floor(random() * 50)),
      issuesOpened: maybe(Math.floor(random() * 40)),
      openHelpWanted: maybe(Math.floor(random() * 10)),
      openGoodFirstIssues: maybe(Math.floor(random() * 5)),
      daysSinceLastActivity: Math.floor(random() * 400),
      stars: maybe(Math.floor(random() * 500)),
      forks: maybe(Math.floor(random() * 80)),
      watchers: maybe(Math.floor(random() * 60)),
      weeklyCommits: Array.from({ length: 13 }, () =>
        Math.floor(random() * 15),
      ),
    };
    return {
      metrics,
      activity:
        random() < 0.1
          ? null
          : {
              forks: metrics.forks ?? 0,
              stars: metrics.stars ?? 0,
              watchers: metrics.watchers ?? 0,
              openIssues: Math.floor(random() * 100),
              createdAt: daysAgo(3000),
              updatedAt: daysAgo(200),
              weeklyCommits: metrics.weeklyCommits ?? undefined,
              description:
                random() < 0.7
                  ? 'A service many teams depend on for payments'
                  : 'short',
              hasContributingGuide: random() < 0.5,
            },
      readiness: {
        readme: maybe(random() < 0.9),
        contributing: maybe(random() < 0.5),
        codeownersOrTrustedCommitters: maybe(random() < 0.4),
        license: maybe(random() < 0.6),
        description: random() < 0.7,
        goodFirstIssues: metrics.openGoodFirstIssues,
        issueTemplates: maybe(random() < 0.3),
      },
    };
  });
}

function main() {
  const now = new Date('2026-11-24T12:00:00Z');
  const inputs = syntheticInputs(PROJECTS, now);
  // Warm up the JIT the way a long-running backend would be.
  for (let i = 0; i < 2000; i++)
    scoreProject(inputs[i], DEFAULT_SCORING_MODEL, now);

  let checksum = 0;
  const started = process.hrtime.bigint();
  for (const input of inputs)
    checksum += scoreProject(input, DEFAULT_SCORING_MODEL, now).score;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  if (!(checksum > 0)) throw new Error('scoring produced no scores');
  report({ name: 'scoring', projects: PROJECTS, ms: round(ms, 1) });
}

main();
