import { LAB_ADMIN, LAB_GATEWAY, LAB_SUDO_PASSWORD, MIRROR_PORT, type LabHost } from './profile';

/** A file to write into a host's root filesystem. */
export interface HostFile {
  path: string;
  content: string;
  mode?: number;
  /** Make a symbolic link to this target instead of a file (content is ignored). */
  link?: string;
}

export const REPLICATION_USER = 'replicator';
export const REPLICATION_PASSWORD = 'lab-replication';
export const SHOP_PORT = 80;
export const API_PORT = 8081;
export const DEMO_HTTP_PORT = 8080;

const mirror = `http://${LAB_GATEWAY}:${String(MIRROR_PORT)}`;

/** What makes a host a Rocky Linux 9 host to anyone who asks the usual files. */
const ROCKY_OS_RELEASE = `NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
ANSI_COLOR="0;32"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
HOME_URL="https://rockylinux.org/"
BUG_REPORT_URL="https://bugs.rockylinux.org/"
ROCKY_SUPPORT_PRODUCT="Rocky-Linux-9"
ROCKY_SUPPORT_PRODUCT_VERSION="9.3"
`;

export function osFiles(host: LabHost): HostFile[] {
  if (host.os === 'debian') {
    return [
      {
        path: 'etc/apt/sources.list',
        content: `# The site mirror (Patchwise lab)\ndeb [trusted=yes] ${mirror}/apt ./\n`,
      },
      // What apt-daily does on a server: package lists are fresh from boot, so a login without
      // root still sees what the mirror offers.
      {
        path: 'etc/systemd/system/patchwise-lab-apt-lists.service',
        content:
          '[Unit]\nDescription=Refresh package lists from the site mirror\nAfter=network.target\n\n' +
          '[Service]\nType=oneshot\nExecStart=/usr/bin/apt-get update -qq\n\n[Install]\nWantedBy=multi-user.target\n',
      },
      {
        path: 'etc/systemd/system/multi-user.target.wants/patchwise-lab-apt-lists.service',
        content: '',
        link: '/etc/systemd/system/patchwise-lab-apt-lists.service',
      },
    ];
  }
  const release = 'Rocky Linux release 9.3 (Blue Onyx)\n';
  return [
    { path: 'usr/lib/os-release', content: ROCKY_OS_RELEASE },
    { path: 'etc/os-release', content: ROCKY_OS_RELEASE },
    { path: 'etc/redhat-release', content: release },
    { path: 'etc/rocky-release', content: release },
    { path: 'etc/system-release', content: release },
    {
      path: 'etc/yum.repos.d/patchwise-lab.repo',
      content: `[lab-mirror]\nname=Site mirror (Patchwise lab)\nbaseurl=${mirror}/rpm\nenabled=1\ngpgcheck=0\nmetadata_expire=30\n`,
    },
    { path: 'etc/dnf/vars/releasever', content: '9\n' },
    // Debian's rpm keeps a database per user (~/.rpmdb); a RHEL host has one, system-wide.
    { path: 'etc/rpm/macros', content: '%_dbpath /var/lib/rpm\n' },
    // Debian's dnf enables the `local` plugin, which a RHEL host does not have and which fails here.
    { path: 'etc/dnf/plugins/local.conf', content: '[main]\nenabled=0\n' },
  ];
}

export function accessFiles(host: LabHost, labPublicKey: string): HostFile[] {
  const files: HostFile[] = [
    {
      path: 'etc/ssh/sshd_config.d/patchwise-lab.conf',
      content: `PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin ${host.login === 'root' ? 'prohibit-password' : 'no'}\n`,
    },
  ];
  if (host.login === 'root') {
    files.push({ path: 'root/.ssh/authorized_keys', content: `${labPublicKey}\n`, mode: 0o600 });
  } else {
    const rule = host.login === 'sudo-nopasswd' ? 'NOPASSWD: ALL' : 'ALL';
    files.push({ path: `home/${LAB_ADMIN}/.ssh/authorized_keys`, content: `${labPublicKey}\n`, mode: 0o600 });
    files.push({ path: `etc/sudoers.d/${LAB_ADMIN}`, content: `${LAB_ADMIN} ALL=(ALL:ALL) ${rule}\n`, mode: 0o440 });
  }
  return files;
}

/** The sudo password, for the variant that needs one. */
export const sudoPasswordFor = (host: LabHost): string | undefined =>
  host.login === 'sudo-password' ? LAB_SUDO_PASSWORD : undefined;

function haproxyConfig(hosts: readonly LabHost[]): string {
  const servers = (role: LabHost['role'], port: number) =>
    hosts
      .filter((host) => host.role === role)
      .map((host) => `  server ${host.name} ${host.address}:${String(port)} check inter 1s fall 2 rise 2`)
      .join('\n');
  return `global
  log /dev/log local0
  # The runtime API: drain and undrain servers (set server web/web1 state drain|ready).
  stats socket /run/haproxy/admin.sock mode 660 level admin
  stats timeout 30s
  user haproxy
  group haproxy
  daemon

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A request whose server vanished mid-flight is retried on another one.
  option redispatch
  retries 3

frontend shop
  bind :${String(SHOP_PORT)}
  default_backend web

frontend api
  bind :${String(API_PORT)}
  default_backend api

backend web
  balance roundrobin
  option httpchk GET /health
  http-check expect status 200
${servers('web', DEMO_HTTP_PORT)}

backend api
  balance roundrobin
  option httpchk GET /health
  http-check expect status 200
${servers('api', DEMO_HTTP_PORT)}
`;
}

const PG_CONF = `# Patchwise lab: a primary with a streaming replica.
listen_addresses = '*'
wal_level = replica
max_wal_senders = 5
wal_keep_size = 64MB
hot_standby = on
`;

function primaryInit(): string {
  return `#!/bin/sh
# Runs after PostgreSQL starts on the primary: the replication role and the shop database.
# Nothing to do once a switchover made this host a standby (it is read-only then).
set -eu
for i in $(seq 1 30); do runuser -u postgres -- pg_isready -q && break; sleep 1; done
[ "$(cd / && runuser -u postgres -- psql -tAc 'SELECT pg_is_in_recovery()')" = t ] && exit 0
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN PASSWORD ''${REPLICATION_PASSWORD}'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${REPLICATION_USER}')\\gexec
SELECT 'CREATE DATABASE shop' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'shop')\\gexec
SQL
runuser -u postgres -- psql -q -d shop -c 'CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL DEFAULT now())'
`;
}

function replicaInit(primary: LabHost): string {
  return `#!/bin/sh
# Runs before PostgreSQL starts on the replica: the first time, replace the empty cluster with a
# base backup of the primary and start as its streaming standby. Only the first time: after a
# switchover this host is the primary, and its data is the site's.
set -eu
data=/var/lib/postgresql/15/main
[ -f /var/lib/postgresql/.patchwise-lab-replica ] && exit 0
export PGPASSWORD='${REPLICATION_PASSWORD}'
for i in $(seq 1 120); do
  if runuser -u postgres -- pg_basebackup -h ${primary.address} -U ${REPLICATION_USER} -D "$data.new" -R -X stream --checkpoint=fast 2>/dev/null; then
    rm -rf "$data"
    mv "$data.new" "$data"
    touch /var/lib/postgresql/.patchwise-lab-replica
    exit 0
  fi
  rm -rf "$data.new"
  sleep 1
done
echo "the primary ${primary.name} did not answer for a base backup" >&2
exit 1
`;
}

/** Configuration and first-boot scripts for the host's role. */
export function roleFiles(host: LabHost, hosts: readonly LabHost[]): HostFile[] {
  switch (host.role) {
    case 'lb':
      return [{ path: 'etc/haproxy/haproxy.cfg', content: haproxyConfig(hosts) }];
    case 'db-primary':
      return [
        { path: 'etc/postgresql/15/main/conf.d/patchwise-lab.conf', content: PG_CONF },
        { path: 'usr/local/sbin/patchwise-lab-pg-init', content: primaryInit(), mode: 0o755 },
        {
          path: 'etc/systemd/system/postgresql@15-main.service.d/patchwise-lab.conf',
          content: '[Service]\nExecStartPost=+/usr/local/sbin/patchwise-lab-pg-init\n',
        },
      ];
    case 'db-replica': {
      const primary = hosts.find((candidate) => candidate.role === 'db-primary');
      if (!primary) throw new Error(`${host.name} is a replica but the profile has no primary`);
      return [
        { path: 'etc/postgresql/15/main/conf.d/patchwise-lab.conf', content: PG_CONF },
        { path: 'usr/local/sbin/patchwise-lab-pg-init', content: replicaInit(primary), mode: 0o755 },
        {
          path: 'etc/systemd/system/postgresql@15-main.service.d/patchwise-lab.conf',
          content: '[Service]\nExecStartPre=+/usr/local/sbin/patchwise-lab-pg-init\nTimeoutStartSec=300\n',
        },
      ];
    }
    case 'web':
    case 'api':
    case 'search':
      return [];
  }
}

/**
 * The shop's PostgreSQL switchover, as its admin would write it into the service graph. Demote
 * (on the old primary): stop cleanly, so every change has reached the replica, and come back as a
 * standby following the replica ({to}); promote (on the replica): become the primary; the old
 * primary follows it onto the new timeline. Both are no-ops the second time.
 */
export const PG_SWITCHOVER = {
  demote: `set -eu
data=/var/lib/postgresql/15/main
[ -f "$data/standby.signal" ] && exit 0
systemctl stop postgresql@15-main
printf "primary_conninfo = 'host=%s user=${REPLICATION_USER} password=${REPLICATION_PASSWORD}'\\n" '{to}' >> "$data/postgresql.auto.conf"
touch "$data/standby.signal" && chown postgres:postgres "$data/standby.signal"
systemctl start postgresql@15-main`,
  promote: `set -eu
cd /
[ "$(runuser -u postgres -- psql -tAc 'SELECT pg_is_in_recovery()')" = f ] && exit 0
runuser -u postgres -- psql -tAc 'SELECT pg_promote()' | grep -qx t`,
};

/** PostgreSQL's pg_hba lines the lab appends on database hosts. */
export const PG_HBA_LINES = `host replication ${REPLICATION_USER} ${LAB_GATEWAY.replace(/\.1$/, '.0')}/24 scram-sha-256
host all all ${LAB_GATEWAY.replace(/\.1$/, '.0')}/24 scram-sha-256
`;

export const roleServices = (host: LabHost): string[] =>
  host.role === 'lb' ? ['haproxy.service'] : host.role.startsWith('db-') ? ['postgresql.service'] : [];

export const runsDemoHttp = (host: LabHost): boolean => ['web', 'api', 'search'].includes(host.role);
