import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  checkUrl,
  judgeHttp,
  runHttpCheck,
  type HttpCheck,
  type HttpRun,
  type HttpSample,
} from '../../src/main/rollout/executors/http-check';

const CHECK: HttpCheck = { kind: 'http', port: 8080, path: '/health', requests: 12 };
const PATCHED = 'http://10.0.0.11:8080/health';

const samples = (...pairs: [ms: number, status: number][]): HttpSample[] =>
  pairs.map(([ms, status]) => ({ ms, status }));
const run = (...pairs: [ms: number, status: number][]): HttpRun => ({ url: PATCHED, samples: samples(...pairs) });
const baseline = (...pairs: [ms: number, status: number][]) => ({
  host: 'web2',
  url: 'http://10.0.0.12:8080/health',
  samples: samples(...pairs),
});

/** A real HTTP server on a free loopback port; closed after the test. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** n answered samples around `ms` (±2 ms, repeating). */
const answered = (ms: number, n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => [ms + ((i % 5) - 2), 200]);

describe('judging a patched member by its HTTP answers', () => {
  it('fails on any failed request, naming how many and which statuses', () => {
    expect(judgeHttp(run([5, 200], [5, 500], [5, 0], [5, 500], [5, 404]), null)).toEqual({
      outcome: 'fail',
      reason: `4 of 5 requests to ${PATCHED} failed (HTTP 500, no answer, HTTP 404)`,
    });
    expect(judgeHttp(run([5, 200], [5, 0]), null).reason).toBe(`1 of 2 requests to ${PATCHED} failed (no answer)`);
  });

  it("fails on errors even when the baseline fails as much, and says the baseline's count", () => {
    expect(judgeHttp(run([5, 503]), baseline([5, 503]))).toEqual({
      outcome: 'fail',
      reason: `1 of 1 requests to ${PATCHED} failed (HTTP 503); the unpatched web2: 1`,
    });
  });

  it('passes when every request is answered and there is no baseline, however slow', () => {
    expect(judgeHttp(run([900, 200], [1500, 204], [1200, 302]), null)).toEqual({ outcome: 'pass', reason: null });
  });

  it('fails when it answers slower than the baseline beyond the tolerance, and the samples show it', () => {
    // Baseline median 10 ms: 30 ms slower is allowed.
    const verdict = judgeHttp(run(...answered(60, 40)), baseline(...answered(10, 40)));
    expect(verdict.outcome).toBe('fail');
    expect(verdict.reason).toBe(
      `${PATCHED} answers in 60 ms (median), the unpatched web2 in 10 ms over the same period: ` +
        '50.0 ms slower (Hodges-Lehmann; 30 ms allowed), p = 0.000 (Mann-Whitney, 10 and 10 blocks), ' +
        'slower in 100 % of pairs',
    );
  });

  it('passes under the tolerance, saying what it compared', () => {
    const verdict = judgeHttp(run(...answered(12, 40)), baseline(...answered(10, 40)));
    expect(verdict.outcome).toBe('pass');
    expect(verdict.reason).toMatch(/answers in 12 ms .* in 10 ms over the same period: 2\.0 ms slower/);
  });

  it('is marginal, not failed, when too few samples cannot show a slowdown beyond the tolerance', () => {
    expect(judgeHttp(run([45, 200], [45, 200], [8, 200]), baseline([10, 200], [9, 200], [11, 200])).outcome).toBe(
      'marginal',
    );
  });

  it("leaves the baseline's failed requests out of the comparison", () => {
    // With its failures counted the baseline would be 1 ms and 150 ms far too slow.
    const peer = baseline([1, 0], [1, 0], [100, 200]);
    expect(judgeHttp(run([150, 200], [150, 200], [150, 200]), peer).outcome).toBe('pass');
    expect(judgeHttp(run([221, 200], [222, 200], [223, 200]), peer).reason).toMatch(/answers in 222 ms .* in 100 ms /);
  });

  it('judges on errors alone when the baseline answered nothing well', () => {
    const down = baseline([2, 503], [2, 503], [2, 0]);
    expect(judgeHttp(run([25, 200], [25, 200], [25, 200]), down)).toEqual({ outcome: 'pass', reason: null });
    expect(judgeHttp(run([25, 200], [25, 500], [25, 200]), down).reason).toMatch(/^1 of 3 requests/);
  });
});

describe('the PATCHED a check asks', () => {
  it('puts IPv6 addresses in brackets and takes port and path from the check', () => {
    expect(checkUrl('10.0.0.11', CHECK)).toBe('http://10.0.0.11:8080/health');
    expect(checkUrl('fd00:10::11', { ...CHECK, port: 80, path: '/' })).toBe('http://[fd00:10::11]:80/');
    expect(checkUrl('web1.lab', { ...CHECK, path: '/status?full=1' })).toBe('http://web1.lab:8080/status?full=1');
  });
});

describe('running an HTTP check against a real server', () => {
  it('sends the requested number of GETs and keeps every answer, failures included', async () => {
    let count = 0;
    const methods = new Set<string>();
    const { port } = await listen((request, response) => {
      count++;
      methods.add(request.method ?? '');
      response.statusCode = count % 4 === 0 ? 500 : 200;
      response.end('ok');
    });
    const url = checkUrl('127.0.0.1', { ...CHECK, port });
    const result = await runHttpCheck(url, { ...CHECK, port }, { readyMs: 5000, timeoutMs: 5000 });
    if ('unreachable' in result) throw new Error(result.unreachable);
    // The first request is the readiness probe (number 1, answered 200); then 12 samples, 2 to 13.
    expect(count).toBe(13);
    expect(methods).toEqual(new Set(['GET']));
    expect(result.url).toBe(`http://127.0.0.1:${String(port)}/health`);
    expect(result.samples).toHaveLength(12);
    expect(result.samples.filter((sample) => sample.status === 500)).toHaveLength(3);
    expect(result.samples.filter((sample) => sample.status === 200)).toHaveLength(9);
    expect(result.samples.every((sample) => sample.ms >= 0)).toBe(true);
    expect(judgeHttp(result, null).reason).toBe(`3 of 12 requests to ${url} failed (HTTP 500)`);
  });

  it('reports a port nothing listens on as unreachable once readyMs has passed', async () => {
    const { server, port } = await listen((_request, response) => response.end());
    await new Promise((resolve) => server.close(resolve));
    const url = checkUrl('127.0.0.1', { ...CHECK, port });
    const started = Date.now();
    const result = await runHttpCheck(url, { ...CHECK, port }, { readyMs: 600, timeoutMs: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(result).toEqual({ url, unreachable: `${url} did not answer within 0.6 s` });
  });
});
