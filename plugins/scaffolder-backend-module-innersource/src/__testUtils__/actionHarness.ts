import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type {
  ProjectSummary,
  ReadinessCheckId,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  InnerSourceClient,
  READINESS_CHECK_IDS,
} from '@innersource-for-backstage/plugin-innersource-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { createReadinessPullRequestAction } from '../actions/readinessPullRequest';

/** Where the action's InnerSource client finds the backend in these tests. */
export const INNERSOURCE_URL = 'http://backstage.test/api/innersource';

/** An InnerSource client of the backend msw answers at {@link INNERSOURCE_URL}. */
export function innersourceClient() {
  return new InnerSourceClient({
    discoveryApi: { getBaseUrl: async () => INNERSOURCE_URL },
  });
}

/** A collected project whose readiness checks all pass but `failing`. */
export function projectSummary(
  project: Pick<ProjectSummary, 'entityRef' | 'title' | 'owner' | 'score'> & {
    repository: NonNullable<ProjectSummary['repository']>;
  },
  failing: ReadinessCheckId[],
): ProjectSummary {
  return {
    ...project,
    status: 'collected',
    tier: { name: 'Bronze', color: '#cd7f32' },
    profile: 'default',
    dimensions: [],
    metrics: null,
    readiness: READINESS_CHECK_IDS.map(id => ({
      id,
      title: `${id} check`,
      passed: !failing.includes(id),
      weight: 1,
      advice: `Add a ${id}`,
    })),
    activity: null,
    refreshedAt: '2026-11-27T08:00:00Z',
    checkedAt: '2026-11-27T08:00:00Z',
    errors: [],
  };
}

/** The InnerSource backend's project route (or its 404), remembering who asked. */
export function serveInnerSourceProject(
  server: SetupServer,
  project: ProjectSummary | 404,
) {
  const seen: Array<{ path: string; authorization: string | null }> = [];
  server.use(
    http.get(
      `${INNERSOURCE_URL}/projects/:namespace/:kind/:name`,
      ({ request }) => {
        seen.push({
          path: new URL(request.url).pathname,
          authorization: request.headers.get('authorization'),
        });
        return project === 404
          ? HttpResponse.json(
              { error: { name: 'NotFoundError' } },
              { status: 404 },
            )
          : HttpResponse.json(project);
      },
    ),
  );
  return seen;
}

/** Runs the action as the scaffolder would for user:default/jane; its outputs by name. */
export async function runAction(
  action: ReturnType<typeof createReadinessPullRequestAction>,
  input: { entityRef: string; branchName?: string },
  options: { isDryRun?: boolean } = {},
) {
  const outputs: Record<string, unknown> = {};
  await action.handler({
    input,
    logger: mockServices.logger.mock(),
    workspacePath: '/tmp/unused',
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: async () => '/tmp/unused',
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/jane'),
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    task: { id: 'task-1' },
    isDryRun: options.isDryRun,
  } as any);
  return outputs;
}
