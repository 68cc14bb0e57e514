/*
 * Builders for what the refresh job hands the snapshot store: a GitHub
 * repository's facts, the metrics and score derived from them, and the
 * catalog fields of the entity that points at it.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ContributorSummary,
  DEFAULT_SCORING_MODEL,
  IssueFact,
  ProjectMetrics,
  ProjectScore,
  RepositoryFacts,
  tierFor,
} from '@innersource-for-backstage/plugin-innersource-common';
import { buildScoringInput } from '../../refresh/buildScoringInput';
import type { CollectedEntry, ProjectRecord } from '../RefreshStore';

export const GOOD_FIRST_LABELS = ['good first issue', 'good-first-issue'];

/** A catalog Component owned by `owner`, as the refresh job records it. */
export function projectRecord(
  name: string,
  overrides: Partial<Omit<ProjectRecord, 'entity'>> = {},
): ProjectRecord {
  const kind = overrides.kind ?? 'component';
  const ownerRef = overrides.ownerRef ?? 'group:default/platform-team';
  const tags = overrides.tags ?? ['innersource', 'typescript'];
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind[0].toLocaleUpperCase('en-US') + kind.slice(1),
    metadata: {
      name,
      namespace: 'default',
      tags,
      description: `The ${name} service that every ACME team builds on`,
      annotations: { 'github.com/project-slug': `acme/${name}` },
    },
    spec: {
      type: overrides.specType ?? 'service',
      lifecycle: overrides.lifecycle ?? 'production',
      owner: ownerRef,
    },
  };
  return {
    entityRef: `${kind}:default/${name}`,
    kind,
    namespace: 'default',
    name,
    title: `ACME ${name}`,
    ownerRef,
    systemRef: 'system:default/developer-portal',
    tags,
    specType: 'service',
    lifecycle: 'production',
    skills: ['typescript', 'react'],
    ...overrides,
    entity,
  };
}

/** A help-wanted issue as the GitHub provider reports it. */
export function issueFact(
  repository: string,
  number: number,
  overrides: Partial<IssueFact> = {},
): IssueFact {
  return {
    id: `I_kwDOH${repository.replace(/\W/g, '')}${number}`,
    number,
    title: `Add pagination to the ${repository} search endpoint (#${number})`,
    url: `https://github.com/${repository}/issues/${number}`,
    labels: ['help wanted'],
    createdAt: '2026-10-02T08:15:00.000Z',
    updatedAt: '2026-11-20T16:40:00.000Z',
    comments: 3,
    ...overrides,
  };
}

/** What the GitHub provider reports for `acme/<name>`, 90-day window. */
export function repositoryFacts(
  name: string,
  collectedAt: Date,
  overrides: Partial<RepositoryFacts> = {},
): RepositoryFacts {
  const repository = `acme/${name}`;
  const hoursAgo = (h: number) =>
    new Date(collectedAt.getTime() - h * 3_600_000).toISOString();
  return {
    provider: 'github',
    repository,
    webUrl: `https://github.com/${repository}`,
    collectedAt: collectedAt.toISOString(),
    windowDays: 90,
    description: 'Shared service for the ACME developer portal',
    defaultBranch: 'main',
    primaryLanguage: 'TypeScript',
    stars: 42,
    forks: 7,
    watchers: 12,
    openIssues: 18,
    createdAt: '2024-03-11T09:30:00.000Z',
    updatedAt: hoursAgo(5),
    weeklyCommits: [4, 6, 3, 8, 5, 2, 7, 9, 4, 6, 5, 3, 8],
    commits: [
      {
        sha: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
        author: { name: 'Alice Doe', email: 'alice@acme.example' },
        committedAt: hoursAgo(5),
      },
      {
        sha: '9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a',
        author: { name: 'Bob Roe', email: 'bob@acme.example', login: 'bob-gh' },
        committedAt: hoursAgo(30),
      },
    ],
    pullRequests: [
      {
        id: 'PR_kwDOH1234',
        author: { login: 'bob-gh' },
        createdAt: hoursAgo(80),
        state: 'merged',
        mergedAt: hoursAgo(30),
        closedAt: hoursAgo(30),
        firstResponseAt: hoursAgo(60),
      },
    ],
    issuesOpened: 9,
    helpWantedIssues: [
      issueFact(repository, 101, { labels: ['help wanted'] }),
      issueFact(repository, 102, {
        labels: ['good first issue', 'documentation'],
      }),
    ],
    files: {
      readme: true,
      contributing: true,
      codeowners: true,
      license: true,
      issueTemplate: true,
      pullRequestTemplate: false,
      innersourceJson: false,
    },
    innersourceJson: null,
    ...overrides,
  };
}

export function projectMetrics(
  overrides: Partial<ProjectMetrics> = {},
): ProjectMetrics {
  return {
    commits: 57,
    contributors: 6,
    outsideContributors: 2,
    unmappedContributors: 1,
    outsideContributionShare: 0.21,
    agentContributions: null,
    changeRequestAcceptanceRatio: 0.85,
    medianTimeToFirstResponseHours: 20.5,
    p90TimeToFirstResponseHours: null,
    medianTimeToMergeHours: 50,
    p90TimeToMergeHours: null,
    contributorAbsenceFactor: 2,
    newContributors: 1,
    outsideNewContributors: null,
    newcomerReturnRate: null,
    pullRequestsOpened: 14,
    pullRequestsMerged: 11,
    issuesOpened: 9,
    openHelpWanted: 2,
    openGoodFirstIssues: 1,
    daysSinceLastActivity: 0,
    stars: 42,
    forks: 7,
    watchers: 12,
    weeklyCommits: [4, 6, 3, 8, 5, 2, 7, 9, 4, 6, 5, 3, 8],
    ...overrides,
  };
}

/**
 * A score of exactly `score` under the default model: the dimensions' points
 * add up to it, and the tier is the one the default tiers give.
 */
export function projectScore(
  score: number,
  overrides: Partial<ProjectScore> = {},
): ProjectScore {
  const weights = {
    activity: 30,
    readiness: 30,
    collaboration: 25,
    responsiveness: 15,
  };
  return {
    score,
    tier: tierFor(score, DEFAULT_SCORING_MODEL.tiers),
    profile: 'default',
    dimensions: (
      Object.entries(weights) as Array<[keyof typeof weights, number]>
    ).map(([id, weight]) => ({
      id,
      title: id[0].toLocaleUpperCase('en-US') + id.slice(1),
      value: score,
      weight,
      points: (score * weight) / 100,
      explanation: `${id} is ${score} of 100.`,
    })),
    readiness: [
      {
        id: 'readme',
        title: 'README',
        passed: true,
        weight: 3,
        advice: 'Add a README.md that says what the project does.',
      },
      {
        id: 'contributing',
        title: 'Contribution guide',
        passed: score >= 40,
        weight: 3,
        advice: 'Add a CONTRIBUTING.md that tells outsiders how to help.',
      },
    ],
    activity: { raw: score * 10, band: score >= 70 ? 'very high' : 'moderate' },
    ...overrides,
  };
}

export function contributor(
  key: string,
  overrides: Partial<ContributorSummary> = {},
): ContributorSummary {
  return {
    key,
    displayName: key.replace(/^user:default\//, ''),
    ...(key.startsWith('user:') ? { userRef: key } : {}),
    side: 'inside',
    commits: 3,
    pullRequests: 1,
    lastContributionAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** One collected snapshot of `record`'s repository, scored `score`. */
export function collectedEntry(
  record: ProjectRecord,
  collectedAt: Date,
  score: number,
  overrides: Partial<CollectedEntry> = {},
): CollectedEntry {
  const facts = overrides.facts ?? repositoryFacts(record.name, collectedAt);
  const metrics = overrides.metrics ?? projectMetrics();
  return {
    entityRef: record.entityRef,
    collectedAt,
    fingerprint: `etag-${record.name}-${collectedAt.getTime()}`,
    facts,
    metrics,
    scoringInput: buildScoringInput(record.entity, facts, metrics),
    score: projectScore(score),
    contributors: [
      contributor('user:default/alice'),
      contributor('user:default/bob', {
        side: 'outside',
        teamRef: 'group:default/payments-team',
        commits: 1,
        pullRequests: 2,
      }),
      contributor('carol@contractor.example', {
        displayName: 'Carol',
        side: 'unmapped',
        commits: 1,
        pullRequests: 0,
      }),
    ],
    tasks: facts.helpWantedIssues ?? [],
    goodFirstLabels: GOOD_FIRST_LABELS,
    ...overrides,
  };
}
