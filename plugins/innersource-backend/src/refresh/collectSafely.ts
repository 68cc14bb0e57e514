import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
} from '@innersource-for-backstage/plugin-innersource-node';

/** A provider's answer for every request of the batch: a throw or a forgotten repository is that repository's failure. */
export async function collectSafely(
  provider: InnerSourceProvider,
  batch: CollectRequest[],
  signal?: AbortSignal,
  logger?: LoggerService,
): Promise<CollectResult[]> {
  let results: CollectResult[];
  try {
    results = await provider.collect(batch, { signal });
  } catch (error) {
    // A thrown error may carry URLs, paths or a forge's answer: the log gets it, the entity's readers a plain reason.
    logger?.warn(
      `InnerSource: the ${provider.id} provider failed a batch of ${
        batch.length
      } (${batch.map(r => r.entityRef).join(', ')}): ${
        (error as Error)?.message ?? error
      }`,
    );
    const message = `the ${provider.id} provider failed to read this repository; the backend log has the details`;
    return batch.map(r => ({
      entityRef: r.entityRef,
      outcome: 'failed' as const,
      error: message,
    }));
  }
  // A provider that forgets a repository must not leave it silently stale.
  const answered = new Set(results.map(r => r.entityRef));
  for (const request of batch) {
    if (!answered.has(request.entityRef)) {
      results.push({
        entityRef: request.entityRef,
        outcome: 'failed',
        error: `the ${provider.id} provider returned no result for this repository`,
      });
    }
  }
  return results;
}
