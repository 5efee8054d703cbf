import { describe, expect, it } from 'vitest';
import { isHostAddress, isIPv4, isIPv6 } from '../../src/shared/domain/address';
import { hostInputSchema } from '../../src/shared/domain/host';
import { host } from './support';

describe('addresses', () => {
  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['10.0.0', false],
    ['01.2.3.4', false],
    ['::1', true],
    ['fe80::1ff:fe23:4567:890a', true],
    ['2001:db8::', true],
    ['::ffff:192.0.2.128', true],
    ['2001:db8::1::2', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['web1', true],
    ['web1.plant.lan', true],
    ['web1.plant.lan.', true],
    ['-web1', false],
    ['web_1', false],
    ['web1;rm -rf /', false],
    ['$(reboot)', false],
    ['web1 ', false],
    ['', false],
    [`${'a'.repeat(64)}.lan`, false],
  ])('%s is a host address: %s', (text, expected) => {
    expect(isHostAddress(text)).toBe(expected);
  });

  it('tells IPv4 and IPv6 apart', () => {
    expect(isIPv4('10.0.0.1')).toBe(true);
    expect(isIPv6('10.0.0.1')).toBe(false);
    expect(isIPv6('::1')).toBe(true);
  });
});

describe('host input', () => {
  const messageFor = (input: unknown, field: string): string | undefined => {
    const result = hostInputSchema.safeParse(input);
    return result.success ? undefined : result.error.issues.find((issue) => issue.path.join('.') === field)?.message;
  };

  it.each([
    ['name', { name: '' }, 'Name is required'],
    ['name', { name: '   ' }, 'Name is required'],
    [
      'name',
      { name: 'web 1' },
      'Name may contain letters, digits, dots, dashes and underscores, and must start with a letter or digit',
    ],
    ['address', { address: '' }, 'Address is required'],
    [
      'address',
      { address: '999.1.1.1' },
      'Address must be an IPv4 address, an IPv6 address or a host name such as web1.example.lan',
    ],
    ['port', { port: 0 }, 'Port must be between 1 and 65535'],
    ['port', { port: 65536 }, 'Port must be between 1 and 65535'],
    ['port', { port: 22.5 }, 'Port must be a whole number'],
    ['port', { port: Number.NaN }, 'Port must be a number'],
    ['loginUser', { loginUser: 'root; reboot' }, 'Login user may contain letters, digits, _ . @ - and \\ only'],
    ['tags', { tags: ['web', 'web'] }, 'Each tag may appear only once'],
    ['tags.1', { tags: ['web', 'has space'] }, 'Tags may contain letters, digits, : _ . = - only'],
    ['exposure', { exposure: 'public' }, 'Exposure must be one of: internet-facing, internal, isolated'],
    ['transport', { transport: 'telnet' }, 'Connection must be one of: ssh, winrm'],
    [
      'transport',
      { transport: 'winrm', osFamily: 'debian' },
      'WinRM reaches Windows hosts only: set the OS family to Windows',
    ],
    [
      'transport',
      { transport: 'winrm', osFamily: 'windows', authMethod: 'key' },
      'WinRM signs in with a password or your own Windows login, not an SSH key',
    ],
    [
      'transport',
      { transport: 'winrm', osFamily: 'windows', authMethod: 'password', jumpHost: 'bastion' },
      'WinRM cannot go through an SSH jump host',
    ],
  ])('explains a bad %s', (field, overrides, message) => {
    expect(messageFor({ ...host(), ...overrides }, field)).toBe(message);
  });

  it('accepts Windows logins and a host without a credential', () => {
    expect(
      hostInputSchema.safeParse(host({ loginUser: 'PLANT\\patchadmin', osFamily: 'windows', port: 5986 })).success,
    ).toBe(true);
    expect(hostInputSchema.safeParse(host({ credentialRef: null })).success).toBe(true);
    const winrm = {
      osFamily: 'windows',
      transport: 'winrm',
      port: 5985,
      authMethod: 'agent',
      credentialRef: null,
    } as const;
    expect(hostInputSchema.safeParse(host(winrm)).success).toBe(true);
  });

  it('reaches a host over SSH when the input does not say how (scripts written before WinRM)', () => {
    const { transport: _omitted, ...older } = host();
    expect(hostInputSchema.parse(older).transport).toBe('ssh');
  });
});
