import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostInputOf, type HostInput } from '../../../src/shared/domain/host';
import { createApp, type App } from '../../../src/main/app';
import { run } from '../../../src/main/lab/run';
import { createPassphraseCipher } from '../../../src/main/secrets/passphrase-cipher';
import { lab, labCli, onHost, waitFor } from '../../lab/hosts';

/**
 * Scan failures a user meets on a real fleet, through the CLI: each faulty host fails with its
 * own code while the others in the same scan finish. Unreachable, hanging and changed-key hosts
 * are in scan.test.ts. Each test scans a data folder of its own holding copies of a few lab hosts,
 * so its secrets and extra hosts never reach the shared one; every fault is undone in `finally`,
 * because another engineer may be scanning the same lab.
 */

interface ScannedHost {
  name: string;
  status: 'ok' | 'error';
  error?: { code: string; message: string };
  servicesToRestart?: string[] | null;
  upgrades?: { name: string }[];
  warnings?: string[];
}

const PASSPHRASE = 'scan-faults-lab-passphrase';
const ctx = { actor: 'scan-faults test' };
/** What the `hang` fault runs in place of the package manager (see src/main/lab/faults.ts). */
const HANGING_COMMAND = 'sleep 2147483647';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function withApp<T>(dataDir: string, use: (app: App) => T | Promise<T>): Promise<T> {
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher(PASSPHRASE),
  });
  try {
    return await use(app);
  } finally {
    app.close();
  }
}

interface FleetEntry {
  input: HostInput;
  hostKeyLine: string | undefined;
}

/** Lab hosts as `lab up` registered them: address, lab key as credential, pinned host key. */
async function labHosts(...names: string[]): Promise<FleetEntry[]> {
  return withApp(lab.dataDir, (app) => {
    const fleet = app.services.hosts.list();
    return names.map((name) => {
      const host = fleet.find((candidate) => candidate.name === name);
      if (!host) throw new Error(`${name} is not registered in ${lab.dataDir}`);
      const key = app.services.hosts.hostKey(host.id);
      return { input: hostInputOf(host), hostKeyLine: key && `${key.algorithm} ${key.publicKey}` };
    });
  });
}

/** A fresh data folder holding just these hosts, closed again before the CLI opens it. */
async function fleetOf(entries: FleetEntry[]): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-scan-faults-'));
  tempDirs.push(dataDir);
  await withApp(dataDir, (app) => {
    for (const { input, hostKeyLine } of entries) {
      const host = app.services.hosts.add(input, ctx);
      if (hostKeyLine) app.services.hosts.pinHostKey(host.id, hostKeyLine, ctx);
    }
  });
  return dataDir;
}

/** Runs the CLI scan; `run` rejects unless it exits 0, and the output must be JSON. */
async function scan(dataDir: string, ...args: string[]): Promise<ScannedHost[]> {
  const cli = [process.execPath, 'bin/patchwise.mjs', '--data-dir', dataDir, 'scan', '--json', ...args];
  const { stdout } = await run(cli, { env: { ...process.env, PATCHWISE_PASSPHRASE: PASSPHRASE } });
  return (JSON.parse(stdout) as { hosts: ScannedHost[] }).hosts;
}

/** The faulty hosts fail with these codes; every other host of the same scan finishes ok. */
function expectFailures(hosts: ScannedHost[], codes: Record<string, string>): void {
  const failures = Object.fromEntries(
    hosts.filter((host) => host.status !== 'ok').map((host) => [host.name, host.error?.code]),
  );
  expect(failures, JSON.stringify(hosts.map((host) => [host.name, host.error]))).toEqual(codes);
  expect(hosts.length).toBeGreaterThan(Object.keys(codes).length);
}

const errorOf = (hosts: ScannedHost[], name: string): string =>
  hosts.find((host) => host.name === name)?.error?.message ?? '';

/** Process groups on a host running the `hang` fault's command, i.e. collectors stuck in it. */
async function hangingGroups(name: string): Promise<number[]> {
  const table = await onHost(name, 'ps -eo pgid=,args=');
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match?.[2] === HANGING_COMMAND)
    .map((match) => Number(match?.[1]));
}

/** Settles like `promise`, or fails naming `what` once `ms` have passed. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Scans search2 with api2 and db2 and cuts search2's link while its collector hangs in dnf (the
 * `hang` fault); returns the scan and how long after the cut the CLI exited.
 */
async function scanWithLinkCut(timeoutSeconds: number): Promise<{ hosts: ScannedHost[]; exitedAfterMs: number }> {
  const dataDir = await fleetOf(await labHosts('search2', 'api2', 'db2'));
  const stuckBefore = await hangingGroups('search2');
  const isNew = (group: number): boolean => !stuckBefore.includes(group);
  await labCli(['fault', 'search2', 'hang']);
  const scanning = scan(dataDir, '--timeout', String(timeoutSeconds));
  // If a step below fails, the scan still settles (its timeout) and must not reject unheard.
  scanning.catch(() => undefined);
  try {
    await waitFor('the scan to hang inside search2', async () => (await hangingGroups('search2')).some(isNew), 30_000);
    await labCli(['fault', 'search2', 'link-down']);
    const cutAt = Date.now();
    // A CLI kept alive by a socket waiting on the dead link would outlive its answer by minutes.
    const hosts = await within(60_000, 'the scan to exit after the link cut', scanning);
    return { hosts, exitedAfterMs: Date.now() - cutAt };
  } finally {
    await labCli(['fault', 'search2', 'link-up']);
    await labCli(['fault', 'search2', 'restore']);
    await scanning.catch(() => undefined);
    // sshd never heard the client go, so collectors stuck in this fault stay; end those, by group.
    const leftover = (await hangingGroups('search2')).filter(isNew);
    if (leftover.length > 0)
      await onHost('search2', `kill -TERM ${leftover.map((group) => `-${String(group)}`).join(' ')}`);
  }
}

/** Where a stand-in for a collector's command goes: early in sudo's secure_path and root's PATH. */
const standInPath = (command: string): string => `/usr/local/bin/${command}`;

/** Makes `command` fail as apt-get update does when the mirror cannot be reached. */
function installUnreachableMirror(name: string, command: string): Promise<string> {
  const script = `#!/bin/sh\\n# Patchwise test scan-faults: remove me.\\necho "E: Failed to fetch: unable to connect" >&2\\nexit 100\\n`;
  return onHost(name, `printf '${script}' > ${standInPath(command)} && chmod 755 ${standInPath(command)}`);
}

/** Makes `command` print something its collector does not expect, and succeed. */
function installGarbage(name: string, command: string): Promise<string> {
  const script = `#!/bin/sh\\n# Patchwise test scan-faults: remove me.\\necho "this is not what ${command} prints"\\n`;
  return onHost(name, `printf '${script}' > ${standInPath(command)} && chmod 755 ${standInPath(command)}`);
}

describe.skipIf(lab.skip !== null)(`patchwise scan faults${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('fails a host that does not take the key with auth_failed', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'patchwise-stranger-key-'));
    tempDirs.push(keyDir);
    const keyFile = join(keyDir, 'id_ed25519');
    await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', keyFile]);
    // search2 as an admin might add it with the wrong key: its host key is trusted, the login is not.
    const [search2, ...others] = await labHosts('search2', 'api2', 'db2');
    if (!search2) throw new Error('search2 missing');
    const stranger = { ...search2.input, name: 'search2-wrong-key', credentialRef: `file:${keyFile}` };
    const hosts = await scan(await fleetOf([{ ...search2, input: stranger }, ...others]));
    expectFailures(hosts, { 'search2-wrong-key': 'auth_failed' });
    expect(errorOf(hosts, 'search2-wrong-key')).toContain('search2-wrong-key');
  });

  it('fails a host whose stored sudo password is wrong with sudo_failed, and scans it as root with the right one', async () => {
    const dataDir = await fleetOf(await labHosts('web3', 'db2'));
    await withApp(dataDir, (app) => app.services.secrets.put('sudo:web3', 'not-the-sudo-password'));
    expectFailures(await scan(dataDir), { web3: 'sudo_failed' });

    await withApp(dataDir, (app) => app.services.secrets.put('sudo:web3', 'lab-sudo-pass'));
    const hosts = await scan(dataDir);
    expectFailures(hosts, {});
    // Only root sees which services map deleted libraries: a list (maybe empty), not null.
    expect(hosts.find((host) => host.name === 'web3')?.servicesToRestart).toEqual(expect.any(Array));
  });

  it('fails a host whose link is cut during a command with connection_lost, once keepalives go unanswered', async () => {
    // A command timeout well past keepalive's detection (5 s x 3 unanswered: 15-20 s after the
    // cut), so only the dead link can end the hanging command.
    const { hosts, exitedAfterMs } = await scanWithLinkCut(60);
    expectFailures(hosts, { search2: 'connection_lost' });
    expect(exitedAfterMs).toBeLessThan(35_000);
  });

  it('fails it with timeout when the command timeout comes before keepalive, and the CLI still exits', async () => {
    // 10 s: the cut lands inside the command (it hangs within 1-3 s), and the timer fires before
    // keepalive could notice. Closing must then not wait on the dead link (scanWithLinkCut's deadline).
    const { hosts } = await scanWithLinkCut(10);
    expectFailures(hosts, { search2: 'timeout' });
  });

  it('fails a host whose package tool prints something unexpected with parse_failed, naming the tool', async () => {
    const dataDir = await fleetOf(await labHosts('api2', 'search2', 'db2'));
    try {
      await installGarbage('api2', 'dpkg-query');
      await installGarbage('search2', 'rpm');
      const hosts = await scan(dataDir);
      expectFailures(hosts, { api2: 'parse_failed', search2: 'parse_failed' });
      expect(errorOf(hosts, 'api2')).toContain('dpkg-query');
      expect(errorOf(hosts, 'search2')).toContain('rpm');
    } finally {
      await onHost('api2', `rm -f ${standInPath('dpkg-query')}`);
      await onHost('search2', `rm -f ${standInPath('rpm')}`);
    }
  });

  it('scans a Debian host whose package lists cannot be refreshed, and says the upgrades may be stale', async () => {
    const dataDir = await fleetOf(await labHosts('api2', 'db2'));
    try {
      // Past the hour in which a scan does not refresh again, and apt-get update failing.
      await onHost('api2', 'rm -f /var/lib/apt/periodic/patchwise-update-stamp');
      await installUnreachableMirror('api2', 'apt-get');
      const hosts = await scan(dataDir);
      expectFailures(hosts, {});
      const api2 = hosts.find((host) => host.name === 'api2');
      expect(api2?.warnings).toEqual([expect.stringMatching(/^apt-get update failed \(exit 100\)/)]);
      // What apt still knows is reported, not thrown away.
      expect(api2?.upgrades?.length).toBeGreaterThan(0);
      expect(hosts.find((host) => host.name === 'db2')?.warnings).toEqual([]);
    } finally {
      await onHost('api2', `rm -f ${standInPath('apt-get')}`);
    }
  });
});
