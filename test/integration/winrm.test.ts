import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOST_INPUT, type Host } from '../../src/shared/domain/host';
import { parseWindowsInventory } from '../../src/main/fleet/collectors/windows';
import { testConnection } from '../../src/main/fleet/connection-test';
import { scanHost, type ScanOptions } from '../../src/main/fleet/scan';

// WinRM through node-powershell, driven by a FAKE PowerShell (test/fixtures/fake-pwsh/pwsh.mjs):
// neither pwsh nor a Windows host exists here. This checks the Node side end to end (the real
// node-powershell, its process and protocol, our command line, secrets, errors, timeouts and
// cancel); the PowerShell text itself has not run anywhere.
const FAKE = resolve('test/fixtures/fake-pwsh/pwsh.mjs');
const OUTPUT = resolve('test/fixtures/collectors/windows-server2022.txt');
const PASSWORD = "s3cret 'quoted' päss";

let dir: string;
let log: string;
const saved = { pwsh: process.env['NODE_POWERSHELL'], hosts: process.env['FAKE_PWSH_HOSTS'] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'patchwise-winrm-'));
  log = join(dir, 'pwsh.log');
  writeFileSync(
    join(dir, 'hosts.json'),
    JSON.stringify({
      '10.9.0.1': { password: PASSWORD, output: OUTPUT, admin: true },
      '10.9.0.2': { hang: true },
      '10.9.0.3': { error: { id: 'WinRMOperationTimeout,PSSessionStateBroken', message: 'The operation timed out.' } },
      'kerberos.example.lan': { output: OUTPUT, admin: false },
    }),
  );
  process.env['NODE_POWERSHELL'] = FAKE;
  process.env['FAKE_PWSH_HOSTS'] = join(dir, 'hosts.json');
  process.env['FAKE_PWSH_LOG'] = log;
});

afterAll(() => {
  if (saved.pwsh === undefined) delete process.env['NODE_POWERSHELL'];
  else process.env['NODE_POWERSHELL'] = saved.pwsh;
  if (saved.hosts === undefined) delete process.env['FAKE_PWSH_HOSTS'];
  else process.env['FAKE_PWSH_HOSTS'] = saved.hosts;
  delete process.env['FAKE_PWSH_LOG'];
  rmSync(dir, { recursive: true, force: true });
});

const windowsHost = (fields: Partial<Host>): Host => ({
  ...DEFAULT_HOST_INPUT,
  id: 7,
  name: 'win1',
  address: '10.9.0.1',
  port: 5986,
  osFamily: 'windows',
  transport: 'winrm',
  loginUser: 'PLANT\\patchadmin',
  authMethod: 'password',
  credentialRef: 'win1-admin',
  createdAt: '2026-11-27T00:00:00.000Z',
  updatedAt: '2026-11-27T00:00:00.000Z',
  ...fields,
});

const options = (extra: Partial<ScanOptions> = {}): ScanOptions => ({
  concurrency: 4,
  commandTimeoutMs: 10_000,
  hostByName: () => undefined,
  pinnedKey: () => null,
  secret: (ref) => Promise.resolve(ref === 'win1-admin' ? PASSWORD : ref === 'wrong' ? 'nope' : undefined),
  ...extra,
});

describe('scanning Windows over WinRM (fake PowerShell)', () => {
  it('scans with the stored password and parses what remoting returns', async () => {
    const states: string[] = [];
    const scan = await scanHost(windowsHost({}), options({ onProgress: (_host, state) => void states.push(state) }));
    expect(scan).toEqual({
      hostId: 7,
      name: 'win1',
      status: 'ok',
      inventory: parseWindowsInventory(readFileSync(OUTPUT, 'utf8')),
    });
    expect(states).toEqual(['connecting', 'collecting', 'ok']);
  });

  it('sends the password only inside the command on the pipe, never in plain text or on argv', () => {
    const text = readFileSync(log, 'utf8');
    expect(text).toContain("PSCredential('PLANT\\patchadmin'");
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(text.split('\n').filter((line) => line.startsWith('argv'))).toEqual([
      'argv ["-NoLogo","-NoProfile","-NonInteractive","-ExecutionPolicy","Bypass","-NoExit","-Command","-"]',
    ]);
  });

  it("signs in as the admin's own Windows login without a credential", async () => {
    const scan = await scanHost(
      windowsHost({ address: 'kerberos.example.lan', authMethod: 'agent', credentialRef: null }),
      options(),
    );
    expect(scan.status).toBe('ok');
    expect(readFileSync(log, 'utf8').split('\n').at(-2)).not.toContain('PSCredential');
  });

  it.each([
    ['a wrong password', { credentialRef: 'wrong' }, 'auth_failed', /Access is denied/],
    ['no stored password', { credentialRef: 'missing' }, 'auth_failed', /No stored password for win1/],
    ['an unknown computer', { address: '10.9.0.99' }, 'unreachable', /Connecting to remote server 10\.9\.0\.99 failed/],
    ['a remoting timeout', { address: '10.9.0.3' }, 'timeout', /The operation timed out/],
  ] as const)('gives %s its code', async (_what, fields, code, message) => {
    const scan = await scanHost(windowsHost(fields), options());
    expect(scan.status === 'error' && scan.error.code).toBe(code);
    expect(scan.status === 'error' && scan.error.message).toMatch(message);
  });

  it('stops a PowerShell that never answers, and one the scan cancels', async () => {
    const hung = await scanHost(windowsHost({ address: '10.9.0.2' }), options({ commandTimeoutMs: 1000 }));
    expect(hung.status === 'error' && hung.error.code).toBe('timeout');
    // Cancelled while PowerShell is waiting on the host: the fake has logged the command.
    const controller = new AbortController();
    const sent = readFileSync(log, 'utf8').length;
    const cancelled = scanHost(windowsHost({ address: '10.9.0.2' }), options({ signal: controller.signal }));
    await vi.waitFor(() => {
      expect(readFileSync(log, 'utf8').slice(sent)).toContain("ComputerName = '10.9.0.2'");
    });
    controller.abort();
    const result = await cancelled;
    expect(result.status === 'error' && result.error.code).toBe('cancelled');
    // Cancelled before it started: no PowerShell at all.
    const early = await scanHost(windowsHost({}), options({ signal: AbortSignal.abort() }));
    expect(early.status === 'error' && early.error.code).toBe('cancelled');
  });

  it('says when there is no PowerShell to run WinRM with', async () => {
    process.env['NODE_POWERSHELL'] = join(dir, 'no-such-pwsh');
    try {
      const scan = await scanHost(windowsHost({}), options());
      expect(scan.status === 'error' && scan.error.code).toBe('transport_unavailable');
      expect(scan.status === 'error' && scan.error.message).toMatch(/NODE_POWERSHELL/);
    } finally {
      process.env['NODE_POWERSHELL'] = FAKE;
    }
  });

  it('tests the connection: the login works and is a Windows administrator', async () => {
    await expect(testConnection(windowsHost({}), options())).resolves.toEqual({
      fingerprint: null,
      algorithm: null,
      hostKey: null,
      login: 'ok',
      privilege: 'administrator',
      error: null,
    });
    const refused = await testConnection(windowsHost({ credentialRef: 'wrong' }), options());
    expect(refused).toMatchObject({ login: 'failed', error: { code: 'auth_failed' } });
  });
});
