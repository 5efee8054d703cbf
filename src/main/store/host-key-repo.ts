import type Database from 'better-sqlite3';
import type { ParsedHostKey } from '../domain/ssh/host-key';

export interface PinnedHostKey extends ParsedHostKey {
  hostId: number;
  pinnedAt: string;
  pinnedBy: string;
}

interface Row {
  host_id: number;
  algorithm: string;
  public_key: string;
  fingerprint: string;
  pinned_at: string;
  pinned_by: string;
}

export function createHostKeyRepo(db: Database.Database) {
  return {
    get(hostId: number): PinnedHostKey | undefined {
      const row = db.prepare<[number], Row>('SELECT * FROM host_key WHERE host_id = ?').get(hostId);
      return row
        ? {
            hostId: row.host_id,
            algorithm: row.algorithm,
            publicKey: row.public_key,
            fingerprint: row.fingerprint,
            pinnedAt: row.pinned_at,
            pinnedBy: row.pinned_by,
          }
        : undefined;
    },
    pin(hostId: number, key: ParsedHostKey, at: string, by: string): void {
      db.prepare(
        `INSERT INTO host_key (host_id, algorithm, public_key, fingerprint, pinned_at, pinned_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (host_id) DO UPDATE SET algorithm = excluded.algorithm, public_key = excluded.public_key,
           fingerprint = excluded.fingerprint, pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by`,
      ).run(hostId, key.algorithm, key.publicKey, key.fingerprint, at, by);
    },
  };
}

export type HostKeyRepo = ReturnType<typeof createHostKeyRepo>;
