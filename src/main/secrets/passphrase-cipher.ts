import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { SecretCipher } from '../ports';

const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + SALT_BYTES + IV_BYTES + TAG_BYTES;
export const MIN_PASSPHRASE_LENGTH = 12;

const deriveKey = (passphrase: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(passphrase, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });

/**
 * The headless server's keystore: AES-256-GCM with a key derived by scrypt from an admin
 * passphrase. Each secret carries its own salt and nonce: [version][salt][iv][tag][ciphertext].
 */
export function createPassphraseCipher(passphrase: string | undefined): SecretCipher {
  const reason =
    passphrase !== undefined && passphrase.length >= MIN_PASSPHRASE_LENGTH
      ? null
      : `No admin passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters was given (PATCHWISE_PASSPHRASE), so secrets cannot be stored`;
  const usablePassphrase = (): string => {
    if (reason !== null || passphrase === undefined) throw new Error(reason ?? 'no passphrase');
    return passphrase;
  };
  return {
    unavailableReason: () => Promise.resolve(reason),
    async encrypt(plaintext) {
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await deriveKey(usablePassphrase(), salt), iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), salt, iv, cipher.getAuthTag(), body]);
    },
    async decrypt(ciphertext) {
      if (ciphertext.length < HEADER_BYTES || ciphertext[0] !== VERSION) throw new Error('Unknown secret format');
      const salt = ciphertext.subarray(1, 1 + SALT_BYTES);
      const iv = ciphertext.subarray(1 + SALT_BYTES, 1 + SALT_BYTES + IV_BYTES);
      const tag = ciphertext.subarray(1 + SALT_BYTES + IV_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', await deriveKey(usablePassphrase(), salt), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
