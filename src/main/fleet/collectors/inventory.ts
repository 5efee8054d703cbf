/** What a scan learns about one host, whatever its OS family. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch: string;
  /** The source package (Debian) or source rpm name (RHEL), which advisories name. */
  source: string;
}

export interface AvailableUpgrade {
  name: string;
  from: string | null;
  to: string;
  /** Advisories (RHEL) that ship this version, with their severity. */
  advisories: string[];
}

export interface SecurityUpdate {
  advisory: string;
  severity: string | null;
  package: string;
  cves: string[];
}

export interface HostInventory {
  os: { id: string; name: string; version: string; family: 'debian' | 'rhel' };
  kernel: string;
  uptimeSeconds: number;
  packages: InstalledPackage[];
  upgrades: AvailableUpgrade[];
  securityUpdates: SecurityUpdate[];
  rebootRequired: boolean;
  rebootReasons: string[];
  /** Services still running code an upgrade replaced; null when the login could not look. */
  servicesToRestart: string[] | null;
}
