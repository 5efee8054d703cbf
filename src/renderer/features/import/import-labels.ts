import type { ImportFormat, ImportRow } from '../../../shared/domain/import';

export const FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  csv: 'CSV (spreadsheet)',
  'ssh-config': 'ssh config (~/.ssh/config)',
  'known-hosts': 'known_hosts (pins host keys)',
  'ansible-ini': 'Ansible inventory (INI)',
  'ansible-yaml': 'Ansible inventory (YAML)',
};

/** What each format is expected to look like, under the text box. */
export const FORMAT_HINTS: Readonly<Record<ImportFormat, string>> = {
  csv: 'First row names the columns: name and address are required; port, os, user, auth, credential, jump, tags, environment, ring, criticality and exposure are optional.',
  'ssh-config':
    'Host blocks with HostName, Port, User, IdentityFile and ProxyJump; wildcard blocks only supply defaults.',
  'known-hosts':
    'Lines as ssh-keyscan prints them. Each key is pinned to the fleet host with that name or address; nothing is added.',
  'ansible-ini': 'Groups in [brackets] with ansible_host, ansible_port and ansible_user; groups become tags.',
  'ansible-yaml': 'all: hosts: / children: as ansible-inventory writes it; groups become tags.',
};

export const ACTION_LABELS: Readonly<Record<ImportRow['action'], string>> = {
  add: 'Add',
  pin: 'Pin key',
  exists: 'Already in fleet',
  invalid: 'Invalid',
};

/** A format a file's name gives away, so choosing `hosts.csv` selects CSV. */
export function formatForFileName(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return 'ansible-yaml';
  if (name.endsWith('.ini')) return 'ansible-ini';
  if (name.includes('known_hosts')) return 'known-hosts';
  if (name === 'config' || name.endsWith('ssh_config')) return 'ssh-config';
  return null;
}
