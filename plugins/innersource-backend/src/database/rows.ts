import { InputError } from '@backstage/errors';
import type {
  ProjectListItem,
  ProjectScore,
  ProjectStatus,
  ProjectSummary,
  ProjectMetrics,
  RepositoryFacts,
} from '@internal/plugin-innersource-common';
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
  };
}

const MAX_INT32 = 2 ** 31 - 1;

/** A project list cursor: the last row's rank and ref, opaque to clients. */
export function encodeProjectCursor(
  rankScore: number,
  entityRef: string,
): string {
  return Buffer.from(JSON.stringify([rankScore, entityRef])).toString(
    'base64url',
  );
}

export function decodeProjectCursor(cursor: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // rank_score is a 32-bit integer and entity_ref a varchar(255): anything else was not made here
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isInteger(value[0]) &&
      Math.abs(value[0]) <= MAX_INT32 &&
      typeof value[1] === 'string' &&
      value[1].length <= 255 &&
      !value[1].includes('\u0000')
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not valid');
}
