import { appendFileSync } from 'node:fs';

export interface LoadSample {
  /** ms since the run started when the request was sent. */
  at: number;
  ms: number;
  /** HTTP status, or 0 when no response came (refused, reset, timed out). */
  status: number;
}

export interface LoadSummary {
  requests: number;
  failed: number;
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface LoadOptions {
  url: string;
  ratePerSecond: number;
  durationMs: number;
  timeoutMs?: number;
  /** Appends every sample as a JSON line, so a long run leaves a record even if it is killed. */
  outFile?: string;
  signal?: AbortSignal;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

export function summarise(samples: readonly LoadSample[]): LoadSummary {
  const failed = samples.filter((sample) => sample.status < 200 || sample.status >= 400).length;
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length);
  return {
    requests: samples.length,
    failed,
    errorRate: samples.length === 0 ? 0 : failed / samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
  };
}

/**
 * An open-loop load generator: sends requests at a fixed rate whether or not earlier ones have
 * answered (so a slow server shows up as latency, not as fewer requests), and records every
 * request's latency and status. Bounded by its duration; a failed request counts, never throws.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSample[]> {
  const samples: LoadSample[] = [];
  const started = performance.now();
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total && !options.signal?.aborted; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = performance.now();
    inFlight.push(
      fetch(options.url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0)
        .then((status) => {
          const sample = { at: Math.round(sentAt - started), ms: performance.now() - sentAt, status };
          samples.push(sample);
          if (options.outFile) appendFileSync(options.outFile, `${JSON.stringify(sample)}\n`);
        }),
    );
  }
  await Promise.all(inFlight);
  return samples.sort((a, b) => a.at - b.at);
}
