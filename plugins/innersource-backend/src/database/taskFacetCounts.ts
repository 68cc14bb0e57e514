import type { TaskList } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { chunks, Row } from './rows';

/**
 * Task facet counts kept at write time (migration 20261127100000): for each
 * active project with open tasks, a narrow row (owner, language, open tasks,
 * newest update) and how many of its tasks each facet value counts, and the
 * counts summed over all projects. The help-wanted page's first view reads
 * these instead of grouping every task.
 */

export type FacetName = keyof TaskList['facets'];

/** A kept count: `total` (value '') counts every open task of the project. */
export interface FacetCount {
  facet: FacetName | 'total';
  value: string;
  tasks: number;
}

/** Values listed per facet, the most counted first. */
export const FACET_VALUES = 25;

export const PROJECTS_TABLE = 'innersource_task_projects';
/** Stands around each skill in a project's `skills` (catalog values never hold control characters). */
export const SKILL_SEPARATOR = '\u001f';
export const COUNTS_TABLE = 'innersource_task_facet_counts';
export const TOTALS_TABLE = 'innersource_task_facet_totals';

/** What one active project adds to the counts: every open task under each of its values. */
export function projectFacetCounts(project: {
  owner: string | null;
  language: string | null;
  tier: string | null;
  skills: string[];
  /** Open tasks per label, each task's labels counted once. */
  labels: Map<string, number>;
  tasks: number;
}): FacetCount[] {
  if (project.tasks === 0) return [];
  const counts: FacetCount[] = [
    { facet: 'total', value: '', tasks: project.tasks },
  ];
  const single: Array<[FacetName, string | null]> = [
    ['owners', project.owner],
    ['languages', project.language],
    ['tiers', project.tier],
  ];
  for (const [facet, value] of single) {
    if (value !== null) counts.push({ facet, value, tasks: project.tasks });
  }
  for (const skill of new Set(project.skills)) {
    counts.push({ facet: 'skills', value: skill, tasks: project.tasks });
  }
  for (const [label, tasks] of project.labels) {
    counts.push({ facet: 'labels', value: label, tasks });
  }
  return counts;
}

const keyOf = (c: { facet: string; value: string }) =>
  `${c.facet}\u0000${c.value}`;

/** How the totals change when `before` is replaced by `after`: non-zero changes, in key order. */
export function facetDelta(
  before: FacetCount[],
  after: FacetCount[],
): FacetCount[] {
  const delta = new Map<string, FacetCount>();
  const add = (c: FacetCount, sign: number) => {
    const key = keyOf(c);
    const entry = delta.get(key) ?? {
      facet: c.facet,
      value: c.value,
      tasks: 0,
    };
    entry.tasks += sign * c.tasks;
    delta.set(key, entry);
  };
  before.forEach(c => add(c, -1));
  after.forEach(c => add(c, 1));
  return [...delta.entries()]
    .filter(([, c]) => c.tasks !== 0)
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([, c]) => c);
}

/** What the rows say now of `refs`: each active project with open tasks, its narrow row and counts. */
async function currentCounts(tx: Knex, refs: string[]) {
  const projects: Row[] = await tx('innersource_projects')
    .select('entity_ref', 'active', 'owner_ref', 'language', 'tier_name')
    .whereIn('entity_ref', refs);
  const tasks: Row[] = await tx('innersource_tasks')
    .select('entity_ref')
    .count({ tasks: '*' })
    .max({ newest: 'updated_at' })
    .whereIn('entity_ref', refs)
    .groupBy('entity_ref');
  const labels: Row[] = await tx('innersource_task_labels as l')
    .join('innersource_tasks as t', join =>
      join.on('t.entity_ref', 'l.entity_ref').andOn('t.id', 'l.task_id'),
    )
    .select('l.entity_ref', 'l.label')
    .count({ tasks: '*' })
    .whereIn('l.entity_ref', refs)
    .groupBy('l.entity_ref', 'l.label');
  const skillRows: Row[] = await tx('innersource_project_skills')
    .select('entity_ref', 'skill')
    .whereIn('entity_ref', refs);

  const tasksOf = new Map(tasks.map(r => [r.entity_ref, r]));
  const labelsOf = new Map<string, Map<string, number>>();
  for (const r of labels) {
    const map = labelsOf.get(r.entity_ref) ?? new Map<string, number>();
    map.set(r.label, Number(r.tasks));
    labelsOf.set(r.entity_ref, map);
  }
  const skillsOf = new Map<string, string[]>();
  for (const r of skillRows) {
    skillsOf.set(r.entity_ref, [
      ...(skillsOf.get(r.entity_ref) ?? []),
      r.skill,
    ]);
  }
  return projects.flatMap(p => {
    const own = tasksOf.get(p.entity_ref);
    if (!p.active || !own) return [];
    const skills = skillsOf.get(p.entity_ref) ?? [];
    const row = {
      entity_ref: p.entity_ref as string,
      owner_ref: (p.owner_ref ?? null) as string | null,
      language: (p.language ?? null) as string | null,
      skills: `${SKILL_SEPARATOR}${skills
        .map(skill => `${skill}${SKILL_SEPARATOR}`)
        .join('')}`,
      tasks: Number(own.tasks),
      newest_task_at: own.newest as string,
    };
    const counts = projectFacetCounts({
      owner: row.owner_ref,
      language: row.language,
      tier: p.tier_name ?? null,
      skills,
      labels: labelsOf.get(p.entity_ref) ?? new Map(),
      tasks: row.tasks,
    });
    return [{ row, counts }];
  });
}

/**
 * Brings the kept counts of these projects (and the totals) in line with
 * their rows: call it, inside the writing transaction, after anything that
 * changes a project's tasks, labels, skills, owner, language, tier or
 * activity. A project gone from the table loses its counts.
 */
export async function syncTaskFacetCounts(tx: Knex, entityRefs: string[]) {
  // In one order everywhere, so concurrent writers take the totals' row locks alike.
  const sorted = [...new Set(entityRefs)].sort();
  for (const refs of chunks(sorted, 200)) {
    const before: FacetCount[] = (
      await tx(COUNTS_TABLE)
        .select('facet', 'value', 'tasks')
        .whereIn('entity_ref', refs)
    ).map(r => ({ ...r, tasks: Number(r.tasks) }));
    const projects = await currentCounts(tx, refs);
    const after = projects.flatMap(p =>
      p.counts.map(c => ({ entity_ref: p.row.entity_ref, ...c })),
    );
    await tx(PROJECTS_TABLE).whereIn('entity_ref', refs).delete();
    await tx(COUNTS_TABLE).whereIn('entity_ref', refs).delete();
    for (const batch of chunks(
      projects.map(p => p.row),
      100,
    )) {
      await tx(PROJECTS_TABLE).insert(batch);
    }
    for (const batch of chunks(after, 200)) {
      await tx(COUNTS_TABLE).insert(batch);
    }
    const delta = facetDelta(before, after);
    for (const batch of chunks(delta, 200)) {
      await tx(TOTALS_TABLE)
        .insert(batch)
        .onConflict(['facet', 'value'])
        .merge({ tasks: tx.raw(`${TOTALS_TABLE}.tasks + excluded.tasks`) });
    }
    if (delta.some(c => c.tasks < 0)) {
      await tx(TOTALS_TABLE).where('tasks', '<=', 0).delete();
    }
  }
}
