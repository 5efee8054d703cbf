import { createHostService } from './fleet/host-service';
import { createScanService } from './fleet/scan-service';
import type { Clock, EventSink, SecretCipher } from './ports';
import { createSecretStore } from './secrets/secret-store';
import { createAuditRepo } from './store/audit-repo';
import { openStore, type Store } from './store/database';
import { createHostKeyRepo } from './store/host-key-repo';
import { createHostRepo } from './store/host-repo';
import { createScanRepo } from './store/scan-repo';
import { createSettingsRepo } from './store/settings-repo';

export interface FleetCoreOptions {
  dataDir: string;
  events: EventSink;
  cipher: SecretCipher;
  clock: Clock;
  /** better-sqlite3's native build for Electron's ABI; Node's own build when left out. */
  nativeBinding?: string;
}

/**
 * The store and the fleet: hosts, secrets, settings, the audit log and scan runs, with runs a
 * stopped process left unfinished marked interrupted. The whole app builds on it (app.ts); so does
 * `patchwise scan` alone (cli/scan-app.ts), which need not load the rest.
 */
export function openFleetCore(options: FleetCoreOptions) {
  const { clock, events } = options;
  const store: Store = openStore({
    dataDir: options.dataDir,
    now: clock,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const { db } = store;
  const audit = createAuditRepo(db, clock);
  const settings = createSettingsRepo(db);
  const hosts = createHostService({
    db,
    hosts: createHostRepo(db),
    hostKeys: createHostKeyRepo(db),
    audit,
    events,
    clock,
  });
  const secrets = createSecretStore(db, options.cipher, clock);
  const scanRepo = createScanRepo(db);
  const scans = createScanService({ scans: scanRepo, hosts, secrets, settings, audit, events, clock });
  scans.reconcile();
  return { store, db, audit, settings, hosts, secrets, scanRepo, scans };
}
