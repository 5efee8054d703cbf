import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseServerStates } from '../../../src/main/rollout/executors/haproxy';
import { DATABASE_FILE } from '../../../src/main/store/database';
import { DEFAULT_ROLLOUT_POLICY } from '../../../src/shared/domain/plan';
import type { RolloutView } from '../../../src/shared/domain/rollout';
import { lab, onHost } from '../../lab/hosts';
import {
  demoHttp,
  fixesFor,
  openRolloutApp,
  closeRolloutApp,
  PASSPHRASE,
  prepareRollouts,
  restoreInitial,
} from '../../lab/rollout-lab';

const WEB = ['web1', 'web2', 'web3'];

/** Where the CLI driving the rollout is killed: when this host's step has started (in order). */
const KILL_POINTS: readonly [string, string][] = [
  ['web1', 'drain'],
  ['web1', 'record'],
  ['web1', 'patch'],
  ['web1', 'restart'],
  ['web1', 'verify'],
  ['web1', 'undrain'],
  ['web2', 'precheck'],
  ['web2', 'patch'],
  ['web2', 'verify'],
  ['web3', 'drain'],
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as an admin runs it, in its own process, so it can be killed. */
function patchwiseProcess(args: string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, ['bin/patchwise.mjs', '--data-dir', lab.dataDir, ...args], {
    env: { ...process.env, PATCHWISE_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, exited };
}

/** Polls fast (the steps take tenths of a second); fails after the timeout. */
async function until(what: string, check: () => boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const drainedInHaproxy = async (): Promise<string[]> => {
  const states = parseServerStates(
    await onHost('lb1', "echo 'show servers state web' | socat stdio /run/haproxy/admin.sock"),
  );
  return WEB.filter((host) => states.get(host)?.drained);
};

describe.skipIf(lab.skip !== null)(
  `a rollout killed and restarted on the lab${lab.skip ? ` (skipped: ${lab.skip})` : ''}`,
  () => {
    const app = lab.skip === null ? openRolloutApp() : null;

    beforeAll(async () => {
      if (!app) return;
      await prepareRollouts(app, { ...DEFAULT_ROLLOUT_POLICY, rings: ['important'], approvalRings: [] });
    }, 300_000);
    afterAll(async () => {
      if (app) closeRolloutApp(app);
      if (lab.skip !== null) return;
      for (const host of WEB) {
        await onHost('lb1', `echo 'set server web/${host} state ready' | socat stdio /run/haproxy/admin.sock`);
        await restoreInitial(host);
      }
    }, 300_000);

    it('never loses a step record and never leaves a host drained silently, killed with SIGKILL at 10 points', async () => {
      if (!app) return;
      const journal = new Database(join(lab.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
      onTestFinished(() => {
        journal.close();
      });
      // Other test files share the data folder: only this test's rollout counts.
      const earlier = journal.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM rollout').pluck().get() ?? 0;
      const started = journal.prepare<[number, string, string], { id: number }>(
        'SELECT id FROM rollout_step WHERE rollout_id > ? AND host = ? AND step = ? ORDER BY id DESC LIMIT 1',
      );
      const openSteps = journal.prepare<[], { id: number; host: string; step: string }>(
        "SELECT id, host, step FROM rollout_step WHERE state = 'started'",
      );
      const stepById = journal.prepare<[number], { state: string; reason: string | null }>(
        'SELECT state, reason FROM rollout_step WHERE id = ?',
      );
      const fixes = fixesFor(app, 'CVE-2026-90002');
      let driver = patchwiseProcess([
        'rollout',
        'start',
        '--fixes',
        fixes.join(','),
        '--hosts',
        WEB.join(','),
        '--json',
      ]);
      const killedMidStep: number[] = [];
      try {
        for (const [host, step] of KILL_POINTS) {
          await until(`${host} to start ${step}`, () => started.get(earlier, host, step) !== undefined);
          driver.child.kill('SIGKILL');
          const killed = await driver.exited;
          expect(killed.signal).toBe('SIGKILL');
          killedMidStep.push(...openSteps.all().map((open) => open.id));

          // Restarted, as the desktop app or `serve` starts: what the killed process left open is
          // reconciled with what the hosts show, and the rollout waits for the admin.
          await app.reconcileRollouts();
          const shown = app.services.rollouts.get(app.services.rollouts.list(1)[0]?.id ?? 0);
          expect(shown.status).toBe('paused');
          expect(openSteps.all()).toEqual([]);
          // Every host HAProxy has out of traffic is one the journal says is drained, and the reason names it.
          for (const drained of await drainedInHaproxy()) {
            expect(shown.hosts.find((entry) => entry.host === drained)?.drained).toBe(true);
            expect(shown.reason).toContain(`Still drained: ${drained}`);
          }
          driver = patchwiseProcess(['rollout', 'resume', '--json']);
        }
        const last = await driver.exited;
        expect(last.code, last.stderr).toBe(0);
        const view = JSON.parse(last.stdout) as RolloutView;
        expect(view.status).toBe('done');
        expect(view.hosts.map((host) => [host.host, host.phase, host.drained])).toEqual(
          WEB.map((host) => [host, 'done', false]),
        );
      } finally {
        driver.child.kill('SIGKILL');
      }

      // The kills came mid-step (most of them), and each such step is on record, closed by the restart.
      expect(killedMidStep.length).toBeGreaterThanOrEqual(5);
      for (const id of killedMidStep) expect(stepById.get(id)?.reason ?? '').toMatch(/^interrupted/);
      // Attempts of a step count up from 1 with no gap: a step run again is a new record, never a lost one.
      const rollout = app.services.rollouts.list(1)[0];
      const steps = app.services.rollouts.steps(rollout?.id ?? 0);
      const attempts = new Map<string, number[]>();
      for (const record of steps)
        attempts.set(`${record.host}:${record.step}`, [
          ...(attempts.get(`${record.host}:${record.step}`) ?? []),
          record.attempt,
        ]);
      for (const [key, seen] of attempts) expect([key, seen]).toEqual([key, seen.map((_, at) => at + 1)]);
      expect(steps.every((record) => record.state !== 'started')).toBe(true);
      // The hosts agree: all patched, all back in traffic; the audit chain holds.
      for (const host of WEB) expect(await demoHttp(host)).toMatch(/^2\.1-1/);
      expect(await drainedInHaproxy()).toEqual([]);
      expect(app.services.audit.verify()).toMatchObject({ ok: true });
      expect(
        app.services.audit.list(1000).filter((entry) => entry.action === 'rollout.interrupted').length,
      ).toBeGreaterThanOrEqual(KILL_POINTS.length);
    }, 900_000);
  },
);
