/** How numbers and dates read across the app: always with units, dates in the admin's locale. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Rounding can reach the next unit (1023.96 KiB reads 1.0 MiB) or the next precision (99.96 KiB reads 100 KiB).
  if (Math.abs(Number(value.toFixed(unit === 0 ? 0 : 1))) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || Math.abs(Number(value.toFixed(1))) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit] ?? 'B'}`;
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '—';
}

/** "3 d 4 h", "2 h 5 min", "40 s": the two largest units are enough for an uptime. */
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  let rest = Math.max(0, Math.floor(seconds));
  // The largest unit that fits and the one just below it: "1 d", not "1 d 1 s".
  const first = units.findIndex(([size]) => rest >= size);
  if (first === -1) return '0 s';
  const parts: string[] = [];
  for (const [size, unit] of units.slice(first, first + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${String(count)} ${unit}`);
  }
  return parts.join(' ');
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** "just now", "5 min ago", "3 h ago", "2 d ago": for "last scanned" columns. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${String(Math.floor(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${String(Math.floor(seconds / 3600))} h ago`;
  return `${String(Math.floor(seconds / 86_400))} d ago`;
}

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${String(count)} ${count === 1 ? one : many}`;
