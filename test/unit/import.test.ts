import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandHostRange } from '../../src/main/fleet/import/ansible';
import { matchesKnownHost, parseKnownHosts } from '../../src/main/fleet/import/known-hosts';
import { planImport, type ExistingHost } from '../../src/main/fleet/import/plan';
import { importResultSchema, type ImportDefaults, type ImportFormat } from '../../src/shared/domain/import';

const HOME = '/home/admin';
const DEFAULTS: ImportDefaults = {
  loginUser: 'root',
  environment: 'production',
  ring: 'non-critical',
  criticality: 'medium',
  exposure: 'internal',
};
const FLEET: ExistingHost[] = [
  { name: 'web1', address: '10.0.0.11', port: 22 },
  { name: 'web2', address: '10.0.0.12', port: 22 },
  { name: 'db1', address: 'db1.example.lan', port: 2222 },
];
const fixture = (name: string): string => readFileSync(`test/fixtures/import/${name}`, 'utf8');
const plan = (format: ImportFormat, text: string, existing: ExistingHost[] = []) =>
  planImport(format, text, DEFAULTS, existing, HOME);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQ74klms1d+4NXjAJGAb4MP08Zd9gy6CdSROqHGIzP7';
/** A hashed known_hosts name, made as ssh does: HMAC-SHA1 of the name under a random salt. */
const hashed = (name: string): string => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

describe('importing an ssh_config', () => {
  const result = plan('ssh-config', fixture('ssh_config'));

  it('adds one host per concrete alias, with Host * defaults, jump hosts and key files', () => {
    expect(result.rows.map((row) => [row.line, row.name, row.action])).toEqual([
      [3, 'bastion', 'add'],
      [9, 'web1', 'add'],
      [9, 'web2', 'add'],
      [13, 'db1', 'add'],
      [19, 'legacy', 'add'],
    ]);
    const [bastion, web1, , db1, legacy] = result.rows;
    expect(bastion?.host).toMatchObject({
      address: '203.0.113.10',
      loginUser: 'jump',
      authMethod: 'key',
      credentialRef: 'file:/home/admin/.ssh/bastion_ed25519',
      jumpHost: null,
    });
    expect(web1?.host).toMatchObject({
      address: 'web1.example.lan',
      port: 22,
      loginUser: 'root',
      credentialRef: 'file:/home/admin/.ssh/id_ed25519',
      jumpHost: 'bastion',
    });
    expect(db1?.host).toMatchObject({ port: 2222, credentialRef: 'file:/home/admin/.ssh/db_ed25519' });
    expect(db1?.problems).toEqual(['The user and port in ProxyJump are ignored: the jump host uses its own settings']);
    // The last hop is bastion's HostName, so the jump is bastion.
    expect(legacy?.host).toMatchObject({ jumpHost: 'bastion', authMethod: 'agent', credentialRef: null });
    expect(legacy?.problems).toEqual([
      'IdentityFile keys/legacy_rsa is not an absolute path (or ~/…); no key file is set',
      'ProxyJump has 2 hops; only one jump host is supported, so the last (203.0.113.10) is used',
    ]);
  });

  it('reports Match and Include instead of following them', () => {
    expect(result.errors).toEqual([
      { line: 28, message: 'Match blocks are not imported; the settings under this Match are skipped' },
      { line: 31, message: 'Include is not followed; import the included file on its own' },
    ]);
  });

  it.each([
    ['the first value found wins, even from Host *', 'Host *\n  User ops\nHost a\n  User b', { loginUser: 'ops' }],
    [
      'keywords in any case, with = and spaces',
      'HOST a\n  hostname=10.0.0.1\n  PORT = 2200',
      { address: '10.0.0.1', port: 2200 },
    ],
    ['quoted values and trailing comments', 'Host a\n  User "deploy" # the deploy user', { loginUser: 'deploy' }],
    ['%d in IdentityFile', 'Host a\n  IdentityFile %d/.ssh/a', { credentialRef: 'file:/home/admin/.ssh/a' }],
    ['a negated pattern keeps a jump off the jump host', 'Host * !b\n  ProxyJump b\nHost b\nHost a', { jumpHost: 'b' }],
    ['settings under Match are skipped', 'Match all\n  User other\nHost a', { loginUser: 'root' }],
  ])('%s', (_why, text, expected) => {
    const row = plan('ssh-config', text).rows.find((r) => r.name === 'a');
    expect(row).toMatchObject({ action: 'add', host: expected });
  });

  it.each([
    ['Host a\n  Port ssh', 'Port must be a number (line 2: ssh)'],
    ['Host a\n  Port 70000', 'Port must be between 1 and 65535 (got 70000)'],
    ['Host a\n  ProxyJump nowhere', 'Jump host nowhere is neither in the fleet nor added by this file'],
    ['Host a\n  ProxyCommand ssh -W %h:%p b', 'ProxyCommand (line 2) is not supported; use ProxyJump instead'],
    [
      'Host web:1\n',
      'Name may contain letters, digits, dots, dashes and underscores, and must start with a letter or digit (got "web:1")',
    ],
  ])('refuses %j', (text, problem) => {
    const [row] = plan('ssh-config', text).rows;
    expect(row).toMatchObject({ action: 'invalid', host: null });
    expect(row?.problems).toContain(problem);
  });

  it('accepts a jump host that is already in the fleet', () => {
    const [row] = plan('ssh-config', 'Host a\n  ProxyJump 10.0.0.11', FLEET).rows;
    expect(row).toMatchObject({ action: 'add', host: { jumpHost: 'web1' } });
  });

  it('reports an unterminated quote on its line', () => {
    expect(plan('ssh-config', 'Host a\n  User "deploy').errors).toEqual([{ line: 2, message: 'Unterminated " quote' }]);
  });
});

describe('importing a known_hosts file', () => {
  it('pins one key per fleet host, hashed or not, and explains every other line', () => {
    const result = plan('known-hosts', fixture('known_hosts'), FLEET);
    expect(result.rows.map((row) => [row.line, row.name, row.action, row.fingerprint])).toEqual([
      [3, 'web1', 'pin', 'SHA256:Ht9zfP3O0p4QHK7ZOq+pGsIKys85h6e/hP+rkaSiTGI'],
      [5, 'db1', 'pin', 'SHA256:8a4Pmcc2Rsi/vsRA1jgM/LToDZelOZiAb9iUmLtxcUw'],
      [6, 'web2', 'pin', 'SHA256:3FN/kM3CIM863lN1d+1Gpc1MXv/a6jtbjkQjbUSPf8I'],
    ]);
    expect(result.rows[0]?.problems).toEqual([
      'Also listed: ecdsa-sha2-nistp256 (line 4); one key is pinned per host, ssh-ed25519 because ssh offers it first',
    ]);
    expect(result.errors).toEqual([
      { line: 8, message: 'A @cert-authority line trusts a CA, not one host key; line skipped' },
      { line: 9, message: 'A @revoked key is never pinned; line skipped' },
      { line: 10, message: 'No host in the fleet matches [unknown.example.lan]:2200' },
      {
        line: 11,
        message: 'Key type ssh-dss is not supported; supported: ssh-ed25519, ecdsa-sha2-nistp256/384/521 and ssh-rsa',
      },
      { line: 12, message: 'Expected host names, a key type and a key' },
    ]);
  });

  it('never pins a revoked key, even where another line lists it', () => {
    const result = plan('known-hosts', `web1 ${KEY}\n@revoked * ${KEY}`, FLEET);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { line: 1, message: 'This key is @revoked on line 2; never pinned' },
      { line: 2, message: 'A @revoked key is never pinned; line skipped' },
    ]);
  });

  it('refuses to choose between two different keys of one type', () => {
    const other = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKg5cNrmiJ3YcY1kYjdmvMAC+XJM8sYa9QS8+I2NCy10';
    const [row] = plan('known-hosts', `web1 ${KEY}\n10.0.0.11 ${other}`, FLEET).rows;
    expect(row).toMatchObject({ action: 'invalid', fingerprint: null });
    expect(row?.problems).toEqual(['Lines 1, 2 give different ssh-ed25519 keys; pin this host by hand']);
  });

  it.each([
    ['web3.example.lan', 'web3.example.lan', 22, true],
    ['web3.example.lan', 'WEB3.example.lan', 22, true],
    ['web3.example.lan', 'web3.example.lan', 2200, false],
    ['[web3.example.lan]:2200', 'web3.example.lan', 2200, true],
    ['a,b,web3.example.lan', 'web3.example.lan', 22, true],
    ['*.example.lan', 'web3.example.lan', 22, true],
    ['*.example.lan,!web3.example.lan', 'web3.example.lan', 22, false],
    [hashed('web3.example.lan'), 'web3.example.lan', 22, true],
    [hashed('web3.example.lan'), 'web4.example.lan', 22, false],
    [hashed('[web3.example.lan]:2200'), 'web3.example.lan', 2200, true],
    [hashed('[web3.example.lan]:2200'), 'web3.example.lan', 22, false],
  ])('entry %s matches %s port %i: %s', (hosts, host, port, expected) => {
    const [entry] = parseKnownHosts(`${hosts} ${KEY}`).entries;
    expect(entry && matchesKnownHost(entry, host, port)).toBe(expected);
  });

  it.each([
    [`web1 ssh-ed25519 AAAA!!`, 'The ssh-ed25519 key is not valid (bad base64, or the blob is for another key type)'],
    [`|1|short|hash ${KEY}`, 'Cannot read the host names |1|short|hash'],
    [`@weird web1 ${KEY}`, 'Unknown marker @weird; line skipped'],
    ['web1', 'Expected host names, a key type and a key'],
  ])('refuses %j', (line, message) => {
    expect(parseKnownHosts(line).errors).toEqual([{ line: 1, message }]);
  });
});

describe('importing an Ansible inventory', () => {
  const ini = plan('ansible-ini', fixture('ansible-inventory.ini'));

  it('resolves groups, ranges and variable precedence as Ansible does', () => {
    expect(ini.errors).toEqual([]);
    expect(
      ini.rows.map((r) => [r.name, r.action, r.host?.address, r.host?.port, r.host?.loginUser, r.host?.tags]),
    ).toEqual([
      ['bastion', 'add', '203.0.113.10', 22, 'jump', []],
      // web:vars (child) beats prod:vars (parent); the host line's port beats both.
      ['web01.example.lan', 'add', 'web01.example.lan', 2222, 'deploy', ['web', 'prod']],
      ['web02.example.lan', 'add', 'web02.example.lan', 2222, 'deploy', ['web', 'prod']],
      ['web03.example.lan', 'add', 'web03.example.lan', 2222, 'deploy', ['web', 'prod']],
      ['web-canary.example.lan', 'add', '10.0.0.19', 22, 'canary', ['web', 'prod']],
      ['db1.example.lan', 'add', '10.0.0.31', 22, 'ops', ['db', 'prod']],
      ['win1', 'add', '10.0.0.50', 5986, 'Administrator', ['windows']],
      ['localhost', 'invalid', undefined, undefined, undefined, undefined],
    ]);
    expect(ini.rows[1]?.host).toMatchObject({ credentialRef: 'file:/home/admin/.ssh/web_ed25519', authMethod: 'key' });
    expect(ini.rows[6]?.host?.osFamily).toBe('windows');
    expect(ini.rows[6]?.host).toMatchObject({ transport: 'winrm', authMethod: 'agent' });
    expect(ini.rows[6]?.problems).toEqual([]);
    expect(ini.rows[7]?.problems).toEqual([
      'ansible_connection=local runs on the control machine; nothing to connect to',
    ]);
  });

  it('reads the YAML form of the same inventory to the same hosts', () => {
    const yaml = plan('ansible-yaml', fixture('ansible-inventory.yml'));
    expect(yaml.errors).toEqual([]);
    const withoutLines = (rows: typeof ini.rows) => rows.map(({ line: _line, ...row }) => row);
    expect(withoutLines(yaml.rows)).toEqual(withoutLines(ini.rows));
  });

  it.each([
    ['web[01:03].lan', ['web01.lan', 'web02.lan', 'web03.lan']],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
    ['h[1:5:2]', ['h1', 'h3', 'h5']],
    ['r[1:2]-[a:b]', ['r1-a', 'r1-b', 'r2-a', 'r2-b']],
    ['w[3:1]', 'Cannot read the host range in w[3:1]'],
    ['w[1:', 'Cannot read the host range in w[1:'],
    ['w[1:99999]', 'w[1:99999] expands to more than 4096 hosts'],
  ])('expands %s', (pattern, expected) => {
    expect(expandHostRange(pattern)).toEqual(expected);
  });

  it.each([
    ['[linux]\na ansible_shell_type=powershell', { osFamily: 'windows' }],
    ['a ansible_os_family=RedHat', { osFamily: 'rhel' }],
    ['a:2200', { port: 2200 }],
    ['a ansible_ssh_private_key_file=~/.ssh/a\n', { credentialRef: 'file:/home/admin/.ssh/a', authMethod: 'key' }],
    ['[g]\na\n[g:vars]\nansible_user = "ops team"\n[g2]\na ansible_user=me', { loginUser: 'me' }],
    ['[web&db]\na', { tags: [] }],
    ['w ansible_connection=winrm', { osFamily: 'windows', transport: 'winrm', port: 5986, authMethod: 'agent' }],
    [
      'w ansible_connection=winrm ansible_winrm_scheme=http ansible_winrm_transport=ntlm',
      { transport: 'winrm', port: 5985, authMethod: 'password' },
    ],
    ['w ansible_connection=psrp ansible_port=15986', { transport: 'winrm', port: 15986 }],
  ])('reads INI %j', (text, expected) => {
    expect(plan('ansible-ini', text).rows[0]).toMatchObject({ action: 'add', host: expected });
  });

  it.each([
    ['a ansible_connection=docker', 'ansible_connection=docker is not SSH; only SSH hosts can be added'],
    ["a ansible_host=\"{{ lookup('env', 'A') }}\"", 'ansible_host is a Jinja template; import does not evaluate it'],
    ['a ansible_port=ssh', 'Port must be a number (ansible_port=ssh)'],
  ])('refuses INI %j', (text, problem) => {
    expect(plan('ansible-ini', text).rows[0]).toMatchObject({ action: 'invalid', problems: [problem] });
  });

  it.each([
    ['[web:bogus]\na', 1, 'Cannot read the section [web:bogus]; expected [group], [group:vars] or [group:children]'],
    ['a ansible_user', 1, 'Expected key=value, found ansible_user'],
    ['\na ansible_user="oops', 2, 'Unterminated " quote'],
  ])('reports INI line errors in %j', (text, line, message) => {
    expect(plan('ansible-ini', text).errors).toEqual([{ line, message }]);
  });

  it('notes a group name that cannot be a tag', () => {
    expect(plan('ansible-ini', '[web&db]\na').rows[0]?.problems).toEqual([
      'Groups web&db cannot be tags (letters, digits, : _ . = - only)',
    ]);
  });

  it.each([
    ['all:\n  hosts:\n    a: [1\n  b: c', 4, /^Not valid YAML: /],
    ['all:\n  hosts:\n    - a\n    - b', 2, /^hosts of all must be a mapping$/],
    ['all:\n  host:\n    a:', 2, /^Unknown key host under group all; expected hosts, children or vars$/],
  ])('reports bad YAML %j', (text, line, message) => {
    const result = plan('ansible-yaml', text);
    expect(result.rows).toEqual([]);
    expect(result.errors[0]?.line).toBe(line);
    expect(result.errors[0]?.message).toMatch(message);
  });
});

describe('importing a CSV file', () => {
  it('reads quoting, a BOM, CRLF and line breaks inside quotes', () => {
    const result = plan('csv', fixture('hosts.csv'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.name, r.action, r.problems])).toEqual([
      [2, 'bastion', 'add', []],
      [3, 'web1', 'add', []],
      [5, 'web2', 'invalid', ['Tags may contain letters, digits, : _ . = - only (got "\\"canary\\"")']],
      [6, 'win1', 'add', []],
      [8, 'db1', 'invalid', ['Port must be a number (got "22x")']],
    ]);
    expect(result.rows[1]?.host).toMatchObject({ osFamily: 'debian', ring: 'important', tags: ['web', 'frontend'] });
    expect(result.rows[3]?.host).toMatchObject({
      loginUser: 'CORP\\admin',
      authMethod: 'password',
      credentialRef: 'win1-admin',
      tags: ['windows', 'dc'],
      environment: 'staging',
    });
  });

  it('reads compensating controls as a list, and names an unknown one', () => {
    const result = plan(
      'csv',
      'name,address,controls\ndb1,10.0.0.5,Network-Restricted;exploit-filtering\ndb2,10.0.0.6,air-gapped',
    );
    expect(result.rows[0]?.host?.controls).toEqual(['network-restricted', 'exploit-filtering']);
    expect(result.rows[1]?.action).toBe('invalid');
    expect(result.rows[1]?.problems.join(' ')).toMatch(/Compensating control must be one of: network-restricted/);
  });

  it.each([
    [
      'name,address\na,10.0.0.1\nb,"10.0.0.2\nc,10.0.0.3',
      { line: 3, message: 'Unterminated quote: the value opened with " on line 3 never closes' },
    ],
    [
      'name,address,colour,Size\na,10.0.0.1,red,1',
      {
        line: 1,
        message:
          'Unknown columns: "colour", "size" (ignored; known: name, address, port, os, user, auth, credential, jump, tags, transport, environment, ring, criticality, exposure, controls)',
      },
    ],
    ['name,port\na,22', { line: 1, message: 'The header row needs a name column and an address column' }],
    ['name,address,name\na,b,c', { line: 1, message: 'Columns named twice: name' }],
    [
      'name,address\n"a"b,10.0.0.1',
      { line: 2, message: 'Text after a closing quote in column 1; quote the whole value' },
    ],
    ['', { line: 1, message: 'The file is empty' }],
  ])('reports %j', (text, error) => {
    expect(plan('csv', text).errors).toContainEqual(error);
  });

  it('refuses a row with more values than columns', () => {
    expect(plan('csv', 'name,address\na,10.0.0.1,extra').rows[0]).toMatchObject({
      action: 'invalid',
      problems: ['The row has 3 values but the header names 2 columns'],
    });
  });
});

describe('planning an import', () => {
  it('marks hosts already in the fleet, by name in any case', () => {
    expect(plan('csv', 'name,address\nWEB1,10.9.9.9', FLEET).rows[0]?.action).toBe('exists');
  });

  it.each([
    ['name,address\na,10.0.0.1\nA,10.0.0.2', 'Line 2 already has a host named A'],
    ['name,address,port\nb,10.0.0.11,22', 'Host "web1" already uses 10.0.0.11 port 22'],
    ['name,address\na,10.0.0.1\nb,10.0.0.1', 'The host on line 2 already uses 10.0.0.1 port 22'],
    ['name,address,jump\na,10.0.0.1,b\nb,10.0.0.2,a', 'Jump hosts form a loop: b → a → b'],
    ['name,address,jump\na,10.0.0.1,a', 'Jump hosts form a loop: a → a'],
    ['name,address,port,jump\na,10.0.0.1,x,\nb,10.0.0.2,22,a', 'Jump host a (line 2) is not being added'],
  ])('refuses the later row of %j', (text, problem) => {
    const rows = plan('csv', text, FLEET).rows;
    expect(rows[rows.length - 1]).toMatchObject({ action: 'invalid', host: null });
    expect(rows[rows.length - 1]?.problems).toContain(problem);
  });

  it('fills gaps from the defaults', () => {
    expect(plan('csv', 'name,address\na,10.0.0.1').rows[0]?.host).toEqual({
      name: 'a',
      address: '10.0.0.1',
      port: 22,
      osFamily: 'unknown',
      transport: 'ssh',
      loginUser: 'root',
      authMethod: 'agent',
      credentialRef: null,
      jumpHost: null,
      tags: [],
      environment: 'production',
      ring: 'non-critical',
      criticality: 'medium',
      exposure: 'internal',
      controls: [],
    });
  });

  const garbage = [
    '',
    '\0\0\0',
    '[',
    '"',
    '{{{',
    '|1|||',
    'Host\n\tPort',
    '- - -\n: :',
    'x'.repeat(100_000),
    '\uFEFF,,,\r\r\n',
  ];
  it.each(['ssh-config', 'known-hosts', 'ansible-ini', 'ansible-yaml', 'csv'] as const)(
    'never throws on garbage (%s), and says what it could not read',
    (format) => {
      for (const text of garbage) {
        const result = plan(format, text, FLEET);
        expect(importResultSchema.safeParse(result).success).toBe(true);
        for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
      }
    },
  );
});
