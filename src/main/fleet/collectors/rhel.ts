import { AppError } from '../../../shared/result';
import type { AvailableUpgrade, HostInventory, InstalledPackage, SecurityUpdate } from './inventory';
import { LINUX_FACTS_SCRIPT, parseLinuxFacts } from './linux-facts';
import { parseOsRelease, splitSections } from './sections';

/** The RHEL-family collector: rpm, dnf and its needs-restarting plugin; a fixed script. */
export const RHEL_SCRIPT = [
  'export LC_ALL=C',
  'echo @@privilege; id -u',
  'echo @@os; cat /etc/os-release',
  'echo @@kernel; uname -r',
  'echo @@uptime; cut -d" " -f1 /proc/uptime',
  'echo @@packages; rpm -qa --qf "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n"',
  // Each dnf call prints its exit status: a dnf that failed (no metadata, a broken repo) must
  // not read as "no updates".
  'echo @@upgrades; dnf -q --refresh check-update 2>/dev/null; echo "exit=$?"',
  'echo @@advisories; dnf -q updateinfo list --security 2>/dev/null; echo "exit=$?"',
  'echo @@cves; dnf -q updateinfo list --security --with-cve 2>/dev/null; echo "exit=$?"',
  'echo @@reboot; dnf -q needs-restarting -r 2>/dev/null; echo "exit=$?"',
  'echo @@restart; dnf -q needs-restarting -s 2>/dev/null',
  LINUX_FACTS_SCRIPT,
  'echo @@end',
].join('\n');

/** A section's output and the exit status its command printed last (`exit=N`). */
function withExit(text: string): { body: string; code: number | null } {
  const match = /(?:^|\n)exit=(\d+)\s*$/.exec(text);
  return match ? { body: text.slice(0, match.index), code: Number(match[1]) } : { body: text, code: null };
}

/** dnf's answer, or collector_failed naming the command when dnf itself failed. */
function dnfOutput(sections: ReadonlyMap<string, string>, name: string, command: string, ok: number[]): string {
  const { body, code } = withExit(sections.get(name) ?? '');
  if (code === null || !ok.includes(code))
    throw new AppError(
      'collector_failed',
      `${command} failed on the host (exit ${code === null ? 'unknown' : String(code)}): its repositories may be unreachable`,
    );
  return body;
}

const EVR = /^(\d+:)?[^\s:-]+-[^\s:-]+$/;

function parsePackages(text: string): InstalledPackage[] {
  return text
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length >= 6 && fields[0] !== '')
    .map(([name = '', epoch = '0', version = '', release = '', arch = '', sourceRpm = '']) => ({
      name,
      version: `${epoch === '0' ? '' : `${epoch}:`}${version}-${release}`,
      arch,
      // foo-1.2-3.el9.src.rpm -> foo
      source: sourceRpm.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') || name,
    }));
}

/** `name.arch  version-release  repo`, where a long name may wrap onto its own line. */
function parseCheckUpdate(text: string, installed: readonly InstalledPackage[]): AvailableUpgrade[] {
  const tokens: string[] = [];
  for (const line of text.split('\n')) {
    if (/^(Obsoleting|Security:)/.test(line)) break;
    tokens.push(...line.trim().split(/\s+/).filter(Boolean));
  }
  if (tokens.length % 3 !== 0)
    throw new AppError(
      'parse_failed',
      `dnf check-update printed something other than package lines: ${tokens.join(' ').slice(0, 120)}`,
    );
  const versions = new Map(installed.map((pkg) => [pkg.name, pkg.version]));
  const upgrades: AvailableUpgrade[] = [];
  for (let i = 0; i + 2 < tokens.length; i += 3) {
    const [nameArch = '', to = ''] = [tokens[i], tokens[i + 1]];
    if (!nameArch.includes('.') || !EVR.test(to))
      throw new AppError(
        'parse_failed',
        `dnf check-update printed a line that is not a package update: ${nameArch} ${to}`,
      );
    const name = nameArch.replace(/\.[^.]+$/, '');
    upgrades.push({ name, from: versions.get(name) ?? null, to, advisories: [] });
  }
  return upgrades;
}

/** `ID  Severity/Sec.  nevra` lines of updateinfo list. */
function parseUpdateinfo(text: string): { id: string; severity: string | null; nevra: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 3)
    .map(([id = '', kind = '', nevra = '']) => ({
      id,
      severity: kind.includes('/') ? (kind.split('/')[0] ?? null) : null,
      nevra,
    }));
}

const nameOfNevra = (nevra: string): string => nevra.replace(/-[^-]+-[^-]+\.[^.]+$/, '');

export function parseRhelInventory(output: string): HostInventory {
  const sections = splitSections(output);
  if (!sections.has('end') || !sections.has('packages')) {
    throw new AppError('parse_failed', 'The RHEL collector output was cut short or is not what it prints');
  }
  const os = parseOsRelease(sections.get('os') ?? '');
  const packages = parsePackages(sections.get('packages') ?? '');
  if (packages.length === 0) throw new AppError('parse_failed', 'rpm -qa listed no installed packages');
  const advisories = parseUpdateinfo(dnfOutput(sections, 'advisories', 'dnf updateinfo list', [0]));
  const cves = parseUpdateinfo(dnfOutput(sections, 'cves', 'dnf updateinfo list --with-cve', [0]));
  const securityUpdates: SecurityUpdate[] = advisories.map((advisory) => ({
    advisory: advisory.id,
    severity: advisory.severity,
    package: nameOfNevra(advisory.nevra),
    // --with-cve lists the advisory's own line too; only the CVE ids are wanted.
    cves: cves.filter((cve) => cve.nevra === advisory.nevra && cve.id.startsWith('CVE-')).map((cve) => cve.id),
  }));
  // check-update exits 100 when it lists updates, 0 when there are none.
  const upgrades = parseCheckUpdate(dnfOutput(sections, 'upgrades', 'dnf check-update', [0, 100]), packages).map(
    (upgrade) => ({
      ...upgrade,
      advisories: securityUpdates.filter((update) => update.package === upgrade.name).map((update) => update.advisory),
    }),
  );
  const reboot = sections.get('reboot') ?? '';
  const root = (sections.get('privilege') ?? '').trim() === '0';
  const uptime = Number((sections.get('uptime') ?? '').trim());
  const facts = parseLinuxFacts(sections, root);
  // needs-restarting -r exits 1 both for "reboot needed" and for its own errors; only the
  // former says so in words.
  const rebootNeeded = /exit=1\s*$/.test(reboot.trim()) && /Reboot is required/.test(reboot);
  const rebootReasons = [
    ...(rebootNeeded
      ? reboot
          .split('\n')
          .filter((line) => line.trim().startsWith('* '))
          .map((line) => `${line.trim().slice(2)} was updated since boot (needs-restarting)`)
      : []),
    ...facts.extraRebootReasons,
  ];
  if (rebootNeeded && rebootReasons.length === 0) rebootReasons.push('needs-restarting -r reports a reboot is needed');
  return {
    os: { id: os['ID'] ?? 'rhel', name: os['PRETTY_NAME'] ?? 'RHEL', version: os['VERSION_ID'] ?? '', family: 'rhel' },
    kernel: facts.kernel,
    kernelInstalled: facts.kernelInstalled,
    uptimeSeconds: Number.isFinite(uptime) ? uptime : 0,
    packages,
    upgrades,
    securityUpdates,
    rebootRequired: rebootReasons.length > 0,
    rebootReasons,
    servicesToRestart: root
      ? (sections.get('restart') ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter((unit) => unit.endsWith('.service'))
          .sort()
      : null,
    connections: facts.connections,
    disks: facts.disks,
    memory: facts.memory,
    windows: null,
  };
}
