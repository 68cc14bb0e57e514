import type { Entity } from '@backstage/catalog-model';
import {
  normalizeRef,
  RepositoryFacts,
  scoreProject,
  ScoringConfig,
  scoringProfileOrDefault,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { CommitHistory } from '@innersource-for-backstage/plugin-innersource-node';
import type { CollectedEntry } from '../database/RefreshStore';
import { backfillHistory, planBackfill } from '../metrics/backfillHistory';
import { deriveMetrics } from '../metrics/deriveMetrics';
import type { OrgDirectory } from '../metrics/OrgDirectory';
import type { InnerSourceSettings } from '../settings';
import { boundFacts } from './bounds';
import { buildScoringInput } from './buildScoringInput';

/** What a snapshot is made of: one collected repository and what the run knows around it. */
export interface SnapshotSource {
  entityRef: string;
  entity: Entity;
  /** The provider's facts, as it answered them (bounded here). */
  facts: RepositoryFacts;
  fingerprint?: string;
  /** The commit history behind the window, answered to a first collection's backfill request. */
  history?: CommitHistory;
  /** Contributor keys of earlier snapshots; null when the project was never collected. */
  knownContributorKeys: ReadonlySet<string> | null;
}

/** What a run derives every snapshot with. */
export interface SnapshotContext {
  org: OrgDirectory;
  scoring: ScoringConfig;
  settings: Pick<
    InnerSourceSettings,
    'labels' | 'agents' | 'ignoredUsers' | 'windowDays' | 'retentionDays'
  >;
  /** This installation's secret for unmapped people's keys. */
  keySecret: Uint8Array;
  now: Date;
}

/** A snapshot ready to store, and the scoring profile's error when the entity names one that is not there. */
export interface Snapshot {
  entry: CollectedEntry;
  profileError?: string;
}

/**
 * From a repository's facts to the snapshot the store keeps: bounded facts,
 * metrics and contributors, the scoring input and score under the entity's
 * profile, and on a first collection the weeks before it from the commit
 * history. Pure: same input, same snapshot; nothing is read or written.
 */
export function snapshotOf(
  source: SnapshotSource,
  context: SnapshotContext,
): Snapshot {
  const { entity } = source;
  const { org, scoring, settings, now } = context;
  const ownerRef = entity.spec?.owner
    ? normalizeRef(
        String(entity.spec.owner),
        'group',
        entity.metadata.namespace,
      )
    : undefined;
  const facts = boundFacts(source.facts);
  const { metrics, contributors } = deriveMetrics(facts, {
    ownerRef,
    directory: org,
    knownContributorKeys: source.knownContributorKeys,
    labels: settings.labels,
    now,
    keySecret: context.keySecret,
    agents: settings.agents,
    ignoredUsers: settings.ignoredUsers,
  });
  const backfill =
    source.knownContributorKeys === null && source.history
      ? backfillHistory(
          facts,
          {
            completeSince: source.history.completeSince,
            commits:
              boundFacts({ ...facts, commits: source.history.commits })
                .commits ?? [],
          },
          {
            ownerRef,
            directory: org,
            labels: settings.labels,
            agents: settings.agents,
            windowDays: settings.windowDays,
            weeks: planBackfill(
              now,
              settings.windowDays,
              settings.retentionDays,
            ).weeks,
          },
        )
      : [];
  const scoringInput = buildScoringInput(entity, facts, metrics);
  const profile = scoringProfileOrDefault(entity, scoring);
  return {
    entry: {
      entityRef: source.entityRef,
      collectedAt: now,
      fingerprint: source.fingerprint,
      facts,
      metrics,
      scoringInput,
      score: scoreProject(scoringInput, profile.model, now, profile.name),
      contributors,
      tasks: facts.helpWantedIssues ?? [],
      goodFirstLabels: settings.labels.goodFirstIssue.map(l =>
        l.toLocaleLowerCase('en-US'),
      ),
      ...(backfill.length ? { backfill } : {}),
    },
    ...(profile.error ? { profileError: profile.error } : {}),
  };
}
