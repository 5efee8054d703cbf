import type { EventSink } from '../ports';
import { openFleetCore } from '../fleet-core';
import { createPassphraseCipher } from '../secrets/passphrase-cipher';

/**
 * The part of the app `patchwise scan` uses: the store, hosts, secrets and scan runs, wired as
 * the whole app wires them (fleet-core.ts). The whole app would load the API schemas, feeds,
 * queue, graph and rollouts first, a start-up cost paid on every scan.
 */
export function openScanApp(dataDir: string, events: EventSink) {
  const { store, hosts, scans } = openFleetCore({
    dataDir,
    events,
    cipher: createPassphraseCipher(process.env['PATCHWISE_PASSPHRASE']),
    clock: () => new Date(),
  });
  return {
    services: { hosts, scans },
    close: () => {
      scans.stop();
      store.close();
    },
  };
}
