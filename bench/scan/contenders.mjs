// The three ways of scanning the lab that the scan bench times, each returning how long it
// took and which hosts it failed on: Patchwise (CLI, and in this process), plain OpenSSH
// clients, and Ansible.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { outputOf, pool, shellFor, ssh } from './openssh.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

const run = (command, args, env = process.env) =>
  outputOf(spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));

async function timed(work) {
  const started = performance.now();
  const failed = await work();
  return { ms: performance.now() - started, failed };
}

/** Hosts that a `scan --json` output does not list as ok, with the error code it gives. */
function failedInScan(json, hosts) {
  const scans = new Map(JSON.parse(json).hosts.map((scan) => [scan.name, scan]));
  return hosts
    .filter((host) => scans.get(host.name)?.status !== 'ok')
    .map((host) => `${host.name} (${scans.get(host.name)?.error?.code ?? 'missing'})`);
}

/** `patchwise scan --json`, as an admin runs it: Node start, CLI, database, scan. */
export const patchwiseCli = (lab) =>
  timed(async () => {
    const args = ['bin/patchwise.mjs', '--data-dir', lab.dataDir, 'scan', '--json'];
    const { code, stdout, stderr } = await run(process.execPath, [...args, '--concurrency', String(lab.concurrency)]);
    if (code !== 0) throw new Error(`patchwise scan exited with ${code}: ${stderr}`);
    return failedInScan(stdout, lab.hosts);
  });

/**
 * The built CLI's scan command called in this process, the same code without Node's start and
 * module loading. The built app exports it from a chunk whose name carries a content hash.
 */
export async function loadPatchwiseInProcess() {
  const chunks = join(ROOT, 'out/main/chunks');
  const [file, ...more] = readdirSync(chunks).filter((name) => /^scan-.*\.js$/.test(name));
  if (!file || more.length > 0) throw new Error(`expected one scan chunk in ${chunks}`);
  const { runScan } = await import(pathToFileURL(join(chunks, file)).href);
  return (lab) =>
    timed(async () => {
      const command = { kind: 'scan', hosts: undefined, json: true, concurrency: lab.concurrency, timeoutSeconds: 120 };
      // runScan prints its JSON; keep it for the check instead of on the bench's output.
      const print = console.log;
      let json = '';
      console.log = (text) => (json += text);
      try {
        await runScan(command, lab.dataDir);
      } finally {
        console.log = print;
      }
      return failedInScan(json, lab.hosts);
    });
}

/** One plain `ssh` client per host, sending the very script Patchwise sends. */
export const openSsh = (lab) =>
  timed(async () => {
    const results = await pool(lab.hosts, lab.concurrency, (host) =>
      ssh(host, lab.knownHostsFile, shellFor(host), `${lab.scripts[host.family]}\n`),
    );
    return lab.hosts
      .map((host, i) => ({ host, ...results[i] }))
      .filter(({ code, stdout }) => code !== 0 || !stdout.includes('\n@@end'))
      .map(({ host, code, stderr }) => `${host.name} (exit ${code}: ${stderr.trim().split('\n').pop()})`);
  });

const RECAP = /^(\S+)\s+:\s+ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)/gm;

/** Ansible: package_facts and the collectors' update listing lines (bench/scan/playbook.yml). */
export async function ansible(lab, tag) {
  // A fresh folder for SSH's multiplexing sockets, so that no run reuses another's connections.
  const controlDir = join(lab.workDir, `ansible-cp-${tag}`);
  const env = { ...process.env, ANSIBLE_CONFIG: lab.ansibleConfig, ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir };
  const playbook = join(import.meta.dirname, 'playbook.yml');
  const result = await timed(async () => {
    const { stdout } = await run('ansible-playbook', ['-e', `@${lab.ansibleVars}`, playbook], env);
    const recap = new Map(
      [...stdout.matchAll(RECAP)].map(([, name, unreachable, failed]) => [name, { unreachable, failed }]),
    );
    const clean = ({ unreachable, failed } = {}) => unreachable === '0' && failed === '0';
    return lab.hosts
      .filter((host) => !clean(recap.get(host.name)))
      .map((host) => `${host.name} (${recap.has(host.name) ? 'failed or unreachable' : 'not in the recap'})`);
  });
  // The multiplexing masters outlive ansible-playbook (ControlPersist); end them now.
  const sockets = existsSync(controlDir) ? readdirSync(controlDir) : [];
  await Promise.all(
    sockets.map((socket) => run('ssh', ['-O', 'exit', '-o', `ControlPath=${join(controlDir, socket)}`, 'lab'])),
  );
  return result;
}
