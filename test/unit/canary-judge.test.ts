import { describe, expect, it } from 'vitest';
import {
  blockMedians,
  compareLatency,
  hodgesLehmannShift,
  latencyVerdict,
  mannWhitneyGreater,
  median,
  normalCdf,
} from '../../src/main/domain/rollout/canary-judge';

describe('the rank statistics of the canary judge', () => {
  // Expected values from SciPy 1.17.1: mannwhitneyu(a, b, alternative='greater',
  // method='asymptotic', use_continuity=True), and numpy.median of every a - b.
  it.each([
    [[4, 5, 6], [1, 2, 3], 9, 0.040428, 3],
    [[45, 45, 8], [10, 9, 11], 6, 0.328953, 34],
    [[3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8], 29, 0.645254, -0.5],
    // Ties across the two samples: the tie-corrected variance.
    [[12, 15, 15, 20, 22, 30], [10, 12, 12, 14, 15, 18, 19], 32, 0.064664, 3],
  ])('%j over %j: U %d, p %d, shift %d', (a, b, u, p, shift) => {
    const result = mannWhitneyGreater(a, b);
    expect(result.u).toBe(u);
    expect(result.p).toBeCloseTo(p, 5);
    expect(hodgesLehmannShift(a, b)).toBe(shift);
  });

  it('says nothing with no samples or only ties', () => {
    expect(mannWhitneyGreater([], [1, 2]).p).toBe(1);
    expect(mannWhitneyGreater([1, 1], [1, 1])).toEqual({ u: 2, p: 1 });
  });

  it('has Φ right in the middle and the tails', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('blocks consecutive samples from 20 on, a tenth of them at most 10 a block', () => {
    expect(blockMedians([5, 1, 3])).toEqual([5, 1, 3]);
    const twenty = Array.from({ length: 20 }, (_, i) => i);
    expect(blockMedians(twenty)).toEqual([0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5]);
    expect(blockMedians(Array.from({ length: 205 }, () => 7))).toHaveLength(21);
  });
});

/** n samples around `ms`, in a repeating pattern of ±2 ms. */
const around = (ms: number, n: number) => Array.from({ length: n }, (_, i) => ms + ((i % 5) - 2));

describe('the latency verdict', () => {
  it('fails a member clearly slower than the baseline beyond the tolerance', () => {
    const comparison = compareLatency(around(60, 40), around(10, 40));
    expect(comparison.shiftMs).toBe(50);
    expect(comparison.p).toBeLessThan(0.001);
    expect(comparison.superiority).toBe(1);
    expect(comparison.blocks).toEqual([10, 10]);
    expect(latencyVerdict(comparison)).toEqual({ outcome: 'fail', allowedMs: 30 });
  });

  it('is marginal when the shift is beyond the tolerance but the samples cannot show it', () => {
    expect(latencyVerdict(compareLatency([45, 45, 8], [10, 9, 11]))).toEqual({ outcome: 'marginal', allowedMs: 30 });
  });

  it('is marginal when a slowdown is shown and past half the tolerance, and passes below that', () => {
    expect(latencyVerdict(compareLatency(around(27, 40), around(10, 40))).outcome).toBe('marginal');
    expect(latencyVerdict(compareLatency(around(14, 40), around(10, 40))).outcome).toBe('pass');
  });

  it('passes a faster member, and one alike', () => {
    expect(latencyVerdict(compareLatency(around(5, 40), around(10, 40))).outcome).toBe('pass');
    expect(latencyVerdict(compareLatency(around(10, 40), around(10, 40))).outcome).toBe('pass');
  });

  it('weighs a burst of slow requests as one block, not as many slow samples', () => {
    // 10 of 100 requests in a row took 300 ms (a moment of the network), the rest as the baseline.
    const burst = around(10, 100).map((ms, i) => (i >= 40 && i < 50 ? 300 : ms));
    expect(latencyVerdict(compareLatency(burst, around(10, 100))).outcome).toBe('pass');
  });
});
