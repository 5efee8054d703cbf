import { readFile } from 'node:fs/promises';
import type { Host } from '../../../shared/domain/host';
import { AppError } from '../../../shared/result';
import type { SshTarget } from './session';

export interface TargetSources {
  /** Another host of the fleet, for jump hosts. */
  hostByName: (name: string) => Host | undefined;
  /** The pinned host key, or null when none is pinned. */
  pinnedKey: (hostId: number) => { fingerprint: string; algorithm: string } | null;
  /** Secrets by reference (private keys, passwords), read on the main side only. */
  secret: (ref: string) => Promise<string | undefined>;
}

/** Jump chains longer than this are a loop or a mistake. */
const MAX_JUMPS = 3;

async function credentials(host: Host, sources: TargetSources): Promise<Partial<SshTarget>> {
  const ref = host.credentialRef;
  switch (host.authMethod) {
    case 'agent': {
      const agent = process.env['SSH_AUTH_SOCK'];
      if (!agent)
        throw new AppError(
          'auth_failed',
          `${host.name} uses ssh-agent, but no agent is running (SSH_AUTH_SOCK is not set)`,
        );
      return { agent };
    }
    case 'key': {
      if (!ref) throw new AppError('auth_failed', `${host.name} has no key: set its credential reference`);
      const passphrase = await sources.secret(`passphrase:${host.name}`);
      const privateKey = ref.startsWith('file:')
        ? await readFile(ref.slice('file:'.length)).catch((error: unknown) => {
            throw new AppError('auth_failed', `${host.name}: cannot read its key file: ${(error as Error).message}`);
          })
        : await sources.secret(ref).then((key) => (key === undefined ? undefined : Buffer.from(key)));
      if (!privateKey) throw new AppError('auth_failed', `No stored secret named ${ref} for ${host.name}`);
      return { privateKey, ...(passphrase ? { passphrase } : {}) };
    }
    case 'password': {
      const password = ref ? await sources.secret(ref) : undefined;
      if (!password) throw new AppError('auth_failed', `No stored password for ${host.name}`);
      return { password };
    }
  }
}

/** How to reach a host: address, login, credentials, pinned key, and its jump host if any. */
export async function targetFor(host: Host, sources: TargetSources, chain: readonly string[] = []): Promise<SshTarget> {
  if (chain.includes(host.name) || chain.length > MAX_JUMPS)
    throw new AppError(
      'invalid_input',
      `Jump hosts form a loop or are too deep: ${[...chain, host.name].join(' -> ')}`,
    );
  let via: SshTarget | undefined;
  if (host.jumpHost) {
    const jump = sources.hostByName(host.jumpHost);
    if (!jump)
      throw new AppError('not_found', `${host.name} jumps through ${host.jumpHost}, which is not in the fleet`);
    via = await targetFor(jump, sources, [...chain, host.name]);
  }
  const pinned = sources.pinnedKey(host.id);
  return {
    name: host.name,
    address: host.address,
    port: host.port,
    username: host.loginUser,
    pinnedFingerprint: pinned?.fingerprint ?? null,
    ...(pinned ? { pinnedAlgorithm: pinned.algorithm } : {}),
    ...(await credentials(host, sources)),
    ...(via ? { via } : {}),
  };
}
