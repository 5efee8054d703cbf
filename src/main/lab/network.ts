import { LAB_BRIDGE, LAB_GATEWAY, type LabHost } from './profile';
import { run, succeeds } from './run';

/**
 * The lab network: one bridge in the root namespace (the gateway, where the mirror listens) and
 * one veth pair per host, its inner end named eth0 inside the host's namespace.
 */
export async function createBridge(): Promise<void> {
  if (!(await succeeds(['ip', 'link', 'show', LAB_BRIDGE]))) {
    await run(['ip', 'link', 'add', LAB_BRIDGE, 'type', 'bridge']);
  }
  if (!(await run(['ip', '-o', 'addr', 'show', 'dev', LAB_BRIDGE])).stdout.includes(`${LAB_GATEWAY}/`)) {
    await run(['ip', 'addr', 'add', `${LAB_GATEWAY}/24`, 'dev', LAB_BRIDGE]);
  }
  await run(['ip', 'link', 'set', LAB_BRIDGE, 'up']);
}

export async function removeBridge(): Promise<void> {
  if (await succeeds(['ip', 'link', 'show', LAB_BRIDGE])) await run(['ip', 'link', 'del', LAB_BRIDGE]);
}

export async function createHostNetwork(host: LabHost): Promise<void> {
  await removeHostNetwork(host.netns);
  await run(['ip', 'netns', 'add', host.netns]);
  await run(['ip', 'link', 'add', host.netns, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.netns]);
  await run(['ip', 'link', 'set', host.netns, 'master', LAB_BRIDGE, 'up']);
  const inside = (...args: string[]) => run(['ip', '-n', host.netns, ...args]);
  await inside('link', 'set', 'lo', 'up');
  await inside('addr', 'add', `${host.address}/24`, 'dev', 'eth0');
  await inside('link', 'set', 'eth0', 'up');
  await inside('route', 'add', 'default', 'via', LAB_GATEWAY);
}

/** Removes a host's namespace and its root-side veth (named like the namespace). */
export async function removeHostNetwork(netns: string): Promise<void> {
  if (await succeeds(['ip', 'link', 'show', netns])) await run(['ip', 'link', 'del', netns]);
  if (await succeeds(['ip', 'netns', 'pids', netns])) await run(['ip', 'netns', 'del', netns]);
}

/** Lab namespaces that exist now (pwl-*), whether or not the state file knows them. */
export async function labNamespaces(): Promise<string[]> {
  const { stdout } = await run(['ip', 'netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith('pwl-'));
}

export async function setLink(host: LabHost, up: boolean): Promise<void> {
  await run(['ip', 'link', 'set', host.netns, up ? 'up' : 'down']);
}

/**
 * A slow link: this kernel has no netem, so "slow" is a token-bucket rate limit on the host's
 * veth (real queueing delay under load) rather than a fixed added latency.
 */
export async function setSlow(host: LabHost, slow: boolean): Promise<void> {
  await run(['tc', 'qdisc', 'del', 'dev', host.netns, 'root']).catch(() => undefined);
  if (slow)
    await run([
      'tc',
      'qdisc',
      'add',
      'dev',
      host.netns,
      'root',
      'tbf',
      'rate',
      '256kbit',
      'burst',
      '4kb',
      'latency',
      '400ms',
    ]);
}
