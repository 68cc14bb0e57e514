import type { CollectRequest, CollectResult } from '../provider';
import { decideRepositoryCollection, RuleRepository } from '../repositoryRule';

/**
 * A repository that could not be collected, with a message a person
 * understands; `forget` when what was stored of it must go too.
 *
 * @public
 */
export function failedResult(
  request: Pick<CollectRequest, 'entityRef'>,
  error: string,
  options?: { forget?: boolean },
): CollectResult {
  return {
    entityRef: request.entityRef,
    outcome: 'failed',
    error,
    ...(options?.forget ? { forget: true } : {}),
  };
}

/**
 * Repositories left for the next run, each with the budget's reason.
 *
 * @public
 */
export function deferredResults(
  targets: Array<{ request: Pick<CollectRequest, 'entityRef'> }>,
  reason: string,
): CollectResult[] {
  return targets.map(t => ({
    entityRef: t.request.entityRef,
    outcome: 'deferred' as const,
    reason,
  }));
}

/**
 * The repository rule on what the forge said of a repository: a failed
 * result that forgets what was stored when the rule refuses it, nothing when
 * it may be collected.
 *
 * @public
 */
export function repositoryRefusal(
  request: Pick<CollectRequest, 'entityRef' | 'entity'>,
  repository: RuleRepository,
  context: { allow: string[]; forge: string },
): CollectResult | undefined {
  const decision = decideRepositoryCollection(repository, {
    entity: request.entity,
    allow: context.allow,
    forge: context.forge,
  });
  return decision.allowed
    ? undefined
    : failedResult(request, decision.error, { forget: true });
}

/**
 * The issue labels a request asks about, help-wanted and good-first-issue
 * ones, each once whatever its case (the last spelling wins).
 *
 * @public
 */
export function requestedLabels(
  request: Pick<CollectRequest, 'labels'>,
): string[] {
  const seen = new Map<string, string>();
  for (const label of [
    ...request.labels.helpWanted,
    ...request.labels.goodFirstIssue,
  ])
    seen.set(label.toLocaleLowerCase('en-US'), label);
  return [...seen.values()];
}

/**
 * Since when a first collection asks for the repository's history
 * (`request.backfill`), as an ISO date; undefined when it asks for none or
 * the date does not parse.
 *
 * @public
 */
export function backfillSince(
  request: Pick<CollectRequest, 'backfill'>,
): string | undefined {
  const asked = request.backfill?.since;
  return asked && Number.isFinite(Date.parse(asked))
    ? new Date(asked).toISOString()
    : undefined;
}
