import type { Entity } from '@backstage/catalog-model';
import {
  INNERSOURCE_ANNOTATIONS,
  MAX_HELP_WANTED_LABELS,
  parseHelpWantedLabels,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  CollectRequest,
  InnerSourceProvider,
  resolveRepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import type { RefreshState, StoreFailure } from '../database/RefreshStore';
import { planBackfill } from '../metrics/backfillHistory';
import type { InnerSourceSettings } from '../settings';
import { describeMissingProvider, ProviderRegistry } from './ProviderRegistry';

/** What to ask each provider, and the entities no provider can be asked about. */
export interface CollectPlan {
  requests: Map<InnerSourceProvider, CollectRequest[]>;
  failures: StoreFailure[];
  /** For the log: entities listing more help-wanted labels than are searched. */
  warnings: string[];
}

/**
 * Each entity's collect request, grouped by the provider that serves its
 * repository; an entity naming no repository, or one no provider serves, is
 * a failure instead. `force` (the refresh button) never passes the previous
 * state, so the provider collects even when nothing changed. Pure.
 */
export function collectRequests(
  byRef: ReadonlyMap<string, Entity>,
  state: ReadonlyMap<string, RefreshState>,
  options: {
    providers: Pick<ProviderRegistry, 'select'>;
    settings: Pick<
      InnerSourceSettings,
      'labels' | 'windowDays' | 'retentionDays'
    >;
    seenAt: Date;
    force: boolean;
  },
): CollectPlan {
  const { providers, settings, seenAt, force } = options;
  const plan: CollectPlan = { requests: new Map(), failures: [], warnings: [] };
  for (const [entityRef, entity] of byRef) {
    const resolution = resolveRepositoryLocation(entity);
    if (resolution.error) {
      plan.failures.push({ entityRef, message: resolution.error });
      continue;
    }
    if (!resolution.location) {
      plan.failures.push({
        entityRef,
        message:
          'names no repository: add github.com/project-slug, gitlab.com/project-slug or backstage.io/source-location',
      });
      continue;
    }
    const provider = providers.select(resolution.location);
    if (!provider) {
      plan.failures.push({
        entityRef,
        message: describeMissingProvider(resolution.location),
      });
      continue;
    }
    const previous = state.get(entityRef);
    const { labels: extraLabels, ignored } = parseHelpWantedLabels(entity);
    if (ignored.length) {
      // the entity's author may list any number: name a few, not all
      plan.warnings.push(
        `InnerSource: ${entityRef} lists ${
          extraLabels.length + ignored.length
        } labels in ${
          INNERSOURCE_ANNOTATIONS.helpWantedLabels
        }; only the first ${MAX_HELP_WANTED_LABELS} are searched, the other ${
          ignored.length
        } are ignored (${ignored.slice(0, 3).join(', ')}${
          ignored.length > 3 ? ', …' : ''
        })`,
      );
    }
    const request: CollectRequest = {
      entityRef,
      entity,
      location: resolution.location,
      windowDays: settings.windowDays,
      labels: {
        helpWanted: [
          ...new Set([...settings.labels.helpWanted, ...extraLabels]),
        ],
        goodFirstIssue: settings.labels.goodFirstIssue,
      },
      ...(previous && !force ? { previous } : {}),
      // A first collection: the weeks before it come from the repository's history.
      ...(previous
        ? {}
        : {
            backfill: {
              since: planBackfill(
                seenAt,
                settings.windowDays,
                settings.retentionDays,
              ).since.toISOString(),
            },
          }),
    };
    const requests = plan.requests.get(provider);
    if (requests) requests.push(request);
    else plan.requests.set(provider, [request]);
  }
  return plan;
}

/** A provider's requests in its batch size, in order. */
export function batchesOf<T>(requests: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < requests.length; i += size)
    batches.push(requests.slice(i, i + size));
  return batches;
}
