export interface KeystoreFacts {
  encryptionAvailable: boolean;
  platform: NodeJS.Platform;
  /** Electron's `safeStorage.getSelectedStorageBackend()`, Linux only. */
  linuxBackend: string | undefined;
}

/**
 * Why the platform keystore must not be used for secrets, or null when it may. On Linux without
 * a keyring Electron falls back to `basic_text`, a fixed key that protects nothing.
 */
export function keystoreUnavailableReason(facts: KeystoreFacts): string | null {
  if (!facts.encryptionAvailable) return 'The system keystore is not available, so secrets cannot be stored';
  if (facts.platform === 'linux' && (facts.linuxBackend === 'basic_text' || facts.linuxBackend === 'unknown')) {
    return 'No system keyring (GNOME Keyring or KWallet) is running, so secrets cannot be stored safely';
  }
  return null;
}
