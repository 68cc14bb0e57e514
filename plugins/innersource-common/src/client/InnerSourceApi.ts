import type {
  BadgeKind,
  BadgeOptions,
  GroupSummary,
  ProjectBadges,
  ProjectSort,
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

/**
 * `GET /api/innersource/projects`: every filter optional; repeated ones match any of their values.
 *
 * @public
 */
export interface ProjectListRequest {
  owner?: string[];
  tier?: string[];
  kind?: string[];
  tag?: string[];
  skill?: string[];
  /** The repository's primary language, case-insensitive. */
  language?: string[];
  /** Only projects whose innersource.json asks for contributions or skills. */
  asking?: boolean;
  /** Only projects with open help-wanted issues or whose innersource.json asks for help. */
  lookingForHelp?: boolean;
  /** Words to find in the project's title, skills, description and asks. */
  q?: string;
  /** Default `score`. */
  sort?: ProjectSort;
  /** Count the matching projects and each facet's values (`total`, `facets`); off by default. */
  facets?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * Per call: a backend caller passes its service token here; the browser's fetchApi adds the user's.
 *
 * @public
 */
export interface InnerSourceRequestOptions {
  token?: string;
}

/**
 * The InnerSource backend (`/api/innersource`), for the browser and for other backend plugins.
 *
 * @public
 */
export interface InnerSourceApi {
  getProject(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectSummary>;
  getHistory(
    entityRef: string,
    metric: NumericMetricName,
    days: number,
    options?: InnerSourceRequestOptions,
  ): Promise<MetricHistory>;
  getContributors(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectContributors>;
  listProjects(
    request?: ProjectListRequest,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectList>;
  getGroup(
    groupRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<GroupSummary>;
  requestRefresh(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<{ status: string }>;
  /** The scoring model in force, its block and today's score histogram. */
  getScoring(options?: InnerSourceRequestOptions): Promise<ActiveScoring>;
  /** Scores every stored project under a candidate `innersource.scoring` block. */
  previewScoring(
    block: unknown,
    options?: InnerSourceRequestOptions,
  ): Promise<ScoringPreviewResponse>;
  /** Open help-wanted tasks of the projects the caller may read, with facet counts. */
  searchTasks(
    query: TaskQuery,
    options?: InnerSourceRequestOptions,
  ): Promise<TaskList>;
  /** The project's badges with their URLs, for the badges dialog (makes its public token when allowed). */
  getBadges(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectBadges>;
  /** A new public token: the old public URLs stop working. Needs the refresh permission. */
  rotateBadgeToken(
    entityRef: string,
    options?: InnerSourceRequestOptions,
  ): Promise<ProjectBadges>;
  /** One badge's SVG, as the signed-in caller may see it. */
  getBadgeSvg(
    entityRef: string,
    badge: BadgeKind,
    badgeOptions?: BadgeOptions,
    options?: InnerSourceRequestOptions,
  ): Promise<string>;
  /** The signed-in user's notification choices. */
  getNotificationSettings(
    options?: InnerSourceRequestOptions,
  ): Promise<NotificationSettings>;
  /** Changes the signed-in user's choices; answers them as stored. */
  setNotificationSettings(
    settings: Pick<NotificationSettings, 'digest'>,
    options?: InnerSourceRequestOptions,
  ): Promise<NotificationSettings>;
}
