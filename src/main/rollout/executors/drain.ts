import type { Service } from '../../../shared/domain/graph';
import type { StepContext } from '../host-actions';
import { serverState, setServerState, type HaproxyDrain, type LoadBalancer } from './haproxy';
import type { SshActionsDeps } from './ssh-actions';
import { Failed } from './ssh-step';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Taking a host out of traffic and back for the services of its batch: through HAProxy's runtime
 * API on the load balancer (read back, so the answer is HAProxy's), or the service's own drain
 * and undrain URLs. Also what HAProxy says of a host before the rollout touches it, and after an
 * interruption.
 */
export function createDrains(deps: Pick<SshActionsDeps, 'host' | 'sources' | 'graphOf' | 'timeouts'>) {
  /** The services of the batch this host is a member of, as the rollout's graph has them. */
  const servicesOf = (ctx: StepContext): Service[] =>
    deps
      .graphOf(ctx.rolloutId)
      .services.filter(
        (service) =>
          ctx.batch.services.includes(service.id) && service.members.some((member) => member.host === ctx.host),
      );

  const loadBalancer = (drain: HaproxyDrain): LoadBalancer => {
    const host = deps.host(drain.via);
    if (!host) throw new Failed(`The load balancer ${drain.via} is not in the fleet`);
    return { host, sources: deps.sources, timeoutMs: 60_000 };
  };

  /** Drains (or puts back) the host in each of its services that has a drain; the ids of those. */
  async function setDrained(ctx: StepContext, drained: boolean, log: (line: string) => void): Promise<string[]> {
    const done: string[] = [];
    for (const service of servicesOf(ctx)) {
      const drain = service.drain;
      if (!drain) continue;
      if (drain.kind === 'haproxy') {
        const state = await setServerState(
          loadBalancer(drain),
          drain,
          ctx.host,
          drained ? 'drain' : 'ready',
          drained ? deps.timeouts.settleMs : 0,
        ).catch((error: unknown) => {
          throw new Failed(message(error));
        });
        if (state.drained !== drained)
          throw new Failed(
            `HAProxy on ${drain.via} still has ${ctx.host} ${state.drained ? 'drained' : 'in traffic'} in ${drain.backend}`,
          );
        log(
          `${drain.via}: ${drain.backend}/${ctx.host} ${drained ? 'drained' : 'ready'}` +
            (state.sessions === null ? '' : `, ${String(state.sessions)} open sessions`),
        );
      } else {
        const url = (drained ? drain.drainUrl : drain.undrainUrl).replace(/\{host\}|%7Bhost%7D/g, ctx.host);
        const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(30_000) }).catch(
          (error: unknown) => {
            throw new Failed(`${url}: ${message(error)}`);
          },
        );
        if (!response.ok) throw new Failed(`${url} answered HTTP ${String(response.status)}`);
        log(`POST ${url}: HTTP ${String(response.status)}`);
      }
      done.push(service.id);
    }
    return done;
  }

  /**
   * Refuses a host that HAProxy already has out of traffic before the rollout touched it: an admin
   * drained it or put it in maintenance (or an earlier rollout left it drained for someone to look
   * at), and undrain would put it back at the end. Asked in the precheck, which runs before the
   * drain and only then, so the state it reads is never the rollout's own.
   */
  async function refuseIfOutOfTraffic(ctx: StepContext): Promise<void> {
    for (const service of servicesOf(ctx)) {
      const drain = service.drain;
      if (drain?.kind !== 'haproxy') continue;
      const state = await serverState(loadBalancer(drain), drain, ctx.host).catch((error: unknown) => {
        throw new Failed(message(error));
      });
      if (state.drained)
        throw new Failed(
          `${drain.via} already has ${ctx.host} ${state.maintenance ? 'in maintenance' : 'drained'} in ` +
            `${drain.backend}: someone took it out of traffic, and the rollout would put it back when done. ` +
            `Set it ready on ${drain.via} first, or plan without this host`,
        );
    }
  }

  /**
   * Whether the host is out of traffic as HAProxy says, never throwing: null when some service
   * drains over HTTP (which cannot be read back) or HAProxy could not be asked; with a note each.
   */
  async function drainedNow(ctx: StepContext): Promise<{ drained: boolean | null; notes: string[] }> {
    let drained: boolean | null = false;
    const notes: string[] = [];
    for (const service of servicesOf(ctx)) {
      const drain = service.drain;
      if (!drain) continue;
      if (drain.kind !== 'haproxy') {
        drained = null;
        notes.push(`${service.name} drains over HTTP, which cannot be read back`);
        continue;
      }
      try {
        const state = await serverState(loadBalancer(drain), drain, ctx.host);
        if (state.drained) drained = drained === null ? null : true;
        notes.push(`${drain.backend}/${ctx.host} ${state.drained ? 'drained' : 'in traffic'}`);
      } catch (error) {
        drained = null;
        notes.push(message(error));
      }
    }
    return { drained, notes };
  }

  return { servicesOf, setDrained, refuseIfOutOfTraffic, drainedNow };
}
