import { createApiRef } from '@backstage/core-plugin-api';
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

export interface ProjectListRequest {
  owner?: string[];
  tier?: string[];
  kind?: string[];
  tag?: string[];
  skill?: string[];
  /** Only projects whose innersource.json asks for contributions or skills. */
  asking?: boolean;
  /** Words to find in the project's title, skills, description and asks. */
  q?: string;
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
  /** The scoring model in force, its block and today's score histogram. */
  getScoring(): Promise<ActiveScoring>;
  /** Scores every stored project under a candidate `innersource.scoring` block. */
  previewScoring(block: unknown): Promise<ScoringPreviewResponse>;
  /** Open help-wanted tasks of the projects the user may read, with facet counts. */
  searchTasks(query: TaskQuery): Promise<TaskList>;
}

export const innersourceApiRef = createApiRef<InnerSourceApi>({
  id: 'plugin.innersource.service',
});
