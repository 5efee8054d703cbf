import type { SiteSettings } from '../shared/domain/settings';
import { AppError } from '../shared/result';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { testConnection, trustHostKey } from './fleet/connection-test';
import { createFeedService } from './feeds/feed-service';
import { createCveRepo } from './store/cve-repo';
import { createMsrcRepo } from './store/msrc-repo';
import { createGraphService } from './graph/graph-service';
import { openFleetCore } from './fleet-core';
import { createPlanService } from './rollout/plan-service';
import { createRolloutService } from './rollout/rollout-service';
import type { RolloutTimeouts } from './rollout/executors/ssh-actions';
import type { HostActions } from './rollout/host-actions';
import { createRolloutRepo } from './store/rollout-repo';
import { createGraphRepo } from './store/graph-repo';
import { createExceptionService } from './queue/exception-service';
import { createQueueService } from './queue/queue-service';
import type { ImportRequest } from './fleet/import/apply';
import type { CallContext, Clock, EventSink, SecretCipher } from './ports';
import { createAdvisoryRepo } from './store/advisory-repo';
import { createExceptionRepo } from './store/exception-repo';
import { createFeedRepo } from './store/feed-repo';
import { storeVersion } from './store/database';
import { APP_VERSION } from './version';

export interface AppOptions {
  dataDir: string;
  transport: 'electron' | 'headless';
  events: EventSink;
  /** Encrypts secrets: safeStorage under Electron, a passphrase-derived key headless. */
  cipher: SecretCipher;
  nativeBinding?: string;
  clock?: Clock;
  /** How long rollout steps may take (tests shorten the wait for a reboot). */
  rolloutTimeouts?: Partial<RolloutTimeouts>;
  /** The hosts' side of rollouts: SSH unless given (a labelled fake in tests). */
  hostActions?: HostActions;
}

/** Wires the store and the services once; every transport (IPC, HTTP, CLI) shares the result. */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? (() => new Date());
  const { store, db, audit, settings, hosts, secrets, scanRepo, scans } = openFleetCore({
    dataDir: options.dataDir,
    events: options.events,
    cipher: options.cipher,
    clock,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const exceptions = createExceptionService({
    db,
    exceptions: createExceptionRepo(db),
    audit,
    events: options.events,
    clock,
  });
  const feedRepo = createFeedRepo(db);
  const advisoryRepo = createAdvisoryRepo(db);
  const cveRepo = createCveRepo(db);
  const msrcRepo = createMsrcRepo(db);
  const feeds = createFeedService({
    db,
    feeds: feedRepo,
    advisories: advisoryRepo,
    cves: cveRepo,
    msrc: msrcRepo,
    audit,
    settings,
    events: options.events,
    clock,
  });
  const mustGetHost = (id: number) => {
    const host = hosts.get(id);
    if (!host) throw new AppError('not_found', `No host with id ${String(id)}; it may have been removed already`);
    return host;
  };

  const queue = createQueueService({
    dataVersion: storeVersion(db),
    excepted: () => exceptions.activeFixes(),
    hosts,
    scans: scanRepo,
    feeds: feedRepo,
    advisories: advisoryRepo,
    cves: cveRepo,
    msrc: msrcRepo,
    settings,
    clock,
  });
  const graph = createGraphService({
    db,
    graphs: createGraphRepo(db),
    hosts,
    scans: scanRepo,
    audit,
    events: options.events,
    clock,
  });

  const plans = createPlanService({
    db,
    hosts,
    graph,
    queue,
    audit,
    events: options.events,
    clock,
    released: (ids) => advisoryRepo.published(ids),
    cvssScore: (cve) => cveRepo.cvss(cve)?.score ?? null,
  });
  const rollouts = createRolloutService({
    db,
    rollouts: createRolloutRepo(db),
    hosts,
    graph,
    plans,
    queue,
    audit,
    events: options.events,
    clock,
    sources: scans.sources,
    inventory: (hostId) => scanRepo.latestInventory(hostId)?.inventory,
    ...(options.rolloutTimeouts ? { timeouts: options.rolloutTimeouts } : {}),
    ...(options.hostActions ? { actions: options.hostActions } : {}),
  });

  const services = {
    hosts,
    scans,
    secrets,
    feeds,
    queue,
    exceptions,
    graph,
    plans,
    rollouts,
    // Loaded on first use: its parsers (yaml among them) would otherwise slow every CLI start.
    importHosts: async (request: ImportRequest, ctx: CallContext) => {
      const { importHosts } = await import('./fleet/import/apply');
      return importHosts(request, hosts, (work) => db.transaction(work)(), ctx);
    },
    testConnection: (id: number) => testConnection(mustGetHost(id), scans.sources),
    trustHostKey: (id: number, fingerprint: string, ctx: CallContext) =>
      trustHostKey(mustGetHost(id), fingerprint, scans.sources, hosts, ctx),
    async setSecret(name: string, value: string, ctx: CallContext) {
      await secrets.put(name, value);
      const entry = audit.append({ actor: ctx.actor, action: 'secret.set', target: `secret:${name}` });
      options.events('audit.entry', { seq: entry.seq, action: entry.action });
      const info = secrets.list().find((secret) => secret.name === name);
      if (!info) throw new AppError('internal', `The secret ${name} was not stored`);
      return info;
    },
    removeSecret(name: string, ctx: CallContext) {
      if (!secrets.has(name)) throw new AppError('not_found', `No secret named ${name}`);
      secrets.remove(name);
      const entry = audit.append({ actor: ctx.actor, action: 'secret.remove', target: `secret:${name}` });
      options.events('audit.entry', { seq: entry.seq, action: entry.action });
      return { name };
    },
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
    /**
     * Rollouts a stopped process left unfinished are reconciled with their hosts (and paused for
     * an admin when anything was in flight). Asynchronous, since it asks the hosts; the desktop
     * app and the headless server run it at start, the CLI's read-only commands do not.
     */
    reconcileRollouts: () => rollouts.reconcile(),
    close: () => {
      rollouts.stop();
      scans.stop();
      store.close();
    },
  };
}

export type AppServices = ReturnType<typeof createApp>['services'];
export type App = ReturnType<typeof createApp>;
