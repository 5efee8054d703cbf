import type { RolloutHost, RolloutStart, RolloutView } from '../../shared/domain/rollout';
import { AppError } from '../../shared/result';
import type { CallContext } from '../ports';
import { mustRollout } from '../rollout/rollout-service';
import type { RolloutCommand } from './args';
import { openCliApp } from './cli-app';

const startInput = (command: Extract<RolloutCommand, { action: 'start' | 'dry-run' }>): RolloutStart => ({
  fixes: command.fixes,
  ...(command.hosts ? { hosts: command.hosts } : {}),
  versions: command.versions,
  allUpdates: command.allUpdates,
  failureThreshold: command.threshold,
  ...(command.notBefore ? { notBefore: command.notBefore } : {}),
});

const hostLine = (host: RolloutHost): string => {
  const state =
    host.phase === 'active'
      ? `${host.step ?? ''}${host.path === 'forward' ? '' : ` (${host.path ?? ''})`}`
      : host.phase;
  return `${host.host}: ${state}${host.drained ? ', drained' : ''}${host.reason ? ` - ${host.reason}` : ''}`;
};

function printView(view: RolloutView): void {
  console.log(`rollout ${String(view.id)}: ${view.status}${view.reason ? ` - ${view.reason}` : ''}`);
  view.plan.rings.forEach((ring, index) => {
    const approval = ring.approval ? (view.approved.includes(index) ? ' (approved)' : ' (waits for approval)') : '';
    console.log(`ring ${ring.name}${approval}`);
    for (const host of view.hosts.filter((h) => h.ring === index))
      console.log(`  ${String(host.batch + 1).padStart(2)}. ${hostLine(host)}`);
  });
}

/** 0 when the rollout is done with every host patched; 1 when anything needs an admin. */
const exitCode = (view: RolloutView): number =>
  view.status === 'done' && view.counts.failed === 0 && view.counts['rolled-back'] === 0 ? 0 : 1;

/**
 * `patchwise rollout`: runs in the foreground. start, resume and approve drive the rollout in
 * this process until it needs an admin (done, halted, paused, or a ring waiting for approval),
 * printing each host as it moves on. Ctrl-C pauses it (hosts stop between steps); a second one
 * quits at once, and the next start reconciles what was in flight.
 */
export async function runRollout(command: RolloutCommand, json: boolean, dataDir: string): Promise<number> {
  const seen = new Map<string, string>();
  let current = 0;
  let report = (): void => undefined;
  const app = openCliApp(dataDir, (name, payload) => {
    if (name === 'rollout.change' && 'rolloutId' in payload && payload.rolloutId === current) report();
  });
  const rollouts = app.services.rollouts;
  report = () => {
    if (json) return;
    for (const host of rollouts.get(current).hosts) {
      const line = hostLine(host);
      if (seen.get(host.host) !== line) console.log(line);
      seen.set(host.host, line);
    }
  };
  const ctx: CallContext = { actor: `cli:${process.env['USER'] ?? 'admin'}` };
  try {
    // Only commands that drive a rollout reconcile it: `status` reads, whoever drives.
    if (command.action === 'resume' || command.action === 'approve' || command.action === 'cancel')
      await app.reconcileRollouts();
    if (command.action === 'dry-run') {
      const runs = await rollouts.dryRun(startInput(command));
      if (json) console.log(JSON.stringify(runs, null, 2));
      else
        for (const run of runs)
          console.log(
            `${run.host}: ${run.error ?? (run.changes.map((c) => `${c.name} ${c.from ?? '(new)'} -> ${c.to}`).join(', ') || 'nothing to change')}`,
          );
      return runs.some((run) => run.error !== null) ? 1 : 0;
    }
    if (command.action === 'status') {
      const view = mustRollout(rollouts.current());
      if (json) console.log(JSON.stringify(view, null, 2));
      else printView(view);
      return exitCode(view);
    }
    let done: Promise<void>;
    if (command.action === 'start') {
      const started = rollouts.start(startInput(command), ctx);
      current = started.rolloutId;
      done = started.done;
    } else {
      const open = mustRollout(rollouts.current());
      if (open.finishedAt !== null)
        throw new AppError('conflict', `Rollout ${String(open.id)} is over (${open.status})`);
      current = open.id;
      if (command.action === 'approve') rollouts.approve(current, command.ring, ctx);
      else if (command.action === 'cancel') rollouts.cancel(current, ctx);
      else rollouts.resume(current, ctx);
      done = rollouts.settled(current);
    }
    if (!json) {
      console.log(`rollout ${String(current)} is running; Ctrl-C pauses it`);
      const { waitingUntil } = rollouts.get(current);
      // The process stays in the foreground until then: a cron job or a terminal left open.
      if (waitingUntil) console.log(`the next batch starts ${waitingUntil} (its window, or --not-before)`);
    }
    let interrupted = 0;
    const onSignal = (): void => {
      interrupted++;
      if (interrupted === 1) rollouts.pause(current, ctx);
      else process.exit(130);
    };
    process.on('SIGINT', onSignal);
    try {
      await Promise.race([done, rollouts.settled(current)]);
    } finally {
      process.off('SIGINT', onSignal);
    }
    const view = rollouts.get(current);
    if (json) console.log(JSON.stringify(view, null, 2));
    else printView(view);
    return exitCode(view);
  } finally {
    app.close();
  }
}
