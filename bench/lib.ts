/* Shared helpers for the benchmarks under bench/: each prints one JSON object as its last line. */

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Samples resident memory every few milliseconds; `stop()` returns the peak in MB. */
export function trackPeakRss(intervalMs = 20): {
  stop(): number;
  peakHeapMb(): number;
} {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return round(peak / 1024 / 1024, 1);
    },
    peakHeapMb() {
      return round(peakHeap / 1024 / 1024, 1);
    },
  };
}

export function report(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A logger that keeps quiet, so benchmark output is only the figures. */
export const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** The refresh job only asks the auth service for its own credentials. */
export const serviceAuth: any = {
  async getOwnServiceCredentials() {
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:innersource' },
    };
  },
};
