import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/main/cli/args';

describe('patchwise command line', () => {
  it.each([
    [[], { kind: 'help' }],
    [['--help'], { kind: 'help' }],
    [['help'], { kind: 'help' }],
    [['-v'], { kind: 'version' }],
    [['serve'], { kind: 'serve', dataDir: undefined, port: 0, host: '127.0.0.1' }],
    [
      ['--data-dir', '/tmp/x', 'serve', '--port', '8080'],
      { kind: 'serve', dataDir: '/tmp/x', port: 8080, host: '127.0.0.1' },
    ],
    [['serve', '--host', '::1', '--data-dir=/d'], { kind: 'serve', dataDir: '/d', port: 0, host: '::1' }],
    [['lab', 'up'], { kind: 'lab', dataDir: undefined, labDir: undefined, lab: { action: 'up', profile: 'shop' } }],
    [
      ['--lab-dir', '/l', 'lab', 'up', '--profile', 'mini'],
      { kind: 'lab', dataDir: undefined, labDir: '/l', lab: { action: 'up', profile: 'mini' } },
    ],
    [
      ['lab', 'fault', 'web2', 'link-down'],
      {
        kind: 'lab',
        dataDir: undefined,
        labDir: undefined,
        lab: { action: 'fault', host: 'web2', fault: 'link-down' },
      },
    ],
    [
      ['lab', 'load', '--rate', '20'],
      {
        kind: 'lab',
        dataDir: undefined,
        labDir: undefined,
        lab: { action: 'load', url: undefined, rate: 20, seconds: 30, out: undefined },
      },
    ],
    [
      ['feeds', 'import', 'kev.json', 'epss.csv.gz'],
      {
        kind: 'feeds',
        dataDir: undefined,
        feeds: { action: 'import', paths: ['kev.json', 'epss.csv.gz'], json: false },
      },
    ],
    [['feeds', 'status', '--json'], { kind: 'feeds', dataDir: undefined, feeds: { action: 'status', json: true } }],
    [['plan'], { kind: 'plan', dataDir: undefined, fixes: [], json: false }],
    [
      ['plan', '--fixes', 'DSA-1, RLSA-2026:9002,', '--json'],
      { kind: 'plan', dataDir: undefined, fixes: ['DSA-1', 'RLSA-2026:9002'], json: true },
    ],
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toEqual(expected);
  });

  it.each([
    [['serve', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--port', 'abc'], /--port must be/],
    [['serve', '--host', 'a b'], /--host must be/],
    [['launch'], /Unknown command "launch"/],
    [['serve', '--colour'], /Unknown option '--colour'/],
    [['serve', 'extra'], /Unexpected argument: extra/],
    [['lab'], /Unknown lab command ""/],
    [['lab', 'fault', 'web2'], /needs a host and a fault/],
    [['lab', 'load', '--rate=-1'], /--rate must be a positive number/],
    [['feeds', 'import'], /feeds import needs at least one file/],
    [['feeds', 'status', 'now'], /Unexpected argument: now/],
    [['feeds'], /feeds takes import or status, not ""/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
