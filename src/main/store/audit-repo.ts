import type Database from 'better-sqlite3';
import type { AuditEntry, AuditVerification } from '../../shared/domain/audit';
import { entryHash, GENESIS_HASH, verifyChain, type ChainedEntry } from '../domain/audit/chain';

export interface AuditRecord {
  actor: string;
  action: string;
  target: string;
  hosts?: string[];
  details?: Record<string, unknown>;
  outputDigest?: string | null;
}

interface EntryRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  hosts: string;
  details: string;
  output_digest: string | null;
  prev_hash: string;
  hash: string;
}

const toChained = (row: EntryRow): ChainedEntry => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  target: row.target,
  hosts: row.hosts,
  details: row.details,
  outputDigest: row.output_digest,
  prevHash: row.prev_hash,
  hash: row.hash,
});

const toEntry = (row: EntryRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  target: row.target,
  hosts: JSON.parse(row.hosts) as string[],
  details: JSON.parse(row.details) as Record<string, unknown>,
  outputDigest: row.output_digest,
  hash: row.hash,
});

export function createAuditRepo(db: Database.Database, now: () => Date) {
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insert = db.prepare(`INSERT INTO audit_entry
    (seq, at, actor, action, target, hosts, details, output_digest, prev_hash, hash)
    VALUES (@seq, @at, @actor, @action, @target, @hosts, @details, @outputDigest, @prevHash, @hash)`);
  const moveHead = db.prepare(
    'INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT (id) DO UPDATE SET seq = @seq, hash = @hash',
  );

  return {
    /** Appends one entry. Call inside the transaction that makes the change it records. */
    append(record: AuditRecord): AuditEntry {
      const last = head.get();
      const fields = {
        seq: (last?.seq ?? 0) + 1,
        at: now().toISOString(),
        actor: record.actor,
        action: record.action,
        target: record.target,
        hosts: JSON.stringify(record.hosts ?? []),
        details: JSON.stringify(record.details ?? {}),
        outputDigest: record.outputDigest ?? null,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(fields, prevHash);
      insert.run({ ...fields, prevHash, hash });
      moveHead.run({ seq: fields.seq, hash });
      return toEntry({ ...fields, output_digest: fields.outputDigest, prev_hash: prevHash, hash });
    },

    /** Newest first. */
    list(limit: number, beforeSeq?: number): AuditEntry[] {
      const rows = db
        .prepare<[number, number], EntryRow>('SELECT * FROM audit_entry WHERE seq < ? ORDER BY seq DESC LIMIT ?')
        .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit);
      return rows.map(toEntry);
    },

    verify(): AuditVerification {
      const rows = db.prepare<[], EntryRow>('SELECT * FROM audit_entry ORDER BY seq').iterate();
      const chained = (function* () {
        for (const row of rows) yield toChained(row);
      })();
      return verifyChain(chained, head.get());
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
