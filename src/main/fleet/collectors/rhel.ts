import { AppError } from '../../../shared/result';
import type { AvailableUpgrade, HostInventory, InstalledPackage, SecurityUpdate } from './inventory';
import { LINUX_FACTS_SCRIPT, parseLinuxFacts } from './linux-facts';
import { parseOsRelease, splitSections } from './sections';

/**
 * One dnf session instead of five dnf commands: each dnf start costs about half a second of
 * CPU before it loads the metadata again, and that was most of a RHEL scan. It uses dnf's own
 * API: upgrades, security advisories with their CVEs (what `updateinfo list --security
 * --with-cve` shows), and the needs-restarting plugin's list of packages that need a reboot
 * when updated since boot (plus the site's additions in needs-restarting.d). Setting
 * metadata_expire to 0 makes dnf revalidate the repositories, as `--refresh` does. The plugin's
 * NEED_REBOOT list is read from its source, not imported: importing it loads dnf.cli and dbus,
 * 12-17 ms of a host's CPU, where parsing takes 2 ms. Read as bytes (the script runs with
 * LC_ALL=C, where Python 3.6 would decode text as ASCII); a plugin whose list is not a plain
 * literal, or is missing, leaves the built-in names. The .conf lines are read as the plugin reads
 * them (right-stripped, one package name a line).
 */
const DNF_PROGRAM = String.raw`import ast, os, dnf, hawkey
base = dnf.Base()
base.conf.read()
base.read_all_repos()
for repo in base.repos.iter_enabled():
    repo.metadata_expire = 0
base.fill_sack(load_system_repo=True, load_available_repos=True)
installed = base.sack.query().installed()
print('@@upgrades')
for p in base.sack.query().upgrades().latest():
    print('%s\t%s\t%s' % (p.name, p.arch, p.evr))
print('@@security')
for apkg in installed.get_advisory_pkgs(hawkey.GT):
    adv = apkg.get_advisory(base.sack)
    if adv is not None and adv.type == hawkey.ADVISORY_SECURITY:
        cves = ','.join(r.id for r in adv.references if r.type == hawkey.REFERENCE_CVE)
        print('%s\t%s\t%s\t%s' % (adv.id, adv.severity or '', apkg.name, cves))
print('@@reboot')
names = {'kernel', 'kernel-core', 'kernel-rt', 'glibc', 'linux-firmware', 'systemd', 'dbus', 'dbus-broker', 'dbus-daemon', 'microcode_ctl', 'zlib'}
plugin = os.path.join(os.path.dirname(dnf.__file__), '..', 'dnf-plugins', 'needs_restarting.py')
try:
    with open(plugin, 'rb') as source:
        for node in ast.parse(source.read()).body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'NEED_REBOOT' for t in node.targets):
                names |= set(ast.literal_eval(node.value))
except (OSError, SyntaxError, TypeError, ValueError):
    pass
extra = '/etc/dnf/plugins/needs-restarting.d'
if os.path.isdir(extra):
    for file in os.listdir(extra):
        path = os.path.join(extra, file)
        if file.endswith('.conf') and os.path.isfile(path):
            with open(path, 'rb') as lines:
                names |= {line.decode('utf-8', 'replace').rstrip() for line in lines}
boot = int(os.stat('/proc/1').st_mtime)
for p in installed.filter(name=sorted(names)):
    if p.installtime > boot:
        print(p.name)`;

/** The RHEL-family collector: rpm, and dnf's Python API once (RHEL 8 has it under platform-python). */
export const RHEL_SCRIPT = [
  'export LC_ALL=C',
  'echo @@privilege; id -u',
  'echo @@os; cat /etc/os-release',
  'echo @@kernel; uname -r',
  'echo @@uptime; cut -d" " -f1 /proc/uptime',
  'echo @@packages; rpm -qa --qf "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n"',
  'py=/usr/libexec/platform-python; [ -x "$py" ] || py=python3',
  `"$py" - 2>/dev/null <<'PY'\n${DNF_PROGRAM}\nPY`,
  // A dnf that failed (no metadata, a broken repository) must not read as "no updates".
  'rc=$?; echo @@dnf; echo "exit=$rc"',
  LINUX_FACTS_SCRIPT,
  'echo @@end',
].join('\n');

const EVR = /^(\d+:)?[^\s:-]+-[^\s:-]+$/;

/** The dnf program's exit status; anything but 0 means its answers cannot be trusted. */
function checkDnf(sections: ReadonlyMap<string, string>): void {
  const code = /exit=(\d+)/.exec(sections.get('dnf') ?? '')?.[1];
  if (code !== '0')
    throw new AppError(
      'collector_failed',
      `dnf failed on the host (exit ${code ?? 'unknown'}): its repositories may be unreachable or its metadata broken`,
    );
}

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

const rows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));

/** `name<TAB>arch<TAB>[epoch:]version-release` per upgrade dnf would install. */
function parseUpgrades(text: string, installed: readonly InstalledPackage[]): AvailableUpgrade[] {
  const versions = new Map(installed.map((pkg) => [pkg.name, pkg.version]));
  return rows(text).map((fields) => {
    const [name = '', arch = '', evr = ''] = fields;
    if (fields.length !== 3 || !name || !arch || !EVR.test(evr))
      throw new AppError('parse_failed', `dnf listed an upgrade that is not name, arch, version: ${fields.join(' ')}`);
    // An epoch of 0 is left out, as rpm -qa above leaves it out.
    return { name, from: versions.get(name) ?? null, to: evr.replace(/^0:/, ''), advisories: [] };
  });
}

/** `advisory<TAB>severity<TAB>package<TAB>CVE,CVE` per security advisory that applies. */
function parseSecurity(text: string): SecurityUpdate[] {
  return rows(text).map((fields) => {
    const [advisory = '', severity = '', pkg = '', cves = ''] = fields;
    if (fields.length !== 4 || !advisory || !pkg)
      throw new AppError(
        'parse_failed',
        `dnf listed an advisory that is not id, severity, package, CVEs: ${fields.join(' ')}`,
      );
    return { advisory, severity: severity || null, package: pkg, cves: cves.split(',').filter(Boolean) };
  });
}

export function parseRhelInventory(output: string): HostInventory {
  const sections = splitSections(output);
  if (!sections.has('end') || !sections.has('packages')) {
    throw new AppError('parse_failed', 'The RHEL collector output was cut short or is not what it prints');
  }
  const os = parseOsRelease(sections.get('os') ?? '');
  const packages = parsePackages(sections.get('packages') ?? '');
  if (packages.length === 0) throw new AppError('parse_failed', 'rpm -qa listed no installed packages');
  checkDnf(sections);
  const securityUpdates = parseSecurity(sections.get('security') ?? '');
  const upgrades = parseUpgrades(sections.get('upgrades') ?? '', packages).map((upgrade) => ({
    ...upgrade,
    advisories: [
      ...new Set(securityUpdates.filter((update) => update.package === upgrade.name).map((update) => update.advisory)),
    ],
  }));
  const reboot = sections.get('reboot') ?? '';
  const root = (sections.get('privilege') ?? '').trim() === '0';
  const uptime = Number((sections.get('uptime') ?? '').trim());
  const facts = parseLinuxFacts(sections, root);
  const rebootReasons = [
    ...rows(reboot).map(([name = '']) => `${name} was updated since boot (needs-restarting)`),
    ...facts.extraRebootReasons,
  ];
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
    servicesToRestart: facts.servicesToRestart,
    connections: facts.connections,
    disks: facts.disks,
    memory: facts.memory,
    windows: null,
    warnings: [],
  };
}
