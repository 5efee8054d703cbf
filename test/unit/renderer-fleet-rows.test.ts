import { describe, expect, it } from 'vitest';
import {
  fleetRows,
  filterRows,
  nextSort,
  NO_FILTER,
  REBOOT_FILTERS,
  SORT_KEYS,
  sortRows,
  STATUS_FILTERS,
  type FleetRow,
  type RebootFilter,
  type RowStatus,
  type Sort,
  type SortDirection,
  type SortKey,
  type StatusFilter,
} from '../../src/renderer/features/fleet/fleet-rows';
import { DEFAULT_HOST_INPUT, type Host } from '../../src/shared/domain/host';
import type { HostScanState, HostSummary } from '../../src/shared/domain/scan';

/** A host as the main side stores it; ids are given by the test so joins are visible. */
function host(id: number, name: string, fields: Partial<Host> = {}): Host {
  return {
    ...DEFAULT_HOST_INPUT,
    name,
    address: `192.0.2.${String(id)}`,
    ring: 'test',
    id,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}

/** A host's last scan, successful and clean unless the test says otherwise. */
function summary(hostId: number, fields: Partial<HostSummary> = {}): HostSummary {
  return {
    hostId,
    lastScanAt: '2026-11-26T10:00:00.000Z',
    lastStatus: 'ok',
    lastError: null,
    osName: 'Debian GNU/Linux 12 (bookworm)',
    packages: 420,
    upgrades: 0,
    securityUpdates: 0,
    rebootRequired: false,
    ...fields,
  };
}

const names = (rows: readonly FleetRow[]): string[] => rows.map((row) => row.host.name);

describe('fleetRows: hosts joined with their last scan and any running scan', () => {
  it('an empty fleet has no rows, whatever summaries or live states are around', () => {
    expect(fleetRows([], new Map([[1, summary(1)]]), new Map([[1, 'queued']]))).toEqual([]);
  });

  it('keeps the hosts in the order given and gives each its own summary', () => {
    const hosts = [host(3, 'web3'), host(1, 'web1'), host(2, 'web2')];
    const summaries = new Map([
      [1, summary(1, { upgrades: 1 })],
      [3, summary(3, { upgrades: 3 })],
    ]);
    const rows = fleetRows(hosts, summaries, new Map());
    expect(rows.map((row) => [row.host.name, row.summary?.upgrades ?? null])).toEqual([
      ['web3', 3],
      ['web1', 1],
      ['web2', null],
    ]);
    expect(rows[0]?.host).toBe(hosts[0]);
  });

  it('ignores summaries and live states of hosts that are not in the list (removed meanwhile)', () => {
    const rows = fleetRows([host(1, 'web1')], new Map([[9, summary(9)]]), new Map([[9, 'collecting']]));
    expect(rows).toEqual([{ host: host(1, 'web1'), summary: null, status: 'never' }]);
  });

  it.each<[string, Partial<HostSummary> | null, HostScanState | null, RowStatus]>([
    ['never scanned, not in a scan', null, null, 'never'],
    ['a summary without a finished scan', { lastStatus: null, lastScanAt: null }, null, 'never'],
    ['last scan ok', { lastStatus: 'ok' }, null, 'ok'],
    ['last scan failed', { lastStatus: 'failed' }, null, 'failed'],
    ['last scan cancelled', { lastStatus: 'cancelled' }, null, 'cancelled'],
    ['never scanned, queued now', null, 'queued', 'queued'],
    ['last scan failed, being collected now', { lastStatus: 'failed' }, 'collecting', 'collecting'],
    ['last scan ok, connecting now', { lastStatus: 'ok' }, 'connecting', 'connecting'],
  ])('status of a host (%s) is %s → %s', (_case, last, live, status) => {
    const summaries = new Map(last ? [[1, summary(1, last)]] : []);
    const liveStates = new Map<number, HostScanState>(live ? [[1, live]] : []);
    expect(fleetRows([host(1, 'web1')], summaries, liveStates)[0]?.status).toBe(status);
  });
});

describe('filterRows', () => {
  // One host per situation an admin filters for.
  const hosts = [
    host(1, 'web1', {
      address: '10.1.0.1',
      environment: 'production',
      ring: 'important',
      tags: ['role:web', 'dc:north'],
      osFamily: 'debian',
    }),
    host(2, 'db1', { address: 'db1.example.lan', environment: 'production', ring: 'critical', tags: ['role:db'] }),
    host(3, 'new1', { address: '10.2.0.3', environment: 'staging', osFamily: 'windows' }),
    host(4, 'old1', { address: '10.2.0.4', environment: 'staging', osFamily: 'debian' }),
    host(5, 'scan1', { address: '10.3.0.5' }),
    host(6, 'scan2', { address: '10.3.0.6' }),
    host(7, 'scan3', { address: '10.3.0.7' }),
  ];
  const summaries = new Map([
    [1, summary(1, { rebootRequired: true })],
    [2, summary(2, { lastStatus: 'failed', osName: 'Rocky Linux 9.4', rebootRequired: false })],
    // Cancelled before any scan succeeded: nothing is known about the OS or a reboot.
    [4, summary(4, { lastStatus: 'cancelled', osName: null, upgrades: null, rebootRequired: null })],
    [6, summary(6, { rebootRequired: false })],
    [7, summary(7, { rebootRequired: true })],
  ]);
  const live = new Map<number, HostScanState>([
    [5, 'queued'],
    [6, 'connecting'],
    [7, 'collecting'],
  ]);
  const rows = fleetRows(hosts, summaries, live);
  const all = names(rows);

  it('NO_FILTER keeps every row in order', () => {
    expect(names(filterRows(rows, NO_FILTER))).toEqual(all);
  });

  it('an empty fleet stays empty under any filter', () => {
    expect(filterRows([], { text: 'web', status: 'attention', reboot: 'unknown' })).toEqual([]);
  });

  const statusCases: [StatusFilter, string[]][] = [
    ['all', all],
    ['attention', ['db1', 'new1', 'old1']],
    ['ok', ['web1']],
    ['failed', ['db1']],
    ['never', ['new1']],
    ['scanning', ['scan1', 'scan2', 'scan3']],
  ];
  it('covers every status filter', () => {
    expect(statusCases.map(([status]) => status)).toEqual([...STATUS_FILTERS]);
  });
  it.each(statusCases)('status %s keeps %j', (status, expected) => {
    expect(names(filterRows(rows, { ...NO_FILTER, status }))).toEqual(expected);
  });

  const rebootCases: [RebootFilter, string[]][] = [
    ['all', all],
    ['needed', ['web1', 'scan3']],
    ['not-needed', ['db1', 'scan2']],
    // No summary at all, or a summary that never learned it: both are unknown.
    ['unknown', ['new1', 'old1', 'scan1']],
  ];
  it('covers every reboot filter', () => {
    expect(rebootCases.map(([reboot]) => reboot)).toEqual([...REBOOT_FILTERS]);
  });
  it.each(rebootCases)('reboot %s keeps %j', (reboot, expected) => {
    expect(names(filterRows(rows, { ...NO_FILTER, reboot }))).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['empty text', '', all],
    ['only spaces', '   \t ', all],
    ['a name, in any case', 'WEB1', ['web1']],
    ['part of an address', 'db1.example', ['db1']],
    ['an address prefix', '10.3.0', ['scan1', 'scan2', 'scan3']],
    ['the scanned OS name', 'rocky', ['db1']],
    ['the OS family when no OS name is known yet', 'windows', ['new1']],
    ['OS name or, lacking one, the OS family', 'debian', ['web1', 'old1', 'scan2', 'scan3']],
    ['an environment', 'staging', ['new1', 'old1']],
    ['a ring', 'important', ['web1']],
    ['a tag', 'dc:north', ['web1']],
    ['every word somewhere', 'production role:db', ['db1']],
    ['words in any order, extra spaces', '  role:db   PRODUCTION ', ['db1']],
    ['words no single host has together', 'production staging', []],
    ['nothing matching', 'mainframe', []],
  ])('text: %s (%j)', (_case, text, expected) => {
    expect(names(filterRows(rows, { ...NO_FILTER, text }))).toEqual(expected);
  });

  it('a row must match text, status and reboot filters together', () => {
    expect(names(filterRows(rows, { text: 'debian', status: 'attention', reboot: 'unknown' }))).toEqual(['old1']);
    expect(names(filterRows(rows, { text: 'staging', status: 'attention', reboot: 'needed' }))).toEqual([]);
  });

  it('does not change the rows it was given', () => {
    const before = structuredClone(rows);
    filterRows(rows, { text: 'web', status: 'ok', reboot: 'needed' });
    expect(rows).toEqual(before);
  });
});

describe('sortRows', () => {
  const hosts = [
    host(1, 'web10'),
    host(2, 'web2'),
    host(3, 'db1'),
    host(4, 'new1'),
    host(5, 'app1'),
    host(6, 'cache1'),
  ];
  const summaries = new Map([
    [
      1,
      summary(1, {
        osName: 'Ubuntu 24.04',
        lastScanAt: '2026-11-26T10:00:00.000Z',
        upgrades: 5,
        securityUpdates: 2,
        rebootRequired: true,
      }),
    ],
    [
      2,
      summary(2, {
        osName: 'Debian 12',
        lastScanAt: '2026-11-26T12:00:00.000Z',
        upgrades: 5,
        securityUpdates: 0,
        rebootRequired: false,
      }),
    ],
    [
      3,
      summary(3, {
        lastStatus: 'failed',
        osName: 'Rocky Linux 9',
        lastScanAt: '2026-11-25T08:00:00.000Z',
        upgrades: 12,
        securityUpdates: 3,
        rebootRequired: null,
      }),
    ],
    // Scanned, but never successfully: the same instant as web2, written with an offset.
    [
      5,
      summary(5, {
        lastStatus: 'failed',
        osName: null,
        lastScanAt: '2026-11-26T14:00:00.000+02:00',
        packages: null,
        upgrades: null,
        securityUpdates: null,
        rebootRequired: null,
      }),
    ],
    [
      6,
      summary(6, {
        osName: 'Debian 12',
        lastScanAt: '2026-11-24T09:00:00.000Z',
        upgrades: 0,
        securityUpdates: 0,
        rebootRequired: false,
      }),
    ],
  ]);
  const rows = fleetRows(hosts, summaries, new Map([[6, 'collecting']]));

  // Unknown values (new1 never scanned, app1 never successfully) come last in both directions;
  // equal values read A to Z with numbers in order (web2 before web10), in both directions.
  const cases: [SortKey, SortDirection, string[]][] = [
    ['name', 'ascending', ['app1', 'cache1', 'db1', 'new1', 'web2', 'web10']],
    ['name', 'descending', ['web10', 'web2', 'new1', 'db1', 'cache1', 'app1']],
    ['os', 'ascending', ['cache1', 'web2', 'db1', 'web10', 'app1', 'new1']],
    ['os', 'descending', ['web10', 'db1', 'cache1', 'web2', 'app1', 'new1']],
    ['lastScan', 'ascending', ['cache1', 'db1', 'web10', 'app1', 'web2', 'new1']],
    ['lastScan', 'descending', ['app1', 'web2', 'web10', 'db1', 'cache1', 'new1']],
    ['upgrades', 'ascending', ['cache1', 'web2', 'web10', 'db1', 'app1', 'new1']],
    ['upgrades', 'descending', ['db1', 'web2', 'web10', 'cache1', 'app1', 'new1']],
    ['security', 'ascending', ['cache1', 'web2', 'web10', 'db1', 'app1', 'new1']],
    ['security', 'descending', ['db1', 'web10', 'cache1', 'web2', 'app1', 'new1']],
    ['reboot', 'ascending', ['cache1', 'web2', 'web10', 'app1', 'db1', 'new1']],
    ['reboot', 'descending', ['web10', 'cache1', 'web2', 'app1', 'db1', 'new1']],
    ['status', 'ascending', ['app1', 'db1', 'new1', 'cache1', 'web2', 'web10']],
    ['status', 'descending', ['web2', 'web10', 'cache1', 'new1', 'app1', 'db1']],
  ];

  it('covers every sort key in both directions', () => {
    expect(new Set(cases.map(([key, direction]) => `${key} ${direction}`)).size).toBe(SORT_KEYS.length * 2);
    expect(new Set(cases.map(([key]) => key))).toEqual(new Set(SORT_KEYS));
  });

  it.each(cases)('by %s %s: %j', (key, direction, expected) => {
    expect(names(sortRows(rows, { key, direction }))).toEqual(expected);
  });

  it('ascending status puts what needs action first: failed, cancelled, never, then scans in progress, then ok', () => {
    const statuses: RowStatus[] = ['ok', 'queued', 'connecting', 'collecting', 'never', 'cancelled', 'failed'];
    const byStatus: FleetRow[] = statuses.map((status, index) => ({
      host: host(index + 1, `host-${status}`),
      summary: null,
      status,
    }));
    expect(sortRows(byStatus, { key: 'status', direction: 'ascending' }).map((row) => row.status)).toEqual([
      'failed',
      'cancelled',
      'never',
      'collecting',
      'connecting',
      'queued',
      'ok',
    ]);
  });

  it('the same rows in any starting order sort the same way', () => {
    const sort: Sort = { key: 'upgrades', direction: 'descending' };
    expect(names(sortRows([...rows].reverse(), sort))).toEqual(names(sortRows(rows, sort)));
  });

  it('an empty fleet sorts to an empty list', () => {
    expect(sortRows([], { key: 'lastScan', direction: 'descending' })).toEqual([]);
  });

  it('returns a new list and leaves the given one as it was', () => {
    const before = names(rows);
    const sorted = sortRows(rows, { key: 'name', direction: 'descending' });
    expect(sorted).not.toBe(rows);
    expect(names(rows)).toEqual(before);
  });
});

describe('nextSort: a click on a column header', () => {
  it.each<[string, Sort, SortKey, Sort]>([
    [
      'the same column flips ascending',
      { key: 'name', direction: 'ascending' },
      'name',
      { key: 'name', direction: 'descending' },
    ],
    [
      'the same column flips descending',
      { key: 'name', direction: 'descending' },
      'name',
      { key: 'name', direction: 'ascending' },
    ],
    [
      'upgrades again flips to fewest first',
      { key: 'upgrades', direction: 'descending' },
      'upgrades',
      { key: 'upgrades', direction: 'ascending' },
    ],
    [
      'status again flips to ok first',
      { key: 'status', direction: 'ascending' },
      'status',
      { key: 'status', direction: 'descending' },
    ],
    [
      'names start A to Z',
      { key: 'upgrades', direction: 'descending' },
      'name',
      { key: 'name', direction: 'ascending' },
    ],
    ['OS names start A to Z', { key: 'name', direction: 'ascending' }, 'os', { key: 'os', direction: 'ascending' }],
    [
      'status starts with failures',
      { key: 'name', direction: 'descending' },
      'status',
      { key: 'status', direction: 'ascending' },
    ],
    [
      'last scan starts with the latest',
      { key: 'name', direction: 'ascending' },
      'lastScan',
      { key: 'lastScan', direction: 'descending' },
    ],
    [
      'upgrades start with the most',
      { key: 'name', direction: 'ascending' },
      'upgrades',
      { key: 'upgrades', direction: 'descending' },
    ],
    [
      'security starts with the most',
      { key: 'upgrades', direction: 'ascending' },
      'security',
      { key: 'security', direction: 'descending' },
    ],
    [
      'reboot starts with reboots needed',
      { key: 'name', direction: 'ascending' },
      'reboot',
      { key: 'reboot', direction: 'descending' },
    ],
  ])('%s', (_case, current, key, expected) => {
    expect(nextSort(current, key)).toEqual(expected);
  });

  it('a new column starts in its own direction, whatever the previous column used', () => {
    for (const key of SORT_KEYS) {
      const from = SORT_KEYS.filter((other) => other !== key).flatMap((other) =>
        (['ascending', 'descending'] as const).map((direction) => nextSort({ key: other, direction }, key)),
      );
      expect(new Set(from.map((sort) => sort.direction)).size).toBe(1);
    }
  });

  it.each(SORT_KEYS)('two clicks on %s come back to where they started', (key) => {
    for (const direction of ['ascending', 'descending'] as const) {
      const start: Sort = { key, direction };
      expect(nextSort(nextSort(start, key), key)).toEqual(start);
    }
  });
});
