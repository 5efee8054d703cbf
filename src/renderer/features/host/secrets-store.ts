import { create } from 'zustand';
import type { SecretInfo } from '../../../shared/domain/secret';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';

/** The per-host secrets the app asks for; the names follow src/shared/domain/secret.ts. */
export const HOST_SECRET_KINDS = ['sudo', 'password', 'passphrase'] as const;
export type HostSecretKind = (typeof HOST_SECRET_KINDS)[number];

export const secretName = (kind: HostSecretKind, hostName: string): string => `${kind}:${hostName}`;

interface SecretsState {
  /** Names and dates only: a secret's value never comes back from the main side. */
  secrets: SecretInfo[] | null;
  error: string | null;
  load: () => Promise<void>;
  store: (name: string, value: string) => Promise<Envelope<SecretInfo>>;
  remove: (name: string) => Promise<Envelope<{ name: string }>>;
}

export const useSecretsStore = create<SecretsState>()((set, get) => ({
  secrets: null,
  error: null,
  async load() {
    const reply = await call('secrets.list', {});
    set(reply.ok ? { secrets: reply.value, error: null } : { error: reply.error.message });
  },
  async store(name, value) {
    const reply = await call('secrets.set', { name, value });
    if (reply.ok) void get().load();
    return reply;
  },
  async remove(name) {
    const reply = await call('secrets.remove', { name });
    if (reply.ok) void get().load();
    return reply;
  },
}));
