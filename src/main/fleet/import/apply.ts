import { homedir } from 'node:os';
import type { ImportDefaults, ImportFormat, ImportResult } from '../../../shared/domain/import';
import { AppError } from '../../../shared/result';
import type { CallContext } from '../../ports';
import type { HostService } from '../host-service';
import { parseKnownHosts } from './known-hosts';
import { planImport } from './plan';

export interface ImportRequest {
  format: ImportFormat;
  text: string;
  defaults: ImportDefaults;
  apply: boolean;
}

/**
 * Plans an import and, when asked, carries it out: adds the hosts of the `add` rows and pins
 * the keys of the `pin` rows, all in one transaction (with their audit entries) or none.
 * `~/` in key paths is this process's home: where the app (or `patchwise serve`) runs.
 */
export function importHosts(
  request: ImportRequest,
  hosts: HostService,
  transaction: <T>(work: () => T) => T,
  ctx: CallContext,
): ImportResult {
  const fleet = hosts.list();
  const plan = planImport(request.format, request.text, request.defaults, fleet, homedir());
  if (!request.apply) return plan;
  const keys = request.format === 'known-hosts' ? parseKnownHosts(request.text).entries : [];
  transaction(() => {
    for (const row of plan.rows) {
      if (row.action === 'add' && row.host) hosts.add(row.host, ctx);
      if (row.action === 'pin') {
        const host = fleet.find((candidate) => candidate.name.toLowerCase() === row.name.toLowerCase());
        const key = keys.find((entry) => entry.line === row.line && entry.fingerprint === row.fingerprint);
        if (!host || !key) throw new AppError('internal', `The import lost track of ${row.name}'s key`);
        hosts.pinHostKey(host.id, `${key.algorithm} ${key.publicKey}`, ctx);
      }
    }
  });
  return { ...plan, applied: true };
}
