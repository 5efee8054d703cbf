import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/renderer/ui/coalesce';

/**
 * A load the test finishes by hand. It counts the loads that started and signals each start, so
 * the test waits on what happened rather than on time.
 */
function handLoad() {
  const running: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const startWaiters: (() => void)[] = [];
  let started = 0;
  const load = (): Promise<void> => {
    started++;
    for (const wake of startWaiters.splice(0)) wake();
    return new Promise<void>((resolve, reject) => {
      running.push({ resolve, reject });
    });
  };
  const oldest = () => {
    const first = running.shift();
    if (!first) throw new Error('no load is running');
    return first;
  };
  return {
    load,
    started: () => started,
    running: () => running.length,
    /** Resolves when the next load starts. */
    nextStart: () =>
      new Promise<void>((resolve) => {
        startWaiters.push(resolve);
      }),
    finish: () => {
      oldest().resolve();
    },
    fail: (error: Error) => {
      oldest().reject(error);
    },
  };
}

/** Finishes loads one at a time until every call has settled; a new load may start after each. */
async function finishAll(loads: ReturnType<typeof handLoad>, calls: Promise<void>[]): Promise<void> {
  const settled = Promise.all(calls).then(() => 'settled' as const);
  for (;;) {
    const started = loads.nextStart().then(() => 'started' as const);
    loads.finish();
    if ((await Promise.race([settled, started])) === 'settled') return;
  }
}

const times = (count: number, call: () => Promise<void>): Promise<void>[] => Array.from({ length: count }, call);

describe('coalesce: at most one load running and one queued', () => {
  it.each<[number, number]>([
    [1, 1],
    [2, 2],
    [3, 2],
    [3000, 2],
  ])('a burst of %i calls costs %i loads', async (calls, expectedLoads) => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    const burst = times(calls, refresh);
    expect(loads.started()).toBe(1);
    await finishAll(loads, burst);
    expect(loads.started()).toBe(expectedLoads);
    expect(loads.running()).toBe(0);
  });

  it('starts the first load at once and answers when it is done', async () => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    let answered = false;
    const call = refresh().then(() => {
      answered = true;
    });
    expect(loads.started()).toBe(1);
    expect(answered).toBe(false);
    loads.finish();
    await call;
    expect(answered).toBe(true);
  });

  it('a call made during a load is answered only after a load that started after it', async () => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    const first = refresh();
    let answered = false;
    const during = refresh().then(() => {
      answered = true;
    });
    const second = loads.nextStart();
    loads.finish();
    await second;
    expect(answered).toBe(false);
    loads.finish();
    await Promise.all([first, during]);
    expect(answered).toBe(true);
    expect(loads.started()).toBe(2);
  });

  it('calls made during the queued load ask for one more load, however many they are', async () => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    const calls = times(5, refresh);
    const second = loads.nextStart();
    loads.finish();
    await second;
    calls.push(...times(5, refresh));
    await finishAll(loads, calls);
    expect(loads.started()).toBe(3);
  });

  it('a call after a burst has been served loads again', async () => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    await finishAll(loads, times(3000, refresh));
    expect(loads.started()).toBe(2);
    const later = refresh();
    expect(loads.started()).toBe(3);
    await finishAll(loads, [later]);
    expect(loads.started()).toBe(3);
  });

  it('a failed load rejects the calls waiting on it, and the next call loads again', async () => {
    const loads = handLoad();
    const refresh = coalesce(loads.load);
    const waiting = times(3, refresh);
    loads.fail(new Error('main process did not answer'));
    for (const call of waiting) await expect(call).rejects.toThrow('main process did not answer');
    const retry = refresh();
    expect(loads.started()).toBe(2);
    await finishAll(loads, [retry]);
    expect(loads.started()).toBe(2);
  });

  it('separate coalesced loads do not share their queue', async () => {
    const hosts = handLoad();
    const runs = handLoad();
    const refreshHosts = coalesce(hosts.load);
    const refreshRuns = coalesce(runs.load);
    const calls = [...times(3, refreshHosts), refreshRuns()];
    expect([hosts.started(), runs.started()]).toEqual([1, 1]);
    await finishAll(runs, calls.slice(3));
    await finishAll(hosts, calls.slice(0, 3));
    expect([hosts.started(), runs.started()]).toEqual([2, 1]);
  });
});

describe('a load that throws before returning its promise (regression)', () => {
  it('rejects that call and loads again on the next one', async () => {
    let calls = 0;
    const load = coalesce(() => {
      calls += 1;
      if (calls === 1) throw new Error('synchronous failure');
      return Promise.resolve();
    });
    await expect(load()).rejects.toThrow('synchronous failure');
    await expect(load()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
