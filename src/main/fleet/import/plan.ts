import type { z } from 'zod';
import { hostInputSchema, type HostInput } from '../../../shared/domain/host';
import type { ImportDefaults, ImportFormat, ImportResult, ImportRow } from '../../../shared/domain/import';
import { parseAnsibleIni } from './ansible-ini';
import { parseAnsibleYaml } from './ansible-yaml';
import { parseCsv } from './csv';
import type { DraftsOf, HostDraft } from './draft';
import { matchesKnownHost, parseKnownHosts, type KnownHostEntry } from './known-hosts';
import { parseSshConfig } from './ssh-config';

/** What the plan needs to know of a host already in the fleet. */
export interface ExistingHost {
  name: string;
  address: string;
  port: number;
}

function draftsOf(format: Exclude<ImportFormat, 'known-hosts'>, text: string, home: string): DraftsOf {
  switch (format) {
    case 'ssh-config':
      return parseSshConfig(text, home);
    case 'ansible-ini':
      return parseAnsibleIni(text, home);
    case 'ansible-yaml':
      return parseAnsibleYaml(text, home);
    case 'csv':
      return parseCsv(text);
  }
}

/** The file's values over the admin's defaults; a key file means key auth, otherwise the agent. */
function candidateOf(d: HostDraft, defaults: ImportDefaults): Record<keyof HostInput, unknown> {
  const given = Object.fromEntries(Object.entries(d.fields).filter(([, value]) => value !== undefined));
  return {
    name: d.name,
    address: '',
    port: 22,
    osFamily: 'unknown',
    transport: 'ssh',
    authMethod: d.fields.credentialRef === undefined ? 'agent' : 'key',
    credentialRef: null,
    jumpHost: null,
    tags: [],
    controls: [],
    ...defaults,
    ...given,
  };
}

/** Zod's message plus the value it refused, so `Tags may contain …` says which tag. */
function problemOf(issue: z.core.$ZodIssue, candidate: unknown): string {
  const value: unknown = issue.path.reduce<unknown>(
    (at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined),
    candidate,
  );
  const shown = typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : null;
  return shown === null || shown === '""' ? issue.message : `${issue.message} (got ${shown})`;
}

const endpoint = (address: string, port: number): string => `${address.toLowerCase()} port ${port}`;

/** One row per draft: add, exists, or invalid with every reason, each name judged once. */
function rowsOf(drafts: HostDraft[], defaults: ImportDefaults, existing: ExistingHost[]): ImportRow[] {
  const inFleet = new Map(existing.map((host) => [host.name.toLowerCase(), host]));
  const endpoints = new Map(existing.map((host) => [endpoint(host.address, host.port), `Host "${host.name}"`]));
  const firstLine = new Map<string, number>();
  return drafts.map((d) => {
    const candidate = candidateOf(d, defaults);
    const parsed = hostInputSchema.safeParse(candidate);
    const issues = parsed.error?.issues.map((issue) => problemOf(issue, candidate)) ?? [];
    const problems = [...d.notes, ...d.blockers, ...issues];
    const row: ImportRow = {
      line: d.line,
      name: d.name,
      action: 'invalid',
      host: parsed.data ?? null,
      fingerprint: null,
      problems,
    };
    const earlier = firstLine.get(d.name.toLowerCase());
    if (earlier === undefined) firstLine.set(d.name.toLowerCase(), d.line);
    if (earlier !== undefined) problems.push(`Line ${earlier} already has a host named ${d.name}`);
    else if (inFleet.has(d.name.toLowerCase())) row.action = 'exists';
    else if (parsed.success && d.blockers.length === 0) {
      // The store refuses a second host on the same address and port, so say so now.
      const at = endpoint(parsed.data.address, parsed.data.port);
      const owner = endpoints.get(at);
      if (owner) problems.push(`${owner} already uses ${at}`);
      else {
        endpoints.set(at, `The host on line ${d.line}`);
        row.action = 'add';
      }
    }
    return row;
  });
}

/** Where a jump host leads from a row: the name of the host it reaches, or why it reaches none. */
function jumpTarget(
  row: ImportRow,
  rows: ImportRow[],
  adding: ImportRow[],
  known: ExistingHost[],
): { name: string } | string {
  const jump = row.host?.jumpHost ?? '';
  const same = (name: string): boolean => name.toLowerCase() === jump.toLowerCase();
  const byName = known.find((host) => same(host.name));
  const byAddress = known.filter((host) => same(host.address));
  const name = byName?.name ?? (byAddress.length === 1 ? byAddress[0]?.name : undefined);
  if (name === undefined) {
    const stranded = rows.find((other) => same(other.name));
    return stranded
      ? `Jump host ${jump} (line ${stranded.line}) is not being added`
      : `Jump host ${jump} is neither in the fleet nor added by this file`;
  }
  // Follow the chain through the rows this pass started with, so every host in a loop is told so.
  const path = [row.name];
  let hop: string | null | undefined = name;
  while (hop && path.length <= rows.length) {
    const next: string = hop;
    if (next.toLowerCase() === row.name.toLowerCase()) return `Jump hosts form a loop: ${[...path, next].join(' → ')}`;
    const via = adding.find((other) => other.name.toLowerCase() === next.toLowerCase());
    path.push(next);
    hop = via?.host?.jumpHost;
  }
  return { name };
}

/**
 * A jump host must be in the fleet or added by this file. A row that cannot be added strands the
 * rows that jump through it, so repeat until nothing changes.
 */
function checkJumps(rows: ImportRow[], existing: ExistingHost[]): void {
  for (let changed = true; changed;) {
    changed = false;
    const adding = rows.filter((row) => row.action === 'add');
    const known = [...existing, ...adding.flatMap((row) => (row.host ? [row.host] : []))];
    for (const row of adding) {
      if (!row.host?.jumpHost) continue;
      const target = jumpTarget(row, rows, adding, known);
      if (typeof target !== 'string') {
        row.host.jumpHost = target.name;
        continue;
      }
      row.problems.push(target);
      row.action = 'invalid';
      changed = true;
    }
  }
}

// ssh2 asks for host key types in this order, so a server with several keys presents the first it has.
const KEY_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'];

/** known_hosts: one pin per fleet host the file knows (by name or address); unmatched lines are errors. */
function planPins(text: string, existing: ExistingHost[]): Omit<ImportResult, 'applied'> {
  const { entries, errors } = parseKnownHosts(text);
  const used = new Set<KnownHostEntry>();
  const rows: ImportRow[] = [];
  for (const host of existing) {
    const matches = entries
      .filter((e) => matchesKnownHost(e, host.name, host.port) || matchesKnownHost(e, host.address, host.port))
      .sort((a, b) => KEY_PREFERENCE.indexOf(a.algorithm) - KEY_PREFERENCE.indexOf(b.algorithm) || a.line - b.line);
    const [best] = matches;
    if (!best) continue;
    matches.forEach((entry) => used.add(entry));
    const row: ImportRow = {
      line: best.line,
      name: host.name,
      action: 'pin',
      host: null,
      fingerprint: best.fingerprint,
      problems: [],
    };
    const rivals = matches.filter((e) => e.algorithm === best.algorithm && e.fingerprint !== best.fingerprint);
    const others = matches.filter((e) => e.algorithm !== best.algorithm);
    if (rivals.length > 0) {
      row.action = 'invalid';
      row.fingerprint = null;
      row.problems.push(
        `Lines ${[best, ...rivals].map((e) => e.line).join(', ')} give different ${best.algorithm} keys; pin this host by hand`,
      );
    } else if (others.length > 0) {
      row.problems.push(
        `Also listed: ${others.map((e) => `${e.algorithm} (line ${e.line})`).join(', ')}; one key is pinned per host, ${best.algorithm} because ssh offers it first`,
      );
    }
    rows.push(row);
  }
  for (const entry of entries.filter((e) => !used.has(e)))
    errors.push({
      line: entry.line,
      message: `No host in the fleet matches ${entry.hosts.startsWith('|') ? 'this hashed entry' : entry.hosts}`,
    });
  return { rows: rows.sort((a, b) => a.line - b.line), errors: errors.sort((a, b) => a.line - b.line) };
}

/**
 * What importing this file would do, without doing it. Never throws on what the file says:
 * lines it cannot read become errors, hosts it cannot add become invalid rows with reasons.
 */
export function planImport(
  format: ImportFormat,
  text: string,
  defaults: ImportDefaults,
  existing: ExistingHost[],
  home: string,
): ImportResult {
  if (format === 'known-hosts') return { ...planPins(text, existing), applied: false };
  const { drafts, errors } = draftsOf(format, text, home);
  const rows = rowsOf(drafts, defaults, existing);
  checkJumps(rows, existing);
  // A row that will not be added shows no host: its fields may be defaults standing in for values
  // the file got wrong (a port of `22x` is not port 22).
  for (const row of rows) if (row.action === 'invalid') row.host = null;
  return { rows, errors, applied: false };
}
