import type { RepositoryFacts } from '@innersource-for-backstage/plugin-innersource-common';
import type { CollectedEntry } from './RefreshStore';

const isWebUrl = (url: string | null | undefined): url is string => {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

/**
 * Where to start contributing: the `docs` of the repository's innersource.json,
 * else its contribution guide, else the repository itself; web links only.
 * The providers report whether a guide exists, not where: GitHub's contribute
 * page links it wherever it lives, GitLab shows the one at the root.
 */
export function contributeUrl(facts: RepositoryFacts): string | undefined {
  const docs = facts.innersourceJson?.docs;
  if (isWebUrl(docs)) return docs;
  const web = isWebUrl(facts.webUrl) ? facts.webUrl.replace(/\/+$/, '') : '';
  if (!web) return undefined;
  if (facts.files?.contributing) {
    if (facts.provider === 'github') return `${web}/contribute`;
    if (facts.provider === 'gitlab')
      return `${web}/-/blob/${encodeURIComponent(
        facts.defaultBranch ?? 'HEAD',
      )}/CONTRIBUTING.md`;
  }
  return web;
}

/** A count the metrics know, else null: never NaN or undefined in an integer column. */
const known = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The project row's columns that the directory sorts and filters by and badges show, from its latest snapshot. */
export function directoryColumns(entry: CollectedEntry) {
  const { metrics, score, facts } = entry;
  const contributors = known(metrics.contributors);
  const outside = known(metrics.outsideContributors);
  const inside =
    contributors === null || outside === null
      ? null
      : Math.max(
          0,
          contributors - outside - (known(metrics.unmappedContributors) ?? 0),
        );
  const lastActivity = facts.updatedAt ? Date.parse(facts.updatedAt) : NaN;
  return {
    activity_score: score.activity ? Math.round(score.activity.raw) : -1,
    activity_band: score.activity?.band ?? null,
    help_wanted: known(metrics.openHelpWanted),
    inside_contributors: inside,
    outside_contributors: outside,
    last_activity_at: Number.isNaN(lastActivity)
      ? null
      : new Date(lastActivity).toISOString(),
    contribute_url: contributeUrl(facts) ?? null,
  };
}
