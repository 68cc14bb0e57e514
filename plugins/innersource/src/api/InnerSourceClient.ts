import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
} from '@internal/plugin-innersource-common';
import type { InnerSourceApi, ProjectListRequest } from './InnerSourceApi';

function entityPath(entityRef: string, defaultKind = 'component'): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

/** Talks to /api/innersource with the signed-in user's Backstage token. */
export class InnerSourceClient implements InnerSourceApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async get<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('innersource');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  getProject(entityRef: string): Promise<ProjectSummary> {
    return this.get(`/projects/${entityPath(entityRef)}`);
  }

  getHistory(
    entityRef: string,
    metric: NumericMetricName,
    days: number,
  ): Promise<MetricHistory> {
    const query = new URLSearchParams({ metric, days: String(days) });
    return this.get(`/projects/${entityPath(entityRef)}/history?${query}`);
  }

  getContributors(entityRef: string): Promise<ProjectContributors> {
    return this.get(`/projects/${entityPath(entityRef)}/contributors`);
  }

  listProjects(request: ProjectListRequest = {}): Promise<ProjectList> {
    const query = new URLSearchParams();
    for (const key of ['owner', 'tier', 'kind', 'tag'] as const) {
      for (const value of request[key] ?? []) query.append(key, value);
    }
    if (request.limit) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    const search = query.toString();
    return this.get(`/projects${search ? `?${search}` : ''}`);
  }

  getGroup(groupRef: string): Promise<GroupSummary> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return this.get(
      `/groups/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  requestRefresh(entityRef: string): Promise<{ status: string }> {
    return this.get(`/refresh/${entityPath(entityRef)}`, { method: 'POST' });
  }
}
