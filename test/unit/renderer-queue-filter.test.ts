import { describe, expect, it } from 'vitest';
import { filterQueue, hostGroups, NO_FILTER, type QueueFilter } from '../../src/renderer/features/queue/queue-filter';
import { queueRows } from '../../src/renderer/features/queue/queue-rows';
import { needsReboot } from '../../src/shared/domain/reboot';
import type { QueueRow } from '../../src/shared/domain/queue';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const item = (fix: string, overrides: Partial<QueueRow>): QueueRow => ({
  rank: 1,
  fix,
  packages: ['pkg'],
  hosts: ['web1'],
  cves: ['CVE-2026-1'],
  kev: false,
  epss: null,
  ssvc: 'Track',
  score: 10,
  due: null,
  ...overrides,
});
const items = [
  item('ADV-1', { kev: true, ssvc: 'Attend', due: '2026-11-20T23:59:59.000Z', hosts: ['web1', 'web2'] }),
  item('ADV-2', { ssvc: 'Act', due: '2026-11-28T12:00:00.000Z', packages: ['openssl'], cves: ['CVE-2026-77'] }),
  item('ADV-3', { due: '2026-12-20T00:00:00.000Z', hosts: ['db1'] }),
  item('ADV-4', { packages: ['linux-image-6.1.0-18-amd64', 'linux-libc-dev'], hosts: ['api9'] }),
];
const fleet = [
  { name: 'web1', tags: ['web', 'dmz'] },
  { name: 'web2', tags: ['web'] },
  { name: 'db1', tags: ['database'] },
];
const rows = queueRows(items);
const shown = (filter: Partial<QueueFilter>) =>
  [...filterQueue(rows, { ...NO_FILTER, ...filter }, NOW, fleet)].map((i) => rows.row(i).fix);

describe('host groups and reboots', () => {
  it('offers every tag of the fleet once, sorted', () => {
    expect(hostGroups(fleet)).toEqual(['database', 'dmz', 'web']);
  });

  it.each([
    ['kernel-core', true],
    ['kernel-rt-core', true],
    ['demo-kernel', true],
    ['linux-image-6.1.0-18-amd64', true],
    ['glibc', true],
    ['libc6', true],
    ['systemd', true],
    ['kernel-headers', false],
    ['kernel-tools', false],
    ['linux-libc-dev', false],
    ['openssl-libs', false],
    ['kernelshark', false],
    ['libdemo1', false],
  ] as const)('%s needs a reboot: %s', (pkg, expected) => {
    expect(needsReboot(pkg)).toBe(expected);
  });
});

describe('filtering the patch queue', () => {
  it.each([
    [{}, ['ADV-1', 'ADV-2', 'ADV-3', 'ADV-4']],
    [{ kevOnly: true }, ['ADV-1']],
    [{ ssvc: 'Act' }, ['ADV-2']],
    [{ due: 'overdue' }, ['ADV-1']],
    [{ due: '7d' }, ['ADV-1', 'ADV-2']],
    [{ due: '30d' }, ['ADV-1', 'ADV-2', 'ADV-3']],
    [{ text: 'WEB2' }, ['ADV-1']],
    [{ text: 'openssl cve-2026-77' }, ['ADV-2']],
    [{ text: 'db1', due: '7d' }, []],
    [{ group: 'dmz' }, ['ADV-1', 'ADV-2']],
    [{ group: 'database' }, ['ADV-3']],
    [{ group: 'web', kevOnly: true }, ['ADV-1']],
    [{ reboot: 'reboot' }, ['ADV-4']],
    [{ reboot: 'no-reboot' }, ['ADV-1', 'ADV-2', 'ADV-3']],
  ] as const)('%j keeps %j', (filter, expected) => {
    expect(shown(filter)).toEqual(expected);
  });
});
