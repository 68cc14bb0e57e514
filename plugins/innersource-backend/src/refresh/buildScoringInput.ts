import type { Entity } from '@backstage/catalog-model';
import {
  INNERSOURCE_ANNOTATIONS,
  isMeaningfulText,
  parseListAnnotation,
  ProjectMetrics,
  readinessInputOf,
  RepositoryFacts,
  ScoringInput,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * What the scoring engine needs of a project, from its facts, metrics and
 * catalog entity. Kept with each snapshot so a candidate scoring config can be
 * previewed without calling any provider.
 */
export function buildScoringInput(
  entity: Entity,
  facts: RepositoryFacts,
  metrics: ProjectMetrics,
): ScoringInput {
  const description =
    entity.metadata.description ?? facts.description ?? undefined;
  const motivation = facts.innersourceJson?.motivation;
  const files = facts.files;
  const trustedCommitters = parseListAnnotation(
    entity.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.trustedCommitters],
  );
  const describesItself =
    isMeaningfulText(description) || isMeaningfulText(motivation);

  return {
    metrics,
    // Popularity counts a provider cannot see (plain git) count as none here;
    // the facts and metrics keep them unknown.
    activity:
      facts.createdAt && facts.updatedAt
        ? {
            forks: facts.forks ?? 0,
            stars: facts.stars ?? 0,
            watchers: facts.watchers ?? 0,
            openIssues: facts.openIssues ?? 0,
            createdAt: facts.createdAt,
            updatedAt: facts.updatedAt,
            weeklyCommits: facts.weeklyCommits ?? undefined,
            description,
            motivation,
            hasContributingGuide: files?.contributing ?? false,
          }
        : null,
    readiness: readinessInputOf({
      files,
      trustedCommitters,
      describesItself,
      openGoodFirstIssues: metrics.openGoodFirstIssues,
    }),
  };
}
