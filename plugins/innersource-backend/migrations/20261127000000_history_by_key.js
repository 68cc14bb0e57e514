/*
 * History by metric key. Snapshot rows kept their metrics as an array in the
 * order of NUMERIC_METRICS, so a metric added anywhere but at the end would
 * have shifted every stored history. Each row becomes an object from metric
 * key to value, unknown values left out, as database/history.ts now writes.
 */

/**
 * The positional order of history rows before this migration. Frozen here:
 * the catalogue may change, what old rows meant may not.
 */
const POSITIONAL_ORDER = Object.freeze([
  'commits',
  'contributors',
  'outsideContributors',
  'unmappedContributors',
  'outsideContributionShare',
  'changeRequestAcceptanceRatio',
  'medianTimeToFirstResponseHours',
  'medianTimeToMergeHours',
  'contributorAbsenceFactor',
  'newContributors',
  'pullRequestsOpened',
  'pullRequestsMerged',
  'issuesOpened',
  'openHelpWanted',
  'openGoodFirstIssues',
  'daysSinceLastActivity',
  'stars',
  'forks',
  'watchers',
]);

/** Rows read and rewritten per statement: 3 bound values each, far below SQLite's limit. */
const BATCH = 200;

const isNumber = value => typeof value === 'number' && Number.isFinite(value);

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not ours to fix: left as it is
  }
}

/** A positional row as an object by key; undefined when it is not positional. */
function toKeyed(values) {
  if (!Array.isArray(values)) return undefined;
  const row = {};
  POSITIONAL_ORDER.forEach((key, index) => {
    if (isNumber(values[index])) row[key] = values[index];
  });
  return row;
}

/** A row by key as the positional array; undefined when it is not keyed. */
function toPositional(row) {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
  return POSITIONAL_ORDER.map(key => (isNumber(row[key]) ? row[key] : null));
}

/**
 * Rewrites every snapshot's metrics with `rewrite`, batch by batch in id
 * order, one UPDATE per batch; rows it answers undefined for stay as they are.
 *
 * @param {import('knex').Knex} knex
 * @param {(stored: unknown) => unknown} rewrite
 */
async function rewriteHistory(knex, rewrite) {
  let lastId = 0;
  for (;;) {
    const rows = await knex('innersource_snapshots')
      .select('id', 'metrics')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH);
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1].id;
    const changed = rows.flatMap(row => {
      const next = rewrite(parse(row.metrics));
      return next === undefined
        ? []
        : [{ id: row.id, metrics: JSON.stringify(next) }];
    });
    if (changed.length === 0) continue;
    await knex('innersource_snapshots')
      .whereIn(
        'id',
        changed.map(row => row.id),
      )
      .update({
        metrics: knex.raw(
          `CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END`,
          changed.flatMap(row => [row.id, row.metrics]),
        ),
      });
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await rewriteHistory(knex, toKeyed);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Metrics added after this migration have no position: they are dropped.
  await rewriteHistory(knex, toPositional);
};
