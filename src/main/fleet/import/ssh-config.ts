import { absoluteKeyPath, draft, globMatches, portOf, type DraftsOf, type HostDraft, type LineError } from './draft';

/** The keywords an import reads; ssh_config has dozens more that say nothing about a host's identity. */
const READ = ['hostname', 'port', 'user', 'identityfile', 'proxyjump', 'proxycommand'] as const;
type Keyword = (typeof READ)[number];

interface Setting {
  keyword: Keyword;
  args: string[];
  line: number;
}

interface Block {
  line: number;
  patterns: string[];
  settings: Setting[];
}

const isRead = (keyword: string): keyword is Keyword => (READ as readonly string[]).includes(keyword);
const isConcrete = (pattern: string): boolean => !/[*?!]/.test(pattern);

/** Splits `Key value`, `Key=value` and `Key = "quoted value"`; a `#` starting a word ends the line. */
function tokenize(text: string): { keyword: string; args: string[] } | string {
  const head = /^\s*([^\s=]+)\s*=?\s*/.exec(text);
  if (!head?.[1]) return 'Cannot read this line';
  const args: string[] = [];
  let rest = text.slice(head[0].length);
  while ((rest = rest.trimStart()) !== '') {
    if (rest.startsWith('#')) break;
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : null;
    if (quote) {
      const end = rest.indexOf(quote, 1);
      if (end < 0) return `Unterminated ${quote} quote`;
      args.push(rest.slice(1, end));
      rest = rest.slice(end + 1);
    } else {
      const word = /^\S+/.exec(rest)?.[0] ?? '';
      args.push(word);
      rest = rest.slice(word.length);
    }
  }
  return { keyword: head[1].toLowerCase(), args };
}

function readBlocks(text: string): { blocks: Block[]; errors: LineError[] } {
  // Settings before the first Host line apply to every host, as if under `Host *`.
  const blocks: Block[] = [{ line: 0, patterns: ['*'], settings: [] }];
  const errors: LineError[] = [];
  let current: Block | null = blocks[0] ?? null;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const parsed = tokenize(raw);
    if (typeof parsed === 'string') {
      errors.push({ line, message: parsed });
    } else if (parsed.keyword === 'host') {
      if (parsed.args.length === 0) errors.push({ line, message: 'Host needs at least one name or pattern' });
      current = { line, patterns: parsed.args, settings: [] };
      blocks.push(current);
    } else if (parsed.keyword === 'match') {
      current = null;
      errors.push({ line, message: 'Match blocks are not imported; the settings under this Match are skipped' });
    } else if (parsed.keyword === 'include') {
      errors.push({ line, message: 'Include is not followed; import the included file on its own' });
    } else if (current && isRead(parsed.keyword)) {
      current.settings.push({ keyword: parsed.keyword, args: parsed.args, line });
    }
  }
  return { blocks, errors };
}

function blockMatches(block: Block, alias: string): boolean {
  const negated = block.patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  if (negated.some((p) => globMatches(p, alias))) return false;
  return block.patterns.some((p) => !p.startsWith('!') && globMatches(p, alias));
}

/** OpenSSH reads the file top to bottom and keeps the first value it finds for each keyword. */
function settingsFor(blocks: Block[], alias: string): Map<Keyword | 'proxy', Setting> {
  const found = new Map<Keyword | 'proxy', Setting>();
  for (const block of blocks.filter((b) => blockMatches(b, alias))) {
    for (const setting of block.settings) {
      // ProxyJump and ProxyCommand compete: whichever comes first disables the other.
      const slot = setting.keyword.startsWith('proxy') ? 'proxy' : setting.keyword;
      if (!found.has(slot)) found.set(slot, setting);
    }
  }
  return found;
}

/** `%h` is the alias and `%d` the home directory; other tokens depend on the connection. */
function expandTokens(value: string, alias: string, home: string): string | null {
  const known: Record<string, string> = { h: alias, d: home, '%': '%' };
  const tokens = [...value.matchAll(/%(.?)/g)].map((match) => match[1] ?? '');
  if (!tokens.every((token) => token in known)) return null;
  return value.replace(/%(.)/g, (_match, token: string) => known[token] ?? '');
}

/** The host part of one ProxyJump hop: `[ssh://][user@]host[:port]`, IPv6 in brackets. */
function hopHost(hop: string): { host: string; extra: boolean } {
  const withoutScheme = hop.replace(/^ssh:\/\//, '');
  const at = withoutScheme.lastIndexOf('@');
  const endpoint = withoutScheme.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(endpoint);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(endpoint);
  const match = bracketed ?? plain;
  return { host: (match?.[1] ?? endpoint).toLowerCase(), extra: at >= 0 || match?.[2] !== undefined };
}

function applyProxy(host: HostDraft, setting: Setting, aliasOf: (name: string) => string): void {
  const value = setting.args.join(' ');
  if (value.toLowerCase() === 'none' || value === '') return;
  if (setting.keyword === 'proxycommand') {
    host.blockers.push(`ProxyCommand (line ${setting.line}) is not supported; use ProxyJump instead`);
    return;
  }
  const hops = value.split(',').map((hop) => hop.trim());
  const last = hopHost(hops[hops.length - 1] ?? '');
  if (hops.length > 1)
    host.notes.push(
      `ProxyJump has ${hops.length} hops; only one jump host is supported, so the last (${last.host}) is used`,
    );
  if (last.extra) host.notes.push(`The user and port in ProxyJump are ignored: the jump host uses its own settings`);
  const jump = aliasOf(last.host);
  // `Host *` with a ProxyJump also matches the jump host; OpenSSH users exclude it with `!bastion`.
  if (jump.toLowerCase() === host.name.toLowerCase()) host.notes.push('ProxyJump names the host itself; ignored');
  else host.fields.jumpHost = jump;
}

/** Reads an OpenSSH client config: one host per concrete `Host` alias, wildcard blocks as defaults. */
export function parseSshConfig(text: string, home: string): DraftsOf {
  const { blocks, errors } = readBlocks(text);
  const firstLine = new Map<string, { alias: string; line: number }>();
  for (const block of blocks)
    for (const alias of block.patterns.filter(isConcrete))
      if (!firstLine.has(alias.toLowerCase())) firstLine.set(alias.toLowerCase(), { alias, line: block.line });

  const hosts = [...firstLine.values()].map(({ alias, line }) => ({
    alias,
    line,
    settings: settingsFor(blocks, alias),
  }));
  const addressOf = (alias: string, settings: Map<string, Setting>): string =>
    (expandTokens(settings.get('hostname')?.args[0] ?? '%h', alias, home) ?? alias).toLowerCase();
  // A jump named by its HostName rather than its alias still means that Host block.
  const aliasOf = (name: string): string => {
    const byAlias = hosts.find((h) => h.alias.toLowerCase() === name);
    const byAddress = hosts.filter((h) => addressOf(h.alias, h.settings) === name);
    return byAlias?.alias ?? (byAddress.length === 1 && byAddress[0] ? byAddress[0].alias : name);
  };

  const drafts = hosts.map(({ alias, line, settings }) => {
    const host = draft(line, alias);
    const value = (keyword: Keyword): string | undefined => settings.get(keyword)?.args[0];
    const hostName = value('hostname');
    if (hostName !== undefined && expandTokens(hostName, alias, home) === null)
      host.blockers.push(`HostName ${hostName} uses a % token import cannot expand`);
    host.fields.address = addressOf(alias, settings);
    const port = value('port');
    if (port !== undefined) {
      const number = portOf(port);
      if (number === null)
        host.blockers.push(`Port must be a number (line ${settings.get('port')?.line ?? line}: ${port})`);
      else host.fields.port = number;
    }
    const user = value('user');
    if (user !== undefined) host.fields.loginUser = user;
    const identity = value('identityfile');
    if (identity !== undefined && identity.toLowerCase() !== 'none') {
      const expanded = expandTokens(identity, alias, home);
      const path = expanded === null ? null : absoluteKeyPath(expanded, home);
      if (expanded === null) host.notes.push(`IdentityFile ${identity} uses a % token import cannot expand`);
      else if (path === null)
        host.notes.push(`IdentityFile ${identity} is not an absolute path (or ~/…); no key file is set`);
      else host.fields.credentialRef = `file:${path}`;
    }
    const proxy = settings.get('proxy');
    if (proxy) applyProxy(host, proxy, aliasOf);
    return host;
  });
  return { drafts, errors };
}
