import { safeStorage } from 'electron';
import type { SecretCipher } from '../ports';
import { keystoreUnavailableReason } from '../secrets/keystore-policy';

/** Secrets encrypted by the OS keystore through Electron's safeStorage (async API, Electron 45+). */
export function createSafeStorageCipher(): SecretCipher {
  const unavailableReason = async (): Promise<string | null> =>
    keystoreUnavailableReason({
      encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
      platform: process.platform,
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    });
  const assertAvailable = async (): Promise<void> => {
    const reason = await unavailableReason();
    if (reason) throw new Error(reason);
  };
  return {
    unavailableReason,
    async encrypt(plaintext) {
      await assertAvailable();
      return safeStorage.encryptStringAsync(plaintext);
    },
    async decrypt(ciphertext) {
      await assertAvailable();
      return (await safeStorage.decryptStringAsync(ciphertext)).result;
    },
  };
}
