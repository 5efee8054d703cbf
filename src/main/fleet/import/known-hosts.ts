import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseHostKey } from '../../domain/ssh/host-key';
import { globMatches, type LineError } from './draft';

/** One host pattern of a known_hosts line: readable (`web1`, `[10.0.0.5]:2222`, `*.lan`) or hashed. */
export type KnownHostPattern =
  { kind: 'plain'; pattern: string; port: number; negated: boolean } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  line: number;
  /** The host field as written, for messages. */
  hosts: string;
  patterns: KnownHostPattern[];
  algorithm: string;
  /** The key blob, base64, as in the file. */
  publicKey: string;
  fingerprint: string;
}

const SHA1_LENGTH = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SUPPORTED = 'ssh-ed25519, ecdsa-sha2-nistp256/384/521 and ssh-rsa';

function hashedPattern(field: string): KnownHostPattern | null {
  const [, magic, salt = '', hash = ''] = field.split('|');
  if (magic !== '1' || !BASE64.test(salt) || !BASE64.test(hash)) return null;
  const pattern = { kind: 'hashed' as const, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  return pattern.hash.length === SHA1_LENGTH ? pattern : null;
}

function plainPattern(field: string): KnownHostPattern | null {
  const negated = field.startsWith('!');
  const body = negated ? field.slice(1) : field;
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(body);
  const pattern = (bracketed?.[1] ?? body).toLowerCase();
  if (pattern === '' || /[[\]]/.test(pattern)) return null;
  return { kind: 'plain', pattern, port: bracketed?.[2] ? Number(bracketed[2]) : 22, negated };
}

/** Why a line cannot be read, or its entry and the marker in front of it, if any. */
function parseLine(text: string, line: number): { marker: string | undefined; entry: KnownHostEntry } | string {
  const fields = text.trim().split(/\s+/);
  const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
  if (marker !== undefined && marker !== '@revoked' && marker !== '@cert-authority')
    return `Unknown marker ${marker}; line skipped`;
  const [hosts = '', algorithm = '', publicKey = ''] = fields;
  if (publicKey === '' || !/^(ssh|ecdsa|sk)-/.test(algorithm)) return 'Expected host names, a key type and a key';
  const patterns = hosts.startsWith('|') ? [hashedPattern(hosts)] : hosts.split(',').map(plainPattern);
  if (patterns.some((p) => p === null)) return `Cannot read the host names ${hosts}`;
  const key = parseHostKey(`${algorithm} ${publicKey}`);
  if (!key) {
    return /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521))$/.test(algorithm)
      ? `The ${algorithm} key is not valid (bad base64, or the blob is for another key type)`
      : `Key type ${algorithm} is not supported; supported: ${SUPPORTED}`;
  }
  return { marker, entry: { line, hosts, patterns: patterns.filter((p) => p !== null), ...key } };
}

/**
 * Reads known_hosts text; comments and blank lines are skipped, anything else unreadable is an
 * error. A key marked @revoked anywhere in the file is dropped wherever else it appears.
 */
export function parseKnownHosts(text: string): { entries: KnownHostEntry[]; errors: LineError[] } {
  const entries: KnownHostEntry[] = [];
  const errors: LineError[] = [];
  const revoked = new Map<string, number>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const parsed = parseLine(raw, line);
    if (typeof parsed === 'string') {
      errors.push({ line, message: parsed });
    } else if (parsed.marker === '@revoked') {
      revoked.set(parsed.entry.fingerprint, line);
      errors.push({ line, message: 'A @revoked key is never pinned; line skipped' });
    } else if (parsed.marker === '@cert-authority') {
      errors.push({ line, message: 'A @cert-authority line trusts a CA, not one host key; line skipped' });
    } else {
      entries.push(parsed.entry);
    }
  }
  for (const entry of entries) {
    const at = revoked.get(entry.fingerprint);
    if (at !== undefined)
      errors.push({ line: entry.line, message: `This key is @revoked on line ${at}; never pinned` });
  }
  return {
    entries: entries.filter((entry) => !revoked.has(entry.fingerprint)),
    errors: errors.sort((x, y) => x.line - y.line),
  };
}

function hashedMatches(pattern: { salt: Buffer; hash: Buffer }, name: string): boolean {
  const digest = createHmac('sha1', pattern.salt).update(name).digest();
  return timingSafeEqual(digest, pattern.hash);
}

/**
 * Whether an entry is for this host name or address on this port, as ssh decides it: hashed
 * names are HMAC-SHA1 of `host` (port 22) or `[host]:port`, and one negated match rules the line out.
 */
export function matchesKnownHost(entry: KnownHostEntry, hostOrAddress: string, port = 22): boolean {
  const host = hostOrAddress.toLowerCase();
  const hashedName = port === 22 ? host : `[${host}]:${port}`;
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.kind === 'hashed') {
      matched ||= hashedMatches(pattern, hashedName);
    } else if (pattern.port === port && globMatches(pattern.pattern, host)) {
      if (pattern.negated) return false;
      matched = true;
    }
  }
  return matched;
}
