import { packageTargetSchema, type PackageTarget } from '../../domain/rollout/model';
import { AppError } from '../../../shared/result';

/**
 * The shell a rollout step runs on a Linux host, as root, for its package manager: apt on the
 * Debian family, dnf on the RHEL family. Pure: scripts out, parsed answers in. Every package
 * name and version is checked against the target schema and single-quoted, so nothing a feed or
 * a host said can become shell.
 */
export type PackageFamily = 'debian' | 'rhel';

/** One package the dry run says will change: `from` null when it is newly installed. */
export interface PackageChange {
  name: string;
  from: string | null;
  to: string;
}

const quote = (value: string): string => `'${value}'`;

function checked(work: readonly PackageTarget[]): PackageTarget[] {
  return work.map((target) => {
    const parsed = packageTargetSchema.safeParse(target);
    if (!parsed.success)
      throw new AppError('invalid_input', `Not a package to install: ${JSON.stringify(target).slice(0, 200)}`);
    return parsed.data;
  });
}

function names(list: readonly string[]): string {
  return checked(list.map((name) => ({ name, version: null })))
    .map((target) => quote(target.name))
    .join(' ');
}

/** apt's `name=version`, dnf's `name-version` (an epoch stays in: `openssl-1:3.0.7-24.el9`). */
function specs(family: PackageFamily, work: readonly PackageTarget[]): string {
  return checked(work)
    .map(({ name, version }) =>
      quote(version === null ? name : family === 'debian' ? `${name}=${version}` : `${name}-${version}`),
    )
    .join(' ');
}

const APT = 'DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -q -y -o Dpkg::Options::=--force-confold';

/**
 * Refreshes the package lists from the site mirror: the "mirror reachable" part of a pre-check.
 * Fails when the mirror does not answer (apt-get update exits 0 on fetch errors unless told).
 */
export function refreshScript(family: PackageFamily): string {
  return family === 'debian'
    ? 'LC_ALL=C apt-get -q update -o APT::Update::Error-Mode=any'
    : 'LC_ALL=C dnf -q -y makecache --refresh';
}

/** What the patch would change, changing nothing: apt-get -s, or dnf --assumeno. */
export function dryRunScript(family: PackageFamily, work: readonly PackageTarget[]): string {
  if (family === 'debian') return `LC_ALL=C apt-get -s -q install --only-upgrade ${specs(family, work)}`;
  // --assumeno answers the transaction's question with no and exits 1: that is the dry run working.
  return `LC_ALL=C dnf -y --assumeno upgrade ${specs(family, work)}; test $? -le 1`;
}

/** `Inst libdemo1 [1.0-1] (1.1-1 lab:./ [amd64])`: the upgrades and new installs of apt-get -s. */
export function parseAptDryRun(output: string): PackageChange[] {
  const changes: PackageChange[] = [];
  for (const line of output.split('\n')) {
    const match = /^Inst (\S+) (?:\[(\S+)\] )?\((\S+) /.exec(line);
    if (match?.[1] && match[3]) changes.push({ name: match[1], from: match[2] ?? null, to: match[3] });
  }
  return changes;
}

/**
 * The transaction table of `dnf --assumeno`: rows under Upgrading/Installing/Downgrading
 * headers, ` name  arch  version  repo  size`. dnf wraps a long name onto a line of its own; that
 * line is joined with the next. `from` is not in the table (null here; the caller asks rpm).
 */
export function parseDnfDryRun(output: string): PackageChange[] {
  const changes: PackageChange[] = [];
  let inSection = false;
  let carried = '';
  for (const raw of output.split('\n')) {
    if (/^(Upgrading|Installing|Installing dependencies|Installing weak dependencies|Downgrading):$/.test(raw.trim())) {
      inSection = true;
      continue;
    }
    if (!inSection) continue;
    if (raw.trim() === '' || /^Transaction Summary/.test(raw) || /^\S/.test(raw)) {
      inSection = /^\S.*:$/.test(raw.trim()) && !/^Transaction/.test(raw);
      carried = '';
      continue;
    }
    const fields = `${carried} ${raw}`.trim().split(/\s+/);
    if (fields.length === 1) {
      carried = fields[0] ?? '';
      continue;
    }
    carried = '';
    const [name, , version] = fields;
    if (name && version) changes.push({ name, from: null, to: version });
  }
  return changes;
}

/** The versions installed now, one `name<TAB>version<TAB>state` line per package installed. */
export function installedScript(family: PackageFamily, packages: readonly string[]): string {
  if (packages.length === 0) return 'true';
  return family === 'debian'
    ? `dpkg-query -W -f='\${Package}\\t\${Version}\\t\${db:Status-Abbrev}\\n' ${names(packages)} 2>/dev/null; true`
    : `rpm -q --qf '%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\tii\\n' ${names(packages)} | grep -v 'is not installed'; true`;
}

/** Package to version, for the packages installed; a half-configured package keeps its version. */
export function parseInstalled(output: string): Record<string, string> {
  const installed: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const [name, version, state] = line.split('\t');
    // dpkg-query lists packages it knows of but that are removed ("un", "rc"): not installed.
    if (name && version && state && /^.[iHFUWt]/.test(state.trim())) installed[name] = version;
  }
  return installed;
}

/** Installs the targets: upgrades only, never a package the host does not have. */
export function installScript(family: PackageFamily, work: readonly PackageTarget[]): string {
  if (family === 'debian') return `${APT} install --only-upgrade ${specs(family, work)}`;
  return `LC_ALL=C dnf -y upgrade ${specs(family, work)}`;
}

/**
 * Back to these versions (package to version). apt downgrades with --allow-downgrades (and
 * finishes a half-configured package on the way); dnf downgrades what is newer than recorded.
 */
export function restoreScript(family: PackageFamily, versions: Readonly<Record<string, string>>): string {
  const targets = Object.entries(versions).map(([name, version]) => ({ name, version }));
  if (targets.length === 0) return 'true';
  if (family === 'debian')
    return `dpkg --configure -a >/dev/null 2>&1; ${APT} install --allow-downgrades ${specs(family, targets)}`;
  return `LC_ALL=C dnf -y downgrade ${specs(family, targets)}`;
}

/**
 * Prints `reboot` when the host must restart to finish: Debian's flag file, or dnf
 * needs-restarting -r (exit 1 means a reboot is needed; anything else, that it cannot tell).
 */
export function rebootRequiredScript(family: PackageFamily): string {
  return family === 'debian'
    ? 'test -f /var/run/reboot-required && echo reboot; true'
    : 'dnf -q needs-restarting -r >/dev/null 2>&1; test $? -eq 1 && echo reboot; true';
}

/**
 * The systemd services whose processes still map a deleted library or program file: the ones
 * an upgrade left running old code. Same on both families (read from /proc, not a plugin).
 */
export const STALE_SERVICES_SCRIPT = `for m in /proc/[0-9]*/maps; do
  if grep -qE '/(lib|lib64|bin|sbin|libexec)/.* \\(deleted\\)$' "$m" 2>/dev/null; then
    sed -n 's|^0::.*/\\([^/]*\\.service\\)$|\\1|p' "\${m%/maps}/cgroup" 2>/dev/null
  fi
done | sort -u`;

/** Services a restart step never touches: restarting them would cut the session doing it. */
// sshd@… units are per-connection daemons of a socket-activated sshd: restarting one cuts a session.
const NEVER_RESTART = /^((ssh|sshd)(@.*)?|systemd-.*|dbus|dbus-broker|user@.*)\.service$/;

export function servicesToRestart(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((unit) => /^[A-Za-z0-9@_.:-]+\.service$/.test(unit) && !NEVER_RESTART.test(unit));
}

export function restartScript(units: readonly string[]): string {
  if (units.some((unit) => !/^[A-Za-z0-9@_.:-]+\.service$/.test(unit)))
    throw new AppError('invalid_input', `Not a service unit: ${units.join(' ')}`);
  return units.length === 0 ? 'true' : `systemctl restart ${units.map(quote).join(' ')}`;
}
