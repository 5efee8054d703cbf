import type { SiteSettings } from '../shared/domain/settings';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { createHostService } from './fleet/host-service';
import type { CallContext, Clock, EventSink, SecretCipher } from './ports';
import { createSecretStore } from './secrets/secret-store';
import { createAuditRepo } from './store/audit-repo';
import { openStore, type Store } from './store/database';
import { createHostKeyRepo } from './store/host-key-repo';
import { createHostRepo } from './store/host-repo';
import { createSettingsRepo } from './store/settings-repo';
import { APP_VERSION } from './version';

export interface AppOptions {
  dataDir: string;
  transport: 'electron' | 'headless';
  events: EventSink;
  /** Encrypts secrets: safeStorage under Electron, a passphrase-derived key headless. */
  cipher: SecretCipher;
  nativeBinding?: string;
  clock?: Clock;
}

/** Wires the store and the services once; every transport (IPC, HTTP, CLI) shares the result. */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? (() => new Date());
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
    events: options.events,
    clock,
  });

  const services = {
    hosts,
    secrets: createSecretStore(db, options.cipher, clock),
    audit,
    settings,
    info: () => ({
      name: 'Patchwise' as const,
      version: APP_VERSION,
      schemaVersion: store.migration.schemaVersion,
      transport: options.transport,
    }),
    updateSettings(values: Partial<SiteSettings>, ctx: CallContext): SiteSettings {
      const entry = db.transaction(() => {
        settings.set(values);
        return audit.append({ actor: ctx.actor, action: 'settings.update', target: 'site', details: values });
      })();
      options.events('audit.entry', { seq: entry.seq, action: entry.action });
      return settings.get();
    },
  };
  const dispatch: Dispatch = createDispatch(createHandlers(services));
  return {
    services,
    dispatch,
    store,
    close: () => {
      store.close();
    },
  };
}

export type AppServices = ReturnType<typeof createApp>['services'];
export type App = ReturnType<typeof createApp>;
