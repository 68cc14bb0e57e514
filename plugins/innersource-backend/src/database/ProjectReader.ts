import type {
  ContributorSummary,
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  ProjectFacets,
  PreviewProject,
  ProjectListItem,
  ProjectListRequest,
  ProjectSummary,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * The directory query the store takes: `ProjectListRequest` as the route and
 * the action parse it (common's parseProjectListRequest), with the limit applied.
 */
export type ProjectListQuery = Omit<ProjectListRequest, 'limit'> & {
  limit: number;
};

/** The read side of the InnerSource tables: what the REST API serves, stored snapshots only, never a forge. */
export interface ProjectReader {
  getProjectSummary(entityRef: string): Promise<ProjectSummary | undefined>;
  /**
   * A page of the projects given (or all) in the query's order; the cursor
   * comes from the last of them. With `facets`, the total and the facet
   * counts of every matching project the caller may read.
   */
  listProjects(
    query: ProjectListQuery,
    readable: string[] | 'all',
  ): Promise<{
    items: ProjectListItem[];
    nextCursor?: string;
    total?: number;
    facets?: ProjectFacets;
  }>;
  getMetricHistory(
    entityRef: string,
    metric: NumericMetricName,
    since: Date,
  ): Promise<MetricHistory['points']>;
  getContributors(entityRef: string): Promise<ContributorSummary[]>;
  /** The group's projects and the contributions between its members and other teams. */
  getGroupSummary(groupRef: string): Promise<Omit<GroupSummary, 'groupRef'>>;
  /** Entity refs of every listed project. */
  listActiveProjectRefs(): Promise<string[]>;
  /** Help-wanted tasks matching the query, of the projects given (or all). */
  searchTasks(
    query: TaskQuery,
    readable: string[] | 'all',
    forMe?: TaskMatchProfile,
  ): Promise<TaskList>;
  /** Today's scores of the projects given (or all) in buckets of 10 points (see scoreHistogram). */
  getScoreHistogram(readable: string[] | 'all'): Promise<number[]>;
  /** Every collected project with what re-scoring needs, a page at a time. */
  listScorableProjects(pageSize?: number): AsyncGenerator<PreviewProject[]>;
}
