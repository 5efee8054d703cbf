// The lab as the scan bench sees it: the hosts of a lab that is already up, registered by
// `lab up` (which reuses a running lab) in a data folder of the bench's own, so that every
// client reaches them with the same logins, key and pinned host keys as Patchwise.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ssh } from './openssh.mjs';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'patchwise.mjs');
const cli = (args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const onPath = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/**
 * @returns {{ skip: string } | { skip: null, profile: string, hosts: LabHost[] }}
 * @typedef {{ name: string, address: string, port: number, family: 'debian' | 'rhel', user: string,
 *   keyFile: string, hostKey: string }} LabHost
 */
export function findLab(dataDir) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { skip: 'the lab and its key are root-only' };
  for (const tool of ['ssh', 'ansible-playbook'])
    if (!onPath(tool)) return { skip: `${tool} is not installed (apt-get install openssh-client ansible)` };
  const status = () => {
    const result = cli(['lab', 'status', '--json']);
    return result.status === 0 ? JSON.parse(result.stdout) : undefined;
  };
  let lab = status();
  let broughtUp = false;
  if (!lab?.hosts.length) {
    // No lab: bring the shop lab up for the bench (cached image: about half a minute) and
    // take it down after (the caller calls labDown).
    const up = cli(['--data-dir', dataDir, 'lab', 'up', '--profile', 'shop']);
    if (up.status !== 0) return { skip: `could not bring the lab up: ${up.stderr.trim().split('\n').pop()}` };
    broughtUp = true;
    lab = status();
    if (!lab?.hosts.length) return { skip: 'the lab did not come up', broughtUp };
  }
  const down = lab.hosts.filter((host) => host.phase !== 'running').map((host) => host.name);
  if (down.length > 0) return { skip: `lab hosts not running: ${down.join(', ')}`, broughtUp };
  // With a lab up, `lab up` only registers its hosts; it would boot one only if the lab went
  // down in the last moment, which the status just above makes unlikely.
  const registered = cli(['--data-dir', dataDir, 'lab', 'up', '--profile', lab.profile]);
  if (registered.status !== 0)
    return { skip: `could not register the lab hosts: ${registered.stderr.trim()}`, broughtUp };
  const db = new Database(join(dataDir, 'patchwise.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT h.name, h.address, h.port, h.os_family AS family, h.login_user AS user,
                h.credential_ref AS ref, k.algorithm || ' ' || k.public_key AS hostKey
         FROM host h JOIN host_key k ON k.host_id = h.id ORDER BY h.name`,
      )
      .all();
    const hosts = rows
      .filter((row) => lab.hosts.some((host) => host.name === row.name))
      .map(({ ref, ...row }) => ({ ...row, keyFile: ref.replace(/^file:/, '') }));
    if (hosts.length !== lab.hosts.length)
      return { skip: 'the data folder lacks lab hosts or their pinned keys', broughtUp };
    return { skip: null, profile: lab.profile, hosts, broughtUp };
  } finally {
    db.close();
  }
}

/** Takes down a lab the bench brought up. */
export const labDown = () => cli(['lab', 'down']);

/** known_hosts lines for the pinned keys: OpenSSH and Ansible check hosts against exactly these. */
export const knownHosts = (hosts) =>
  hosts.map((h) => `${h.port === 22 ? h.address : `[${h.address}]:${h.port}`} ${h.hostKey}\n`).join('');

/**
 * How the collector runs on each host, decided the way Patchwise decides (root login, else
 * passwordless sudo, else unprivileged: the bench's data folder holds no sudo password), and
 * whether Ansible's package_facts can list its packages (apt needs python3-apt on the host).
 * @returns {Promise<{ skip: string } | { skip: null, hosts: (LabHost & { privilege: string, pythonApt: boolean })[] }>}
 */
export async function probe(hosts, knownHostsFile) {
  const command = `id -u; sudo -n true 2>/dev/null && echo sudo; python3 -c 'import apt' 2>/dev/null && echo python-apt; true`;
  const answers = await Promise.all(
    hosts.map(async (host) => ({ host, ...(await ssh(host, knownHostsFile, command)) })),
  );
  const silent = answers.filter(({ code }) => code !== 0);
  if (silent.length > 0) {
    const why = silent.map(({ host, stderr }) => `${host.name} (${stderr.trim()})`).join(', ');
    return { skip: `lab hosts do not answer over SSH (a fault injected?): ${why}` };
  }
  const probed = answers.map(({ host, stdout }) => {
    const [uid, ...rest] = stdout.trim().split('\n');
    const privilege = uid === '0' ? 'root' : rest.includes('sudo') ? 'sudo' : 'user';
    return { ...host, privilege, pythonApt: rest.includes('python-apt') };
  });
  return { skip: null, hosts: probed };
}

/** Waits until every host answers over SSH again (after a fault someone else injected), up to 3 minutes. */
export async function waitUntilAllAnswer(hosts, knownHostsFile) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const answers = await Promise.all(hosts.map((host) => ssh(host, knownHostsFile, 'true')));
    if (answers.every(({ code }) => code === 0)) return true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return false;
}
