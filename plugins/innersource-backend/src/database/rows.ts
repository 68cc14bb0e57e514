import type {
  ProjectListItem,
  ProjectScore,
  ProjectStatus,
  ProjectSummary,
  ProjectMetrics,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import { unionSkills } from './skills';

/** A row as knex returns it. */
export type Row = Record<string, any>;

/** Rows per statement: far below SQLite's bound-variable limit. */
export const CHUNK = 50;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

export const lower = (text: string) => text.toLocaleLowerCase('en-US');

/** What search matches words against: the parts, lower-case, one line. */
export function searchText(parts: Array<string | undefined | null>): string {
  return lower(parts.filter(Boolean).join(' ').replace(/\s+/g, ' '));
}

export function projectSearchText(
  row: { title?: string | null; name?: string },
  skills: string[],
) {
  return searchText([row.title, row.name, ...skills]);
}

export function json<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** The full detail of a project's latest snapshot, kept on its row. */
export interface LatestDetail {
  metrics: ProjectMetrics;
  score: Pick<ProjectScore, 'dimensions' | 'readiness' | 'activity'>;
  repository: ProjectSummary['repository'];
}

export function repositoryOf(
  facts: RepositoryFacts,
): ProjectSummary['repository'] {
  return {
    provider: facts.provider,
    name: facts.repository,
    ...(facts.webUrl ? { webUrl: facts.webUrl } : {}),
  };
}

/** The columns a project list row is read from. */
export const LIST_COLUMNS = [
  'entity_ref',
  'title',
  'kind',
  'owner_ref',
  'system_ref',
  'tags',
  'description',
  'skills',
  'repo_skills',
  'contributions',
  'motivation',
  'status',
  'score',
  'rank_score',
  'tier_name',
  'tier_color',
  'collected_at',
  'language',
  'activity_score',
  'activity_band',
  'help_wanted',
  'last_activity_at',
  'contribute_url',
];

export function listItem(row: Row): ProjectListItem {
  return {
    entityRef: row.entity_ref,
    ...(row.title ? { title: row.title } : {}),
    kind: row.kind,
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    ...(row.system_ref ? { system: row.system_ref } : {}),
    tags: json<string[]>(row.tags, []),
    ...(row.description ? { description: row.description } : {}),
    skills: unionSkills(
      json<string[]>(row.skills, []),
      json<string[]>(row.repo_skills, []),
    ),
    contributions: json<string[]>(row.contributions, []),
    ...(row.motivation ? { motivation: row.motivation } : {}),
    status: row.status as ProjectStatus,
    score: row.score ?? null,
    tier: row.tier_name ? { name: row.tier_name, color: row.tier_color } : null,
    refreshedAt: row.collected_at ?? null,
    ...(row.language ? { language: row.language } : {}),
    activity:
      row.activity_band && row.activity_score >= 0
        ? { score: Number(row.activity_score), band: row.activity_band }
        : null,
    helpWanted: row.help_wanted ?? null,
    lastActivityAt: row.last_activity_at ?? null,
    ...(row.contribute_url ? { contributeUrl: row.contribute_url } : {}),
  };
}
