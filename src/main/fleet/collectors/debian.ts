import { AppError } from '../../../shared/result';
import type { AvailableUpgrade, HostInventory, InstalledPackage } from './inventory';
import { LINUX_FACTS_SCRIPT, parseLinuxFacts } from './linux-facts';
import { parseOsRelease, splitSections } from './sections';

/**
 * The Debian/Ubuntu collector: one fixed script (no value from outside goes into it), run as
 * root when the login can (sudo -n or root), else as the login user with what it can see.
 */
export const DEBIAN_SCRIPT = [
  'export LC_ALL=C',
  'echo @@privilege; id -u',
  'echo @@os; cat /etc/os-release',
  'echo @@kernel; uname -r',
  'echo @@uptime; cut -d" " -f1 /proc/uptime',
  // The site mirror is the source of truth for what is available: refresh the lists when root.
  '[ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1',
  'echo @@packages; dpkg-query -W -f="\\${db:Status-Abbrev}\\t\\${binary:Package}\\t\\${Version}\\t\\${Architecture}\\t\\${source:Package}\\n"',
  'echo @@upgrades; apt-get -s -o Debug::NoLocking=1 dist-upgrade 2>/dev/null | grep "^Inst "',
  'echo @@reboot; if [ -f /var/run/reboot-required ]; then echo required; cat /var/run/reboot-required.pkgs 2>/dev/null; fi',
  // Processes still mapping a shared library that an upgrade deleted, by their systemd unit.
  'echo @@restart; for m in /proc/[0-9]*/maps; do grep -qs "\\.so[^ ]* (deleted)$" "$m" && sed -n "s/^[0-9]*:name=systemd:\\(.*\\)$/\\1/p;s/^0::\\(.*\\)$/\\1/p" "${m%/maps}/cgroup" 2>/dev/null | head -1; done | sort -u',
  LINUX_FACTS_SCRIPT,
  'echo @@end',
].join('\n');

const INST = /^Inst (\S+) (?:\[(\S+)\] )?\((\S+) /;

function parsePackages(text: string): InstalledPackage[] {
  return text
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([status, name, version]) => status?.startsWith('i') === true && Boolean(name) && Boolean(version))
    .map(([, name = '', version = '', arch = '', source = '']) => ({
      name: name.replace(/:.*$/, ''),
      version,
      arch,
      source: source || name,
    }));
}

function parseUpgrades(text: string): AvailableUpgrade[] {
  const upgrades: AvailableUpgrade[] = [];
  for (const line of text.split('\n')) {
    const match = INST.exec(line);
    if (match?.[1] && match[3]) upgrades.push({ name: match[1], from: match[2] ?? null, to: match[3], advisories: [] });
  }
  return upgrades;
}

export function parseDebianInventory(output: string): HostInventory {
  const sections = splitSections(output);
  if (!sections.has('end') || !sections.has('packages')) {
    throw new AppError('parse_failed', 'The Debian collector output was cut short or is not what it prints');
  }
  const os = parseOsRelease(sections.get('os') ?? '');
  const packages = parsePackages(sections.get('packages') ?? '');
  if (packages.length === 0) throw new AppError('parse_failed', 'dpkg-query listed no installed packages');
  const reboot = (sections.get('reboot') ?? '').split('\n').filter(Boolean);
  const root = (sections.get('privilege') ?? '').trim() === '0';
  const units = (sections.get('restart') ?? '')
    .split('\n')
    .map((path) => path.split('/').pop() ?? '')
    .filter((unit) => unit.endsWith('.service'));
  const uptime = Number((sections.get('uptime') ?? '').trim());
  const facts = parseLinuxFacts(sections, root);
  const rebootReasons = [
    ...(reboot[0] === 'required' ? reboot.slice(1).map((pkg) => `${pkg} was upgraded (reboot-required)`) : []),
    ...facts.extraRebootReasons,
  ];
  if (reboot[0] === 'required' && rebootReasons.length === 0) rebootReasons.push('/var/run/reboot-required exists');
  return {
    os: {
      id: os['ID'] ?? 'debian',
      name: os['PRETTY_NAME'] ?? 'Debian',
      version: os['VERSION_ID'] ?? '',
      family: 'debian',
    },
    kernel: facts.kernel,
    kernelInstalled: facts.kernelInstalled,
    uptimeSeconds: Number.isFinite(uptime) ? uptime : 0,
    packages,
    upgrades: parseUpgrades(sections.get('upgrades') ?? ''),
    // Debian hosts carry no advisory data; matching against the tracker (issue 5) names them.
    securityUpdates: [],
    rebootRequired: rebootReasons.length > 0,
    rebootReasons,
    servicesToRestart: root ? [...new Set(units)].sort() : null,
    connections: facts.connections,
    disks: facts.disks,
    memory: facts.memory,
    windows: null,
  };
}
