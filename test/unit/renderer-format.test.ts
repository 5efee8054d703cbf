import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatDuration, formatPercent, plural } from '../../src/renderer/ui/format';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

describe('formatBytes: binary units, one decimal below 100', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [KiB, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [10 * KiB, '10.0 KiB'],
    [99.9 * KiB, '99.9 KiB'],
    [100 * KiB, '100 KiB'],
    [512 * KiB, '512 KiB'],
    [MiB, '1.0 MiB'],
    [1.25 * GiB, '1.3 GiB'],
    [250 * GiB, '250 GiB'],
    [2 * TiB, '2.0 TiB'],
    [PiB, '1.0 PiB'],
    // Nothing is larger than PiB: the count grows instead.
    [2048 * PiB, '2048 PiB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatPercent: a whole percent, or a dash when there is no whole', () => {
  it.each<[number, number, string]>([
    [0, 100, '0 %'],
    [50, 100, '50 %'],
    [100, 100, '100 %'],
    [1, 3, '33 %'],
    [2, 3, '67 %'],
    [1, 8, '13 %'],
    [3 * GiB, 4 * GiB, '75 %'],
    // An empty disk or a host that reported no memory has no percentage.
    [0, 0, '—'],
    [5, 0, '—'],
    [5, -1, '—'],
  ])('%d of %d → %s', (part, whole, text) => {
    expect(formatPercent(part, whole)).toBe(text);
  });
});

describe('formatDuration: the two largest units, for an uptime', () => {
  const MIN = 60;
  const H = 60 * MIN;
  const D = 24 * H;
  it.each<[number, string]>([
    [0, '0 s'],
    [1, '1 s'],
    [40, '40 s'],
    [59.9, '59 s'],
    [MIN, '1 min'],
    [MIN + 1, '1 min 1 s'],
    [2 * H, '2 h'],
    [2 * H + 5 * MIN, '2 h 5 min'],
    [2 * H + 5 * MIN + 59, '2 h 5 min'],
    [D, '1 d'],
    [3 * D + 4 * H, '3 d 4 h'],
    [3 * D + 4 * H + 59 * MIN + 59, '3 d 4 h'],
    [400 * D + H, '400 d 1 h'],
    // A clock that went backwards is no uptime at all.
    [-5, '0 s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatAgo: how long ago a scan ran, against a fixed now', () => {
  const now = Date.parse('2026-11-26T12:00:00.000Z');
  it.each<[string, string]>([
    ['2026-11-26T12:00:00.000Z', 'just now'],
    ['2026-11-26T11:59:01.000Z', 'just now'],
    // A main-side clock a little ahead of the window's is still just now, not "-3 min ago".
    ['2026-11-26T12:00:30.000Z', 'just now'],
    ['2026-11-26T11:59:00.000Z', '1 min ago'],
    ['2026-11-26T11:55:00.000Z', '5 min ago'],
    ['2026-11-26T11:00:01.000Z', '59 min ago'],
    ['2026-11-26T11:00:00.000Z', '1 h ago'],
    ['2026-11-26T09:00:00.000Z', '3 h ago'],
    ['2026-11-25T12:00:01.000Z', '23 h ago'],
    ['2026-11-25T12:00:00.000Z', '1 d ago'],
    ['2026-11-24T11:00:00.000Z', '2 d ago'],
    ['2025-11-26T12:00:00.000Z', '365 d ago'],
    // The same instant written with an offset.
    ['2026-11-26T13:55:00.000+02:00', '5 min ago'],
  ])('%s → %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });
});

describe('plural: a count with its noun', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'host', undefined, '0 hosts'],
    [1, 'host', undefined, '1 host'],
    [2, 'host', undefined, '2 hosts'],
    [3000, 'host key', undefined, '3000 host keys'],
    [1, 'entry', 'entries', '1 entry'],
    [4, 'entry', 'entries', '4 entries'],
    [0, 'entry', 'entries', '0 entries'],
  ])('%d %s (many: %s) → %s', (count, one, many, text) => {
    expect(plural(count, one, many)).toBe(text);
  });
});

describe('rounding at unit edges (regressions)', () => {
  it.each([
    [86_401, '1 d'],
    [3 * 86_400 + 300, '3 d'],
  ])('formatDuration(%i) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [1_048_575, '1.0 MiB'],
    [102_359, '100 KiB'],
  ])('formatBytes(%i) is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
