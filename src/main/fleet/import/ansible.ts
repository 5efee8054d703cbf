import { hostInputSchema } from '../../../shared/domain/host';
import { absoluteKeyPath, draft, portOf, type HostDraft } from './draft';

/**
 * What an Ansible inventory says, whichever syntax it came in (INI or YAML), and how Ansible
 * itself turns it into one host's variables. The syntax readers fill this; nothing else does.
 */
export interface AnsibleGroup {
  line: number;
  vars: Record<string, unknown>;
  children: Set<string>;
  hosts: Set<string>;
}

export interface AnsibleInventory {
  groups: Map<string, AnsibleGroup>;
  hosts: Map<string, { line: number; vars: Record<string, unknown> }>;
}

export function emptyInventory(): AnsibleInventory {
  return { groups: new Map(), hosts: new Map() };
}

export function groupOf(inventory: AnsibleInventory, name: string, line: number): AnsibleGroup {
  const existing = inventory.groups.get(name);
  if (existing) return existing;
  const group = { line, vars: {}, children: new Set<string>(), hosts: new Set<string>() };
  inventory.groups.set(name, group);
  return group;
}

/** Records a host in a group; a host named again (in another group) gains the new vars. */
export function addHost(
  inventory: AnsibleInventory,
  group: string,
  name: string,
  line: number,
  vars: Record<string, unknown>,
): void {
  groupOf(inventory, group, line).hosts.add(name);
  const host = inventory.hosts.get(name);
  if (host) Object.assign(host.vars, vars);
  else inventory.hosts.set(name, { line, vars: { ...vars } });
}

const MAX_RANGE = 4096;

/** `web[01:03].lan` → web01.lan … web03.lan; `[a:c]` letters; `[1:9:2]` a step. Error text on failure. */
export function expandHostRange(pattern: string): string[] | string {
  const match = /^(.*?)\[([^\]:]+):([^\]:]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!match) return pattern.includes('[') ? `Cannot read the host range in ${pattern}` : [pattern];
  const [, prefix = '', start = '', end = '', step = '1', suffix = ''] = match;
  const rest = expandHostRange(suffix);
  if (typeof rest === 'string') return rest;
  const by = Number(step);
  const numeric = /^\d+$/.test(start) && /^\d+$/.test(end);
  const letters = /^[a-z]$/i.test(start) && /^[a-z]$/i.test(end);
  const from = numeric ? Number(start) : start.charCodeAt(0);
  const to = numeric ? Number(end) : end.charCodeAt(0);
  if ((!numeric && !letters) || by < 1 || from > to) return `Cannot read the host range in ${pattern}`;
  if (((to - from) / by + 1) * rest.length > MAX_RANGE) return `${pattern} expands to more than ${MAX_RANGE} hosts`;
  // A leading zero sets the width: [01:10] gives 01 … 10.
  const width = numeric && start.startsWith('0') ? start.length : 0;
  const names: string[] = [];
  for (let n = from; n <= to; n += by) {
    const middle = numeric ? String(n).padStart(width, '0') : String.fromCharCode(n);
    for (const tail of rest) names.push(`${prefix}${middle}${tail}`);
  }
  return names;
}

/** A group's distance from `all`, the first key of Ansible's group variable precedence. */
function depths(inventory: AnsibleInventory): Map<string, number> {
  const depth = new Map<string, number>([['all', 0]]);
  const visit = (name: string, level: number, path: Set<string>): void => {
    if (path.has(name) || (depth.get(name) ?? -1) >= level) return;
    depth.set(name, level);
    for (const child of inventory.groups.get(name)?.children ?? []) visit(child, level + 1, new Set([...path, name]));
  };
  for (const name of inventory.groups.keys()) if (name !== 'all') visit(name, 1, new Set(['all']));
  return depth;
}

/** Every group a host is in: directly, or through `children` of a group that holds it. */
function groupsOf(inventory: AnsibleInventory, host: string): Set<string> {
  const found = new Set<string>(['all']);
  const add = (name: string): void => {
    if (found.has(name)) return;
    found.add(name);
    for (const [parent, group] of inventory.groups) if (group.children.has(name)) add(parent);
  };
  for (const [name, group] of inventory.groups) if (group.hosts.has(host)) add(name);
  return found;
}

/** all < parent groups < child groups (then ansible_group_priority, then name) < the host's own vars. */
function varsOf(inventory: AnsibleInventory, host: string, depth: Map<string, number>): Record<string, unknown> {
  const priority = (name: string): number => Number(inventory.groups.get(name)?.vars['ansible_group_priority'] ?? 1);
  const order = [...groupsOf(inventory, host)].sort(
    (a, b) => (depth.get(a) ?? 1) - (depth.get(b) ?? 1) || priority(a) - priority(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const vars = Object.assign({}, ...order.map((name) => inventory.groups.get(name)?.vars ?? {})) as Record<
    string,
    unknown
  >;
  return { ...vars, ...inventory.hosts.get(host)?.vars };
}

const WINDOWS_CONNECTIONS = ['winrm', 'psrp'];
const SSH_CONNECTIONS = ['ssh', 'paramiko', 'smart', 'ansible.builtin.ssh', 'ansible.legacy.ssh'];
const OS_FAMILY: Record<string, string> = { windows: 'windows', debian: 'debian', redhat: 'rhel' };

/**
 * Ansible's WinRM defaults: HTTPS on 5986 unless the scheme says http. Kerberos signs in as the
 * admin's own Windows login; NTLM, basic and CredSSP need a password, which is never imported.
 */
function applyWinRm(host: HostDraft, scheme: string | undefined, transports: string | undefined): void {
  host.fields.transport = 'winrm';
  host.fields.port = scheme === 'http' ? 5985 : 5986;
  const kerberos = (transports ?? 'kerberos').toLowerCase().split(',')[0]?.trim() === 'kerberos';
  host.fields.authMethod = kerberos ? 'agent' : 'password';
  if (!kerberos)
    host.notes.push('WinRM with a password: store it in Patchwise secrets and set the credential reference');
}

function applyVars(host: HostDraft, vars: Record<string, unknown>, home: string): void {
  const text = (...names: string[]): string | undefined => {
    const name = names.find((n) => vars[n] !== undefined && vars[n] !== null);
    const value = name === undefined ? undefined : vars[name];
    if (value === undefined || (typeof value === 'string' && !value.includes('{{'))) return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    host.blockers.push(
      `${String(name)} is ${typeof value === 'string' ? 'a Jinja template' : 'not a plain value'}; import does not evaluate it`,
    );
    return undefined;
  };
  host.fields.address = (text('ansible_host', 'ansible_ssh_host') ?? host.name).toLowerCase();
  const user = text('ansible_user', 'ansible_ssh_user');
  if (user !== undefined) host.fields.loginUser = user;
  const port = text('ansible_port', 'ansible_ssh_port');
  const connection = text('ansible_connection')?.toLowerCase();
  const windows =
    WINDOWS_CONNECTIONS.includes(connection ?? '') || text('ansible_shell_type')?.toLowerCase() === 'powershell';
  if (connection === 'local')
    host.blockers.push('ansible_connection=local runs on the control machine; nothing to connect to');
  else if (connection !== undefined && !windows && !SSH_CONNECTIONS.includes(connection))
    host.blockers.push(`ansible_connection=${connection} is not SSH; only SSH hosts can be added`);
  const family = windows ? 'windows' : OS_FAMILY[text('ansible_os_family')?.toLowerCase() ?? ''];
  if (family) host.fields.osFamily = family;
  const winrm = WINDOWS_CONNECTIONS.includes(connection ?? '');
  if (winrm) applyWinRm(host, text('ansible_winrm_scheme')?.toLowerCase(), text('ansible_winrm_transport'));
  if (port !== undefined) {
    const number = portOf(port);
    if (number === null) host.blockers.push(`Port must be a number (ansible_port=${port})`);
    else host.fields.port = number;
  }
  const key = text('ansible_ssh_private_key_file', 'ansible_private_key_file');
  const path = key === undefined ? undefined : absoluteKeyPath(key, home);
  if (path === null) host.notes.push(`Key file ${String(key)} is not an absolute path (or ~/…); no key file is set`);
  else if (path !== undefined) host.fields.credentialRef = `file:${path}`;
  if (text('ansible_password', 'ansible_ssh_pass') !== undefined)
    host.notes.push('Passwords in the inventory are not imported; store them in Patchwise secrets instead');
}

const isTag = (name: string): boolean => hostInputSchema.shape.tags.element.safeParse(name).success;

/** One draft per inventory host, with its groups as tags and its variables resolved as Ansible would. */
export function inventoryDrafts(inventory: AnsibleInventory, home: string): HostDraft[] {
  const depth = depths(inventory);
  return [...inventory.hosts].map(([name, { line }]) => {
    const host = draft(line, name);
    applyVars(host, varsOf(inventory, name, depth), home);
    const groups = [...groupsOf(inventory, name)].filter((group) => group !== 'all' && group !== 'ungrouped');
    const bad = groups.filter((group) => !isTag(group));
    if (bad.length > 0) host.notes.push(`Groups ${bad.join(', ')} cannot be tags (letters, digits, : _ . = - only)`);
    host.fields.tags = groups.filter(isTag);
    return host;
  });
}
