#!/usr/bin/env node
// Queue scroll bench: the Patch queue page in Chromium holding 100,000 fixes, scrolled top to
// bottom and back while the page records every frame (requestAnimationFrame timestamps, and Long
// Animation Frames / long tasks where Chromium has them). Two ways of scrolling:
//   thumb drag: scrollTop stepped every frame, 2.5 s per pass over the whole table (~680 rows a
//               frame, so every frame renders a fresh set of rows: the worst case), then stopped;
//   wheel:      wheel events of 100 px, 60 a second, 2.5 s down and back (~190 rows a second).
// Baseline in the same browser: the same scrolling of an empty element exactly as tall, which is
// the machine's frame floor (what compositing and painting cost with no page work at all).
// The data folder is seeded by bench/queue-seed.mjs, the way a site gets there.
// Per way and page: frames and their intervals (median, p95, p99, max); how many ran over 16.7 ms
// (rAF timestamps jitter around 16.67 ms, so about a quarter of the floor's own frames do) and over
// 33.4 ms (a frame dropped); "missed", the frames the floor's pace would have shown that never came;
// the main thread's busy time a frame (Chromium's Performance counters: time in tasks, style and
// layout, so the page's own work apart from waiting for the next frame; wall time, so it too grows
// when other processes share the CPUs); long frames and tasks; frames whose rows did not cover the
// view, and frames that showed placeholder rows (aria-busy: the table renders only the rank of rows
// skimmed past too fast to read); for a drag, how long after its last step the rows were whole again
// (that wait is part of the recording, so its frames count too). Then how long the first rows took
// to show, and the machine's load around the measurement.
// Prints numbers; asserts nothing. `node bench/queue-scroll.mjs` (after `npm run build`), or part
// of `npm run bench`. QUEUE_SCROLL_ROUNDS sets the measured rounds (default 3, after one warm-up).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './common.mjs';
import { HOSTS, seedQueue } from './queue-seed.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.QUEUE_SCROLL_ROUNDS ?? 3);
const VIEWPORT = { width: 1440, height: 900 };
const PASS_MS = 2500;
const WHEEL_PX = 100;
const WHEEL_HZ = 60;

function serve(dataDir) {
  const child = spawn(process.execPath, ['bin/patchwise.mjs', 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /(http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`patchwise serve exited with ${String(code)}`)));
  });
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  return { url, stop };
}

// In the page: from start() to stop(), every rAF timestamp, the frames whose rows (by aria-rowindex:
// attributes, no layout) did not cover the view below the sticky header, and long animation frames
// and long tasks. For a thumb drag it moves scrollTop itself, once a frame (in a task between
// frames), and when it stops waits for rows without aria-busy (placeholders filled in), 5 s at most.
const RECORDER = () => {
  let recording = null;
  const observe = (type, entries) => {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) return null;
    const keep = (list) =>
      entries.push(...list.map((e) => ({ duration: e.duration, blocking: e.blockingDuration ?? 0 })));
    const observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type });
    return () => {
      keep(observer.takeRecords());
      observer.disconnect();
    };
  };
  window.frameRecorder = {
    start(element) {
      const body = element.querySelector('tbody');
      const head = body ? body.getBoundingClientRect().top - element.getBoundingClientRect().top : 0;
      const rowHeight = body?.firstElementChild?.getBoundingClientRect().height ?? 0;
      const count = Number(element.querySelector('[aria-rowcount]')?.getAttribute('aria-rowcount') ?? 1) - 1;
      const view = element.clientHeight;
      const current = { element, frames: [], uncovered: 0, placeholders: 0, fillIn: [], loaf: [], tasks: [] };
      current.drag = current.settling = null;
      current.disconnect = [observe('long-animation-frame', current.loaf), observe('longtask', current.tasks)];
      recording = current;
      const step = (t) => {
        // A loop left from an earlier recording stops here instead of recording into this one.
        if (recording !== current) return;
        current.frames.push(t);
        const busy = body?.querySelector('tr[aria-busy="true"]') ?? null;
        if (busy) current.placeholders += 1;
        if (rowHeight > 0) {
          const first = Number(body.firstElementChild?.getAttribute('aria-rowindex') ?? 0) - 2;
          const last = Number(body.lastElementChild?.getAttribute('aria-rowindex') ?? 0) - 2;
          const top = current.drag?.at ?? element.scrollTop;
          const bottom = Math.min(count - 1, Math.floor((top + view - head - 1) / rowHeight));
          if (first > Math.floor(top / rowHeight) || last < bottom) current.uncovered += 1;
        }
        const drag = current.drag;
        if (drag) {
          drag.startedAt ??= t;
          const f = (t - drag.startedAt) / drag.passMs;
          if (f >= 2) {
            current.drag = null;
            current.settling = { since: drag.lastStepAt, done: drag.done };
          } else {
            // A dragged thumb moves the offset between frames, so the page hears of it in the next
            // frame's scroll steps and renders that offset's rows before the frame paints. Set here,
            // in this frame's rAF, the offset would be painted over the rows of the previous one
            // (its scroll event comes only in the next frame): every frame of the drag would show
            // no rows, and the check above, made against the offset the rows were rendered for,
            // would not see it. So the step lands in a task after this frame, as input would.
            const at = Math.round(drag.max * (f < 1 ? f : 2 - f));
            setTimeout(() => {
              if (recording === current) element.scrollTop = drag.at = at;
            }, 0);
            drag.lastStepAt = t;
          }
        } else if (current.settling && (!busy || t - current.settling.since > 5000)) {
          if (body) current.fillIn.push(busy ? Infinity : t - current.settling.since);
          current.settling.done();
          current.settling = null;
        }
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    },
    dragPasses(passMs) {
      const max = recording.element.scrollHeight - recording.element.clientHeight;
      return new Promise((done) => (recording.drag = { passMs, max, startedAt: null, at: null, lastStepAt: 0, done }));
    },
    stop() {
      const { frames, uncovered, placeholders, fillIn, loaf, tasks, disconnect } = recording;
      for (const stop of disconnect) stop?.();
      recording = null;
      return { frames, uncovered, placeholders, fillIn, loaf, tasks };
    },
  };
};

/** One scroll of the page's scrolling element, with the given driver, as recorded in the page. */
async function record(page, scroller, drive) {
  // Chromium's own counters of main-thread time (CDP Performance domain), read around the recording.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const counters = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      task: value('TaskDuration'),
      script: value('ScriptDuration'),
      style: value('RecalcStyleDuration'),
      layout: value('LayoutDuration'),
    };
  };
  await page.evaluate((selector) => {
    const element = document.querySelector(selector);
    element.scrollTop = 0;
    window.frameRecorder.start(element);
  }, scroller);
  const before = await counters();
  await drive();
  const recorded = await page.evaluate(() => window.frameRecorder.stop());
  const after = await counters();
  await cdp.detach();
  const busy = Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));
  return { ...recorded, busy };
}

const dragDriver = (page) => () => page.evaluate((passMs) => window.frameRecorder.dragPasses(passMs), PASS_MS);

/** Wheel ticks at WHEEL_HZ over the scroller's middle: PASS_MS down, then PASS_MS up. */
const wheelDriver = (page, scroller) => async () => {
  const box = await page.locator(scroller).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (const direction of [1, -1]) {
    const started = performance.now();
    for (let tick = 0; performance.now() - started < PASS_MS; tick++) {
      await page.mouse.wheel(0, direction * WHEEL_PX);
      // Paced input, as a hand turns a wheel: the next tick is due at its own time, not after a fixed pause.
      const due = started + ((tick + 1) * 1000) / WHEEL_HZ - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
  }
};

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function summarise(runs, floorMs) {
  const intervals = runs.flatMap((run) => run.frames.slice(1).map((t, i) => t - run.frames[i]));
  const sorted = [...intervals].sort((a, b) => a - b);
  const seconds = intervals.reduce((a, b) => a + b, 0) / 1000;
  const loaf = runs.flatMap((run) => run.loaf);
  const tasks = runs.flatMap((run) => run.tasks);
  return {
    frames: intervals.length,
    fps: intervals.length / seconds,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1),
    over16: intervals.filter((ms) => ms > 16.7).length,
    over33: intervals.filter((ms) => ms > 33.4).length,
    // Frames the display would have shown but the page did not produce, counted against the floor's pace.
    missed: intervals.reduce((sum, ms) => sum + Math.max(0, Math.round(ms / floorMs) - 1), 0),
    uncovered: runs.reduce((sum, run) => sum + run.uncovered, 0),
    placeholders: runs.reduce((sum, run) => sum + run.placeholders, 0),
    fillIn: runs.flatMap((run) => run.fillIn).sort((a, b) => a - b),
    loafs: loaf.length,
    loafMax: Math.max(0, ...loaf.map((e) => e.duration)),
    blocking: loaf.reduce((sum, e) => sum + e.blocking, 0),
    longTasks: tasks.length,
    longestTask: Math.max(0, ...tasks.map((e) => e.duration)),
    busy: Object.fromEntries(
      ['task', 'script', 'style', 'layout'].map((key) => [
        key,
        runs.reduce((sum, run) => sum + run.busy[key], 0) / Math.max(1, intervals.length),
      ]),
    ),
  };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const line = (name, s) =>
  `  ${name.padEnd(20)} ${String(s.frames).padStart(4)} frames ${s.fps.toFixed(1).padStart(5)} fps  ` +
  `interval median ${ms(s.median)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} max ${ms(s.max)}  ` +
  `>16.7 ms ${String(s.over16)}, >33.4 ms ${String(s.over33)}, missed ${String(s.missed)}\n` +
  `  ${''.padEnd(20)} main thread ${ms(s.busy.task)} a frame (script ${ms(s.busy.script)}, style ` +
  `${ms(s.busy.style)}, layout ${ms(s.busy.layout)}); long frames ${String(s.loafs)} (longest ${ms(s.loafMax)}, ` +
  `blocking ${ms(s.blocking)}), long tasks ${String(s.longTasks)} (longest ${ms(s.longestTask)}); ` +
  `frames with rows missing from the view ${String(s.uncovered)}, with placeholder rows ${String(s.placeholders)}` +
  (s.fillIn.length > 0
    ? `; rows whole ${ms(quantile(s.fillIn, 0.5))} after the drag's last step (longest ${ms(s.fillIn.at(-1))})`
    : '');

/** The Patch queue page, once its first rows show: how long that took, and what the page took in. */
async function openQueue(browser, url) {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const opened = performance.now();
  await page.goto(`${url}#/queue`);
  const table = page.getByRole('table', { name: 'Patch queue' });
  // Generous: ranking 100,000 fixes takes the server tens of seconds on this machine.
  await table.locator('tbody tr').first().waitFor({ timeout: 600_000 });
  const firstRows = performance.now() - opened;
  // The reply's timing, and the longest frame while the page took it in (buffered Long Animation Frames).
  const loading = await page.evaluate(async () => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('queue.list'));
    const frames = [];
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      const observer = new PerformanceObserver((list) => frames.push(...list.getEntries()));
      observer.observe({ type: 'long-animation-frame', buffered: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
    }
    const longest = Math.max(0, ...frames.map((f) => f.duration));
    return {
      ms: entry?.duration ?? NaN,
      end: entry?.responseEnd ?? NaN,
      bytes: entry?.decodedBodySize ?? NaN,
      longest,
    };
  });
  const items = Number(await table.getAttribute('aria-rowcount')) - 1;
  await page.evaluate(RECORDER);
  return { page, firstRows, loading, items };
}

/** The floor: an empty scrolling element as tall as the queue's, in a page of its own. */
async function openFloor(browser, height) {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await page.setContent(
    `<!doctype html><body style="margin:0"><div id="s" style="height:100vh;overflow:auto">` +
      `<div style="height:${String(height)}px"></div></div></body>`,
  );
  await page.evaluate(RECORDER);
  return page;
}

export async function queueScrollBench() {
  const work = mkdtempSync(join(tmpdir(), 'patchwise-queue-scroll-'));
  const dataDir = join(work, 'data');
  let server = null;
  let browser = null;
  try {
    const seededAt = performance.now();
    await seedQueue(dataDir, work);
    const seedSeconds = (performance.now() - seededAt) / 1000;
    server = serve(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const queue = await openQueue(browser, await server.url);
    const scroller = '.vtable-scroll';
    const height = await queue.page.evaluate((s) => document.querySelector(s).scrollHeight, scroller);
    const floor = await openFloor(browser, height);
    // One idle second: how Chromium paces frames here when nothing scrolls.
    const idle = await record(floor, '#s', () => floor.waitForTimeout(1000));

    // Other work on the machine takes CPU from Chromium: its load is printed with the numbers.
    const loadBefore = os.loadavg()[0];
    const runs = { 'patchwise drag': [], 'floor drag': [], 'patchwise wheel': [], 'floor wheel': [] };
    // Round 0 warms the JIT and the caches; the two pages alternate so machine noise falls on both.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [name, page, element] of [
        ['patchwise', queue.page, scroller],
        ['floor', floor, '#s'],
      ]) {
        await page.bringToFront();
        const drag = await record(page, element, dragDriver(page));
        const wheel = await record(page, element, wheelDriver(page, element));
        if (round === 0) continue;
        runs[`${name} drag`].push(drag);
        runs[`${name} wheel`].push(wheel);
      }
    }

    const pace = summarise([idle], 1000 / 60);
    const { firstRows, loading } = queue;
    console.log(
      `\nqueue scroll: the Patch queue with ${queue.items.toLocaleString('en')} fixes (${String(HOSTS)} hosts), ` +
        `Chromium ${browser.version()} headless --disable-gpu, ${String(VIEWPORT.width)}x${String(VIEWPORT.height)}, ` +
        `${String(ROUNDS)} rounds after a warm-up`,
    );
    console.log(
      `  seeded in ${seedSeconds.toFixed(1)} s; first rows ${firstRows.toFixed(0)} ms after navigation: ` +
        `queue.list ${loading.ms.toFixed(0)} ms for ${(loading.bytes / 1024 ** 2).toFixed(1)} MB, then the page ` +
        `${(firstRows - loading.end).toFixed(0)} ms to rows (its longest frame ${ms(loading.longest)})`,
    );
    console.log(
      `  load average (1 min) ${loadBefore.toFixed(2)} before scrolling, ${os.loadavg()[0].toFixed(2)} after, ` +
        `on ${String(os.availableParallelism())} CPUs; idle rAF pace ${ms(pace.median)} (${pace.fps.toFixed(1)} fps), ` +
        `which "missed" counts against`,
    );
    const stats = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summarise(r, pace.median)]));
    for (const way of ['drag', 'wheel']) {
      const [p, f] = [stats[`patchwise ${way}`], stats[`floor ${way}`]];
      console.log(line(`patchwise ${way === 'drag' ? 'thumb drag' : 'wheel'}`, p));
      console.log(line(`floor ${way === 'drag' ? 'thumb drag' : 'wheel'}`, f));
      console.log(
        `  ratio patchwise/floor (${way}): p95 interval ${(p.p95 / f.p95).toFixed(2)}x, ` +
          `frames delivered ${(p.fps / f.fps).toFixed(2)}x`,
      );
    }
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await queueScrollBench();
