import type { Entity } from '@backstage/catalog-model';
import type { RepositoryFacts } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
} from '@innersource-for-backstage/plugin-innersource-node';

// A small organisation, projects and a scripted forge for the refresh job's tests.

export const org: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'alice',
      namespace: 'default',
      annotations: { 'github.com/user-login': 'alice-gh' },
    },
    spec: {
      profile: { email: 'alice@acme.example' },
      memberOf: ['platform-team'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'bob',
      namespace: 'default',
      annotations: { 'github.com/user-login': 'bob-gh' },
    },
    spec: {
      profile: { email: 'bob@acme.example' },
      memberOf: ['payments-team'],
    },
  },
];

export function project(
  name: string,
  annotations: Record<string, string>,
  tags = ['innersource'],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      tags,
      annotations,
      description: 'The portal every engineer at ACME opens each morning',
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
  };
}

export const portal = project('portal', {
  'github.com/project-slug': 'acme/portal',
});
export const payments = project('payments', {
  'github.com/project-slug': 'acme/payments',
});
export const brokenSlug = project('broken-slug', {
  'github.com/project-slug': 'not-a-slug',
});
export const noRepository = project('no-repository', {});
export const optedOut = project('opted-out', {
  'github.com/project-slug': 'acme/opted-out',
  'innersource/enabled': 'false',
});
export const untagged = project(
  'untagged',
  { 'github.com/project-slug': 'acme/untagged' },
  [],
);

export function facts(
  now: Date,
  commitsByAlice: number,
  commitsByBob: number,
): RepositoryFacts {
  const commit = (i: number, email: string) => ({
    sha: `${email}-${i}`,
    author: { email },
    committedAt: new Date(now.getTime() - (i + 1) * 3_600_000).toISOString(),
  });
  return {
    provider: 'github',
    repository: 'acme/portal',
    collectedAt: now.toISOString(),
    windowDays: 90,
    description: null,
    defaultBranch: 'main',
    primaryLanguage: 'TypeScript',
    stars: 10,
    forks: 2,
    watchers: 4,
    openIssues: 3,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: now.toISOString(),
    weeklyCommits: [1, 0, 2, 3, 0, 1, 4, 2, 0, 1, 3, 2, 5],
    commits: [
      ...Array.from({ length: commitsByAlice }, (_, i) =>
        commit(i, 'alice@acme.example'),
      ),
      ...Array.from({ length: commitsByBob }, (_, i) =>
        commit(i, 'bob@acme.example'),
      ),
    ],
    pullRequests: [],
    issuesOpened: 1,
    helpWantedIssues: [
      {
        id: 'I_1',
        number: 1,
        title: 'Document the refresh job',
        url: 'https://github.com/acme/portal/issues/1',
        labels: ['good first issue'],
        createdAt: '2026-10-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
        comments: 2,
      },
    ],
    files: {
      readme: true,
      contributing: true,
      codeowners: false,
      license: true,
      issueTemplate: false,
      pullRequestTemplate: false,
      innersourceJson: false,
    },
    innersourceJson: null,
  };
}

/** A forge that answers whatever the test scripts for each repository. */
export class ScriptedProvider implements InnerSourceProvider {
  readonly id = 'scripted';
  readonly hosts = ['github.com'];
  readonly batchSize = 2;
  requests: CollectRequest[] = [];
  script = new Map<string, (request: CollectRequest) => CollectResult>();
  throwFor?: string;
  /** Each batch waits for it before answering, when set: a forge that is slow until the test says. */
  gate?: Promise<void>;
  /** Called as each batch starts, before the gate. */
  onCollect?: (requests: CollectRequest[]) => void;
  /** Requests the fake forge counts; runFinished answers and resets them. */
  spent = 0;

  supports(location: { type: string }) {
    return location.type === 'github';
  }

  async collect(requests: CollectRequest[]): Promise<CollectResult[]> {
    this.requests.push(...requests);
    this.spent += 1;
    this.onCollect?.(requests);
    if (this.gate) await this.gate;
    if (requests.some(r => r.entityRef === this.throwFor))
      throw new Error('connection reset');
    return requests.map(r => this.script.get(r.entityRef)!(r));
  }

  runFinished() {
    const spend = { requests: this.spent, points: this.spent * 2 };
    this.spent = 0;
    return spend;
  }
}
