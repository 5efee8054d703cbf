import type { HealthCheck, Service } from '../../../shared/domain/graph';
import type { Host } from '../../../shared/domain/host';
import type { HostRecord } from '../../domain/rollout/records';
import type { StepContext } from '../host-actions';
import {
  checkUrl,
  describeRun,
  judgeHttp,
  runHttpCheck,
  sampleHttp,
  waitUntilAnswers,
  type HttpRun,
} from './http-check';
import { Failed, lastLines, type Shell } from './ssh-step';

export interface HealthCheckDeps {
  host(name: string): Host | undefined;
  /** The rollout's hosts and where they are, to find an unpatched baseline. */
  hostsOf(rolloutId: number): HostRecord[];
  timeouts: { settleMs: number };
}

/** The verify step's checks of one member; each throws Failed with the reason when it does not pass. */
export function createHealthChecks(deps: HealthCheckDeps) {
  const { timeouts } = deps;

  /** A member of the same service that is not being patched: the baseline a canary is judged against. */
  function baselineFor(ctx: StepContext, service: Service): Host | null {
    const runs = new Map(deps.hostsOf(ctx.rolloutId).map((record) => [record.host, record.run.phase]));
    const candidates = service.members
      .map((member) => member.host)
      .filter((name) => name !== ctx.host && !ctx.batch.hosts.includes(name))
      // Not in the rollout, or not started: unpatched.
      .filter((name) => !runs.has(name) || runs.get(name) === 'pending' || runs.get(name) === 'skipped');
    for (const name of candidates.sort()) {
      const host = deps.host(name);
      if (host) return host;
    }
    return null;
  }

  return async function check(
    ctx: StepContext,
    shell: Shell,
    host: Host,
    service: Service,
    health: HealthCheck,
    log: (line: string) => void,
  ): Promise<void> {
    switch (health.kind) {
      case 'unit': {
        const unit = health.unit;
        const result = await shell.root(
          `for i in $(seq 30); do systemctl is-active -q '${unit}' && exit 0; sleep 1; done; systemctl is-active '${unit}'; exit 1`,
          { allowFail: true },
        );
        if (result.code !== 0) throw new Failed(`${unit} is ${result.out.trim() || 'not active'} on ${host.name}`);
        log(`${unit}: active`);
        return;
      }
      case 'command': {
        const result = await shell.user(health.command);
        if (result.code !== 0)
          throw new Failed(
            `The check "${health.command}" exited ${String(result.code)} on ${host.name}: ${lastLines(result.out, 2)}`,
          );
        return;
      }
      case 'http': {
        const options = { readyMs: timeouts.settleMs, timeoutMs: 5000 };
        const peer = baselineFor(ctx, service);
        if (!peer) log(`${service.name}: no unpatched member to compare with`);
        const url = checkUrl(host.address, health);
        const down = await waitUntilAnswers(url, options);
        if (down) throw new Failed(down.unreachable);
        // Both over the same period, so that a slow moment of the network or the site weighs on both.
        const [mine, theirs] = await Promise.all([
          sampleHttp(url, health, options.timeoutMs),
          peer ? runHttpCheck(checkUrl(peer.address, health), health, options) : null,
        ]);
        log(describeRun(mine));
        let baseline: (HttpRun & { host: string }) | null = null;
        if (peer && theirs) {
          if ('unreachable' in theirs) log(`baseline ${peer.name}: ${theirs.unreachable}`);
          else {
            baseline = { ...theirs, host: peer.name };
            log(`baseline ${describeRun(theirs)}`);
          }
        }
        const verdict = judgeHttp(mine, baseline);
        if (verdict.outcome === 'fail') throw new Failed(verdict.reason ?? `${mine.url} failed its check`);
        if (verdict.reason)
          log(`${verdict.outcome === 'marginal' ? 'marginal, not failed' : 'passed'}: ${verdict.reason}`);
        return;
      }
    }
  };
}
