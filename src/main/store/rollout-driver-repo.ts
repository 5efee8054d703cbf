import type Database from 'better-sqlite3';

/** The process that holds a rollout's driver lease, as the table records it. */
export interface DriverRecord {
  owner: string;
  pid: number;
  machine: string;
  heartbeatAt: string;
}

interface DriverRow {
  owner: string;
  pid: number;
  machine: string;
  heartbeat_at: string;
}

/** The rollout_driver table (migration 16); the lease rules are main/rollout/driver-lease.ts. */
export function createRolloutDriverRepo(db: Database.Database) {
  const select = db.prepare<[number], DriverRow>(
    'SELECT owner, pid, machine, heartbeat_at FROM rollout_driver WHERE rollout_id = ?',
  );
  const upsert = db.prepare<[number, string, number, string, string]>(
    `INSERT INTO rollout_driver (rollout_id, owner, pid, machine, heartbeat_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (rollout_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid,
       machine = excluded.machine, heartbeat_at = excluded.heartbeat_at`,
  );
  const beat = db.prepare<[string, number, string]>(
    'UPDATE rollout_driver SET heartbeat_at = ? WHERE rollout_id = ? AND owner = ?',
  );
  const remove = db.prepare<[number, string]>('DELETE FROM rollout_driver WHERE rollout_id = ? AND owner = ?');
  return {
    get(rolloutId: number): DriverRecord | undefined {
      const row = select.get(rolloutId);
      return row && { owner: row.owner, pid: row.pid, machine: row.machine, heartbeatAt: row.heartbeat_at };
    },
    put(rolloutId: number, driver: DriverRecord): void {
      upsert.run(rolloutId, driver.owner, driver.pid, driver.machine, driver.heartbeatAt);
    },
    /** False when the lease is no longer this owner's (another process took it over). */
    renew: (rolloutId: number, owner: string, at: string): boolean => beat.run(at, rolloutId, owner).changes === 1,
    release(rolloutId: number, owner: string): void {
      remove.run(rolloutId, owner);
    },
  };
}

export type RolloutDriverRepo = ReturnType<typeof createRolloutDriverRepo>;
