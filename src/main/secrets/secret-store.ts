import type Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import type { Clock, SecretCipher } from '../ports';

/**
 * Secrets by reference name, encrypted before they reach the database. Nothing here returns a
 * secret to a transport: callers on the main side (the SSH layer) read them, the renderer only
 * ever learns whether one exists.
 */
export function createSecretStore(db: Database.Database, cipher: SecretCipher, clock: Clock) {
  const refuseIfUnavailable = async (): Promise<void> => {
    const reason = await cipher.unavailableReason();
    if (reason) throw new AppError('secrets_unavailable', reason);
  };
  return {
    unavailableReason: () => cipher.unavailableReason(),
    async put(ref: string, plaintext: string): Promise<void> {
      await refuseIfUnavailable();
      const ciphertext = await cipher.encrypt(plaintext);
      db.prepare(
        `INSERT INTO secret (ref, ciphertext, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (ref) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      ).run(ref, ciphertext, clock().toISOString());
    },
    async get(ref: string): Promise<string | undefined> {
      const row = db.prepare<[string], { ciphertext: Buffer }>('SELECT ciphertext FROM secret WHERE ref = ?').get(ref);
      if (!row) return undefined;
      await refuseIfUnavailable();
      return cipher.decrypt(row.ciphertext);
    },
    has(ref: string): boolean {
      return db.prepare('SELECT 1 FROM secret WHERE ref = ?').get(ref) !== undefined;
    },
    /** Names and dates only: the values never leave the main side. */
    list(): { name: string; updatedAt: string }[] {
      return db
        .prepare<[], { ref: string; updated_at: string }>('SELECT ref, updated_at FROM secret ORDER BY ref')
        .all()
        .map((row) => ({ name: row.ref, updatedAt: row.updated_at }));
    },
    remove(ref: string): void {
      db.prepare('DELETE FROM secret WHERE ref = ?').run(ref);
    },
  };
}

export type SecretStore = ReturnType<typeof createSecretStore>;
