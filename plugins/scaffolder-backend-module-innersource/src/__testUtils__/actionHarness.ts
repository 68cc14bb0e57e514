import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/** Who the fake permission policy lets propose readiness changes for which entity. */
export type ProposeRule = (userRef: string, entityRef: string) => boolean;

/**
 * A permission service deciding `innersource.readiness.propose` by `rule`
 * (everyone by default), remembering what it was asked and for whom.
 */
export function fakePermissions(rule: ProposeRule = () => true) {
  const asked: Array<{
    permission: string;
    resourceRef?: string;
    user?: string;
  }> = [];
  const permissions: Pick<PermissionsService, 'authorize'> = {
    async authorize(requests, { credentials }) {
      const principal = credentials.principal as { userEntityRef?: string };
      return requests.map(request => {
        const resourceRef =
          'resourceRef' in request ? request.resourceRef : undefined;
        asked.push({
          permission: request.permission.name,
          resourceRef,
          user: principal.userEntityRef,
        });
        const allowed =
          request.permission.name === 'innersource.readiness.propose' &&
          principal.userEntityRef !== undefined &&
          resourceRef !== undefined &&
          rule(principal.userEntityRef, resourceRef);
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  };
  return { permissions, asked };
}

/** Every request that reaches msw, whoever it is for (the forges, the InnerSource backend). */
export function recordRequests(server: SetupServer) {
  const requests: Array<{ method: string; url: string }> = [];
  const listener = ({ request }: { request: Request }) => {
    requests.push({ method: request.method, url: request.url });
  };
  server.events.on('request:start', listener);
  return requests;
}

/** What a template passes the action. */
export interface ActionInput {
  entityRef: string;
  branchName?: string;
  repoUrl?: string;
  token?: string;
}

/** Runs the action as the scaffolder would for user:default/jane (or `user`); its outputs by name. */
export async function runAction(
  action: ReturnType<typeof createReadinessPullRequestAction>,
  input: ActionInput,
  options: { isDryRun?: boolean; user?: string } = {},
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
      mockCredentials.user(options.user ?? 'user:default/jane'),
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    task: { id: 'task-1' },
    isDryRun: options.isDryRun,
  } as any);
  return outputs;
}
