import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ActiveScoring,
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
  ScoringPreviewResponse,
  TaskList,
  TaskQuery,
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
    for (const key of ['owner', 'tier', 'kind', 'tag', 'skill'] as const) {
      for (const value of request[key] ?? []) query.append(key, value);
    }
    if (request.asking) query.set('asking', 'true');
    if (request.q) query.set('q', request.q);
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

  getScoring(): Promise<ActiveScoring> {
    return this.get('/scoring');
  }

  previewScoring(block: unknown): Promise<ScoringPreviewResponse> {
    return this.get('/scoring/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scoring: block }),
    });
  }

  searchTasks(query: TaskQuery): Promise<TaskList> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    for (const key of [
      'label',
      'project',
      'owner',
      'system',
      'skill',
      'language',
      'tier',
    ] as const) {
      for (const value of query[key] ?? []) params.append(key, value);
    }
    if (query.goodFirst) params.set('goodFirst', 'true');
    if (query.forMe) params.set('forMe', 'true');
    if (query.facets === false) params.set('facets', 'false');
    if (query.updatedWithinDays)
      params.set('updatedWithinDays', String(query.updatedWithinDays));
    if (query.sort) params.set('sort', query.sort);
    if (query.limit) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.get(`/tasks${search ? `?${search}` : ''}`);
  }
}
