import { createHash } from 'node:crypto';

export interface ParsedHostKey {
  algorithm: string;
  /** The key blob, base64, as in known_hosts. */
  publicKey: string;
  /** OpenSSH's form: SHA256: then unpadded base64 of the blob's digest. */
  fingerprint: string;
}

const ALGORITHM = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521))$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Parses an OpenSSH public key line (`ssh-ed25519 AAAA… comment`), or null if it is not one. */
export function parseHostKey(line: string): ParsedHostKey | null {
  const [algorithm = '', publicKey = ''] = line.trim().split(/\s+/);
  if (!ALGORITHM.test(algorithm) || !BASE64.test(publicKey)) return null;
  const blob = Buffer.from(publicKey, 'base64');
  // The blob starts with its own algorithm name; a mismatch means a garbled or forged line.
  const nameLength = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (nameLength <= 0 || blob.subarray(4, 4 + nameLength).toString('latin1') !== algorithm) return null;
  return { algorithm, publicKey, fingerprint: fingerprintOf(blob) };
}
