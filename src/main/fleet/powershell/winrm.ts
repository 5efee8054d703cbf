import { AppError, type ErrorCode } from '../../../shared/result';

/**
 * WinRM: PowerShell remoting (Invoke-Command) run by a local PowerShell that node-powershell
 * drives, as on the admin's own Windows machine. Where Patchwise runs elsewhere, NODE_POWERSHELL
 * may name the PowerShell to use (node-powershell honours it).
 *
 * Not verified live: no Windows host and no PowerShell exist where this was written. The tests
 * drive it through a labelled fake PowerShell (test/fixtures/fake-pwsh) that speaks
 * node-powershell's stdin protocol and answers with recorded collector output.
 */
export interface WinRmTarget {
  name: string;
  address: string;
  port: number;
  username: string;
  /** Undefined: sign in as the admin's own Windows login (Negotiate/Kerberos). */
  password?: string;
}

/** A single-quoted PowerShell string: nothing inside is expanded; a quote is doubled. */
export const psQuote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (b64: string): string => `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))`;

/** What the local side prints on stderr when remoting fails; the fake PowerShell prints it too. */
export const WINRM_ERROR_PREFIX = '!winrm ';

/**
 * One line, because node-powershell feeds PowerShell through `-Command -`, which runs stdin a
 * statement at a time. The script and the password travel base64-encoded inside it, over the
 * pipe to PowerShell (never on a command line); the values around them were validated by the
 * host schema and are quoted all the same. Port 5986 is WinRM over HTTPS.
 */
export function winRmCommand(target: WinRmTarget, script: string, timeoutMs: number): string {
  const ms = String(Math.max(1000, Math.floor(timeoutMs)));
  const credential =
    target.password === undefined
      ? ''
      : `$target.Credential = New-Object System.Management.Automation.PSCredential(${psQuote(target.username)}, ` +
        `(ConvertTo-SecureString ${fromBase64(base64(target.password))} -AsPlainText -Force)); `;
  return (
    `& { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; ` +
    `$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; ` +
    `try { $target = @{ ComputerName = ${psQuote(target.address)}; Port = ${String(target.port)}; ` +
    `ScriptBlock = [scriptblock]::Create(${fromBase64(base64(script))}); ` +
    `SessionOption = New-PSSessionOption -OpenTimeout ${ms} -OperationTimeout ${ms} }; ` +
    `${target.port === 5986 ? '$target.UseSSL = $true; ' : ''}${credential}` +
    `foreach ($line in Invoke-Command @target) { [Console]::Out.WriteLine([string]$line) } } ` +
    `catch { [Console]::Error.WriteLine('${WINRM_ERROR_PREFIX}' + $_.FullyQualifiedErrorId + ' ' + ` +
    `($_.Exception.Message -replace '\\s+', ' ').Trim()) } }`
  );
}

/**
 * PowerShell remoting's error ids for what went wrong, by the FullyQualifiedErrorId that
 * Invoke-Command gives (for example `AccessDenied,PSSessionStateBroken`): a closed list, not a
 * search of the message, which is localized.
 */
const ERROR_IDS: readonly (readonly [RegExp, ErrorCode])[] = [
  [/^(AccessDenied|LogonFailure)\b/, 'auth_failed'],
  [/^(ComputerNotFound|CannotConnect|WinRMTransportException|CannotResolveHost)\b/, 'unreachable'],
  [/^(WinRMOperationTimeout|OperationTimeout)\b/, 'timeout'],
];

export function winRmError(hostName: string, stderr: string): AppError {
  const line = stderr.split('\n').find((text) => text.startsWith(WINRM_ERROR_PREFIX));
  if (line === undefined)
    return new AppError('collector_failed', `${hostName}: PowerShell reported: ${stderr.trim().slice(0, 500)}`);
  const [id = '', ...words] = line.slice(WINRM_ERROR_PREFIX.length).trim().split(' ');
  const code = ERROR_IDS.find(([pattern]) => pattern.test(id))?.[1] ?? 'collector_failed';
  return new AppError(code, `${hostName} over WinRM: ${words.join(' ') || id} (${id})`);
}

/** Runs a script on a Windows host over WinRM and returns what it printed. */
export async function runWinRm(
  target: WinRmTarget,
  script: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<string> {
  if (options.signal?.aborted) throw new AppError('cancelled', `${target.name}: the scan was cancelled`);
  // Loaded on first use: only WinRM hosts need it, and it costs every CLI start ~0.1 s.
  const { PowerShell } = await import('node-powershell');
  const shell = new PowerShell({
    executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
    throwOnInvocationError: false,
  });
  // Resolves with the stop reason: the scan's own timeout, or a cancel.
  let stop: ((code: 'timeout' | 'cancelled') => void) | undefined;
  const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => (stop = resolve));
  const onAbort = (): void => stop?.('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Remoting has its own timeouts (in the command); this one is for a PowerShell that hangs.
  const timer = setTimeout(() => stop?.('timeout'), options.timeoutMs + Math.min(5000, options.timeoutMs));
  try {
    const outcome = await Promise.race([shell.invoke(winRmCommand(target, script, options.timeoutMs)), stopped]);
    if (outcome === 'timeout')
      throw new AppError('timeout', `${target.name}: WinRM gave no answer within ${String(options.timeoutMs)} ms`);
    if (outcome === 'cancelled') throw new AppError('cancelled', `${target.name}: the scan was cancelled`);
    const stderr = outcome.stderr?.toString('utf8') ?? '';
    if (outcome.hadErrors || stderr.trim() !== '') throw winRmError(target.name, stderr);
    return outcome.stdout?.toString('utf8') ?? '';
  } catch (error) {
    if (error instanceof AppError) throw error;
    // node-powershell's ProcessError: no PowerShell to start, or it died.
    throw new AppError(
      'transport_unavailable',
      `${target.name}: PowerShell could not run WinRM (${(error as Error).message.split('\n')[0] ?? ''}). ` +
        'WinRM scans need Windows PowerShell or pwsh on this machine (NODE_POWERSHELL names another one)',
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // The command held the password: drop node-powershell's record of it with the process.
    shell.history.length = 0;
    await shell.dispose('SIGKILL').catch(() => undefined);
  }
}
