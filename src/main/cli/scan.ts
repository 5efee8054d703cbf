import { AppError } from '../../shared/result';
import { createApp } from '../app';
import { scanHosts, type HostScan } from '../fleet/scan';
import { createPassphraseCipher } from '../secrets/passphrase-cipher';
import type { CliCommand } from './args';

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
  };
}

/** `patchwise scan`: exits non-zero only when it could not run at all, not when a host failed. */
export async function runScan(command: ScanCommand, dataDir: string): Promise<number> {
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher(process.env['PATCHWISE_PASSPHRASE']),
  });
  try {
    const fleet = app.services.hosts.list();
    const hosts = command.hosts ? fleet.filter((host) => command.hosts?.includes(host.name)) : fleet;
    const unknown = (command.hosts ?? []).filter((name) => !fleet.some((host) => host.name === name));
    if (unknown.length > 0) throw new AppError('not_found', `No host named ${unknown.join(', ')} in ${dataDir}`);
    const fingerprints = new Map<number, string>();
    for (const host of hosts) {
      const key = app.services.hosts.hostKey(host.id);
      if (key) fingerprints.set(host.id, key.fingerprint);
    }
    const started = Date.now();
    const scans = await scanHosts(hosts, {
      concurrency: command.concurrency,
      commandTimeoutMs: command.timeoutSeconds * 1000,
      fingerprints,
      secret: async (ref) => (app.services.secrets.has(ref) ? app.services.secrets.get(ref) : undefined),
      ...(command.json
        ? {}
        : {
            onProgress: (name: string, state: string) => {
              console.error(`scan: ${name} ${state}`);
            },
          }),
    });
    if (command.json) {
      console.log(JSON.stringify({ hosts: scans.map(toJson) }, null, 2));
    } else {
      for (const scan of scans) {
        if (scan.status === 'error')
          console.log(`${scan.name.padEnd(12)} error  ${scan.error.code}: ${scan.error.message}`);
        else {
          const inv = scan.inventory;
          console.log(
            `${scan.name.padEnd(12)} ok     ${inv.os.name}; ${String(inv.packages.length)} packages, ${String(inv.upgrades.length)} upgrades, ` +
              `${String(inv.securityUpdates.length)} advisories${inv.rebootRequired ? ', reboot needed' : ''}` +
              (inv.servicesToRestart?.length ? `, restart ${inv.servicesToRestart.join(' ')}` : ''),
          );
        }
      }
      console.log(`scanned ${String(scans.length)} hosts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    app.close();
  }
}
