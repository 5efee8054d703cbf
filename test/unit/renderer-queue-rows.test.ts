import { describe, expect, it } from 'vitest';
import { queueRows } from '../../src/renderer/features/queue/queue-rows';
import type { QueueRow } from '../../src/shared/domain/queue';

const items: QueueRow[] = [
  {
    rank: 1,
    fix: 'DSA-5800-1',
    packages: ['libssl3', 'openssl'],
    hosts: ['web1', 'web2'],
    cves: ['CVE-2026-1', 'CVE-2026-2'],
    kev: true,
    epss: 0.97,
    ssvc: 'Act',
    score: 93.5,
    due: '2026-11-27T23:59:59.000Z',
  },
  // Empty lists, no EPSS, no due date, a decision with a star.
  {
    rank: 2,
    fix: 'RLSA-2026:1',
    packages: [],
    hosts: ['db1'],
    cves: [],
    kev: false,
    epss: null,
    ssvc: 'Track*',
    score: 0,
    due: null,
  },
  // An EPSS of zero is a score, not a missing one; a fix id that is the prefix of another.
  {
    rank: 3,
    fix: 'DSA-5800',
    packages: ['kernel-core'],
    hosts: [],
    cves: ['CVE-2026-3'],
    kev: false,
    epss: 0,
    ssvc: 'Track',
    score: 1.25,
    due: '2026-12-01',
  },
];

describe('the queue held as columns', () => {
  const rows = queueRows(items);

  it('gives every row back as the API sent it', () => {
    expect(rows.length).toBe(3);
    expect([0, 1, 2].map((i) => rows.row(i))).toEqual(items);
    expect([0, 1, 2].map((i) => rows.rank(i))).toEqual([1, 2, 3]);
  });

  it('finds a row by its whole fix id, never by a prefix or a part of another field', () => {
    expect(rows.indexOf('DSA-5800-1')).toBe(0);
    expect(rows.indexOf('RLSA-2026:1')).toBe(1);
    expect(rows.indexOf('DSA-5800')).toBe(2);
    expect(rows.indexOf('DSA')).toBe(-1);
    expect(rows.indexOf('openssl')).toBe(-1);
    expect(rows.indexOf('web1')).toBe(-1);
  });

  it('lets a filter read each row without the row as an object', () => {
    const seen: unknown[] = [];
    const kept = rows.select((row) => {
      seen.push([row.ssvc, row.kev, row.dueMs, row.needsReboot, row.hosts(), row.searchText()]);
      return row.kev || row.needsReboot;
    });
    expect([...kept]).toEqual([0, 2]);
    expect(seen).toEqual([
      [
        'Act',
        true,
        Date.parse('2026-11-27T23:59:59.000Z'),
        false,
        ['web1', 'web2'],
        expect.stringContaining('openssl'),
      ],
      ['Track*', false, Number.NaN, false, ['db1'], expect.stringContaining('rlsa-2026:1')],
      ['Track', false, Date.parse('2026-12-01'), true, [], expect.stringContaining('kernel-core')],
    ]);
  });

  it('holds an empty queue', () => {
    const none = queueRows([]);
    expect(none.length).toBe(0);
    expect(none.indexOf('DSA-5800-1')).toBe(-1);
    expect([...none.select(() => true)]).toEqual([]);
  });
});

describe('names with the separators the columns use', () => {
  it('keep their row whole and never match another fix', () => {
    const odd: QueueRow = {
      ...{ rank: 1, fix: 'B\u001dC', packages: ['p\u001fx'], hosts: ['h1'], cves: ['CVE-2026-9'] },
      ...{ kev: false, epss: null, ssvc: 'Track', score: 1, due: null },
    };
    const rows = queueRows([odd, { ...odd, rank: 2, fix: 'C' }]);
    expect(rows.row(0)).toEqual({ ...odd, fix: 'B\ufffdC', packages: ['p\ufffdx'] });
    expect(rows.indexOf('C')).toBe(1);
    expect(rows.indexOf('B\u001dC')).toBe(0);
  });
});
