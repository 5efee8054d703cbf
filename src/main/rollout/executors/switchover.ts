import type { Host } from '../../../shared/domain/host';
import type { StepContext } from '../host-actions';
import type { SshActionsDeps } from './ssh-actions';
import { Failed, lastLines, type Shell } from './ssh-step';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Session {
  shell: Shell;
  close: () => void;
}

/**
 * The database switchover a drain step runs first on a primary (ssh-actions.ts), with what it
 * needs of the step runner: hosts by name, and a session on another host.
 */
export function createSwitchover(
  deps: Pick<SshActionsDeps, 'graphOf' | 'switchedOver'>,
  runner: { mustHost: (name: string) => Host; connect: (host: Host, log: (line: string) => void) => Promise<Session> },
) {
  const { mustHost, connect } = runner;
  /**
   * Before the primary of a database cluster leaves: its replica takes over, by the service's
   * switchover commands (demote here, then promote there). A failure fails the drain, so the
   * primary is not patched while it still is one.
   */
  return async function switchOver(ctx: StepContext, shell: Shell, log: (line: string) => void): Promise<string[]> {
    const done: string[] = [];
    for (const { service: id, from, to } of ctx.batch.switchovers) {
      if (from !== ctx.host) continue;
      const service = deps.graphOf(ctx.rolloutId).services.find((candidate) => candidate.id === id);
      if (!service?.switchover)
        throw new Failed(
          `The plan has ${to} take over ${service?.name ?? id} from ${from}, but the service has no switchover commands`,
        );
      const [old, next] = [mustHost(from), mustHost(to)];
      const fill = (command: string, primary = next, leaving = old): string =>
        command.replaceAll('{from}', leaving.address).replaceAll('{to}', primary.address);
      // The replica must answer before the primary steps down: an unreachable one would leave
      // the service with no primary.
      const other = await connect(next, log);
      try {
        await shell.root(fill(service.switchover.demote));
        const promoted = await other.shell
          .root(fill(service.switchover.promote), { allowFail: true })
          .catch((error: unknown) => {
            // Timed out or cut off: it may have taken over all the same. Promoting the old one
            // back could make two primaries, so the admin decides.
            throw new Failed(
              `${from} was demoted, and whether ${to} took over ${service.name} is unknown (${messageOf(error)}): check the cluster before going on`,
            );
          });
        if (promoted.code !== 0) {
          // It said no: the service has no primary. The old one takes its role back, by the same
          // promote command run on it.
          const back = await shell.root(fill(service.switchover.promote, old, next)).then(
            () => `${from} was promoted back and is the primary again`,
            (again: unknown) =>
              `promoting ${from} back failed too (${messageOf(again)}): ${service.name} has no primary`,
          );
          throw new Failed(
            `${to} could not take over ${service.name} (${lastLines(`${promoted.out}${promoted.err}`) || `exit ${String(promoted.code)}`}); ${back}`,
          );
        }
      } finally {
        other.close();
      }
      log(`${to} took over ${service.name} from ${from}`);
      const recorded = deps.switchedOver?.(id, from, to);
      if (recorded) log(recorded);
      done.push(`${to} took over ${service.name}`);
    }
    return done;
  };
}
