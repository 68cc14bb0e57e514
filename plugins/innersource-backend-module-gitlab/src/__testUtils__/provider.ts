import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGitlabCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type {
  CollectRequest,
  CollectResult,
} from '@innersource-for-backstage/plugin-innersource-node';
import { GitlabProvider } from '../GitlabProvider';
import { DEFAULT_GITLAB_SETTINGS, GitlabProviderSettings } from '../settings';

export const NOW = new Date('2026-11-24T12:00:00.000Z');

/** A provider for gitlab.com (token `t0k`) unless other integrations are given; its waits are recorded, not slept. */
export function testProvider(
  options: {
    integrations?: object[];
    settings?: Partial<GitlabProviderSettings>;
  } = {},
) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitlab: options.integrations ?? [{ host: 'gitlab.com', token: 't0k' }],
      },
    }),
  );
  const logger = mockServices.logger.mock();
  const waits: number[] = [];
  const provider = new GitlabProvider({
    integrations,
    credentials:
      DefaultGitlabCredentialsProvider.fromIntegrations(integrations),
    logger,
    settings: { ...DEFAULT_GITLAB_SETTINGS, ...options.settings },
    now: () => NOW,
    sleep: async ms => {
      waits.push(ms);
    },
    retries: 1,
  });
  return { provider, logger, waits };
}

export function collectRequest(
  fullPath: string,
  options: {
    host?: string;
    previous?: CollectRequest['previous'];
    helpWanted?: string[];
    annotations?: Record<string, string>;
  } = {},
): CollectRequest {
  const name = fullPath.split('/').pop()!;
  return {
    entityRef: `component:default/${name}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations: options.annotations ?? {} },
    },
    location: {
      type: 'gitlab',
      host: options.host ?? 'gitlab.com',
      slug: fullPath,
    },
    windowDays: 90,
    labels: {
      helpWanted: options.helpWanted ?? ['help wanted'],
      goodFirstIssue: ['good first issue'],
    },
    ...(options.previous ? { previous: options.previous } : {}),
  };
}

export const byRef = (results: CollectResult[]) =>
  Object.fromEntries(results.map(r => [r.entityRef, r]));

/** The `previous` a collected result leaves for the next run. */
export function previousOf(result: CollectResult): CollectRequest['previous'] {
  if (result.outcome !== 'collected') throw new Error(result.outcome);
  return {
    collectedAt: NOW.toISOString(),
    checkedAt: NOW.toISOString(),
    fingerprint: result.fingerprint,
  };
}
