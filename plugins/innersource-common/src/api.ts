import type { ProjectMetrics, ContributorSummary } from './metrics';
import type { ProjectTrend } from './trend';
import type {
  DimensionScore,
  ReadinessCheckResult,
  ActivityBand,
} from './score';

export * from './badges';

/**
 * Where a project stands in collection.
 *
 * @public
 */
export type ProjectStatus = 'collected' | 'pending' | 'failed';

/** @public */
export interface ProjectError {
  message: string;
  at: string;
}

/**
 * `GET /api/innersource/projects/:namespace/:kind/:name`
 *
 * @public
 */
export interface ProjectSummary {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  status: ProjectStatus;
  score: number | null;
  tier: { name: string; color: string } | null;
  profile: string | null;
  dimensions: DimensionScore[];
  metrics: ProjectMetrics | null;
  readiness: ReadinessCheckResult[];
  activity: { raw: number; band: ActivityBand } | null;
  repository: { provider: string; name: string; webUrl?: string } | null;
  /** When the facts of the latest snapshot were collected. */
  refreshedAt: string | null;
  /** When the repository was last looked at (unchanged ones keep their snapshot). */
  checkedAt: string | null;
  /** The latest collection error; the last good snapshot is still served. */
  errors: ProjectError[];
  /** Its metrics some weeks earlier, to show which way each moves; absent before the history reaches that far. */
  trend?: ProjectTrend;
}

/**
 * One row of `GET /api/innersource/projects`.
 *
 * @public
 */
export interface ProjectListItem {
  entityRef: string;
  title?: string;
  kind: string;
  owner?: string;
  system?: string;
  tags: string[];
  /** `metadata.description` of the entity. */
  description?: string;
  /** From the `innersource/skills` annotation and the repository's innersource.json. */
  skills: string[];
  /** What the project asks for help with (`contributions` in its innersource.json). */
  contributions: string[];
  /** Why to contribute (`motivation` in its innersource.json). */
  motivation?: string;
  status: ProjectStatus;
  score: number | null;
  tier: { name: string; color: string } | null;
  refreshedAt: string | null;
  /** The repository's primary language. */
  language?: string;
  /** The Repository Activity Score (rounded) and its band; null when unknown. */
  activity?: { score: number; band: ActivityBand } | null;
  /** Open help-wanted issues; null when unknown. */
  helpWanted?: number | null;
  /** The repository's last push, update or commit. */
  lastActivityAt?: string | null;
  /** Where to start contributing: innersource.json `docs`, else the contribution guide, else the repository. */
  contributeUrl?: string;
}

/**
 * The orders `GET /projects` can sort by: score, activity score and recent activity highest first, name A to Z.
 *
 * @public
 */
export const PROJECT_SORTS = ['score', 'activity', 'name', 'recent'] as const;
/** @public */
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/**
 * For the current filter: how many projects carry each value (the 25 most frequent of each).
 *
 * @public
 */
export interface ProjectFacets {
  tiers: FacetCount[];
  owners: FacetCount[];
  kinds: FacetCount[];
  languages: FacetCount[];
  skills: FacetCount[];
  tags: FacetCount[];
}

/** @public */
export interface ProjectList {
  items: ProjectListItem[];
  nextCursor?: string;
  /** With `facets=true`: projects matching the filter, over every page. */
  total?: number;
  /** With `facets=true`. */
  facets?: ProjectFacets;
}

/**
 * One point of a metric's history.
 *
 * @public
 */
export interface MetricHistoryPoint {
  at: string;
  value: number | null;
  /**
   * Reconstructed from the repository's commit history when the project was
   * first collected (the week ending at `at`), not collected then.
   */
  backfilled?: boolean;
}

/**
 * `GET .../history?metric=NAME&days=N`
 *
 * @public
 */
export interface MetricHistory {
  entityRef: string;
  metric: string;
  points: MetricHistoryPoint[];
}

/**
 * `GET .../contributors`
 *
 * @public
 */
export interface ProjectContributors {
  entityRef: string;
  inside: ContributorSummary[];
  outside: ContributorSummary[];
  unmapped: ContributorSummary[];
}

/**
 * Contributions between a group and other teams' projects.
 *
 * @public
 */
export interface TeamContributionFlow {
  /** The other team (a Group ref), or the project it contributed to. */
  counterpart: string;
  projectRef: string;
  contributors: number;
  contributions: number;
}

/**
 * `GET /api/innersource/groups/:namespace/:name`
 *
 * @public
 */
export interface GroupSummary {
  groupRef: string;
  projects: ProjectListItem[];
  /** What the group's members gave to other teams' projects. */
  given: TeamContributionFlow[];
  /** What members of other teams gave to this group's projects. */
  received: TeamContributionFlow[];
}

/**
 * The orders `GET /tasks` can sort by, newest or largest first.
 *
 * @public
 */
export const TASK_SORTS = [
  'updated',
  'created',
  'score',
  'comments',
  'match',
] as const;
/** @public */
export type TaskSort = (typeof TASK_SORTS)[number];

/**
 * `GET /tasks`: every filter optional; repeated ones match any of their values.
 *
 * @public
 */
export interface TaskQuery {
  /** Words that must each appear in the task's title or labels, or its project's title, name, skills or language. */
  q?: string;
  label?: string[];
  goodFirst?: boolean;
  /** Entity refs of projects. */
  project?: string[];
  owner?: string[];
  system?: string[];
  skill?: string[];
  language?: string[];
  tier?: string[];
  updatedWithinDays?: number;
  /** Rank by the signed-in user's skills and hide their own teams' projects. */
  forMe?: boolean;
  /** `match` needs `forMe`. */
  sort?: TaskSort;
  limit?: number;
  cursor?: string;
  /** Leave out the facet counts (for clients that only page, such as the search collator). */
  facets?: boolean;
}

/**
 * Who "for me" ranks for: the user's skills and the owners whose projects are hidden.
 *
 * @public
 */
export interface TaskMatchProfile {
  skills: string[];
  /** Where the skills came from: the User entity, their teams, or nowhere. */
  skillsFrom: 'user' | 'teams' | 'none';
  /** The user and their teams: their projects are left out. */
  hiddenOwners: string[];
}

/**
 * An open help-wanted or good-first issue, with the project it belongs to.
 *
 * @public
 */
export interface TaskListItem {
  id: string;
  number?: number;
  title: string;
  url: string;
  labels: string[];
  goodFirst: boolean;
  createdAt: string;
  updatedAt: string;
  comments: number;
  assignee?: string;
  /** No update for the configured number of days (180 by default). */
  stale: boolean;
  /** With `forMe`: the user's skills that the project's skills or language share. */
  matchedSkills?: string[];
  project: {
    entityRef: string;
    title?: string;
    owner?: string;
    system?: string;
    language?: string;
    skills: string[];
    score: number | null;
    tier: { name: string; color: string } | null;
  };
}

/** @public */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * The body of `GET /tasks`.
 *
 * @public
 */
export interface TaskList {
  items: TaskListItem[];
  nextCursor?: string;
  /**
   * Tasks matching the filter, over every page; with `totalIsLowerBound`,
   * at least this many (the bound counting stopped at: show "10,000+").
   */
  total: number;
  /**
   * More tasks match than a search counts (10,000): `total` is that bound.
   * Absent when the total is exact.
   */
  totalIsLowerBound?: boolean;
  /**
   * More tasks match than a search counts facet values for (1,000): the facet
   * counts are over the first this many tasks found, so at least that many
   * tasks carry each value. Absent when the facet counts are exact.
   */
  facetsCountedOver?: number;
  /** For the current filter: how many tasks carry each value. */
  facets: {
    labels: FacetCount[];
    owners: FacetCount[];
    skills: FacetCount[];
    languages: FacetCount[];
    tiers: FacetCount[];
  };
  /** With `forMe`: whom the list was ranked for. */
  forMe?: TaskMatchProfile;
}
