/**
 * The statistics of the canary judge (DESIGN §4.7): is a patched member slower than an unpatched
 * member of the same role, measured over the same period? Latencies are neither normal nor
 * independent (a slow moment slows every request in it), so the samples are first taken in
 * blocks of consecutive requests, each block by its median, and the block medians compared with
 * rank statistics: a one-sided Mann-Whitney test for "slower", the Hodges-Lehmann shift for how
 * much slower, and the probability of superiority as the effect size.
 */

export interface LatencyComparison {
  /** Hodges-Lehmann estimate of how much slower the patched member answers, in ms (negative: faster). */
  shiftMs: number;
  /** One-sided Mann-Whitney p-value of "the patched member is slower" (normal approximation). */
  p: number;
  /** How likely a patched block is slower than a baseline block, ties counting half (0.5: alike). */
  superiority: number;
  /** Block medians compared: patched, baseline. */
  blocks: [number, number];
  /** Median latency of all samples: patched, baseline. */
  medians: [number, number];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Samples in order, as medians of blocks of consecutive ones: one per sample up to 19 samples,
 * then blocks of a tenth of them (at most 10 a block), so a run of slow requests weighs as one.
 * The last, shorter block is kept.
 */
export function blockMedians(values: readonly number[]): number[] {
  const size = Math.min(10, Math.max(1, Math.floor(values.length / 10)));
  if (size === 1) return [...values];
  const blocks: number[] = [];
  for (let start = 0; start < values.length; start += size) blocks.push(median(values.slice(start, start + size)));
  return blocks;
}

/** The median of every difference a − b: how far `a` sits above `b`, robust to outliers. */
export function hodgesLehmannShift(a: readonly number[], b: readonly number[]): number {
  return median(a.flatMap((x) => b.map((y) => x - y)));
}

/** Mann-Whitney U of `a` over `b` (ties count half), and the one-sided p-value of "a is larger". */
export function mannWhitneyGreater(a: readonly number[], b: readonly number[]): { u: number; p: number } {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: 0, p: 1 };
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  // Variance with the correction for ties: sum of t³ − t over groups of equal values.
  const counts = new Map<number, number>();
  for (const value of [...a, ...b]) counts.set(value, (counts.get(value) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (variance <= 0) return { u, p: 1 };
  // Continuity correction: U moves in steps of one half at least.
  const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { u, p: 1 - normalCdf(z) };
}

/** Φ(z), by the Abramowitz-Stegun 7.1.26 approximation of erf (error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export function compareLatency(patched: readonly number[], baseline: readonly number[]): LatencyComparison {
  const a = blockMedians(patched);
  const b = blockMedians(baseline);
  const { u, p } = mannWhitneyGreater(a, b);
  return {
    shiftMs: hodgesLehmannShift(a, b),
    p,
    superiority: a.length * b.length === 0 ? 0.5 : u / (a.length * b.length),
    blocks: [a.length, b.length],
    medians: [median(patched), median(baseline)],
  };
}

/**
 * How much slower a patched member may answer: as much again as the baseline's median, and 20 ms
 * more (a service at 10 ms may go to 40 ms; at 100 ms, to 220 ms).
 */
export const LATENCY_TOLERANCE = { factor: 1, marginMs: 20 };
/** The p-value below which a slowdown counts as shown rather than chance. */
export const SIGNIFICANCE = 0.05;

export type CanaryOutcome = 'pass' | 'marginal' | 'fail';

/**
 * The verdict on latency: fail when the shift is beyond the tolerance and significant; marginal
 * when it is beyond the tolerance but the samples cannot show it (too few, too noisy), or when it
 * is significant and past half the tolerance; pass otherwise.
 */
export function latencyVerdict(comparison: LatencyComparison): { outcome: CanaryOutcome; allowedMs: number } {
  const allowedMs = comparison.medians[1] * LATENCY_TOLERANCE.factor + LATENCY_TOLERANCE.marginMs;
  const shown = comparison.p < SIGNIFICANCE;
  if (comparison.shiftMs > allowedMs) return { outcome: shown ? 'fail' : 'marginal', allowedMs };
  if (shown && comparison.shiftMs > allowedMs / 2) return { outcome: 'marginal', allowedMs };
  return { outcome: 'pass', allowedMs };
}
