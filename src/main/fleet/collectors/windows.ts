import { z } from 'zod';
import { AppError } from '../../../shared/result';
import type { AvailableUpgrade, Connection, HostInventory, SecurityUpdate } from './inventory';
import { splitSections } from './sections';

/**
 * The Windows collector: one fixed PowerShell script (no value from outside goes into it) for
 * Windows PowerShell 5.1, which every supported Windows Server ships. Each section runs in its
 * own try/catch, so a failing cmdlet prints `!error <message>` for that section instead of
 * aborting the rest; structured answers are compact JSON. Everything is written to the stdout
 * stream directly, which neither wraps long lines nor formats values with the host's culture.
 *
 * No Windows host and no pwsh exist where this was written: the script has not been run, and the
 * parser is tested on hand-written outputs shaped after Microsoft's documented cmdlet output
 * (test/fixtures/collectors/README.md).
 */
/**
 * Where the collector's lines go. Over SSH, straight to the stdout handle, as UTF-8 without a
 * BOM: update titles and service names are localized, and the console's OEM code page cannot be
 * changed when there is no console. Under WinRM remoting the remote process's stdout goes
 * nowhere: only pipeline output comes back, as strings, which the local side writes out.
 */
type Sink = 'stdout' | 'pipeline';

const EMIT: Record<Sink, string[]> = {
  stdout: [
    '$out = New-Object System.IO.StreamWriter([Console]::OpenStandardOutput(), (New-Object System.Text.UTF8Encoding $false))',
    '$out.AutoFlush = $true',
    'function Emit([string]$Line) { $out.WriteLine($Line) }',
  ],
  pipeline: ['function Emit([string]$Line) { $Line }'],
};

const windowsScript = (sink: Sink): string =>
  [
    "$ErrorActionPreference = 'Stop'",
    // Module auto-loading (NetTCPIP) reports progress, which would otherwise reach the SSH channel.
    "$ProgressPreference = 'SilentlyContinue'",
    ...EMIT[sink],
    ...SCRIPT_SECTIONS,
  ].join('\n');

const SCRIPT_SECTIONS = [
  'function Write-Section([string]$Name, [scriptblock]$Body) {',
  '  Emit "@@$Name"',
  // The body's output is collected first, so a section that fails half-way prints only its error.
  '  try { foreach ($line in @(& $Body)) { Emit ([string]$line) } }',
  "  catch { Emit ('!error ' + ($_.Exception.Message -replace '\\s+', ' ').Trim()) }",
  '}',
  "Write-Section 'os' {",
  "  $cv = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'",
  '  $os = Get-CimInstance -ClassName Win32_OperatingSystem',
  '  [pscustomobject]@{ Caption = $os.Caption; Version = $os.Version; BuildNumber = $cv.CurrentBuildNumber;',
  '    UBR = $cv.UBR; DisplayVersion = $cv.DisplayVersion } | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'uptime' {",
  '  $boot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime',
  '  [string][int64]((Get-Date) - $boot).TotalSeconds',
  '}',
  "Write-Section 'hotfixes' {",
  '  $list = foreach ($fix in Get-HotFix) {',
  // InstalledOn is local midnight; formatted here because ConvertTo-Json's /Date(ms)/ is UTC and
  // would move it to the previous day east of Greenwich. Some entries have no readable date.
  '    $on = $null',
  "    try { if ($fix.InstalledOn) { $on = $fix.InstalledOn.ToString('yyyy-MM-dd', [Globalization.CultureInfo]::InvariantCulture) } } catch { }",
  '    [pscustomobject]@{ HotFixID = $fix.HotFixID; InstalledOn = $on }',
  '  }',
  '  $list | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'updates' {",
  // Searches the configured source (WSUS when the site has one, else Microsoft Update); this is the
  // slow part of a scan, a minute or more.
  '  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()',
  "  $result = $searcher.Search('IsInstalled=0 and IsHidden=0')",
  '  $list = foreach ($u in $result.Updates) {',
  '    [pscustomobject]@{ Title = $u.Title; KBArticleIDs = @($u.KBArticleIDs)',
  '      Categories = @(foreach ($c in $u.Categories) { $c.Name })',
  // Category names are localized; the classification ids are not.
  "      ClassificationIds = @(foreach ($c in $u.Categories) { if ($c.Type -eq 'UpdateClassification') { $c.CategoryID } })",
  '      MsrcSeverity = $u.MsrcSeverity; CveIDs = @($u.CveIDs); RebootRequired = $u.RebootRequired }',
  '  }',
  '  $list | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'reboot' {",
  // Each signal on its own: an agent that cannot answer leaves its signal unknown (null).
  '  $wua = $null',
  '  try { $wua = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired } catch { }',
  "  $sm = Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue",
  '  [pscustomobject]@{ WuaRebootRequired = $wua',
  "    CbsRebootPending = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'",
  "    WuRebootRequired = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'",
  '    PendingFileRenameOperations = [bool]($sm -and $sm.PendingFileRenameOperations) } | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'services' {",
  // A service the login may not open is skipped rather than costing the whole list. Enums are
  // turned into their names: ConvertTo-Json would print them as numbers.
  '  $list = foreach ($s in Get-Service -ErrorAction SilentlyContinue) {',
  '    [pscustomobject]@{ Name = $s.Name; Status = [string]$s.Status; StartType = [string]$s.StartType }',
  '  }',
  '  $list | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'connections' {",
  '  $names = @{}',
  '  foreach ($p in Get-Process) { $names[[int]$p.Id] = $p.ProcessName }',
  // Never empty while we are connected: sshd listens and holds our own connection.
  '  $tcp = Get-NetTCPConnection -State Listen, Established',
  '  $list = foreach ($c in $tcp) {',
  '    [pscustomobject]@{ State = [string]$c.State; LocalAddress = $c.LocalAddress; LocalPort = [int]$c.LocalPort',
  '      RemoteAddress = $c.RemoteAddress; RemotePort = [int]$c.RemotePort; Process = $names[[int]$c.OwningProcess] }',
  '  }',
  '  $list | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'disks' {",
  "  $list = foreach ($d in Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3') {",
  '    [pscustomobject]@{ DeviceID = $d.DeviceID; Size = $d.Size; FreeSpace = $d.FreeSpace }',
  '  }',
  '  $list | ConvertTo-Json -Compress -Depth 4',
  '}',
  "Write-Section 'memory' {",
  '  $os = Get-CimInstance -ClassName Win32_OperatingSystem',
  '  [pscustomobject]@{ TotalVisibleMemorySize = $os.TotalVisibleMemorySize; FreePhysicalMemory = $os.FreePhysicalMemory } |',
  '    ConvertTo-Json -Compress -Depth 4',
  '}',
  "Emit '@@end'",
];

/** The collector run over Windows OpenSSH (see windowsSshInvocation). */
export const WINDOWS_SCRIPT = windowsScript('stdout');
/** The same collector run by Invoke-Command over WinRM (see fleet/powershell/winrm). */
export const WINDOWS_REMOTING_SCRIPT = windowsScript('pipeline');

/** What `-EncodedCommand` takes: the script as UTF-16LE, base64. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/**
 * Reads the whole of stdin (as UTF-8) and runs it as one script block.
 *
 * Why not the script itself as `-EncodedCommand`: Windows OpenSSH runs a command through its
 * default shell, cmd.exe, whose command line stops at 8,191 characters, and the encoded collector
 * is already past that (about 10,400; CreateProcess's own limit, 32,767, would be next as sections
 * are added). The unit test measures it. Why not plain `-Command -`: PowerShell then reads stdin
 * like a prompt, one statement at a time, and silently skips a multi-line statement that no empty
 * line follows (PowerShell/PowerShell#3223). This short encoded bootstrap parses stdin as a whole.
 */
export const WINDOWS_BOOTSTRAP =
  '& ([scriptblock]::Create((New-Object System.IO.StreamReader([Console]::OpenStandardInput())).ReadToEnd()))';

/**
 * The command and stdin for running a script over Windows OpenSSH. `-ExecutionPolicy Bypass`
 * matters although nothing runs from a file: under the `Restricted` policy even the formatting
 * files of auto-loaded modules (NetTCPIP) are refused.
 */
export function windowsSshInvocation(script: string): { command: string; stdin: string } {
  return {
    command: `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ${encodePowerShell(WINDOWS_BOOTSTRAP)}`,
    stdin: `${script}\n`,
  };
}

// ---- Parsing. ConvertTo-Json in Windows PowerShell 5.1 prints a one-element list as the bare
// object, an empty one as nothing or `null`, and sometimes wraps an array as {value, Count}; the
// schemas below accept all of those, and numbers that arrive as strings.

const asList = (value: unknown): unknown => {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && 'value' in value && 'Count' in value && Array.isArray(value.value))
    return value.value;
  return [value];
};
const list = <T extends z.ZodType>(item: T) => z.preprocess(asList, z.array(item));
const number = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const integer = number.pipe(z.number().int());
const text = z.string().nullish();

const osSchema = z.object({
  Caption: z.string(),
  Version: z.string(),
  BuildNumber: z.union([z.string(), z.number().transform(String)]),
  UBR: integer.nullish(),
  DisplayVersion: text,
});
const hotfixSchema = z.object({ HotFixID: z.string(), InstalledOn: text });
const updateSchema = z.object({
  Title: z.string(),
  KBArticleIDs: list(z.union([z.string(), z.number().transform(String)])),
  Categories: list(z.string()),
  ClassificationIds: list(z.string()).optional(),
  MsrcSeverity: text,
  CveIDs: list(z.string()),
});
const rebootSchema = z.object({
  WuaRebootRequired: z.boolean().nullish(),
  CbsRebootPending: z.boolean(),
  WuRebootRequired: z.boolean(),
  PendingFileRenameOperations: z.boolean(),
});
const serviceSchema = z.object({ Name: z.string(), Status: z.string(), StartType: z.string() });
const connectionSchema = z.object({
  State: z.string(),
  LocalAddress: z.string(),
  LocalPort: integer,
  RemoteAddress: text,
  RemotePort: integer.nullish(),
  Process: text,
});
const diskSchema = z.object({ DeviceID: z.string(), Size: number.nullish(), FreeSpace: number.nullish() });
const memorySchema = z.object({ TotalVisibleMemorySize: number, FreePhysicalMemory: number });

type Update = z.infer<typeof updateSchema>;

const SECTIONS = ['os', 'uptime', 'hotfixes', 'updates', 'reboot', 'services', 'connections', 'disks', 'memory'];
/** The Security Updates classification, the same in every language. */
const SECURITY_CLASSIFICATION = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

/** The script's own `yyyy-MM-dd`, or what ConvertTo-Json makes of a [datetime]: `/Date(ms)/` (5.1) or ISO (7). */
export function normalizeDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  // UTC, so a local midnight east of Greenwich reads as the day before: why the script formats dates itself.
  const epoch = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value)?.[1];
  if (epoch !== undefined) return new Date(Number(epoch)).toISOString().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  // Win32_QuickFixEngineering's own text, always M/d/yyyy.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) return `${us[3] ?? ''}-${(us[1] ?? '').padStart(2, '0')}-${(us[2] ?? '').padStart(2, '0')}`;
  return value;
}

/** "KB5044281", or null for an update without a KB article (drivers, some third-party). */
const kbOf = (update: Update): string | null => (update.KBArticleIDs[0] ? `KB${update.KBArticleIDs[0]}` : null);

function isSecurityUpdate(update: Update): boolean {
  return (
    update.CveIDs.length > 0 ||
    update.Categories.includes('Security Updates') ||
    (update.ClassificationIds ?? []).some((id) => id.toLowerCase() === SECURITY_CLASSIFICATION)
  );
}

const REBOOT_REASONS: [keyof z.infer<typeof rebootSchema>, string][] = [
  ['WuaRebootRequired', 'Windows Update says a reboot is required (Microsoft.Update.SystemInfo)'],
  ['CbsRebootPending', 'Component Based Servicing has a reboot pending (registry: RebootPending)'],
  ['WuRebootRequired', 'Windows Update installed updates that need a reboot (registry: Auto Update\\RebootRequired)'],
  ['PendingFileRenameOperations', 'Files are queued to be replaced at the next boot (PendingFileRenameOperations)'],
];

type Section = { ok: true; text: string } | { ok: false; error: string };

function readSections(output: string): Map<string, Section> {
  // PowerShell writes CRLF, and a BOM if the encoding ever slips back to the default UTF-8 one.
  const sections = splitSections(output.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  if (!sections.has('end')) {
    const last = [...sections.keys()].pop();
    throw new AppError(
      'parse_failed',
      last === undefined
        ? 'The Windows collector printed none of its sections: PowerShell did not run the script'
        : `The Windows collector output was cut short in or after the "${last}" section`,
    );
  }
  const result = new Map<string, Section>();
  for (const name of SECTIONS) {
    const body = sections.get(name);
    if (body === undefined) throw new AppError('parse_failed', `The Windows collector output has no "${name}" section`);
    const error = /^!error (.*)$/m.exec(body);
    result.set(name, error ? { ok: false, error: error[1] ?? '' } : { ok: true, text: body.trim() });
  }
  return result;
}

function decode<T extends z.ZodType>(name: string, text: string, schema: T): z.infer<T> {
  let json: unknown = null;
  try {
    if (text !== '') json = JSON.parse(text);
  } catch {
    throw new AppError('parse_failed', `The Windows "${name}" section is not valid JSON (cut short?)`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'parse_failed',
      `The Windows "${name}" section is not in the expected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** A section the scan can do without: `undefined` when the host reported it failing. */
function optional<T extends z.ZodType>(
  sections: Map<string, Section>,
  name: string,
  schema: T,
): z.infer<T> | undefined {
  const found = sections.get(name);
  return found?.ok ? decode(name, found.text, schema) : undefined;
}

/**
 * A section the scan is worthless without. Failing on the host is fatal here: an empty list of
 * missing updates, say, would read as "fully patched".
 */
function required<T extends z.ZodType>(sections: Map<string, Section>, name: string, schema: T): z.infer<T> {
  const found = sections.get(name);
  if (!found?.ok) {
    throw new AppError('parse_failed', `The Windows "${name}" section failed on the host: ${found?.error ?? ''}`);
  }
  return decode(name, found.text, schema);
}

function toConnection(row: z.infer<typeof connectionSchema>): Connection | null {
  const state = row.State.toLowerCase();
  if (state !== 'listen' && state !== 'established') return null;
  const listening = state === 'listen';
  return {
    state,
    local: row.LocalAddress,
    localPort: row.LocalPort,
    // A listener's remote end is 0.0.0.0:0 or [::]:0, which means none.
    remote: listening ? null : (row.RemoteAddress ?? null),
    remotePort: listening ? null : (row.RemotePort ?? null),
    process: row.Process ?? null,
  };
}

export function parseWindowsInventory(output: string): HostInventory {
  const sections = readSections(output);
  const os = required(sections, 'os', osSchema);
  const hotfixes = required(sections, 'hotfixes', list(hotfixSchema));
  const updates = required(sections, 'updates', list(updateSchema));
  const reboot = required(sections, 'reboot', rebootSchema);
  const services = optional(sections, 'services', list(serviceSchema)) ?? [];
  const connections = optional(sections, 'connections', list(connectionSchema));
  const disks = optional(sections, 'disks', list(diskSchema)) ?? [];
  const memory = optional(sections, 'memory', memorySchema);

  const uptime = sections.get('uptime');
  const uptimeSeconds = uptime?.ok ? Number(uptime.text) : NaN;
  const ubr = os.UBR ?? 0;
  const fixes = hotfixes.map((fix) => ({ kb: fix.HotFixID.trim(), installedOn: normalizeDate(fix.InstalledOn) }));
  const upgrades: AvailableUpgrade[] = updates.map((update) => {
    const kb = kbOf(update);
    return { name: kb ?? update.Title, from: null, to: update.Title, advisories: kb ? [kb] : [] };
  });
  const securityUpdates: SecurityUpdate[] = updates.filter(isSecurityUpdate).map((update) => ({
    advisory: kbOf(update) ?? update.Title,
    severity: update.MsrcSeverity || null,
    package: update.Title,
    cves: update.CveIDs,
  }));
  const rebootReasons = REBOOT_REASONS.filter(([signal]) => reboot[signal] === true).map(([, reason]) => reason);
  return {
    os: { id: 'windows', name: os.Caption.trim(), version: os.DisplayVersion || os.Version, family: 'windows' },
    kernel: `${os.BuildNumber}.${String(ubr)}`,
    kernelInstalled: null,
    uptimeSeconds: Number.isFinite(uptimeSeconds) ? uptimeSeconds : 0,
    packages: fixes.map((fix) => ({ name: fix.kb, version: fix.installedOn ?? '', arch: '', source: fix.kb })),
    upgrades,
    securityUpdates,
    rebootRequired: rebootReasons.length > 0,
    rebootReasons,
    // Windows has no counterpart of needs-restarting: which services still run replaced code is unknown.
    servicesToRestart: null,
    connections: connections?.map(toConnection).filter((row) => row !== null) ?? null,
    // A fixed disk without a size is a volume that is not mounted.
    disks: disks.flatMap((disk) =>
      disk.Size === null || disk.Size === undefined
        ? []
        : [{ mount: disk.DeviceID, sizeBytes: disk.Size, freeBytes: disk.FreeSpace ?? 0 }],
    ),
    memory: memory
      ? { totalBytes: memory.TotalVisibleMemorySize * 1024, availableBytes: memory.FreePhysicalMemory * 1024 }
      : null,
    windows: {
      build: os.BuildNumber,
      ubr,
      hotfixes: fixes,
      services: services.map((service) => ({
        name: service.Name,
        state: service.Status,
        startType: service.StartType,
      })),
    },
    warnings: [...sections]
      .filter((entry): entry is [string, { ok: false; error: string }] => !entry[1].ok)
      .map(([name, section]) => `The ${name} section failed on the host: ${section.error}`),
  };
}
