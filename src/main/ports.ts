import type { EventName, EventPayload } from '../shared/contract';

/** Where services announce what changed; each transport forwards to its renderers. */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export type Clock = () => Date;

/** Who is calling, as the transport knows it; recorded in the audit log. */
export interface CallContext {
  actor: string;
}

/**
 * Secrets live only on the main side, encrypted by the platform keystore (Electron safeStorage)
 * or by a key derived from an admin passphrase in headless mode.
 */
export interface SecretCipher {
  /** Why secrets cannot be stored here, or null when they can. */
  unavailableReason(): Promise<string | null>;
  encrypt(plaintext: string): Promise<Buffer>;
  decrypt(ciphertext: Buffer): Promise<string>;
}
