import type {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceHistogram,
} from '@backstage/backend-plugin-api/alpha';
import type { ProviderSpend } from '@innersource-for-backstage/plugin-innersource-node';
import type { RunStatus } from '../database/RefreshStore';

export interface RefreshCounts {
  projects: number;
  collected: number;
  unchanged: number;
  failed: number;
  deferred: number;
}

export const emptyCounts = (): RefreshCounts => ({
  projects: 0,
  collected: 0,
  unchanged: 0,
  failed: 0,
  deferred: 0,
});

/** What started a run: the scheduler, or the refresh button. */
export type RunTrigger = 'schedule' | 'request';

/** One run, as the log line and the metrics tell it. */
export interface RunReport {
  trigger: RunTrigger;
  status: Exclude<RunStatus, 'running'>;
  counts: RefreshCounts;
  /** What each provider spent since the last scheduled run ended, by provider id. */
  spend: Record<string, ProviderSpend>;
  durationMs: number;
  /** The project a requested run is about. */
  entityRef?: string;
  /** Why a failed run stopped. */
  message?: string;
}

function describeSpend(spend: Record<string, ProviderSpend>): string {
  const parts = Object.entries(spend)
    .filter(([, s]) => s.requests > 0 || (s.points ?? 0) > 0)
    .map(
      ([id, s]) =>
        `${id} ${s.requests} requests${
          s.points === undefined ? '' : ` ${s.points} points`
        }`,
    );
  return parts.length ? parts.join(', ') : 'nothing';
}

/** The one line a run logs: what it covered, what changed, what failed, what it spent, how long it took. */
export function describeRun(report: RunReport): string {
  const { counts } = report;
  const what =
    report.trigger === 'request'
      ? `requested refresh of ${report.entityRef}`
      : 'refresh';
  const parts = [
    `InnerSource ${what} ${report.status}: ${counts.projects} projects, ` +
      `${counts.collected} changed, ${counts.unchanged} unchanged, ` +
      `${counts.failed} failed, ${counts.deferred} deferred`,
    `spent ${describeSpend(report.spend)}`,
    `took ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  if (report.message) parts.push(`stopped by: ${report.message}`);
  return parts.join('; ');
}

/**
 * The refresh job's OpenTelemetry metrics, through Backstage's metrics
 * service (scoped to the plugin: `backstage-plugin-innersource`).
 */
export class RefreshMetrics {
  private readonly runs: MetricsServiceCounter;
  private readonly duration: MetricsServiceHistogram;
  private readonly projects: MetricsServiceCounter;
  private readonly requests: MetricsServiceCounter;
  private readonly points: MetricsServiceCounter;

  constructor(metrics: MetricsService) {
    this.runs = metrics.createCounter('innersource.refresh.runs', {
      description: 'Refresh runs that ended, by trigger and status',
      unit: '{run}',
    });
    this.duration = metrics.createHistogram('innersource.refresh.duration', {
      description: 'How long refresh runs took, by trigger and status',
      unit: 's',
    });
    this.projects = metrics.createCounter('innersource.refresh.projects', {
      description:
        'Projects refresh runs covered, by outcome (collected, unchanged, failed, deferred)',
      unit: '{project}',
    });
    this.requests = metrics.createCounter(
      'innersource.refresh.provider.requests',
      {
        description: 'Requests providers sent to forges, by provider',
        unit: '{request}',
      },
    );
    this.points = metrics.createCounter('innersource.refresh.provider.points', {
      description: 'Rate-limit points providers spent, by provider',
      unit: '{point}',
    });
  }

  record(report: RunReport): void {
    const run = { trigger: report.trigger, status: report.status };
    this.runs.add(1, run);
    this.duration.record(report.durationMs / 1000, run);
    const { counts } = report;
    for (const outcome of [
      'collected',
      'unchanged',
      'failed',
      'deferred',
    ] as const) {
      if (counts[outcome] > 0)
        this.projects.add(counts[outcome], {
          trigger: report.trigger,
          outcome,
        });
    }
    for (const [provider, spend] of Object.entries(report.spend)) {
      if (spend.requests > 0) this.requests.add(spend.requests, { provider });
      if (spend.points) this.points.add(spend.points, { provider });
    }
  }
}
