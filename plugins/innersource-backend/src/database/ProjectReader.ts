import type { Entity } from '@backstage/catalog-model';
import type {
  ContributorSummary,
  GroupSummary,
  MetricHistory,
  NumericMetricName,
  ProjectFacets,
  ProjectListItem,
  ProjectSort,
  ProjectSummary,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
  ScoringInput,
} from '@innersource-for-backstage/plugin-innersource-common';

/** What the scoring preview needs of each project. */
export interface ScorableProject {
  entityRef: string;
  entity: Entity;
  input: ScoringInput;
  current: { score: number; tier: string };
}

export interface ProjectListQuery {
  owner?: string[];
  tier?: string[];
  kind?: string[];
  tag?: string[];
  /** Only projects whose innersource.json asks for contributions or skills. */
  asking?: boolean;
  /** Only projects with open help-wanted issues or asking in innersource.json. */
  lookingForHelp?: boolean;
  skill?: string[];
  /** Primary languages, lower-case. */
  language?: string[];
  /** Words to find in title, name, skills, description, motivation or contributions. */
  q?: string;
  /** Default `score`. */
  sort?: ProjectSort;
  /** Count the matching projects and each facet's values. */
  facets?: boolean;
  limit: number;
  cursor?: string;
}

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
  listScorableProjects(pageSize?: number): AsyncGenerator<ScorableProject[]>;
}
