import { z } from 'zod';

/**
 * Secret names: `key:web1` for a private key, `password:web1` for a login password,
 * `sudo:web1` for the password sudo asks for, `passphrase:key:web1` for a key's passphrase.
 */
export const secretNameSchema = z
  .string()
  .trim()
  .min(1, 'Secret name is required')
  .max(128, 'Secret name must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_.-]*$/, 'Secret name may contain letters, digits, : _ . - only');

export const secretInfoSchema = z.object({ name: z.string(), updatedAt: z.string() });
export type SecretInfo = z.infer<typeof secretInfoSchema>;
