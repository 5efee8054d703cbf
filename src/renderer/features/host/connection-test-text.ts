import type { ConnectionTest } from '../../../shared/domain/scan';

/** What the login may do, in the words an admin uses. */
export function privilegeText(privilege: ConnectionTest['privilege']): string {
  switch (privilege) {
    case 'root':
      return 'logs in as root';
    case 'sudo':
      return 'can become root with sudo (no password asked)';
    case 'sudo-password':
      return 'can become root with sudo, using the stored sudo password';
    case 'sudo-needs-password':
      return 'may use sudo but sudo asks for a password: store it ("Store sudo password") to scan as root';
    case 'administrator':
      return 'is a Windows administrator';
    case 'none':
      return 'cannot become root: facts that need root (services to restart, some connections) will be missing';
    case null:
      return 'not known';
  }
}

export function loginText(test: ConnectionTest): string {
  switch (test.login) {
    case 'ok':
      return `Login works; the login ${privilegeText(test.privilege)}.`;
    case 'failed':
      return 'Login failed.';
    case 'not-tried':
      return 'Login not tried: Patchwise never sends a key or password to a host whose key is not trusted.';
  }
}
