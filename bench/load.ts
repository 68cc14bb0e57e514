/* Fills a store with collected projects, as a refresh of the synthetic catalog would. */
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  parseScoringConfig,
  scoreProject,
} from '../plugins/innersource-common/src';
import type { SnapshotStore } from '../plugins/innersource-backend/src/database/SnapshotStore';
import { deriveMetrics } from '../plugins/innersource-backend/src/metrics/deriveMetrics';
import { OrgDirectory } from '../plugins/innersource-backend/src/metrics/OrgDirectory';
import { buildScoringInput } from '../plugins/innersource-backend/src/refresh/buildScoringInput';
import { toProjectRecord } from '../plugins/innersource-backend/src/refresh/RefreshJob';
import { readSettings } from '../plugins/innersource-backend/src/settings';
import {
  hash,
  syntheticFacts,
  syntheticOrg,
  syntheticProjects,
} from './fixtures';

export async function loadCollectedProjects(
  store: SnapshotStore,
  count: number,
  now: Date,
): Promise<{ org: Entity[]; projects: Entity[] }> {
  const org = syntheticOrg();
  const projects = syntheticProjects(count);
  const directory = OrgDirectory.fromEntities(org);
  const scoring = parseScoringConfig(undefined);
  const settings = readSettings(new ConfigReader({}));

  await store.writer.upsertProjects(
    projects.map(p =>
      toProjectRecord(`component:default/${p.metadata.name}`, p),
    ),
    now,
  );
  for (let i = 0; i < projects.length; i += 500) {
    const entries = projects.slice(i, i + 500).map(entity => {
      const entityRef = `component:default/${entity.metadata.name}`;
      const facts = syntheticFacts(entityRef, hash(entityRef), now);
      const { metrics, contributors } = deriveMetrics(facts, {
        ownerRef: String(entity.spec!.owner),
        directory,
        knownContributorKeys: new Set(),
        labels: settings.labels,
        now,
      });
      const scoringInput = buildScoringInput(entity, facts, metrics);
      return {
        entityRef,
        collectedAt: now,
        facts,
        metrics,
        scoringInput,
        score: scoreProject(scoringInput, scoring.model, now),
        contributors,
        tasks: facts.helpWantedIssues ?? [],
        goodFirstLabels: ['good first issue'],
      };
    });
    await store.writer.saveManyCollected(entries);
  }
  return { org, projects };
}
