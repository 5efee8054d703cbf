import { createHash } from 'node:crypto';
import type { AuditVerification } from '../../../shared/domain/audit';

/** The fields of an entry that its hash covers. */
export interface ChainedFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  hosts: string;
  details: string;
  outputDigest: string | null;
}

export interface ChainedEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** sha256 over a fixed-order JSON array of the fields and the previous entry's hash. */
export function entryHash(fields: ChainedFields, prevHash: string): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.at,
    fields.actor,
    fields.action,
    fields.target,
    fields.hosts,
    fields.details,
    fields.outputDigest,
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Walks the chain in order. Any edited field breaks that entry's hash; a removed entry leaves a
 * gap in `seq` or a `prevHash` that no longer matches; entries removed from the end disagree with
 * the separately kept head.
 */
export function verifyChain(
  entries: Iterable<ChainedEntry>,
  head: { seq: number; hash: string } | undefined,
): AuditVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const entry of entries) {
    const bad = (reason: string): AuditVerification => ({ ok: false, entries: count, firstBadSeq: entry.seq, reason });
    if (entry.seq !== expectedSeq) return bad(`entry ${String(expectedSeq)} is missing`);
    if (entry.prevHash !== prevHash) return bad(`entry ${String(entry.seq)} does not follow the entry before it`);
    if (entryHash(entry, entry.prevHash) !== entry.hash) return bad(`entry ${String(entry.seq)} was altered`);
    prevHash = entry.hash;
    expectedSeq += 1;
    count += 1;
  }
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS_HASH) !== prevHash) {
    return {
      ok: false,
      entries: count,
      firstBadSeq: lastSeq + 1,
      reason: `the log ends at entry ${String(lastSeq)} but entry ${String(head?.seq ?? 0)} was the last one written`,
    };
  }
  return { ok: true, entries: count };
}
