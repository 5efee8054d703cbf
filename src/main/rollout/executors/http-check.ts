import type { HealthCheck } from '../../../shared/domain/graph';

export type HttpCheck = Extract<HealthCheck, { kind: 'http' }>;

export interface HttpSample {
  ms: number;
  /** HTTP status, or 0 when nothing answered (refused, reset, timed out). */
  status: number;
}

export interface HttpRun {
  url: string;
  samples: HttpSample[];
}

export const checkUrl = (address: string, check: HttpCheck): string =>
  `http://${address.includes(':') ? `[${address}]` : address}:${String(check.port)}${check.path}`;

async function once(url: string, timeoutMs: number): Promise<HttpSample> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

/**
 * Waits (up to `readyMs`) for the first answer, since a service just restarted may not listen
 * yet, then sends `check.requests` GETs, four at a time, and keeps every one.
 */
export async function runHttpCheck(
  url: string,
  check: HttpCheck,
  options: { readyMs: number; timeoutMs: number },
): Promise<HttpRun | { url: string; unreachable: string }> {
  const deadline = Date.now() + options.readyMs;
  for (;;) {
    const probe = await once(url, options.timeoutMs);
    if (probe.status !== 0) break;
    if (Date.now() > deadline)
      return { url, unreachable: `${url} did not answer within ${(options.readyMs / 1000).toFixed(1)} s` };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const samples: HttpSample[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < check.requests) {
      next++;
      samples.push(await once(url, options.timeoutMs));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { url, samples };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] ?? 0);
};

const failed = (sample: HttpSample): boolean => sample.status < 200 || sample.status >= 400;

/** How much slower than the baseline a patched member may answer: twice its median and 20 ms more. */
export const SLOWER = { factor: 2, marginMs: 20 };

/**
 * The verdict on a patched member: any failed request fails it (errors are errors, whatever the
 * baseline does); so does a median latency above the unpatched baseline's by more than SLOWER.
 * Returns null when it passes, else the reason.
 */
export function judgeHttp(patched: HttpRun, baseline: (HttpRun & { host: string }) | null): string | null {
  const failures = patched.samples.filter(failed);
  if (failures.length > 0) {
    const statuses = [
      ...new Set(failures.map((sample) => (sample.status === 0 ? 'no answer' : `HTTP ${String(sample.status)}`))),
    ];
    return `${String(failures.length)} of ${String(patched.samples.length)} requests to ${patched.url} failed (${statuses.join(', ')})`;
  }
  const answered = baseline?.samples.filter((sample) => !failed(sample)) ?? [];
  // A baseline that answered nothing well says nothing about speed: judged on errors alone.
  if (!baseline || answered.length === 0) return null;
  const mine = median(patched.samples.map((sample) => sample.ms));
  const theirs = median(answered.map((sample) => sample.ms));
  if (mine > theirs * SLOWER.factor + SLOWER.marginMs)
    return `${patched.url} answers in ${mine.toFixed(0)} ms (median), the unpatched ${baseline.host} in ${theirs.toFixed(0)} ms`;
  return null;
}

export function describeRun(run: HttpRun): string {
  const ok = run.samples.filter((sample) => !failed(sample)).length;
  const ms = median(run.samples.map((sample) => sample.ms));
  return `${run.url}: ${String(ok)}/${String(run.samples.length)} ok, median ${ms.toFixed(1)} ms`;
}
