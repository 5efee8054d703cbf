interface Change {
  from: unknown;
  to: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isChange = (value: unknown): value is Change => isRecord(value) && 'from' in value && 'to' in value;

function isChangeSet(value: unknown): value is Record<string, Change> {
  return isRecord(value) && Object.values(value).every(isChange);
}

/** One value as an admin would write it: strings bare, lists in brackets, nothing as "none". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A one-line reading of an entry's details. Updates record `{ changes: { field: { from, to } } }`
 * and read as "port: 22 → 2222"; anything else reads as "field: value" pairs.
 */
export function summarizeDetails(details: Record<string, unknown>): string {
  const changes = details['changes'];
  if (Object.keys(details).length === 1 && isChangeSet(changes)) {
    return Object.entries(changes)
      .map(([field, change]) => `${field}: ${formatValue(change.from)} → ${formatValue(change.to)}`)
      .join('; ');
  }
  const pairs = Object.entries(details).map(([field, value]) => `${field}: ${formatValue(value)}`);
  return pairs.length > 0 ? pairs.join(', ') : '—';
}
