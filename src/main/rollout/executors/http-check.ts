import type { HealthCheck } from '../../../shared/domain/graph';
import { compareLatency, latencyVerdict, median, type CanaryOutcome } from '../../domain/rollout/canary-judge';

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

/** Waits (up to `readyMs`) for a first answer, since a service just restarted may not listen yet. */
export async function waitUntilAnswers(
  url: string,
  options: { readyMs: number; timeoutMs: number },
): Promise<{ unreachable: string } | null> {
  const deadline = Date.now() + options.readyMs;
  for (;;) {
    const probe = await once(url, options.timeoutMs);
    if (probe.status !== 0) return null;
    if (Date.now() > deadline)
      return { unreachable: `${url} did not answer within ${(options.readyMs / 1000).toFixed(1)} s` };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Sends `check.requests` GETs, four at a time, and keeps every answer, in the order they came. */
export async function sampleHttp(url: string, check: HttpCheck, timeoutMs: number): Promise<HttpRun> {
  const samples: HttpSample[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < check.requests) {
      next++;
      samples.push(await once(url, timeoutMs));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { url, samples };
}

/** A first answer (waitUntilAnswers), then the samples (sampleHttp). */
export async function runHttpCheck(
  url: string,
  check: HttpCheck,
  options: { readyMs: number; timeoutMs: number },
): Promise<HttpRun | { url: string; unreachable: string }> {
  const down = await waitUntilAnswers(url, options);
  return down ? { url, ...down } : sampleHttp(url, check, options.timeoutMs);
}

const failed = (sample: HttpSample): boolean => sample.status < 200 || sample.status >= 400;

export interface HttpVerdict {
  outcome: CanaryOutcome;
  /** Why, for a failed or marginal member; for a passing one, what the comparison found, if any. */
  reason: string | null;
}

/**
 * The verdict on a patched member: any failed request fails it (errors are errors, whatever the
 * baseline does). Then its latency against the unpatched baseline sampled over the same period
 * (canary-judge.ts): slower beyond the tolerance and shown by the samples fails it; beyond the
 * tolerance but not shown, or shown and past half of it, is marginal.
 */
export function judgeHttp(patched: HttpRun, baseline: (HttpRun & { host: string }) | null): HttpVerdict {
  const failures = patched.samples.filter(failed);
  if (failures.length > 0) {
    const statuses = [
      ...new Set(failures.map((sample) => (sample.status === 0 ? 'no answer' : `HTTP ${String(sample.status)}`))),
    ];
    const theirs = baseline
      ? `; the unpatched ${baseline.host}: ${String(baseline.samples.filter(failed).length)}`
      : '';
    return {
      outcome: 'fail',
      reason: `${String(failures.length)} of ${String(patched.samples.length)} requests to ${patched.url} failed (${statuses.join(', ')})${theirs}`,
    };
  }
  const answered = baseline?.samples.filter((sample) => !failed(sample)) ?? [];
  // A baseline that answered nothing well says nothing about speed: judged on errors alone.
  if (!baseline || answered.length === 0) return { outcome: 'pass', reason: null };
  const comparison = compareLatency(
    patched.samples.map((sample) => sample.ms),
    answered.map((sample) => sample.ms),
  );
  const { outcome, allowedMs } = latencyVerdict(comparison);
  const [mine, theirs] = comparison.medians;
  const [blocksMine, blocksTheirs] = comparison.blocks;
  return {
    outcome,
    reason:
      `${patched.url} answers in ${mine.toFixed(0)} ms (median), the unpatched ${baseline.host} in ${theirs.toFixed(0)} ms ` +
      `over the same period: ${comparison.shiftMs.toFixed(1)} ms slower (Hodges-Lehmann; ${allowedMs.toFixed(0)} ms allowed), ` +
      `p = ${comparison.p.toFixed(3)} (Mann-Whitney, ${String(blocksMine)} and ${String(blocksTheirs)} blocks), ` +
      `slower in ${(comparison.superiority * 100).toFixed(0)} % of pairs`,
  };
}

export function describeRun(run: HttpRun): string {
  const ok = run.samples.filter((sample) => !failed(sample)).length;
  const ms = median(run.samples.map((sample) => sample.ms));
  return `${run.url}: ${String(ok)}/${String(run.samples.length)} ok, median ${ms.toFixed(1)} ms`;
}
