import { describe, expect, it } from 'vitest';
import { queueRowText } from '../../src/renderer/features/queue/queue-row-text';
import type { QueueRow } from '../../src/shared/domain/queue';

const item = (overrides: Partial<QueueRow> = {}): QueueRow => ({
  rank: 7,
  fix: 'DSA-5800-1',
  packages: ['openssl'],
  hosts: ['web1'],
  cves: ['CVE-2026-1'],
  kev: false,
  epss: null,
  ssvc: 'Track',
  score: 42,
  due: null,
  ...overrides,
});

describe('queueRowText', () => {
  it.each([
    ['no EPSS score', item(), { epss: '—' }],
    ['an EPSS score, as a percentage', item({ epss: 0.74319 }), { epss: '74.3 %' }],
    ['an EPSS score of zero', item({ epss: 0 }), { epss: '0.0 %' }],
    ['no due date', item(), { due: '—' }],
    ['a due date, as its day', item({ due: '2026-11-27T23:59:59.000Z' }), { due: '2026-11-27' }],
    ['one decimal of score', item({ score: 90.94 }), { score: '90.9' }],
    ['one host, by name', item(), { hosts: 'web1', hostsTitle: 'web1' }],
    [
      'several hosts, counted, all in the title',
      item({ hosts: ['db1', 'web1', 'web2'] }),
      { hosts: '3 hosts', hostsTitle: 'db1, web1, web2' },
    ],
    ['every package', item({ packages: ['libssl3', 'openssl'] }), { packages: 'libssl3, openssl' }],
  ])('shows %s', (_, given, expected) => {
    expect(queueRowText(given)).toMatchObject(expected);
  });
});
