import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ProviderSpend } from '@innersource-for-backstage/plugin-innersource-node';
import type { RefreshStore } from '../database/RefreshStore';
import type { ProviderRegistry } from './ProviderRegistry';
import { describeRun, RefreshMetrics, RunReport } from './RunReport';

/** Ends the run row, logs the run's line and counts it in the metrics. */
export async function endRun(
  services: {
    store: RefreshStore;
    logger: LoggerService;
    metrics?: RefreshMetrics;
  },
  run: { runId: number; startedAt: Date; finishedAt: Date },
  report: Omit<RunReport, 'durationMs'>,
): Promise<void> {
  const full: RunReport = {
    ...report,
    durationMs: run.finishedAt.getTime() - run.startedAt.getTime(),
  };
  await services.store.finishRun(run.runId, {
    ...report.counts,
    status: report.status,
    finishedAt: run.finishedAt,
    message: report.message,
  });
  if (report.status === 'failed') services.logger.error(describeRun(full));
  else services.logger.info(describeRun(full));
  services.metrics?.record(full);
}

/** What each provider spent since the last scheduled run ended; one failing to answer costs nothing else. */
export async function providersFinished(
  providers: ProviderRegistry,
  logger: LoggerService,
): Promise<Record<string, ProviderSpend>> {
  const spend: Record<string, ProviderSpend> = {};
  for (const provider of providers.list()) {
    try {
      const spent = await provider.runFinished?.();
      if (spent) spend[provider.id] = spent;
    } catch (error) {
      logger.warn(
        `InnerSource: the ${provider.id} provider failed to finish its run: ${error}`,
      );
    }
  }
  return spend;
}
