import type { HostSecretKind } from './secrets-store';

interface SecretText {
  /** What the secret is, in a sentence ("The sudo password"). */
  what: string;
  /** The button that stores it. */
  action: string;
  /** Why the host needs it. */
  why: string;
}

export const SECRET_TEXTS: Readonly<Record<HostSecretKind, SecretText>> = {
  sudo: {
    what: 'Sudo password',
    action: 'Store sudo password',
    why: 'Asked by sudo when the login user is not root; without it, facts that need root are missing.',
  },
  password: {
    what: 'Login password',
    action: 'Store login password',
    why: 'Used when the host logs in with a password instead of a key.',
  },
  passphrase: {
    what: 'Key passphrase',
    action: 'Store key passphrase',
    why: 'Unlocks the private key file named in the host’s credential reference.',
  },
};
