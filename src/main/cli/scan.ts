import { userInfo } from 'node:os';
import { AppError } from '../../shared/result';
import type { HostScan } from '../fleet/scan';
import type { EventSink } from '../ports';
import type { CliCommand } from './args';
import { openScanApp } from './scan-app';

type ScanCommand = Extract<CliCommand, { kind: 'scan' }>;

function toJson(scan: HostScan): Record<string, unknown> {
  if (scan.status === 'error') return { name: scan.name, status: 'error', error: scan.error };
  const { inventory } = scan;
  return {
    name: scan.name,
    status: 'ok',
    os: inventory.os,
    kernel: inventory.kernel,
    packages: inventory.packages,
    upgrades: inventory.upgrades,
    securityUpdates: inventory.securityUpdates,
    rebootRequired: inventory.rebootRequired,
    rebootReasons: inventory.rebootReasons,
    servicesToRestart: inventory.servicesToRestart,
    warnings: inventory.warnings,
  };
}

function describe(scan: HostScan): string {
  if (scan.status === 'error') return `${scan.name.padEnd(12)} error  ${scan.error.code}: ${scan.error.message}`;
  const inv = scan.inventory;
  return (
    `${scan.name.padEnd(12)} ok     ${inv.os.name}; ${String(inv.packages.length)} packages, ${String(inv.upgrades.length)} upgrades, ` +
    `${String(inv.securityUpdates.length)} advisories${inv.rebootRequired ? ', reboot needed' : ''}` +
    (inv.servicesToRestart?.length ? `, restart ${inv.servicesToRestart.join(' ')}` : '') +
    inv.warnings.map((warning) => `\n${' '.repeat(12)} warning: ${warning}`).join('')
  );
}

/**
 * `patchwise scan`: a run like one started in the app (stored in the history, audited), and
 * exits non-zero only when it could not run at all, not when a host failed.
 */
export async function runScan(command: ScanCommand, dataDir: string): Promise<number> {
  const progress: EventSink = (name, payload) => {
    if (!command.json && name === 'scan.progress' && 'state' in payload && 'name' in payload)
      console.error(`scan: ${payload.name} ${payload.state}`);
  };
  const app = openScanApp(dataDir, progress);
  try {
    const fleet = app.services.hosts.list();
    const hosts = command.hosts ? fleet.filter((host) => command.hosts?.includes(host.name)) : fleet;
    const unknown = (command.hosts ?? []).filter((name) => !fleet.some((host) => host.name === name));
    if (unknown.length > 0) throw new AppError('not_found', `No host named ${unknown.join(', ')} in ${dataDir}`);
    const started = Date.now();
    const { done } = app.services.scans.start(
      hosts.map((host) => host.id),
      'cli',
      { actor: `cli:${userInfo().username}` },
      {
        ...(command.concurrency ? { concurrency: command.concurrency } : {}),
        ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
      },
    );
    const scans = await done;
    if (command.json) {
      console.log(JSON.stringify({ hosts: scans.map(toJson) }, null, 2));
    } else {
      for (const scan of scans) console.log(describe(scan));
      console.log(`scanned ${String(scans.length)} hosts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    app.close();
  }
}
