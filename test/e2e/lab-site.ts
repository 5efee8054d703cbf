import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../../src/main/app';
import { insideHost } from '../../src/main/lab/boot';
import { labGraph, labHostInput } from '../../src/main/lab/register';
import { sudoPasswordFor } from '../../src/main/lab/roles';
import { run } from '../../src/main/lab/run';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { DEFAULT_ROLLOUT_POLICY } from '../../src/shared/domain/plan';
import type { LabSession } from '../lab/lab-session';
import { labHostStatus } from '../lab/lab-shell';

/** The dependencies of the lab's graph that the admin draws or accepts in the browser, not seeded. */
export const LEFT_TO_DRAW = [
  { from: 'web', to: 'api' },
  { from: 'api', to: 'db' },
];

/**
 * A data folder as the site's admin has it before the rollout: the lab's hosts with their keys
 * pinned and sudo passwords stored (under `passphrase`), its services drawn without the edges in
 * LEFT_TO_DRAW, the lab's feeds imported, and the important ring gated by an approval. No scan:
 * the browser test runs it.
 */
export async function seedLabSite(session: LabSession, passphrase: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-site-'));
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher(passphrase),
  });
  try {
    const ctx = { actor: 'e2e seed' };
    for (const host of session.hosts) {
      const saved = app.services.hosts.add(labHostInput(host, session.layout.keyFile), ctx);
      const key = session.hostKeys[host.name];
      if (key) app.services.hosts.pinHostKey(saved.id, key, ctx);
      const sudo = sudoPasswordFor(host);
      if (sudo) await app.services.setSecret(`sudo:${host.name}`, sudo, ctx);
    }
    const drawn = labGraph(session.hosts);
    const seeded = drawn.edges.filter(
      (edge) => !LEFT_TO_DRAW.some((left) => left.from === edge.from && left.to === edge.to),
    );
    app.services.graph.save({ ...drawn, edges: seeded }, 0, ctx);
    const bundle = join(dataDir, 'lab-feeds.tar.gz');
    await run(['tar', '-czf', bundle, '-C', 'resources/lab', 'feeds']);
    await app.services.feeds.importPath(bundle, ctx);
    app.services.plans.setPolicy({ ...DEFAULT_ROLLOUT_POLICY, approvalRings: ['important'] }, ctx);
  } finally {
    app.close();
  }
  return dataDir;
}

/**
 * An HTTP keep-alive connection from one lab host to another's demo service, held open until
 * released: what a web tier's connection pool to its API looks like to a scan. (The lab's demo
 * web service calls nothing by itself.)
 */
export async function holdConnection(
  session: LabSession,
  from: string,
  to: string,
  port: number,
): Promise<{ release: () => Promise<void> }> {
  const target = session.hosts.find((host) => host.name === to);
  const { pid1 } = await labHostStatus(session.layout, from);
  if (!target || pid1 === null) throw new Error(`cannot connect ${from} to ${to}: not both running`);
  // Exits when its stdin closes, so releasing it needs no signal that nsenter might not pass on.
  const script = [
    'import socket, sys',
    `s = socket.create_connection((${JSON.stringify(target.address)}, ${String(port)}))`,
    `s.sendall(b"GET /health HTTP/1.1\\r\\nHost: ${to}\\r\\n\\r\\n")`,
    's.recv(4096)',
    'print("held", flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const [command = 'nsenter', ...args] = insideHost(pid1, ['python3', '-c', script]);
  const child: ChildProcess = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    if (!child.stdout) throw new Error('spawned without a stdout pipe');
    createInterface({ input: child.stdout }).once('line', () => {
      resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`the connection ${from} -> ${to}:${String(port)} ended (${String(code)})`));
    });
  });
  return {
    release: async () => {
      child.stdin?.end();
      await exited;
    },
  };
}
