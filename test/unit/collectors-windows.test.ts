import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WINDOWS_BOOTSTRAP,
  WINDOWS_REMOTING_SCRIPT,
  WINDOWS_SCRIPT,
  encodePowerShell,
  normalizeDate,
  parseWindowsInventory,
  windowsSshInvocation,
} from '../../src/main/fleet/collectors/windows';
import { hostInventorySchema } from '../../src/shared/domain/inventory';

// Hand-written, not recorded: no Windows host exists here (test/fixtures/collectors/README.md).
const server2022 = readFileSync('test/fixtures/collectors/windows-server2022.txt', 'utf8');
const server2019 = readFileSync('test/fixtures/collectors/windows-server2019-pending.txt', 'utf8');

/** The fixture with one section's body replaced, as the script would print it. */
const withSection = (output: string, name: string, body: string): string =>
  output.replace(new RegExp(`@@${name}\\r\\n[^@]*`), `@@${name}\r\n${body}\r\n`);

const LCU =
  '2024-10 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5044281)';
const DOTNET =
  '2024-10 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Microsoft server operating system version 21H2 for x64 (KB5044035)';
const DEFENDER =
  'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.419.205.0) - Current Channel (Broad)';
const MSRT = 'Windows Malicious Software Removal Tool x64 - v5.128 (KB890830)';

describe('the Windows collector parser on a Server 2022 host with updates missing', () => {
  const inventory = parseWindowsInventory(server2022);

  it('produces what the inventory schema accepts', () => {
    expect(hostInventorySchema.safeParse(inventory).success).toBe(true);
  });

  it('reads the OS, the build with its update revision, and the uptime', () => {
    expect(inventory.os).toEqual({
      id: 'windows',
      name: 'Microsoft Windows Server 2022 Standard',
      version: '21H2',
      family: 'windows',
    });
    expect(inventory.kernel).toBe('20348.2700');
    expect(inventory.kernelInstalled).toBeNull();
    expect(inventory.uptimeSeconds).toBe(1209731);
  });

  it('lists installed hotfixes as packages named by their KB', () => {
    expect(inventory.packages).toEqual([
      { name: 'KB5041948', version: '2024-08-14', arch: '', source: 'KB5041948' },
      { name: 'KB5012170', version: '2022-08-10', arch: '', source: 'KB5012170' },
      { name: 'KB5040437', version: '', arch: '', source: 'KB5040437' },
      { name: 'KB5042881', version: '2024-09-11', arch: '', source: 'KB5042881' },
    ]);
    expect(inventory.windows?.hotfixes[2]).toEqual({ kb: 'KB5040437', installedOn: null });
  });

  it('lists every missing update as an upgrade, and the security ones with severity and CVEs', () => {
    expect(inventory.upgrades).toEqual([
      { name: 'KB5044281', from: null, to: LCU, advisories: ['KB5044281'] },
      { name: 'KB5044035', from: null, to: DOTNET, advisories: ['KB5044035'] },
      { name: 'KB2267602', from: null, to: DEFENDER, advisories: ['KB2267602'] },
      { name: 'KB890830', from: null, to: MSRT, advisories: ['KB890830'] },
    ]);
    expect(inventory.securityUpdates).toEqual([
      {
        advisory: 'KB5044281',
        severity: 'Critical',
        package: LCU,
        cves: ['CVE-2024-38124', 'CVE-2024-43572', 'CVE-2024-43573', 'CVE-2024-43582'],
      },
      // Classified Security Updates without CVEs in its metadata.
      { advisory: 'KB5044035', severity: 'Important', package: DOTNET, cves: [] },
    ]);
  });

  it('needs no reboot, and does not claim to know which services to restart', () => {
    expect(inventory.rebootRequired).toBe(false);
    expect(inventory.rebootReasons).toEqual([]);
    expect(inventory.servicesToRestart).toBeNull();
  });

  it('reads connections, listeners without a remote end, and unknown processes as null', () => {
    expect(inventory.connections).toHaveLength(16);
    expect(inventory.connections).toContainEqual({
      state: 'listen',
      local: '0.0.0.0',
      localPort: 22,
      remote: null,
      remotePort: null,
      process: 'sshd',
    });
    expect(inventory.connections?.filter((row) => row.state === 'established')).toEqual([
      {
        state: 'established',
        local: '10.20.0.21',
        localPort: 49812,
        remote: '10.20.0.40',
        remotePort: 443,
        process: null,
      },
      {
        state: 'established',
        local: '10.20.0.21',
        localPort: 49712,
        remote: '10.20.0.10',
        remotePort: 8530,
        process: 'svchost',
      },
      {
        state: 'established',
        local: '10.20.0.21',
        localPort: 22,
        remote: '10.20.0.5',
        remotePort: 53122,
        process: 'sshd',
      },
    ]);
  });

  it('reads disks, memory in bytes, and the services', () => {
    expect(inventory.disks).toEqual([
      { mount: 'C:', sizeBytes: 136326492160, freeBytes: 58329456640 },
      { mount: 'D:', sizeBytes: 536868859904, freeBytes: 402183458816 },
    ]);
    expect(inventory.memory).toEqual({ totalBytes: 16776692 * 1024, availableBytes: 9034116 * 1024 });
    expect(inventory.windows?.build).toBe('20348');
    expect(inventory.windows?.ubr).toBe(2700);
    expect(inventory.windows?.services).toHaveLength(23);
    expect(inventory.windows?.services).toContainEqual({ name: 'wuauserv', state: 'Running', startType: 'Manual' });
    expect(inventory.windows?.services).toContainEqual({ name: 'XboxGipSvc', state: 'Stopped', startType: 'Disabled' });
  });

  it('reads the same whether lines end in CRLF (as PowerShell prints) or LF', () => {
    expect(parseWindowsInventory(server2022.replace(/\r\n/g, '\n'))).toEqual(inventory);
  });
});

describe('the Windows collector parser on a Server 2019 host with a reboot pending', () => {
  const inventory = parseWindowsInventory(server2019);

  it('falls back to the version when there is no DisplayVersion', () => {
    expect(inventory.os).toEqual({
      id: 'windows',
      name: 'Microsoft Windows Server 2019 Datacenter',
      version: '10.0.17763',
      family: 'windows',
    });
    expect(inventory.kernel).toBe('17763.6293');
    expect(hostInventorySchema.safeParse(inventory).success).toBe(true);
  });

  it('gives one reason per registry signal set', () => {
    expect(inventory.rebootRequired).toBe(true);
    expect(inventory.rebootReasons).toEqual([
      'Component Based Servicing has a reboot pending (registry: RebootPending)',
      'Files are queued to be replaced at the next boot (PendingFileRenameOperations)',
    ]);
  });

  it('reads `null` as no missing updates and a bare object as a one-element list', () => {
    expect(inventory.upgrades).toEqual([]);
    expect(inventory.securityUpdates).toEqual([]);
    expect(inventory.disks).toEqual([{ mount: 'C:', sizeBytes: 136912564224, freeBytes: 41766739968 }]);
    expect(inventory.packages.map((pkg) => pkg.name)).toEqual(['KB5041913', 'KB5005112', 'KB5043050']);
    expect(inventory.memory).toEqual({ totalBytes: 8388148 * 1024, availableBytes: 2147012 * 1024 });
  });
});

describe("PowerShell's ConvertTo-Json quirks", () => {
  it.each([
    ['nothing at all', ''],
    ['null', 'null'],
    ['an empty list', '[]'],
  ])('reads %s as no missing updates', (_what, body) => {
    expect(parseWindowsInventory(withSection(server2022, 'updates', body)).upgrades).toEqual([]);
  });

  it.each([
    ['numbers as strings', '{"DeviceID":"C:","Size":"1000","FreeSpace":"250"}'],
    ['a list wrapped as {value, Count}', '{"value":[{"DeviceID":"C:","Size":1000,"FreeSpace":250}],"Count":1}'],
  ])('reads %s', (_what, body) => {
    expect(parseWindowsInventory(withSection(server2022, 'disks', body)).disks).toEqual([
      { mount: 'C:', sizeBytes: 1000, freeBytes: 250 },
    ]);
  });

  it('reads a one-element KB list printed as a bare string, and an update without a KB', () => {
    const update = (fields: string): string =>
      `{"Title":"T","Categories":"Drivers","MsrcSeverity":null,"CveIDs":null,"RebootRequired":false,${fields}}`;
    const output = withSection(
      server2022,
      'updates',
      `[${update('"KBArticleIDs":"5044281"')},${update('"KBArticleIDs":[]')}]`,
    );
    expect(parseWindowsInventory(output).upgrades).toEqual([
      { name: 'KB5044281', from: null, to: 'T', advisories: ['KB5044281'] },
      { name: 'T', from: null, to: 'T', advisories: [] },
    ]);
  });

  it.each([
    ['CVEs alone', '"Categories":["Updates"],"CveIDs":["CVE-2024-1"]', true],
    ['the English classification name', '"Categories":["Security Updates"],"CveIDs":[]', true],
    [
      'the classification id on a localized host',
      '"Categories":["Sicherheitsupdates"],"ClassificationIds":["0FA1201D-4330-4FA8-8AE9-B877473B6441"],"CveIDs":[]',
      true,
    ],
    ['neither', '"Categories":["Critical Updates"],"CveIDs":[]', false],
  ])('counts an update as a security update by %s', (_what, fields, security) => {
    const body = `{"Title":"T","KBArticleIDs":["1"],"MsrcSeverity":"","RebootRequired":false,${fields}}`;
    const updates = parseWindowsInventory(withSection(server2022, 'updates', body)).securityUpdates;
    expect(updates).toEqual(security ? [expect.objectContaining({ advisory: 'KB1', severity: null })] : []);
  });

  it.each([
    ['/Date(1726012800000)/', '2024-09-11'],
    ['2024-09-11T00:00:00', '2024-09-11'],
    ['2024-09-11', '2024-09-11'],
    ['9/11/2024', '2024-09-11'],
    [null, null],
    ['', null],
  ])('reads the date %j as %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });
});

describe('a section that failed on the host', () => {
  it.each([
    ['connections', { connections: null }],
    ['memory', { memory: null }],
    ['disks', { disks: [] }],
    ['uptime', { uptimeSeconds: 0 }],
  ])('leaves %s unknown and still yields the rest', (name, expected) => {
    const output = withSection(server2022, name, '!error Access is denied.');
    const inventory = parseWindowsInventory(output);
    expect(inventory).toMatchObject(expected);
    expect(inventory.kernel).toBe('20348.2700');
    expect(inventory.securityUpdates).toHaveLength(2);
    expect(hostInventorySchema.safeParse(inventory).success).toBe(true);
    expect(inventory.warnings).toEqual([`The ${name} section failed on the host: Access is denied.`]);
  });

  it('leaves the services empty', () => {
    const output = withSection(server2022, 'services', '!error Cannot open Service Control Manager on computer.');
    expect(parseWindowsInventory(output).windows?.services).toEqual([]);
  });

  it('has no warnings when every section answered', () => {
    expect(parseWindowsInventory(server2022).warnings).toEqual([]);
  });

  it.each(['os', 'hotfixes', 'updates', 'reboot'])(
    'refuses the scan when %s failed, rather than report a host with nothing missing',
    (name) => {
      const output = withSection(server2022, name, '!error Exception from HRESULT: 0x8024402C');
      expect(() => parseWindowsInventory(output)).toThrow(
        expect.objectContaining({
          code: 'parse_failed',
          message: `The Windows "${name}" section failed on the host: Exception from HRESULT: 0x8024402C`,
        }),
      );
    },
  );
});

describe('output that is not a whole collector run', () => {
  it.each([
    [
      'cut short mid-way',
      server2022.slice(0, server2022.indexOf('@@services')),
      /cut short in or after the "reboot" section/,
    ],
    [
      'cut short inside a JSON line',
      server2022.slice(0, server2022.indexOf('@@reboot') - 40),
      /cut short in or after the "updates" section/,
    ],
    ['an error from PowerShell', 'powershell.exe : The term is not recognized\r\n', /printed none of its sections/],
    ['missing a section', server2022.replace(/@@memory\r\n.*\r\n/, ''), /no "memory" section/],
    [
      'truncated JSON before the end',
      withSection(server2022, 'hotfixes', '[{"HotFixID":"KB50'),
      /"hotfixes" section is not valid JSON/,
    ],
    [
      'JSON of another shape',
      withSection(server2022, 'os', '{"Caption":42}'),
      /"os" section is not in the expected shape/,
    ],
  ])('refuses output %s with parse_failed naming the section', (_what, output, message) => {
    expect(() => parseWindowsInventory(output)).toThrow(message);
    expect(() => parseWindowsInventory(output)).toThrow(expect.objectContaining({ code: 'parse_failed' }));
  });
});

describe('sending the script to a Windows host', () => {
  const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf16le');

  it('encodes PowerShell as base64 of UTF-16LE, round trip included', () => {
    expect(encodePowerShell('Get-Date')).toBe('RwBlAHQALQBEAGEAdABlAA==');
    expect(decode(encodePowerShell(WINDOWS_SCRIPT))).toBe(WINDOWS_SCRIPT);
  });

  it('puts the script on stdin, because encoded it is longer than cmd.exe takes', () => {
    // cmd.exe, the default shell of Windows OpenSSH, takes 8,191 characters; CreateProcess 32,767.
    expect(encodePowerShell(WINDOWS_SCRIPT).length).toBeGreaterThan(8191);
    const { command, stdin } = windowsSshInvocation(WINDOWS_SCRIPT);
    expect(command.length).toBeLessThan(8191);
    const [, base64 = ''] =
      /^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand (\S+)$/.exec(command) ?? [];
    expect(decode(base64)).toBe(WINDOWS_BOOTSTRAP);
    expect(stdin).toBe(`${WINDOWS_SCRIPT}\n`);
  });

  it('keeps the script ASCII, so it reads the same whatever code page the host assumes', () => {
    expect(WINDOWS_SCRIPT).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('prints every section the parser reads, and only fixed text', () => {
    for (const name of [
      'os',
      'uptime',
      'hotfixes',
      'updates',
      'reboot',
      'services',
      'connections',
      'disks',
      'memory',
    ]) {
      expect(WINDOWS_SCRIPT).toContain(`Write-Section '${name}' {`);
    }
    expect(WINDOWS_SCRIPT).toContain("Emit '@@end'");
  });

  it('returns its lines through the pipeline under WinRM, where the remote stdout goes nowhere', () => {
    expect(WINDOWS_SCRIPT).toContain('[Console]::OpenStandardOutput()');
    expect(WINDOWS_REMOTING_SCRIPT).not.toContain('OpenStandardOutput');
    const sections = (script: string) => script.slice(script.indexOf('function Write-Section'));
    expect(sections(WINDOWS_REMOTING_SCRIPT)).toBe(sections(WINDOWS_SCRIPT));
  });
});
