import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  connectionSchema,
  hostInventorySchema,
  type Connection,
  type HostInventory,
} from '../../shared/domain/inventory';
import {
  inventoryChangesSchema,
  type HostScanRecord,
  type HostScanState,
  type HostSummary,
  type ScanRun,
  type ScanRunState,
} from '../../shared/domain/scan';
import type { ErrorData } from '../../shared/result';

/** Full inventories kept per host; older scans keep only what changed. */
const KEEP_INVENTORIES = 5;

interface RunRow {
  id: number;
  trigger: ScanRun['trigger'];
  state: ScanRunState;
  started_at: string;
  finished_at: string | null;
}

interface HostScanRow {
  id: number;
  run_id: number;
  host_id: number;
  host_name: string;
  state: HostScanState;
  started_at: string | null;
  finished_at: string | null;
  error_code: ErrorData['code'] | null;
  error_message: string | null;
  inventory: string | null;
  changes: string | null;
  os_name: string | null;
  package_count: number | null;
  upgrade_count: number | null;
  security_count: number | null;
  reboot_required: number | null;
}

type SummaryRow = Pick<
  HostScanRow,
  | 'host_id'
  | 'state'
  | 'finished_at'
  | 'error_code'
  | 'error_message'
  | 'os_name'
  | 'package_count'
  | 'upgrade_count'
  | 'security_count'
  | 'reboot_required'
>;

const toSummary = (row: Partial<SummaryRow> & { host_id: number }): HostSummary => ({
  hostId: row.host_id,
  lastScanAt: row.finished_at ?? null,
  lastStatus: (row.state ?? null) as HostSummary['lastStatus'],
  lastError: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  osName: row.os_name ?? null,
  packages: row.package_count ?? null,
  upgrades: row.upgrade_count ?? null,
  securityUpdates: row.security_count ?? null,
  rebootRequired: row.reboot_required === undefined || row.reboot_required === null ? null : row.reboot_required === 1,
});

const errorOf = (row: Pick<HostScanRow, 'error_code' | 'error_message'>) =>
  row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null;

export function createScanRepo(db: Database.Database) {
  const hostRows = db.prepare<[number], HostScanRow>('SELECT * FROM host_scan WHERE run_id = ? ORDER BY host_name');
  const toRun = (row: RunRow): ScanRun => ({
    id: row.id,
    trigger: row.trigger,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    hosts: hostRows
      .all(row.id)
      .map((host) => ({ hostId: host.host_id, name: host.host_name, state: host.state, error: errorOf(host) })),
  });
  const summarySql = `
    WITH last AS (
      SELECT host_id, state, finished_at, error_code, error_message,
             ROW_NUMBER() OVER (PARTITION BY host_id ORDER BY id DESC) AS n
      FROM host_scan WHERE state IN ('ok', 'failed', 'cancelled')),
    ok AS (
      SELECT host_id, os_name, package_count, upgrade_count, security_count, reboot_required,
             ROW_NUMBER() OVER (PARTITION BY host_id ORDER BY id DESC) AS n
      FROM host_scan WHERE state = 'ok')
    SELECT h.id AS host_id, last.state, last.finished_at, last.error_code, last.error_message,
           ok.os_name, ok.package_count, ok.upgrade_count, ok.security_count, ok.reboot_required
    FROM host h
    LEFT JOIN last ON last.host_id = h.id AND last.n = 1
    LEFT JOIN ok ON ok.host_id = h.id AND ok.n = 1`;
  const summaries = db.prepare<[], SummaryRow>(`${summarySql} ORDER BY h.id`);
  const summaryOf = db.prepare<[number], SummaryRow>(`${summarySql} WHERE h.id = ?`);

  return {
    createRun(trigger: ScanRun['trigger'], hosts: readonly { id: number; name: string }[], at: string): number {
      return db.transaction(() => {
        const runId = Number(
          db.prepare("INSERT INTO scan_run (trigger, state, started_at) VALUES (?, 'running', ?)").run(trigger, at)
            .lastInsertRowid,
        );
        const insert = db.prepare(
          "INSERT INTO host_scan (run_id, host_id, host_name, state) VALUES (?, ?, ?, 'queued')",
        );
        for (const host of hosts) insert.run(runId, host.id, host.name);
        return runId;
      })();
    },
    setHostState(runId: number, hostId: number, state: HostScanState, error: ErrorData | null, at: string): void {
      const final = state === 'ok' || state === 'failed' || state === 'cancelled';
      db.prepare(
        `UPDATE host_scan SET state = @state, error_code = @code, error_message = @message,
           started_at = COALESCE(started_at, @at), finished_at = CASE WHEN @final THEN @at ELSE NULL END
         WHERE run_id = @runId AND host_id = @hostId`,
      ).run({
        state,
        code: error?.code ?? null,
        message: error?.message ?? null,
        at,
        final: final ? 1 : 0,
        runId,
        hostId,
      });
    },
    /** Stores a successful scan with what changed since the host's previous one. */
    saveInventory(runId: number, hostId: number, inventory: HostInventory, changes: unknown, at: string): void {
      db.transaction(() => {
        db.prepare(
          `UPDATE host_scan SET state = 'ok', finished_at = @at, started_at = COALESCE(started_at, @at),
             inventory = @inventory, changes = @changes, os_name = @osName, package_count = @packages,
             upgrade_count = @upgrades, security_count = @security, reboot_required = @reboot
           WHERE run_id = @runId AND host_id = @hostId`,
        ).run({
          at,
          inventory: JSON.stringify(inventory),
          changes: changes === null ? null : JSON.stringify(changes),
          osName: inventory.os.name,
          packages: inventory.packages.length,
          upgrades: inventory.upgrades.length,
          security: inventory.securityUpdates.length,
          reboot: inventory.rebootRequired ? 1 : 0,
          runId,
          hostId,
        });
        db.prepare(
          `UPDATE host_scan SET inventory = NULL WHERE host_id = ? AND inventory IS NOT NULL AND id NOT IN
             (SELECT id FROM host_scan WHERE host_id = ? AND inventory IS NOT NULL ORDER BY id DESC LIMIT ?)`,
        ).run(hostId, hostId, KEEP_INVENTORIES);
      })();
    },
    finishRun(runId: number, state: ScanRunState, at: string): void {
      db.transaction(() => {
        db.prepare(
          "UPDATE host_scan SET state = 'cancelled', finished_at = ? WHERE run_id = ? AND state IN ('queued', 'connecting', 'collecting')",
        ).run(at, runId);
        db.prepare('UPDATE scan_run SET state = ?, finished_at = ? WHERE id = ?').run(state, at, runId);
      })();
    },
    /** Runs left `running` by an app that stopped: they can never finish now. */
    runningRunIds(): number[] {
      return db
        .prepare<[], { id: number }>("SELECT id FROM scan_run WHERE state = 'running'")
        .all()
        .map((row) => row.id);
    },
    run(runId: number): ScanRun | undefined {
      const row = db.prepare<[number], RunRow>('SELECT * FROM scan_run WHERE id = ?').get(runId);
      return row ? toRun(row) : undefined;
    },
    runs(limit: number): ScanRun[] {
      return db.prepare<[number], RunRow>('SELECT * FROM scan_run ORDER BY id DESC LIMIT ?').all(limit).map(toRun);
    },
    lastRunStartedAt(): string | null {
      return (
        db.prepare<[], { started_at: string }>('SELECT started_at FROM scan_run ORDER BY id DESC LIMIT 1').get()
          ?.started_at ?? null
      );
    },
    latestInventory(hostId: number): { inventory: HostInventory; at: string } | undefined {
      const row = db
        .prepare<[number], HostScanRow>(
          "SELECT * FROM host_scan WHERE host_id = ? AND state = 'ok' AND inventory IS NOT NULL ORDER BY id DESC LIMIT 1",
        )
        .get(hostId);
      if (!row?.inventory) return undefined;
      return { inventory: hostInventorySchema.parse(JSON.parse(row.inventory)), at: row.finished_at ?? '' };
    },
    /**
     * The connections of every host's latest successful inventory, by host id, read out of the
     * stored JSON by SQLite: the graph's proposals need only these, not thousands of packages.
     */
    latestConnections(): Map<number, Connection[] | null> {
      const rows = db
        .prepare<[], { host_id: number; connections: string | null }>(
          `SELECT host_id, json_extract(inventory, '$.connections') AS connections FROM host_scan
           WHERE id IN (SELECT MAX(id) FROM host_scan WHERE state = 'ok' AND inventory IS NOT NULL GROUP BY host_id)`,
        )
        .all();
      return new Map(
        rows.map((row) => [
          row.host_id,
          row.connections === null ? null : z.array(connectionSchema).parse(JSON.parse(row.connections)),
        ]),
      );
    },
    /** Every host's last scan at a glance, in one query (the fleet table has thousands). */
    summaries(): HostSummary[] {
      return summaries.all().map(toSummary);
    },
    summary(hostId: number): HostSummary {
      const row = summaryOf.get(hostId);
      return toSummary(row ?? { host_id: hostId });
    },
    history(hostId: number, limit: number): HostScanRecord[] {
      return db
        .prepare<[number, number], HostScanRow>(
          `SELECT * FROM host_scan WHERE host_id = ? AND state IN ('ok', 'failed', 'cancelled')
           ORDER BY id DESC LIMIT ?`,
        )
        .all(hostId, limit)
        .map((row) => ({
          id: row.id,
          runId: row.run_id,
          startedAt: row.started_at ?? row.finished_at ?? '',
          finishedAt: row.finished_at ?? '',
          status: row.state as HostScanRecord['status'],
          error: errorOf(row),
          changes: row.changes ? inventoryChangesSchema.parse(JSON.parse(row.changes)) : null,
        }));
    },
  };
}

export type ScanRepo = ReturnType<typeof createScanRepo>;
