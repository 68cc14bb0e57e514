import type { Entity } from '@backstage/catalog-model';
import type {
  ProjectContributors,
  ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { InnerSourceApi } from '../api/InnerSourceApi';

/** EntityRefLink needs the catalog's entity page mounted somewhere. */
export const catalogRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

export const projectEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'portal', namespace: 'default', tags: ['innersource'] },
  spec: {
    type: 'website',
    owner: 'group:default/platform-team',
    lifecycle: 'production',
  },
};

export const collectedProject: ProjectSummary = {
  entityRef: 'component:default/portal',
  owner: 'group:default/platform-team',
  status: 'collected',
  score: 68,
  tier: { name: 'Growing', color: '#f9a825' },
  profile: 'libraries',
  dimensions: [
    {
      id: 'activity',
      title: 'Activity',
      value: 81,
      weight: 30,
      points: 24.2,
      explanation:
        'Repository Activity Score 1050 (very high), mapped to 81 of 100.',
    },
    {
      id: 'readiness',
      title: 'Readiness',
      value: 62,
      weight: 30,
      points: 18.5,
      explanation: '5 of 7 checks passed.',
    },
    {
      id: 'collaboration',
      title: 'Collaboration',
      value: 42,
      weight: 25,
      points: 10.4,
      explanation:
        'Outside share 13% of a 25% target, 1 of 3 outside contributors.',
    },
    {
      id: 'responsiveness',
      title: 'Responsiveness',
      value: null,
      weight: 15,
      points: 0,
      explanation: 'Unknown: no pull request with a response in the window.',
    },
  ],
  metrics: {
    commits: 42,
    contributors: 5,
    outsideContributors: 1,
    unmappedContributors: 2,
    outsideContributionShare: 0.125,
    agentContributions: null,
    changeRequestAcceptanceRatio: 0.8,
    medianTimeToFirstResponseHours: null,
    p90TimeToFirstResponseHours: null,
    medianTimeToMergeHours: 30,
    p90TimeToMergeHours: null,
    contributorAbsenceFactor: 2,
    newContributors: 1,
    outsideNewContributors: null,
    newcomerReturnRate: null,
    pullRequestsOpened: 10,
    pullRequestsMerged: 8,
    issuesOpened: 4,
    openHelpWanted: 2,
    openGoodFirstIssues: 1,
    daysSinceLastActivity: 1,
    stars: null,
    forks: null,
    watchers: null,
    weeklyCommits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  },
  readiness: [
    {
      id: 'readme',
      title: 'README',
      passed: true,
      weight: 3,
      advice: 'Add a README.md.',
    },
    {
      id: 'contributing',
      title: 'Contribution guidelines',
      passed: false,
      weight: 3,
      advice:
        'Add a CONTRIBUTING.md that tells outsiders how to propose a change.',
    },
  ],
  activity: { raw: 1050, band: 'very high' },
  repository: { provider: 'git', name: '/srv/portal' },
  refreshedAt: '2026-11-24T10:00:00.000Z',
  checkedAt: '2026-11-24T10:00:00.000Z',
  errors: [],
};

export const contributors: ProjectContributors = {
  entityRef: 'component:default/portal',
  inside: [
    {
      key: 'user:default/alice',
      userRef: 'user:default/alice',
      displayName: 'Alice Andersson',
      side: 'inside',
      commits: 30,
      pullRequests: 2,
      lastContributionAt: '2026-11-20T00:00:00.000Z',
    },
  ],
  outside: [
    {
      key: 'user:default/bob',
      userRef: 'user:default/bob',
      displayName: 'Bob Bianchi',
      side: 'outside',
      commits: 5,
      pullRequests: 1,
      lastContributionAt: '2026-11-21T00:00:00.000Z',
    },
  ],
  unmapped: [
    {
      key: 'email:mallory@elsewhere.example',
      displayName: 'Mallory',
      side: 'unmapped',
      commits: 7,
      pullRequests: 0,
      lastContributionAt: '2026-11-22T00:00:00.000Z',
    },
  ],
};

/** An InnerSourceApi whose every method fails unless the test gives it an answer. */
export function mockInnerSourceApi(
  overrides: Partial<InnerSourceApi> = {},
): InnerSourceApi {
  const missing = (name: string) => () =>
    Promise.reject(new Error(`${name} was not expected in this test`));
  return {
    getProject: missing('getProject'),
    getHistory: missing('getHistory'),
    getContributors: missing('getContributors'),
    listProjects: missing('listProjects'),
    getGroup: missing('getGroup'),
    requestRefresh: missing('requestRefresh'),
    getScoring: missing('getScoring'),
    previewScoring: missing('previewScoring'),
    searchTasks: missing('searchTasks'),
    getBadges: missing('getBadges'),
    rotateBadgeToken: missing('rotateBadgeToken'),
    getBadgeSvg: missing('getBadgeSvg'),
    getNotificationSettings: missing('getNotificationSettings'),
    setNotificationSettings: missing('setNotificationSettings'),
    ...overrides,
  };
}
