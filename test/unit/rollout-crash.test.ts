import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HostStep } from '../../src/main/domain/rollout/model';
import { AFTER, BEFORE, createFakeHosts, fakeWorld, type FakeWorld } from './rollout-fake-hosts';
import { CRASH_BREAKS, CRASH_HOSTS, openRollouts, type RolloutsUnderTest } from './rollout-fixtures';
import { admin, tempDir } from './support';

/*
 * Kill the app with SIGKILL at every journal write and after every change to a host, then
 * start it again: nothing on record is lost, no host is drained without the journal and the
 * paused rollout saying so, and the rollout can be carried to its end or rolled back.
 * Each life runs in its own node process (TypeScript through jiti, which eslint and vite bring);
 * the hosts are the labelled fake of rollout-fake-hosts.ts, kept in a file as real hosts
 * outlive the app. The recovery runs in this process.
 */

// jiti is a devDependency of ours (pinned), so the child can run TypeScript as vitest does.
const JITI_CLI = join(dirname(createRequire(import.meta.url).resolve('jiti')), 'jiti-cli.mjs');
const CHILD = join(import.meta.dirname, 'rollout-crash-child.ts');
const PARALLEL = 3;

type Mode = 'write' | 'effect';
interface Life {
  signal: NodeJS.Signals | null;
  counts: { writes: number; effects: number } | null;
  stderr: string;
}

function live(dir: string, mode: Mode, point: number, action: 'start' | 'resume'): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [JITI_CLI, CHILD, dir, join(dir, 'world.json'), mode, String(point), action]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`The child failed (${String(code)}): ${stderr}`));
      else resolve({ signal, counts: stdout ? (JSON.parse(stdout) as Life['counts']) : null, stderr });
    });
  });
}

async function pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

const newWorld = (): string => {
  const dir = tempDir('patchwise-crash-');
  writeFileSync(join(dir, 'world.json'), JSON.stringify(fakeWorld(CRASH_HOSTS, CRASH_BREAKS)));
  return dir;
};

/** The fake's step for a journal step: reverify is verify again, a reboot is a kind of restart. */
const acted = (step: HostStep): string => (step === 'reverify' ? 'verify' : step === 'reboot' ? 'restart' : step);

/** Whatever the moment of the crash, what the journal says now must be true. */
function checkTruthful(under: RolloutsUnderTest, world: FakeWorld, id: number, label: string): void {
  const records = new Set(under.rollouts.steps(id).map((s) => `${s.host}:${acted(s.step)}:${String(s.attempt)}`));
  for (const entry of world.log)
    expect(
      records.has(`${entry.host}:${entry.step}:${String(entry.attempt)}`),
      `${label}: no record of ${JSON.stringify(entry)}`,
    ).toBe(true);
  expect(under.rollouts.openSteps(id), `${label}: open step records`).toEqual([]);
  // Each record's start and end are in the audit log, written in the same transactions.
  const audited = new Set(
    under.audit
      .list(10_000)
      .filter((entry) => entry.action === 'rollout.step' || entry.action === 'rollout.reconcile.step')
      .map(
        (entry) =>
          `${entry.hosts.join()}:${JSON.stringify([entry.details['step'], entry.details['attempt'], entry.details['state']])}`,
      ),
  );
  for (const step of under.rollouts.steps(id))
    for (const state of ['started', step.state === 'ok' ? 'ok' : 'failed'])
      expect(
        audited.has(`${step.host}:${JSON.stringify([step.step, step.attempt, state])}`),
        `${label}: audit of ${step.host} ${step.step} #${String(step.attempt)} ${state}`,
      ).toBe(true);
  const { state } = under.engine.rollout(id);
  for (const host of under.engine.hosts(id)) {
    const drained = world.hosts[host.host]?.drained ?? false;
    const onRecord = (host.run.phase === 'active' || host.run.phase === 'failed') && host.run.drained;
    if (host.run.phase === 'active' || drained)
      expect(onRecord, `${label}: ${host.host} drained on record`).toBe(drained);
    if (drained)
      expect(state.reason ?? '', `${label}: the rollout names ${host.host} drained`).toMatch(
        new RegExp(`Still drained: .*\\b${host.host}\\b`),
      );
  }
  expect(under.audit.verify().ok, `${label}: audit chain`).toBe(true);
}

/** Start the app again in this process: reconcile, check, then carry on or roll back to the end. */
async function recover(dir: string, label: string, choice: 'resume' | 'roll-back'): Promise<void> {
  const fake = createFakeHosts({ file: join(dir, 'world.json') });
  const under = openRollouts(dir, fake.actions);
  try {
    const [rollout] = under.rollouts.list(1);
    if (!rollout) {
      // Killed inside the very first write: the rollout never existed, and nothing was touched.
      expect(fake.world.log, label).toEqual([]);
      return;
    }
    const [report] = await under.engine.reconcile();
    checkTruthful(under, fake.world, rollout.id, `${label}, reconciled`);
    if (report?.status === 'done') {
      // Killed as it wrote its end: start-up finished it, there is nothing to resume.
      expect(under.engine.rollout(rollout.id).finishedAt, label).not.toBeNull();
      choice = 'resume';
    } else {
      expect(report?.status, label).toBe('paused');
      expect(report?.reason, label).toMatch(/^Patchwise stopped while this rollout ran\./);
      const { done } =
        choice === 'resume' ? under.engine.resume(rollout.id, admin) : under.engine.rollBack(rollout.id, admin);
      await done;
    }
    checkTruthful(under, fake.world, rollout.id, `${label}, ${choice}d`);
    const hosts = under.engine.hosts(rollout.id);
    for (const host of hosts) {
      expect(fake.world.hosts[host.host]?.drained, `${label}: ${host.host} back in traffic`).toBe(false);
      // Patched exactly when the journal says the host is done.
      expect(fake.world.hosts[host.host]?.packages, `${label}: ${host.host} versions`).toEqual(
        host.run.phase === 'done' ? AFTER : BEFORE,
      );
    }
    if (choice === 'resume') {
      expect(under.engine.rollout(rollout.id).state.status, label).toBe('done');
      expect(
        hosts.map((host) => host.run.phase),
        label,
      ).toEqual(['done', 'rolled-back', 'done']);
    } else expect(under.engine.rollout(rollout.id).state.status, label).toBe('cancelled');
  } finally {
    under.close();
  }
}

describe('a rollout killed with SIGKILL and started again (fake hosts)', () => {
  let counts = { writes: 0, effects: 0 };
  beforeAll(async () => {
    const whole = await live(newWorld(), 'write', 0, 'start');
    counts = whole.counts ?? counts;
  });

  it('counts the points to kill at: every journal write and every change to a host', () => {
    // 3 hosts (w1 through its rollback): 23 steps written twice each, plus start, 2 batches × 2, end.
    expect(counts).toEqual({ writes: 52, effects: 23 });
  });

  it.each(['write', 'effect'] as const)(
    'loses nothing and hides no drained host, killed at each %s',
    async (mode) => {
      const points = Array.from({ length: mode === 'write' ? counts.writes : counts.effects }, (_, at) => at + 1);
      await pool(points, async (point) => {
        const dir = newWorld();
        const life = await live(dir, mode, point, 'start');
        const label = `killed at ${mode} ${String(point)}`;
        expect(life.signal, `${label}: ${life.stderr}`).toBe('SIGKILL');
        await recover(dir, label, point % 2 === 0 ? 'resume' : 'roll-back');
      });
    },
    240_000,
  );

  it('survives a second kill during the recovery', async () => {
    const cases = [12, 33].flatMap((first) => [1, 2, 3, 4, 5, 6].map((second) => [first, second] as const));
    await pool(cases, async ([first, second]) => {
      const dir = newWorld();
      expect((await live(dir, 'write', first, 'start')).signal).toBe('SIGKILL');
      const again = await live(dir, 'write', second, 'resume');
      const label = `killed at write ${String(first)}, then at write ${String(second)} of the recovery`;
      expect(again.signal, `${label}: ${again.stderr}`).toBe('SIGKILL');
      const world = JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8')) as FakeWorld;
      expect(world.log.length, label).toBeGreaterThan(0);
      await recover(dir, label, 'resume');
    });
  }, 240_000);
});
