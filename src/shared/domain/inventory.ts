import { z } from 'zod';

/**
 * What a scan learns about one host, whatever its OS family. The collectors (main side) build
 * it; the renderer reads it through `fleet.host`. Facts a login could not see are null, never
 * an empty list that would read as "none".
 */
export const installedPackageSchema = z.object({
  name: z.string(),
  version: z.string(),
  arch: z.string(),
  /** The source package (Debian) or source rpm name (RHEL), which advisories name; the KB on Windows. */
  source: z.string(),
});

export const availableUpgradeSchema = z.object({
  name: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  /** Advisories (RHEL updateinfo, Windows KB) that ship this version. */
  advisories: z.array(z.string()),
});

export const securityUpdateSchema = z.object({
  advisory: z.string(),
  severity: z.string().nullable(),
  package: z.string(),
  cves: z.array(z.string()),
});

export const connectionSchema = z.object({
  state: z.enum(['listen', 'established']),
  local: z.string(),
  localPort: z.number().int(),
  remote: z.string().nullable(),
  remotePort: z.number().int().nullable(),
  /** The process name, when the login may see it. */
  process: z.string().nullable(),
});

export const diskSchema = z.object({
  mount: z.string(),
  sizeBytes: z.number(),
  freeBytes: z.number(),
});

export const memorySchema = z.object({ totalBytes: z.number(), availableBytes: z.number() });

export const windowsFactsSchema = z.object({
  build: z.string(),
  ubr: z.number().int(),
  hotfixes: z.array(z.object({ kb: z.string(), installedOn: z.string().nullable() })),
  services: z.array(z.object({ name: z.string(), state: z.string(), startType: z.string() })),
});

export const hostInventorySchema = z.object({
  os: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    family: z.enum(['debian', 'rhel', 'windows']),
  }),
  /** The running kernel (uname -r, or the Windows build). */
  kernel: z.string(),
  /** The newest installed kernel, when it differs from the running one a reboot is pending. */
  kernelInstalled: z.string().nullable(),
  uptimeSeconds: z.number(),
  packages: z.array(installedPackageSchema),
  upgrades: z.array(availableUpgradeSchema),
  securityUpdates: z.array(securityUpdateSchema),
  rebootRequired: z.boolean(),
  rebootReasons: z.array(z.string()),
  /** Services still running code an upgrade replaced; null when the login could not look. */
  servicesToRestart: z.array(z.string()).nullable(),
  connections: z.array(connectionSchema).nullable(),
  disks: z.array(diskSchema),
  memory: memorySchema.nullable(),
  windows: windowsFactsSchema.nullable(),
  /**
   * What the scan could not see or could not vouch for, in words for the admin (a package list
   * that could not be refreshed, a Windows section that failed). Scans stored before this field
   * existed read as having none.
   */
  warnings: z.array(z.string()).default([]),
});

export type InstalledPackage = z.infer<typeof installedPackageSchema>;
export type AvailableUpgrade = z.infer<typeof availableUpgradeSchema>;
export type SecurityUpdate = z.infer<typeof securityUpdateSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type Disk = z.infer<typeof diskSchema>;
export type WindowsFacts = z.infer<typeof windowsFactsSchema>;
export type HostInventory = z.infer<typeof hostInventorySchema>;
