import type { AuthMethod, Criticality, Exposure, OsFamily, Ring, Transport } from '../../../shared/domain/host';

/** Display text for the host enums; the stored values stay what the table and audit log show. */
export const OS_FAMILY_LABELS: Readonly<Record<OsFamily, string>> = {
  unknown: 'Unknown',
  debian: 'Debian / Ubuntu',
  rhel: 'RHEL / Rocky / Alma',
  windows: 'Windows',
};

export const AUTH_METHOD_LABELS: Readonly<Record<AuthMethod, string>> = {
  key: 'SSH key',
  agent: 'SSH agent / your Windows login',
  password: 'Password',
};

export const TRANSPORT_LABELS: Readonly<Record<Transport, string>> = {
  ssh: 'SSH',
  winrm: 'WinRM (PowerShell remoting)',
};

export const RING_LABELS: Readonly<Record<Ring, string>> = {
  test: 'Test (patched first)',
  'non-critical': 'Non-critical',
  important: 'Important',
  critical: 'Critical (patched last)',
};

export const CRITICALITY_LABELS: Readonly<Record<Criticality, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const EXPOSURE_LABELS: Readonly<Record<Exposure, string>> = {
  'internet-facing': 'Internet-facing',
  internal: 'Internal',
  isolated: 'Isolated',
};
