import { createApiRef } from '@backstage/core-plugin-api';
import type {
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
} from '@internal/plugin-innersource-common';

export interface ProjectListRequest {
  owner?: string[];
  tier?: string[];
  kind?: string[];
  tag?: string[];
  limit?: number;
  cursor?: string;
}

/** The InnerSource backend, as the browser sees it. */
export interface InnerSourceApi {
  getProject(entityRef: string): Promise<ProjectSummary>;
  getHistory(
    entityRef: string,
    metric: NumericMetricName,
    days: number,
  ): Promise<MetricHistory>;
  getContributors(entityRef: string): Promise<ProjectContributors>;
  listProjects(request?: ProjectListRequest): Promise<ProjectList>;
  getGroup(groupRef: string): Promise<GroupSummary>;
  requestRefresh(entityRef: string): Promise<{ status: string }>;
}

export const innersourceApiRef = createApiRef<InnerSourceApi>({
  id: 'plugin.innersource.service',
});
