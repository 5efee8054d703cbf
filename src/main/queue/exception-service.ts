import type Database from 'better-sqlite3';
import type { ExceptionInput, RiskException } from '../../shared/domain/queue';
import { AppError } from '../../shared/result';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AuditRepo } from '../store/audit-repo';
import type { ExceptionRepo, ExceptionRow } from '../store/exception-repo';

interface Deps {
  db: Database.Database;
  exceptions: ExceptionRepo;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

function toException(row: ExceptionRow, now: string): RiskException {
  return {
    id: row.id,
    fix: row.fix,
    kind: row.kind,
    owner: row.owner,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    state: row.revoked_at !== null ? 'revoked' : row.expires_at > now ? 'active' : 'expired',
  };
}

/**
 * Accepting or deferring a risk: the fix leaves the queue until the end of the expiry day (UTC)
 * or until an admin revokes the exception, and returns by itself after. Every change is audited.
 */
export function createExceptionService({ db, exceptions, audit, events, clock }: Deps) {
  const announce = (entry: { seq: number; action: string }): void => {
    events('audit.entry', { seq: entry.seq, action: entry.action });
  };
  return {
    add(input: ExceptionInput, ctx: CallContext): RiskException {
      const now = clock().toISOString();
      const expiresAt = `${input.expiresOn}T23:59:59.999Z`;
      if (expiresAt <= now)
        throw new AppError('invalid_input', 'The expiry must be today or later', {
          expiresOn: 'Must be today or later',
        });
      const { id, entry } = db.transaction(() => {
        const added = exceptions.add({
          fix: input.fix,
          kind: input.kind,
          owner: input.owner,
          reason: input.reason,
          expires_at: expiresAt,
          created_at: now,
          created_by: ctx.actor,
        });
        const audited = audit.append({
          actor: ctx.actor,
          action: input.kind === 'accept' ? 'risk.accept' : 'risk.defer',
          target: `fix:${input.fix}`,
          details: { owner: input.owner, reason: input.reason, expiresOn: input.expiresOn },
        });
        return { id: added, entry: audited };
      })();
      announce(entry);
      const row = exceptions.get(id);
      if (!row) throw new AppError('internal', `The exception for ${input.fix} was not stored`);
      return toException(row, now);
    },
    revoke(id: number, ctx: CallContext): RiskException {
      const now = clock().toISOString();
      const entry = db.transaction(() => {
        const row = exceptions.get(id);
        if (!row) throw new AppError('not_found', `No exception with id ${String(id)}`);
        if (row.revoked_at !== null) throw new AppError('conflict', `The exception for ${row.fix} was already revoked`);
        exceptions.revoke(id, now, ctx.actor);
        return audit.append({ actor: ctx.actor, action: 'risk.revoke', target: `fix:${row.fix}`, details: { id } });
      })();
      announce(entry);
      const row = exceptions.get(id);
      if (!row) throw new AppError('internal', `The exception ${String(id)} vanished`);
      return toException(row, now);
    },
    list(limit = 500): RiskException[] {
      const now = clock().toISOString();
      return exceptions.list(limit).map((row) => toException(row, now));
    },
    activeFixes(): Set<string> {
      return exceptions.activeFixes(clock().toISOString());
    },
  };
}

export type ExceptionService = ReturnType<typeof createExceptionService>;
