import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/main/app';
import type { RolloutPolicy } from '../../src/shared/domain/plan';
import { LAB_SUDO_PASSWORD } from '../../src/main/lab/profile';
import { PG_SWITCHOVER } from '../../src/main/lab/roles';
import { run } from '../../src/main/lab/run';
import { labLayout } from '../../src/main/lab/layout';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { hostStatus, lab, onHost, waitFor } from './hosts';
import { demoHttpOn, restoreInitialVersions } from './lab-shell';

/** Secrets (the sudo passwords of two lab hosts) are stored under this passphrase. */
export const PASSPHRASE = 'lab-test-passphrase';
export const ctx = { actor: 'lab-test' };
/** The lab hosts whose login needs a sudo password. */
const SUDO_HOSTS = ['web3', 'search1'];
/** Every shop host a plan can take down (the lone load balancer is never planned). */
const PATCHABLE = ['web1', 'web2', 'web3', 'api1', 'api2', 'search1', 'search2', 'db1', 'db2'];

export const patchwise = (...args: string[]) =>
  run([process.execPath, 'bin/patchwise.mjs', '--data-dir', lab.dataDir, ...args]);

/**
 * The app on the lab's data folder, for rollouts: `onChange` hears the engine's journal changes;
 * a reboot that has not come back in 30 s has failed (the lab's hosts boot in about 5).
 */
export function openRolloutApp(onChange: (rolloutId: number) => void = () => undefined): App {
  return createApp({
    dataDir: lab.dataDir,
    transport: 'headless',
    events: (name, payload) => {
      if (name === 'rollout.change' && 'rolloutId' in payload) onChange(payload.rolloutId);
    },
    cipher: createPassphraseCipher(PASSPHRASE),
    rolloutTimeouts: { rebootMs: 30_000 },
  });
}

/**
 * What a rollout needs first: the demo packages at the versions the lab installs (other test
 * files upgrade some and leave them so), every host scanned, the lab's feeds imported, the sudo
 * passwords stored, and the site's rollout policy set.
 */
export async function prepareRollouts(app: App, policy: RolloutPolicy): Promise<void> {
  for (const host of PATCHABLE) await restoreInitial(host);
  const scanned = JSON.parse((await patchwise('scan', '--json')).stdout) as { hosts: { status: string }[] };
  const failed = scanned.hosts.filter((host) => host.status !== 'ok');
  if (failed.length > 0) throw new Error(`the scan failed on ${JSON.stringify(failed)}`);
  const bundle = join(mkdtempSync(join(tmpdir(), 'patchwise-bundle-')), 'lab-feeds.tar.gz');
  await run(['tar', '-czf', bundle, '-C', 'resources/lab', 'feeds']);
  await patchwise('feeds', 'import', '--json', bundle);
  for (const host of SUDO_HOSTS) await app.services.setSecret(`sudo:${host}`, LAB_SUDO_PASSWORD, ctx);
  app.services.plans.setPolicy(policy, ctx);
}

/**
 * Removes what `prepareRollouts` stored and closes the app: the other test files share the data
 * folder and open it without this passphrase, so a secret left here would be unreadable to them.
 */
export function closeRolloutApp(app: App): void {
  for (const host of SUDO_HOSTS)
    if (app.services.secrets.has(`sudo:${host}`)) app.services.removeSecret(`sudo:${host}`, ctx);
  app.close();
}

/** The fixes of the queue that close this CVE. */
export const fixesFor = (app: App, cve: string): string[] =>
  app.services.queue
    .items()
    .filter((item) => item.cves.includes(cve))
    .map((item) => item.fix);

export const demoHttp = (host: string): Promise<string> => demoHttpOn(labLayout(lab.labDir), host);

/** Puts a host's demo packages back to the versions the lab installed, for the test files after this one. */
export const restoreInitial = (host: string): Promise<void> => restoreInitialVersions(labLayout(lab.labDir), host);

/** A query on a lab database host, as the postgres user, in the shop database; its unaligned output. */
export const psql = (host: string, sql: string): Promise<string> =>
  onHost(host, `cd / && runuser -u postgres -- psql -d shop -tAc "${sql}"`);

/** Whether the host's PostgreSQL runs as a standby. */
export const inRecovery = async (host: string): Promise<boolean> =>
  (await psql(host, 'SELECT pg_is_in_recovery()')).trim() === 't';

/** Writes a row on the primary and waits until the replica has replayed it: replication works. */
export async function expectReplicated(primary: string, replica: string): Promise<void> {
  const note = `from-${primary}-${String(Date.now())}`;
  await psql(primary, `INSERT INTO orders (note) VALUES ('${note}')`);
  await waitFor(
    `${replica} to replay the write made on ${primary}`,
    async () => (await psql(replica, `SELECT count(*) FROM orders WHERE note = '${note}'`)).trim() === '1',
    30_000,
  );
}

/**
 * The database pair as the lab made it: when `primary` runs as a standby, the lab's own
 * switchover commands, run by hand, give it the role back from `replica`. True when it had to.
 */
export async function restorePrimary(primary: string, replica: string): Promise<boolean> {
  if (!(await inRecovery(primary))) return false;
  const address = async (name: string): Promise<string> => (await hostStatus(name)).address;
  const [fromAddress, toAddress] = [await address(replica), await address(primary)];
  const fill = (command: string) => command.replaceAll('{from}', fromAddress).replaceAll('{to}', toAddress);
  await onHost(replica, fill(PG_SWITCHOVER.demote));
  await onHost(primary, fill(PG_SWITCHOVER.promote));
  return true;
}
