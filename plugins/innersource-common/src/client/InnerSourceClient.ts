import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  BadgeKind,
  BadgeOptions,
  GroupSummary,
  ProjectBadges,
  MetricHistory,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
  TaskList,
  TaskQuery,
} from '../api';
import type { NumericMetricName } from '../metrics';
import type { NotificationSettings } from '../notifications';
import type { ActiveScoring, ScoringPreviewResponse } from '../scoring';
import type {
  InnerSourceApi,
  InnerSourceRequestOptions,
  ProjectListRequest,
} from './InnerSourceApi';
import {
  projectListRequestToSearchParams,
  taskQueryToSearchParams,
} from './queryParameters';

/** What the client sends besides the URL. */
interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The plugin id the backend is discovered by.
 *
 * @public
 */
export const INNERSOURCE_PLUGIN_ID = 'innersource';

function entityPath(entityRef: string, defaultKind = 'component'): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

function withSearch(path: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Talks to `/api/innersource`, as `@backstage/catalog-client` talks to the
 * catalog: in the browser with the app's fetchApi (which adds the user's
 * token), in a backend with a service token passed per call.
 *
 * @public
 */
export class InnerSourceClient implements InnerSourceApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    // Called through a closure: the browser's fetch must not be called as a method of another object.
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  getProject(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectSummary> {
    return this.request(`/projects/${entityPath(entityRef)}`, options);
  }

  getHistory(
    entityRef: string,
    metric: NumericMetricName,
    days: number,
    options?: InnerSourceRequestOptions,
  ): Promise<MetricHistory> {
    const params = new URLSearchParams({ metric, days: String(days) });
    return this.request(
      withSearch(`/projects/${entityPath(entityRef)}/history`, params),
      options,
    );
  }

  getContributors(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectContributors> {
    return this.request(
      `/projects/${entityPath(entityRef)}/contributors`,
      options,
    );
  }

  listProjects(
    request: ProjectListRequest = {},
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectList> {
    return this.request(
      withSearch('/projects', projectListRequestToSearchParams(request)),
      options,
    );
  }

  getGroup(
    groupRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<GroupSummary> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return this.request(
      `/groups/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
      options,
    );
  }

  requestRefresh(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<{ status: string }> {
    return this.request(`/refresh/${entityPath(entityRef)}`, options, {
      method: 'POST',
    });
  }

  getScoring(options?: InnerSourceRequestOptions): Promise<ActiveScoring> {
    return this.request('/scoring', options);
  }

  previewScoring(
    block: unknown,
    options?: InnerSourceRequestOptions,
  ): Promise<ScoringPreviewResponse> {
    return this.request('/scoring/preview', options, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scoring: block }),
    });
  }

  searchTasks(
    query: TaskQuery,
    options?: InnerSourceRequestOptions,
  ): Promise<TaskList> {
    return this.request(
      withSearch('/tasks', taskQueryToSearchParams(query)),
      options,
    );
  }

  getBadges(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectBadges> {
    return this.request(`/badges/${entityPath(entityRef)}`, options);
  }

  rotateBadgeToken(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectBadges> {
    return this.request(`/badges/${entityPath(entityRef)}/token`, options, {
      method: 'POST',
    });
  }

  async getBadgeSvg(
    entityRef: string,
    badge: BadgeKind,
    badgeOptions: BadgeOptions = {},
    options?: InnerSourceRequestOptions,
  ): Promise<string> {
    const params = new URLSearchParams();
    if (badgeOptions.style) params.set('style', badgeOptions.style);
    if (badgeOptions.label) params.set('label', badgeOptions.label);
    const response = await this.send(
      withSearch(
        `/badges/${entityPath(entityRef)}/${encodeURIComponent(badge)}.svg`,
        params,
      ),
      options,
    );
    return response.text();
  }

  getNotificationSettings(
    options?: InnerSourceRequestOptions,
  ): Promise<NotificationSettings> {
    return this.request('/notifications/settings', options);
  }

  setNotificationSettings(
    settings: Pick<NotificationSettings, 'digest'>,
    options?: InnerSourceRequestOptions,
  ): Promise<NotificationSettings> {
    return this.request('/notifications/settings', options, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ digest: settings.digest }),
    });
  }

  private async request<T>(
    path: string,
    options: InnerSourceRequestOptions | undefined,
    init: RequestInit = {},
  ): Promise<T> {
    const response = await this.send(path, options, init);
    return (await response.json()) as T;
  }

  private async send(
    path: string,
    options: InnerSourceRequestOptions | undefined,
    init: RequestInit = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(INNERSOURCE_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...init.headers,
        ...(options?.token && { Authorization: `Bearer ${options.token}` }),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
