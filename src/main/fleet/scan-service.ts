import type { Host } from '../../shared/domain/host';
import type { HostDetail, HostScanState, ScanRun } from '../../shared/domain/scan';
import { AppError, type ErrorData } from '../../shared/result';
import { inventoryChanges, isRescanDue } from '../domain/inventory/changes';
import type { CallContext, Clock, EventSink } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { AuditRepo } from '../store/audit-repo';
import type { ScanRepo } from '../store/scan-repo';
import type { SettingsRepo } from '../store/settings-repo';
import type { HostService } from './host-service';
import { scanHost, type HostScan } from './scan';
import { runBounded } from './ssh/bounded';
import type { TargetSources } from './ssh/target';

interface Deps {
  scans: ScanRepo;
  hosts: HostService;
  secrets: SecretStore;
  settings: SettingsRepo;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

interface ScanLimits {
  concurrency: number;
  timeoutSeconds: number;
}

const HISTORY = 50;
const SCHEDULE_CHECK_MS = 60_000;

/**
 * Scan runs: each host's progress is written to the store and announced as it happens, so a
 * renderer that reloads mid-run still sees it; a run the app did not finish (it stopped) is
 * marked interrupted when the app starts again.
 */
export function createScanService({ scans, hosts, secrets, settings, audit, events, clock }: Deps) {
  const active = new Map<number, AbortController>();
  let timer: NodeJS.Timeout | undefined;
  // After stop() the store is closing: runs still unwinding write nothing, and the next start
  // finds them `running` and marks them interrupted, which is what happened.
  let stopped = false;
  const now = (): string => clock().toISOString();

  const sources: TargetSources = {
    hostByName: (name) => hosts.list().find((host) => host.name.toLowerCase() === name.toLowerCase()),
    pinnedKey: (hostId) => hosts.hostKey(hostId) ?? null,
    secret: async (ref) => (secrets.has(ref) ? secrets.get(ref) : undefined),
  };

  const record = (runId: number, scan: HostScan): void => {
    if (scan.status !== 'ok' || stopped) return;
    const previous = scans.latestInventory(scan.hostId);
    const changes = previous ? inventoryChanges(previous.inventory, scan.inventory) : null;
    scans.saveInventory(runId, scan.hostId, scan.inventory, changes, now());
  };

  const audited = (ctx: CallContext, action: string, runId: number, details: Record<string, unknown>): void => {
    const entry = audit.append({ actor: ctx.actor, action, target: `run:${String(runId)}`, details });
    events('audit.entry', { seq: entry.seq, action: entry.action });
  };

  async function execute(
    runId: number,
    targets: Host[],
    controller: AbortController,
    limits: ScanLimits,
  ): Promise<HostScan[]> {
    const options = {
      ...sources,
      concurrency: limits.concurrency,
      commandTimeoutMs: limits.timeoutSeconds * 1000,
      signal: controller.signal,
      onProgress: (host: Host, state: HostScanState, error: ErrorData | null) => {
        if (state === 'ok' || stopped) return; // ok is recorded with its inventory
        scans.setHostState(runId, host.id, state, error, now());
        events('scan.progress', { runId, hostId: host.id, name: host.name, state, error });
      },
    };
    try {
      // Each host is stored as soon as it is done, so the table fills in while the run goes on.
      return await runBounded(targets, limits.concurrency, async (host) => {
        const scan = await scanHost(host, options);
        if (scan.status === 'ok' && !stopped) {
          record(runId, scan);
          events('scan.progress', { runId, hostId: scan.hostId, name: scan.name, state: 'ok', error: null });
        }
        return scan;
      });
    } finally {
      active.delete(runId);
      if (!stopped) {
        const state = controller.signal.aborted ? 'cancelled' : 'done';
        scans.finishRun(runId, state, now());
        events('scan.run', { runId, state });
      }
    }
  }

  const service = {
    /** Starts a run and returns at once; `done` settles when every host has an answer. */
    start(
      hostIds: readonly number[] | undefined,
      trigger: ScanRun['trigger'],
      ctx: CallContext,
      limits: Partial<ScanLimits> = {},
    ) {
      const fleet = hosts.list();
      const targets = hostIds ? fleet.filter((host) => hostIds.includes(host.id)) : fleet;
      const missing = (hostIds ?? []).filter((id) => !fleet.some((host) => host.id === id));
      if (missing.length > 0) throw new AppError('not_found', `No host with id ${missing.join(', ')}`);
      if (targets.length === 0) throw new AppError('invalid_input', 'There are no hosts to scan: add some first');
      const runId = scans.createRun(trigger, targets, now());
      audited(ctx, 'scan.start', runId, { trigger, hosts: targets.map((host) => host.name) });
      const controller = new AbortController();
      active.set(runId, controller);
      events('scan.run', { runId, state: 'running' });
      const { scanConcurrency, scanTimeoutSeconds } = settings.get();
      const resolved = { concurrency: scanConcurrency, timeoutSeconds: scanTimeoutSeconds, ...limits };
      return { runId, done: execute(runId, targets, controller, resolved) };
    },
    cancel(runId: number, ctx: CallContext): { runId: number } {
      const controller = active.get(runId);
      if (!controller) throw new AppError('not_found', `Scan run ${String(runId)} is not running`);
      audited(ctx, 'scan.cancel', runId, {});
      controller.abort();
      return { runId };
    },
    runs: (limit: number): ScanRun[] => scans.runs(limit),
    summaries: () => scans.summaries(),
    detail(hostId: number): HostDetail {
      if (!hosts.get(hostId)) throw new AppError('not_found', `No host with id ${String(hostId)}`);
      const latest = scans.latestInventory(hostId);
      return {
        summary: scans.summary(hostId),
        inventory: latest?.inventory ?? null,
        inventoryAt: latest?.at ?? null,
        history: scans.history(hostId, HISTORY),
      };
    },
    /** Marks runs a previous process left running as interrupted; returns how many. */
    reconcile(): number {
      const stale = scans.runningRunIds().filter((id) => !active.has(id));
      for (const runId of stale) scans.finishRun(runId, 'interrupted', now());
      return stale.length;
    },
    /** Checks once a minute whether the fleet is due a rescan (settings: rescanIntervalHours). */
    startSchedule(): void {
      timer ??= setInterval(() => {
        service.rescanIfDue();
      }, SCHEDULE_CHECK_MS);
      timer.unref();
    },
    rescanIfDue(): number | null {
      if (active.size > 0 || hosts.list().length === 0) return null;
      if (!isRescanDue(scans.lastRunStartedAt(), settings.get().rescanIntervalHours, clock())) return null;
      return service.start(undefined, 'schedule', { actor: 'schedule' }).runId;
    },
    /** Cancels what runs and stops the schedule (the app is closing). */
    stop(): void {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      for (const controller of active.values()) controller.abort();
    },
    sources,
  };
  return service;
}

export type ScanService = ReturnType<typeof createScanService>;
