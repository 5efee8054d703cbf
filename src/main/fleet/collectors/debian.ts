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
  // The site mirror is the source of truth for what is available: refresh the lists (as root)
  // when the last refresh is over an hour old; with full Debian lists one costs seconds of CPU.
  // The stamp is the scan's only write on the host, in the folder apt keeps its own stamps in.
  // One line, so that the scan bench's Ansible runs exactly this refresh policy (it takes the
  // collector's apt lines).
  'echo @@aptupdate',
  'stamp=/var/lib/apt/periodic/patchwise-update-stamp; if [ "$(id -u)" != 0 ]; then echo not-root; elif [ -n "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then echo fresh; elif apt-get update -qq >/dev/null 2>&1; then touch "$stamp"; echo updated; else echo "failed $?"; fi',
  'echo @@packages; dpkg-query -W -f="\\${db:Status-Abbrev}\\t\\${binary:Package}\\t\\${Version}\\t\\${Architecture}\\t\\${source:Package}\\n"',
  // The candidate of every installed package that has a newer one: a tenth of the CPU of
  // simulating dist-upgrade, and the same (name, from, to) on the lab and on full lists.
  'echo @@upgrades; apt list --upgradable 2>/dev/null',
  'echo @@reboot; if [ -f /var/run/reboot-required ]; then echo required; cat /var/run/reboot-required.pkgs 2>/dev/null; fi',
  LINUX_FACTS_SCRIPT,
  'echo @@end',
].join('\n');

// demo-http/bookworm 2.2-1 all [upgradable from: 2.0-1]
const UPGRADABLE = /^([^/\s]+)\/\S+ (\S+) \S+ \[upgradable from: ([^\]]+)\]$/;

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
    if (!line.includes('[upgradable from:')) continue; // "Listing..." and notes
    const match = UPGRADABLE.exec(line.trim());
    if (!match?.[1] || !match[2] || !match[3])
      throw new AppError('parse_failed', `apt list printed an upgrade line it does not normally print: ${line.trim()}`);
    upgrades.push({ name: match[1], from: match[3], to: match[2], advisories: [] });
  }
  return upgrades;
}

/**
 * Whether the upgrade list can be trusted to be today's: a refresh that failed or could not run
 * leaves apt answering from its last lists, which the admin must know.
 */
export function aptUpdateWarnings(section: string | undefined): string[] {
  const [state = '', code = ''] = (section ?? '').trim().split(' ');
  switch (state) {
    case 'not-root':
      return [
        'Package lists were not refreshed (the login is not root and cannot sudo without a password): upgrades are as of the last apt-get update on the host',
      ];
    case 'failed':
      return [
        `apt-get update failed (exit ${code}): the site mirror may be unreachable; upgrades are as of the last successful refresh`,
      ];
    case 'fresh':
    case 'updated':
      return [];
    default:
      throw new AppError('parse_failed', `The Debian collector's package list refresh printed "${state}"`);
  }
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
    servicesToRestart: facts.servicesToRestart,
    connections: facts.connections,
    disks: facts.disks,
    memory: facts.memory,
    windows: null,
    warnings: aptUpdateWarnings(sections.get('aptupdate')),
  };
}
