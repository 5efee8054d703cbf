import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../shared/domain/audit';
import { hostInputOf, type Host, type HostInput } from '../../shared/domain/host';
import { AppError } from '../../shared/result';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AuditRepo } from '../store/audit-repo';
import type { HostKeyRepo, PinnedHostKey } from '../store/host-key-repo';
import type { HostRepo } from '../store/host-repo';
import { parseHostKey } from '../domain/ssh/host-key';

interface Deps {
  db: Database.Database;
  hosts: HostRepo;
  hostKeys: HostKeyRepo;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

/** What an audit entry records of a host: its editable fields; credentials by reference only. */
const describe = hostInputOf;

function changedFields(before: HostInput, after: HostInput): Record<string, { from: unknown; to: unknown }> {
  const a = describe(before);
  const b = describe(after);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = { from: a[key], to: b[key] };
  }
  return changes;
}

/** Host add/edit/remove. Each change and its audit entry commit together or not at all. */
export function createHostService({ db, hosts, hostKeys, audit, events, clock }: Deps) {
  function assertUnique(host: HostInput, exceptId = 0): void {
    const fields: Record<string, string> = {};
    const sameName = hosts.findByName(host.name, exceptId);
    if (sameName) fields['name'] = `A host named "${sameName.name}" already exists`;
    const sameEndpoint = hosts.findByEndpoint(host.address, host.port, exceptId);
    if (sameEndpoint) {
      fields['address'] = `Host "${sameEndpoint.name}" already uses ${host.address} port ${String(host.port)}`;
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('conflict', Object.values(fields).join('; '), fields);
    }
  }

  const announce = (entry: AuditEntry): void => {
    events('audit.entry', { seq: entry.seq, action: entry.action });
  };

  function mustGet(id: number): Host {
    const host = hosts.get(id);
    if (!host) throw new AppError('not_found', `No host with id ${String(id)}; it may have been removed already`);
    return host;
  }

  return {
    list: (): Host[] => hosts.list(),
    get: (id: number): Host | undefined => hosts.get(id),

    add(input: HostInput, ctx: CallContext): Host {
      const { host, entry } = db.transaction(() => {
        assertUnique(input);
        const inserted = hosts.insert(input, clock().toISOString());
        const target = `host:${String(inserted.id)}`;
        const details = describe(inserted);
        return {
          host: inserted,
          entry: audit.append({ actor: ctx.actor, action: 'host.add', target, hosts: [inserted.name], details }),
        };
      })();
      events('fleet.change', { action: 'added', hostId: host.id });
      announce(entry);
      return host;
    },

    update(id: number, input: HostInput, ctx: CallContext): Host {
      const { host, entry } = db.transaction(() => {
        const before = mustGet(id);
        assertUnique(input, id);
        const changes = changedFields(before, input);
        // Saving an unchanged form is not a change: nothing to store, nothing to audit.
        if (Object.keys(changes).length === 0) return { host: before, entry: undefined };
        const updated = hosts.update(id, input, clock().toISOString());
        const target = `host:${String(id)}`;
        return {
          host: updated,
          entry: audit.append({
            actor: ctx.actor,
            action: 'host.update',
            target,
            hosts: [updated.name],
            details: { changes },
          }),
        };
      })();
      if (entry) {
        events('fleet.change', { action: 'updated', hostId: id });
        announce(entry);
      }
      return host;
    },

    /** Trusts a host key: from now on a different key from this host is refused. */
    pinHostKey(id: number, keyLine: string, ctx: CallContext): PinnedHostKey {
      const key = parseHostKey(keyLine);
      if (!key) throw new AppError('invalid_input', 'That is not an SSH public host key line');
      const entry = db.transaction(() => {
        const host = mustGet(id);
        const previous = hostKeys.get(id);
        hostKeys.pin(id, key, clock().toISOString(), ctx.actor);
        // A different key than before is a re-trust; the entry says which key it replaced.
        const details = {
          algorithm: key.algorithm,
          fingerprint: key.fingerprint,
          replaced: previous?.fingerprint ?? null,
        };
        return audit.append({
          actor: ctx.actor,
          action: 'host.key.pin',
          target: `host:${String(id)}`,
          hosts: [host.name],
          details,
        });
      })();
      announce(entry);
      return hostKeys.get(id) as PinnedHostKey;
    },

    hostKey: (id: number): PinnedHostKey | undefined => hostKeys.get(id),

    remove(id: number, ctx: CallContext): { id: number } {
      const entry = db.transaction(() => {
        const host = mustGet(id);
        hosts.remove(id);
        const target = `host:${String(id)}`;
        return audit.append({
          actor: ctx.actor,
          action: 'host.remove',
          target,
          hosts: [host.name],
          details: describe(host),
        });
      })();
      events('fleet.change', { action: 'removed', hostId: id });
      announce(entry);
      return { id };
    },
  };
}

export type HostService = ReturnType<typeof createHostService>;
