import type { HostInventory } from '../../../shared/domain/inventory';
import type { MsrcProductFix } from '../../../shared/domain/msrc';
import type { Finding } from './match';

/** What matching needs of a Windows host, from the collector's inventory. */
export interface WindowsHost {
  /** Win32_OperatingSystem.Caption: "Microsoft Windows Server 2022 Datacenter". */
  caption: string;
  /** CurrentBuildNumber and UBR: 20348 and 2227 make 10.0.20348.2227. */
  build: number;
  ubr: number;
  /** DisplayVersion ("22H2") when the host reports one. */
  displayVersion: string | null;
  /** Installed KBs (Get-HotFix), digits only. */
  kbs: ReadonlySet<string>;
}

const DISPLAY_VERSION = /^\d{2}H\d$/;
const kbDigits = (kb: string): string | null => /^(?:KB)?(\d+)$/i.exec(kb.trim())?.[1] ?? null;

/** The facts a Windows scan recorded, or null for a host of another family or a scan without them. */
export function windowsHostOf(inventory: HostInventory): WindowsHost | null {
  const facts = inventory.windows;
  const build = Number(facts?.build);
  if (inventory.os.family !== 'windows' || facts === null || !Number.isInteger(build)) return null;
  return {
    caption: inventory.os.name,
    build,
    ubr: facts.ubr,
    // The collector records DisplayVersion, or the Version (10.0.17763) where there is none.
    displayVersion: DISPLAY_VERSION.test(inventory.os.version) ? inventory.os.version : null,
    kbs: new Set(facts.hotfixes.flatMap((fix) => kbDigits(fix.kb) ?? [])),
  };
}

/** Server releases by build: MSRC names each once as is and once as "(Server Core installation)". */
const SERVER: Readonly<Record<number, readonly string[]>> = {
  6003: [
    'Windows Server 2008 for x64-based Systems Service Pack 2',
    'Windows Server 2008 for 32-bit Systems Service Pack 2',
  ],
  7601: ['Windows Server 2008 R2 for x64-based Systems Service Pack 1'],
  9200: ['Windows Server 2012'],
  9600: ['Windows Server 2012 R2'],
  14393: ['Windows Server 2016'],
  17763: ['Windows Server 2019'],
  20348: ['Windows Server 2022'],
  25398: ['Windows Server 2022, 23H2 Edition'],
  26100: ['Windows Server 2025'],
};

/** Client releases by build, named as MSRC names them (21H2 of Windows 11 with a small "version"). */
const CLIENT: Readonly<Record<number, string>> = {
  10240: 'Windows 10',
  14393: 'Windows 10 Version 1607',
  17763: 'Windows 10 Version 1809',
  19044: 'Windows 10 Version 21H2',
  19045: 'Windows 10 Version 22H2',
  22000: 'Windows 11 version 21H2',
  22621: 'Windows 11 Version 22H2',
  22631: 'Windows 11 Version 23H2',
  26100: 'Windows 11 Version 24H2',
};

/** The inventory does not record the processor architecture, so every one MSRC names is a candidate. */
const ARCHES = ['x64-based', '32-bit', 'ARM64-based'];

/**
 * The MSRC product names a host can be, compared case-insensitively. The build number decides the
 * release (LTSC and Server editions report no DisplayVersion; 14393, 17763 and 26100 are both a
 * client and a server build, which the caption's "Server" tells apart). Limits: the architecture
 * and Server Core are unknown, so all variants are candidates (MSRC ships them the same KB and
 * build, so a finding is the same whichever is meant); a client build missing from the table is
 * named from its DisplayVersion; a server build missing from it matches nothing. Only the OS
 * itself is matched: .NET Framework, Office and other products need an inventory of their own.
 */
export function msrcProductNames(host: WindowsHost): string[] {
  if (/\bServer\b/i.test(host.caption))
    return (SERVER[host.build] ?? []).flatMap((name) => [name, `${name} (Server Core installation)`]);
  const client = /\bWindows (10|11)\b/i.exec(host.caption)?.[1];
  const base =
    CLIENT[host.build] ??
    (client !== undefined && host.displayVersion !== null ? `Windows ${client} Version ${host.displayVersion}` : null);
  return base === null ? [] : ARCHES.map((arch) => `${base} for ${arch} Systems`);
}

/**
 * KBs the host has, and every KB they replace, transitively: installing A, which supersedes B,
 * fixes what B fixed. The chain is read from the fixes' own Supercedence, across all months given.
 */
export function coveredKbs(installed: ReadonlySet<string>, fixes: readonly MsrcProductFix[]): Set<string> {
  const replaces = new Map<string, Set<string>>();
  for (const fix of fixes) {
    const set = replaces.get(fix.kb) ?? new Set<string>();
    for (const kb of fix.supersedes) set.add(kb);
    replaces.set(fix.kb, set);
  }
  const covered = new Set(installed);
  const queue = [...installed];
  for (let kb = queue.pop(); kb !== undefined; kb = queue.pop()) {
    for (const older of replaces.get(kb) ?? []) {
      if (covered.has(older)) continue;
      covered.add(older);
      queue.push(older);
    }
  }
  return covered;
}

/** The NT version in front of a build number: Windows 10 and later are all 10.0. */
function ntVersion(build: number): readonly [number, number] | null {
  if (build >= 10000) return [10, 0];
  if (build >= 9600) return [6, 3];
  if (build >= 9200) return [6, 2];
  if (build >= 7600) return [6, 1];
  if (build >= 6000) return [6, 0];
  return null;
}

/** `10.0.20348.2227` (or `20348.2227`) as numbers; null when it is not a build number. */
function fieldsOf(fixedBuild: string | null): number[] | null {
  return fixedBuild !== null && /^\d+(\.\d+){1,3}$/.test(fixedBuild) ? fixedBuild.split('.').map(Number) : null;
}

/**
 * Whether the host's build.UBR is at or past a fixed build, compared numerically field by field
 * as `major.minor.build.UBR`, the host's major.minor following from its build (10.0 from 10240
 * on). A fixed build of two fields is read as build.UBR.
 */
export function pastBuild(host: Pick<WindowsHost, 'build' | 'ubr'>, fixedBuild: string | null): boolean {
  const fixed = fieldsOf(fixedBuild);
  const nt = ntVersion(host.build);
  if (fixed === null || (fixed.length > 2 && nt === null)) return false;
  const own = fixed.length === 2 ? [host.build, host.ubr] : [...(nt ?? []), host.build, host.ubr];
  for (const [index, field] of fixed.entries()) {
    const mine = own[index] ?? 0;
    if (mine !== field) return mine > field;
  }
  return true;
}

const RANK: ReadonlyMap<string, number> = new Map([
  ['Critical', 4],
  ['Important', 3],
  ['Moderate', 2],
  ['Low', 1],
]);

const worse = (a: string | null, b: string | null): string | null =>
  b !== null && (a === null || (RANK.get(b) ?? 0) > (RANK.get(a) ?? 0)) ? b : a;

/**
 * A Windows host's missing security updates, one finding per KB (`KB5034127`) with every CVE it
 * fixes on the host's product and the worst severity among them. A fix counts when its product is
 * one the host can be (msrcProductNames) and the host is not past it: neither at or beyond its
 * FixedBuild, nor holding the KB or one that supersedes it. A fix without a FixedBuild (rare for
 * the OS) is cleared by the KB chain alone. `installed` is the host's build.UBR; `fixed` the KB's
 * build, or the KB itself when MSRC gives none.
 */
export function matchWindows(host: WindowsHost, fixes: readonly MsrcProductFix[]): Finding[] {
  const names = new Set(msrcProductNames(host).map((name) => name.toLowerCase()));
  const covered = coveredKbs(host.kbs, fixes);
  const byKb = new Map<string, Finding>();
  const ordered = fixes
    .filter((fix) => names.has(fix.product.toLowerCase()))
    .sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  for (const fix of ordered) {
    if (covered.has(fix.kb) || pastBuild(host, fix.fixedBuild)) continue;
    const advisory = `KB${fix.kb}`;
    const found = byKb.get(advisory);
    if (found) {
      if (!found.cves.includes(fix.cve)) found.cves.push(fix.cve);
      found.severity = worse(found.severity, fix.severity);
      if (found.fixed === advisory && fieldsOf(fix.fixedBuild) !== null) found.fixed = fix.fixedBuild;
      continue;
    }
    byKb.set(advisory, {
      advisory,
      cves: [fix.cve],
      severity: fix.severity,
      package: fix.product,
      // Written as MSRC writes FixedBuild (10.0.20348.2227), so the two read side by side.
      installed: [...(ntVersion(host.build) ?? []), host.build, host.ubr].join('.'),
      fixed: fieldsOf(fix.fixedBuild) === null ? advisory : fix.fixedBuild,
      state: 'vulnerable',
    });
  }
  return [...byKb.values()]
    .map((finding) => ({ ...finding, cves: [...finding.cves].sort() }))
    .sort((a, b) => (a.advisory < b.advisory ? -1 : a.advisory > b.advisory ? 1 : 0));
}
