import { AppError } from '../../shared/result';
import { labDown, labFault, labStatus, labUp } from '../lab/commands';
import { runDaemon } from '../lab/daemon';
import { isFault, FAULTS } from '../lab/faults';
import { labLayout } from '../lab/layout';
import { runLoad, summarise } from '../lab/load';
import { LAB_SUDO_PASSWORD, SHOP_URL } from '../lab/profile';
import type { LabCommand } from './args';

const log = (line: string): void => {
  console.log(`lab: ${line}`);
};

/** `patchwise lab …`: returns the exit code. */
export async function runLab(command: LabCommand, dataDir: string, labDir: string | undefined): Promise<number> {
  const layout = labLayout(labDir);
  switch (command.action) {
    case 'up': {
      const status = await labUp({ profile: command.profile, dataDir, layout, log });
      for (const host of status.hosts)
        log(`${host.name.padEnd(8)} ${host.address.padEnd(12)} ${host.os.padEnd(7)} ${host.role}`);
      log(`ssh with ${layout.keyFile}; the sudo password where one is needed is ${LAB_SUDO_PASSWORD}`);
      return 0;
    }
    case 'down':
      await labDown({ layout, log });
      return 0;
    case 'status': {
      const status = await labStatus({ layout });
      if (command.json) {
        console.log(JSON.stringify(status ?? { hosts: [] }, null, 2));
      } else if (!status) {
        log('no lab is up');
      } else {
        for (const host of status.hosts) {
          log(
            `${host.name.padEnd(8)} ${host.address.padEnd(12)} ${host.os.padEnd(7)} ${host.role.padEnd(11)} ${host.phase.padEnd(9)} boots ${String(host.boots)}${host.noReturn ? ' (no-return)' : ''}`,
          );
        }
      }
      return status ? 0 : 3;
    }
    case 'fault':
      if (!isFault(command.fault))
        throw new AppError('invalid_input', `Unknown fault "${command.fault}"; faults: ${FAULTS.join(', ')}`);
      log(await labFault({ layout, host: command.host, fault: command.fault }));
      return 0;
    case 'daemon':
      await runDaemon(layout);
      return 0;
    case 'load': {
      const url = command.url ?? SHOP_URL;
      log(
        `${String(command.rate)} requests/s to ${url} for ${String(command.seconds)} s${command.out ? `, samples to ${command.out}` : ''}`,
      );
      const samples = await runLoad({
        url,
        ratePerSecond: command.rate,
        durationMs: command.seconds * 1000,
        ...(command.out ? { outFile: command.out } : {}),
      });
      const s = summarise(samples);
      log(
        `${String(s.requests)} requests, ${String(s.failed)} failed (${(s.errorRate * 100).toFixed(2)} %), p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`,
      );
      return s.failed === 0 ? 0 : 4;
    }
  }
}
