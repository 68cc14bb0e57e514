import type { Knex } from 'knex';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { WEEK_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { encodeHistory, metricHistory } from './history';
import type { CollectedEntry, ProjectRecord } from './RefreshStore';
import {
  chunks,
  json,
  LatestDetail,
  lower,
  projectSearchText,
  repositoryOf,
  Row,
  searchText,
} from './rows';
import { unionSkills } from './skills';
import { directoryColumns } from './directoryColumns';

// One writer per table of a project's snapshot, each inside the caller's transaction.

function startOfUtcDay(date: Date): string {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString();
}

export async function writeTags(tx: Knex, batch: ProjectRecord[]) {
  await tx('innersource_project_tags')
    .whereIn(
      'entity_ref',
      batch.map(p => p.entityRef),
    )
    .delete();
  const tags = batch.flatMap(p =>
    [...new Set(p.tags)].map(tag => ({ entity_ref: p.entityRef, tag })),
  );
  for (const tagBatch of chunks(tags, 200)) {
    await tx('innersource_project_tags').insert(tagBatch);
  }
}

/** Replaces the skills of each project given. */
export async function writeSkills(
  tx: Knex,
  skillsByRef: Map<string, string[]>,
) {
  await tx('innersource_project_skills')
    .whereIn('entity_ref', [...skillsByRef.keys()])
    .delete();
  const rows = [...skillsByRef].flatMap(([entityRef, skills]) =>
    [...new Set(skills.map(lower))].map(skill => ({
      entity_ref: entityRef,
      skill,
    })),
  );
  for (const batch of chunks(rows, 200)) {
    await tx('innersource_project_skills').insert(batch);
  }
}

/** The history rows of the batch; answers their ids in batch order. */
export async function writeSnapshots(
  tx: Knex,
  batch: CollectedEntry[],
): Promise<number[]> {
  const byDay = new Map<string, string[]>();
  for (const e of batch) {
    const day = startOfUtcDay(e.collectedAt);
    byDay.set(day, [...(byDay.get(day) ?? []), e.entityRef]);
  }
  for (const [day, refs] of byDay) {
    // Only that day: an older collection saved late must not delete a newer one.
    const nextDay = new Date(Date.parse(day) + DAY_MS).toISOString();
    await tx('innersource_snapshots')
      .whereIn('entity_ref', refs)
      .andWhere('collected_at', '>=', day)
      .andWhere('collected_at', '<', nextDay)
      .delete();
  }
  const ids = await tx('innersource_snapshots')
    .insert(
      batch.map(e => ({
        entity_ref: e.entityRef,
        collected_at: e.collectedAt.toISOString(),
        score: e.score.score,
        tier_name: e.score.tier.name,
        metrics: encodeHistory(e.metrics),
      })),
    )
    .returning('id');
  const snapshotIds: number[] = ids.map(id =>
    typeof id === 'object' ? id.id : id,
  );
  if (snapshotIds.length === batch.length) return snapshotIds;
  // SQLite answers one id for a multi-row insert: the last; ids are consecutive.
  const last = snapshotIds[snapshotIds.length - 1];
  return batch.map((_, index) => last - (batch.length - 1 - index));
}

/**
 * The backfilled weeks of first collections. A backfill never stands beside a
 * real snapshot: a week (the seven days up to its point) that has one keeps
 * only that. Backfilled rows of an earlier first collection are replaced.
 */
export async function writeBackfill(tx: Knex, batch: CollectedEntry[]) {
  for (const e of batch) {
    if (!e.backfill?.length) continue;
    await tx('innersource_snapshots')
      .where({ entity_ref: e.entityRef, backfilled: true })
      .delete();
    const oldest = Math.min(...e.backfill.map(p => p.at.getTime()));
    const real: number[] = (
      await tx('innersource_snapshots')
        .select('collected_at')
        .where({ entity_ref: e.entityRef })
        .andWhere('collected_at', '>', new Date(oldest - WEEK_MS).toISOString())
    ).map(row => Date.parse(row.collected_at));
    const rows = e.backfill
      .filter(
        p =>
          !real.some(t => t > p.at.getTime() - WEEK_MS && t <= p.at.getTime()),
      )
      .map(p => ({
        entity_ref: e.entityRef,
        collected_at: p.at.toISOString(),
        score: null,
        tier_name: null,
        backfilled: true,
        metrics: metricHistory.encode(p.metrics),
      }));
    for (const rowBatch of chunks(rows, 100)) {
      await tx('innersource_snapshots').insert(rowBatch);
    }
  }
}

/** The project rows' latest snapshot; answers each project's skills, catalog and repository together. */
export async function writeLatest(
  tx: Knex,
  batch: CollectedEntry[],
  snapshotIds: number[],
): Promise<Map<string, string[]>> {
  const projects = new Map<string, Row>(
    (
      await tx('innersource_projects')
        .select('entity_ref', 'title', 'name', 'skills')
        .whereIn(
          'entity_ref',
          batch.map(e => e.entityRef),
        )
    ).map(row => [row.entity_ref, row]),
  );
  const allSkills = new Map<string, string[]>();
  for (const [index, e] of batch.entries()) {
    const at = e.collectedAt.toISOString();
    const asks = e.facts.innersourceJson;
    const repoSkills = asks?.skills ?? [];
    const contributions = asks?.contributions ?? [];
    const project = projects.get(e.entityRef);
    const skills = unionSkills(json<string[]>(project?.skills, []), repoSkills);
    allSkills.set(e.entityRef, skills);
    const latest: LatestDetail = {
      metrics: e.metrics,
      score: {
        dimensions: e.score.dimensions,
        readiness: e.score.readiness,
        activity: e.score.activity,
      },
      repository: repositoryOf(e.facts),
    };
    await tx('innersource_projects')
      .where({ entity_ref: e.entityRef })
      .update({
        status: 'collected',
        score: e.score.score,
        rank_score: e.score.score,
        tier_name: e.score.tier.name,
        tier_color: e.score.tier.color,
        profile: e.score.profile,
        collected_at: at,
        checked_at: at,
        fingerprint: e.fingerprint ?? null,
        latest_snapshot_id: snapshotIds[index],
        latest: JSON.stringify(latest),
        scoring_input: JSON.stringify(e.scoringInput),
        language: e.facts.primaryLanguage ?? null,
        repo_skills: JSON.stringify(repoSkills),
        contributions: JSON.stringify(contributions),
        motivation: asks?.motivation ?? null,
        asks_help: contributions.length > 0 || repoSkills.length > 0,
        ...directoryColumns(e),
        ...(project ? { search_text: projectSearchText(project, skills) } : {}),
        last_error: null,
        last_error_at: null,
      });
  }
  return allSkills;
}

/** Rows per contributor upsert: 11 values each, well inside both databases' limits on bound values. */
const CONTRIBUTOR_ROWS = 500;
const CONTRIBUTOR_UPDATES = [
  'display_name',
  'user_ref',
  'team_ref',
  'side',
  'commits',
  'pull_requests',
  'last_contribution_at',
  'current',
];

/**
 * Contributors of this window; earlier ones stay known (new-contributor counts) but not current.
 * Keys of the former scheme (`unmapped:`, an unsalted hash of the e-mail) go:
 * deriveMetrics counted the people of this window as known through them.
 */
export async function writeContributors(tx: Knex, batch: CollectedEntry[]) {
  const refs = batch.map(e => e.entityRef);
  await tx('innersource_contributors')
    .whereIn('entity_ref', refs)
    .andWhere('key', 'like', 'unmapped:%')
    .delete();
  await tx('innersource_contributors')
    .whereIn('entity_ref', refs)
    .update({ current: false, commits: 0, pull_requests: 0 });
  const rows = batch.flatMap(e =>
    e.contributors.map(c => ({
      entity_ref: e.entityRef,
      key: c.key,
      display_name: c.displayName,
      user_ref: c.userRef ?? null,
      team_ref: c.teamRef ?? null,
      side: c.side,
      commits: c.commits,
      pull_requests: c.pullRequests,
      last_contribution_at: c.lastContributionAt,
      first_seen_at: e.collectedAt.toISOString(),
      current: true,
    })),
  );
  for (const chunk of chunks(rows, CONTRIBUTOR_ROWS)) {
    await upsertContributors(tx, chunk);
  }
}

/**
 * Inserts contributors, updating those already known. On SQLite as one
 * multi-row VALUES statement: knex writes a multi-row insert there as a
 * SELECT … UNION ALL SELECT …, which SQLite prepares and runs at about half
 * the speed, and the refresh writes tens of contributors per project.
 */
async function upsertContributors(tx: Knex, rows: Row[]) {
  if (tx.client.config.client === 'pg') {
    await tx('innersource_contributors')
      .insert(rows)
      .onConflict(['entity_ref', 'key'])
      .merge(CONTRIBUTOR_UPDATES);
    return;
  }
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await tx.raw(
    `insert into innersource_contributors (${columns.join(', ')}) values ${rows
      .map(() => tuple)
      .join(
        ', ',
      )} on conflict (entity_ref, key) do update set ${CONTRIBUTOR_UPDATES.map(
      c => `${c} = excluded.${c}`,
    ).join(', ')}`,
    rows.flatMap(row => columns.map(c => row[c] ?? null)),
  );
}

/** Replaces the open help-wanted tasks and their labels. */
export async function writeTasks(tx: Knex, batch: CollectedEntry[]) {
  const refs = batch.map(e => e.entityRef);
  await tx('innersource_tasks').whereIn('entity_ref', refs).delete();
  await tx('innersource_task_labels').whereIn('entity_ref', refs).delete();
  const taskRows = batch.flatMap(e => {
    const unique = new Map(e.tasks.map(t => [t.id, t]));
    return [...unique.values()].map(t => ({
      entity_ref: e.entityRef,
      id: t.id,
      number: t.number ?? null,
      title: t.title,
      url: t.url,
      labels: JSON.stringify(t.labels),
      is_good_first: t.labels.some(l => e.goodFirstLabels.includes(lower(l))),
      created_at: t.createdAt,
      updated_at: t.updatedAt,
      comments: t.comments,
      assignee: t.assignee ?? null,
      search_text: searchText([t.title, ...t.labels]),
    }));
  });
  for (const rows of chunks(taskRows)) {
    await tx('innersource_tasks').insert(rows);
  }
  const labelRows = taskRows.flatMap(t =>
    [...new Set((JSON.parse(t.labels) as string[]).map(lower))].map(label => ({
      entity_ref: t.entity_ref,
      task_id: t.id,
      label,
    })),
  );
  for (const rows of chunks(labelRows, 200)) {
    await tx('innersource_task_labels').insert(rows);
  }
}
