import { parseArgs } from 'node:util';
import { isHostAddress } from '../../shared/domain/address';

export const USAGE = `Usage: patchwise [--data-dir DIR] <command> [options]

Patchwise patches the servers of an air-gapped site: inventory, risk ranking, staged rollouts.

Commands:
  serve [--port N] [--host ADDR]   Serve the app to a browser on this machine (default 127.0.0.1,
                                   a free port); prints the URL with its access token.
  scan [--hosts NAME,…] [--json] [--concurrency N] [--timeout SECONDS]
                                   Inventory hosts over SSH: packages, upgrades, advisories,
                                   reboot needed and services to restart.
  feeds import [--json] PATH…      Import vulnerability feeds: files or folders of CISA KEV, EPSS,
                                   NVD, OSV, Debian tracker, Red Hat CSAF/VEX, updateinfo.xml,
                                   MSRC CVRF (plain or .gz), or .zip/.tar.gz bundles of them;
                                   each file all or nothing.
  feeds status [--json]            Each feed's date, records and age.
  queue [--json]                   The patch queue: fixes ranked by risk in this site, and why.
  plan [--fixes ID,…] [--json]     The rollout plan for these fixes of the queue (default: all):
                                   rings, batches, their windows and services.
  rollout start [--fixes ID,…] [--hosts NAME,…] [--versions fixed|latest] [--all-updates]
                [--threshold N] [--not-before TIME] [--json]
                                   Plan these fixes (default: all; only these hosts) and run the
                                   plan over SSH until it is done, halts or waits for an approval.
  rollout dry-run [same options]   What each host would change (apt-get -s, dnf --assumeno).
  rollout status [--json]          The unfinished rollout (else the latest): hosts and steps.
  rollout resume [--json]          Resume a paused rollout and run it on.
  rollout approve --ring NAME [--json]
                                   Approve a ring that waits for it and run on.
  rollout cancel [--json]          Start no more hosts; hosts already started finish their run.
  lab up [--profile NAME]          Start the lab: real Debian and Rocky-like hosts in network
                                   namespaces (Linux, root), registered in the fleet.
  lab down                         Stop the lab and remove everything it made.
  lab status [--json]              The lab's hosts, addresses, OS, role and state.
  lab fault HOST KIND              Inject a fault: link-down, link-up, slow, fast, no-return,
                                   hang, disk-full, restore.
  lab load [--url URL] [--rate N] [--seconds S] [--out FILE]
                                   Drive traffic through the lab's load balancer and record
                                   every request's latency and status.
  help                             Show this text.

Global options:
  --data-dir DIR   Folder holding the database (default: $PATCHWISE_DATA_DIR, else the desktop
                   app's user data folder)
  --lab-dir DIR    Folder of the lab's cache and state (default: $PATCHWISE_LAB_DIR, else
                   /var/tmp/patchwise-lab)
  -h, --help       Show this text
  -v, --version    Print the version
`;

export type LabCommand =
  | { action: 'up'; profile: string }
  | { action: 'down' }
  | { action: 'status'; json: boolean }
  | { action: 'fault'; host: string; fault: string }
  | { action: 'daemon' }
  | { action: 'load'; url: string | undefined; rate: number; seconds: number; out: string | undefined };

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; dataDir: string | undefined; port: number; host: string }
  | {
      kind: 'scan';
      dataDir: string | undefined;
      hosts: string[] | undefined;
      json: boolean;
      /** Unset: the site settings decide. */
      concurrency: number | undefined;
      timeoutSeconds: number | undefined;
    }
  | { kind: 'lab'; dataDir: string | undefined; labDir: string | undefined; lab: LabCommand }
  | { kind: 'feeds'; dataDir: string | undefined; feeds: FeedsCommand }
  | { kind: 'queue'; dataDir: string | undefined; json: boolean }
  | { kind: 'plan'; dataDir: string | undefined; fixes: string[]; json: boolean }
  | { kind: 'rollout'; dataDir: string | undefined; rollout: RolloutCommand; json: boolean };

export type RolloutCommand =
  | {
      action: 'start' | 'dry-run';
      fixes: string[];
      hosts: string[] | undefined;
      versions: 'fixed' | 'latest';
      allUpdates: boolean;
      threshold: number;
      /** ISO instant; the first batch starts no earlier. */
      notBefore: string | undefined;
    }
  | { action: 'status' | 'resume' | 'cancel' }
  | { action: 'approve'; ring: string };

export type FeedsCommand = { action: 'import'; paths: string[]; json: boolean } | { action: 'status'; json: boolean };

export class UsageError extends Error {}

/** Parses argv (without node and the script) into a command, or throws UsageError saying why. */
export function parseCli(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        'lab-dir': { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean' },
        url: { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string' },
        out: { type: 'string' },
        port: { type: 'string' },
        hosts: { type: 'string' },
        fixes: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        host: { type: 'string' },
        versions: { type: 'string' },
        threshold: { type: 'string' },
        ring: { type: 'string' },
        'all-updates': { type: 'boolean' },
        'not-before': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [command, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (command === 'lab') {
    return { kind: 'lab', dataDir: values['data-dir'], labDir: values['lab-dir'], lab: parseLab(extra, values) };
  }
  if (command === 'rollout')
    return {
      kind: 'rollout',
      dataDir: values['data-dir'],
      rollout: parseRollout(extra, values),
      json: values.json === true,
    };
  if (command === 'feeds') return { kind: 'feeds', dataDir: values['data-dir'], feeds: parseFeeds(extra, values) };
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? '0');
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port ?? ''}"`);
      }
      const host = values.host ?? '127.0.0.1';
      if (!isHostAddress(host)) throw new UsageError(`--host must be an IP address or host name, got "${host}"`);
      return { kind: 'serve', dataDir: values['data-dir'], port, host };
    }
    case 'queue':
      return { kind: 'queue', dataDir: values['data-dir'], json: values.json === true };
    case 'plan':
      return {
        kind: 'plan',
        dataDir: values['data-dir'],
        fixes: (values.fixes ?? '')
          .split(',')
          .map((fix) => fix.trim())
          .filter(Boolean),
        json: values.json === true,
      };
    case 'scan':
      return {
        kind: 'scan',
        dataDir: values['data-dir'],
        hosts: values.hosts
          ?.split(',')
          .map((name) => name.trim())
          .filter(Boolean),
        json: values.json === true,
        concurrency: optionalPositive(values.concurrency, '--concurrency'),
        timeoutSeconds: optionalPositive(values.timeout, '--timeout'),
      };
    default:
      throw new UsageError(`Unknown command "${command}". Run patchwise --help for the list.`);
  }
}

function parseFeeds(args: readonly string[], values: { json?: boolean | undefined }): FeedsCommand {
  const [action, ...rest] = args;
  const json = values.json === true;
  switch (action) {
    case 'import':
      if (rest.length === 0) throw new UsageError('feeds import needs at least one file');
      return { action: 'import', paths: rest, json };
    case 'status':
      if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest.join(' ')}`);
      return { action: 'status', json };
    default:
      throw new UsageError(`feeds takes import or status, not "${action ?? ''}"`);
  }
}

function optionalPositive(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${what} must be a positive number, got "${text}"`);
  return value;
}

const positiveNumber = (text: string | undefined, fallback: number, what: string): number =>
  optionalPositive(text, what) ?? fallback;

function parseLab(args: readonly string[], values: Record<string, string | boolean | undefined>): LabCommand {
  const [action, ...rest] = args;
  const noMore = (count: number): void => {
    if (rest.length > count) throw new UsageError(`Unexpected argument: ${rest.slice(count).join(' ')}`);
  };
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  switch (action) {
    case 'up':
      noMore(0);
      return { action: 'up', profile: text('profile') ?? 'shop' };
    case 'down':
      noMore(0);
      return { action: 'down' };
    case 'status':
      noMore(0);
      return { action: 'status', json: values['json'] === true };
    case 'daemon':
      noMore(0);
      return { action: 'daemon' };
    case 'fault': {
      const [host, fault] = rest;
      if (!host || !fault) throw new UsageError('lab fault needs a host and a fault, e.g. lab fault web2 link-down');
      noMore(2);
      return { action: 'fault', host, fault };
    }
    case 'load':
      noMore(0);
      return {
        action: 'load',
        url: text('url'),
        rate: positiveNumber(text('rate'), 50, '--rate'),
        seconds: positiveNumber(text('seconds'), 30, '--seconds'),
        out: text('out'),
      };
    default:
      throw new UsageError(`Unknown lab command "${action ?? ''}": use up, down, status, fault, load`);
  }
}

const fixList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((fix) => fix.trim())
    .filter(Boolean);

function parseRollout(
  args: readonly string[],
  values: {
    fixes?: string;
    hosts?: string;
    versions?: string;
    threshold?: string;
    ring?: string;
    'all-updates'?: boolean;
    'not-before'?: string;
  },
): RolloutCommand {
  const [action, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
  switch (action) {
    case 'start':
    case 'dry-run': {
      const versions = values.versions ?? 'fixed';
      if (versions !== 'fixed' && versions !== 'latest')
        throw new UsageError(`--versions must be fixed or latest, got "${versions}"`);
      const threshold = Number(values.threshold ?? '0');
      if (!/^\d+$/.test(values.threshold ?? '0') || threshold > 1000)
        throw new UsageError(`--threshold must be a whole number from 0 to 1000, got "${values.threshold ?? ''}"`);
      const hosts = values.hosts === undefined ? undefined : fixList(values.hosts);
      if (hosts?.length === 0) throw new UsageError('--hosts needs at least one host name');
      const notBefore = values['not-before'] === undefined ? undefined : Date.parse(values['not-before']);
      if (notBefore !== undefined && Number.isNaN(notBefore))
        throw new UsageError(
          `--not-before must be a date and time such as 2026-11-28T22:00 (this machine's time) or with a zone, got "${values['not-before'] ?? ''}"`,
        );
      return {
        action,
        fixes: fixList(values.fixes),
        hosts,
        versions,
        allUpdates: values['all-updates'] === true,
        threshold,
        notBefore: notBefore === undefined ? undefined : new Date(notBefore).toISOString(),
      };
    }
    case 'status':
    case 'resume':
    case 'cancel':
      return { action };
    case 'approve':
      if (!values.ring) throw new UsageError('rollout approve needs --ring NAME');
      return { action, ring: values.ring };
    default:
      throw new UsageError(`rollout needs start, dry-run, status, resume, approve or cancel, got "${action ?? ''}"`);
  }
}
