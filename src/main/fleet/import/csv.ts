import type { HostInput } from '../../../shared/domain/host';
import { readCsv } from '../../text/csv';
import { draft, portOf, type DraftsOf, type HostDraft } from './draft';

type Column = 'name' | 'address' | 'port' | 'os' | 'user' | 'auth' | 'credential' | 'jump' | 'tags';
type SameName = 'transport' | 'environment' | 'ring' | 'criticality' | 'exposure' | 'controls';
const FIELD_OF: Record<Column | SameName, keyof HostInput> = {
  name: 'name',
  address: 'address',
  port: 'port',
  os: 'osFamily',
  user: 'loginUser',
  auth: 'authMethod',
  credential: 'credentialRef',
  jump: 'jumpHost',
  tags: 'tags',
  transport: 'transport',
  environment: 'environment',
  ring: 'ring',
  criticality: 'criticality',
  exposure: 'exposure',
  controls: 'controls',
};
const COLUMNS = Object.keys(FIELD_OF) as (Column | SameName)[];
const isColumn = (name: string): name is Column | SameName => (COLUMNS as string[]).includes(name);
// Values from a closed set are matched case-insensitively (`Windows`, `Critical`).
const LOWERCASED: ReadonlySet<string> = new Set(['os', 'auth', 'transport', 'ring', 'criticality', 'exposure']);

function setField(host: HostDraft, column: Column | SameName, value: string): void {
  if (column === 'port') {
    const port = portOf(value);
    if (port === null) host.blockers.push(`Port must be a number (got "${value}")`);
    else host.fields.port = port;
  } else if (column === 'tags' || column === 'controls') {
    // Lists: tags, and control names (`network-restricted;exploit-filtering`).
    const values = value.split(/[\s;,]+/).filter((item) => item !== '');
    host.fields[column] = column === 'controls' ? values.map((item) => item.toLowerCase()) : values;
  } else {
    host.fields[FIELD_OF[column]] = LOWERCASED.has(column) ? value.toLowerCase() : value;
  }
}

/** Reads a CSV inventory whose first row names the columns (any order, any case). */
export function parseCsv(text: string): DraftsOf {
  const { records, errors } = readCsv(text);
  const [header, ...rows] = records;
  if (!header) return { drafts: [], errors: errors.length > 0 ? errors : [{ line: 1, message: 'The file is empty' }] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !isColumn(name));
  if (unknown.length > 0)
    errors.push({
      line: header.line,
      message: `Unknown columns: ${unknown.map((n) => `"${n}"`).join(', ')} (ignored; known: ${COLUMNS.join(', ')})`,
    });
  const repeated = names.filter((name, index) => name !== '' && names.indexOf(name) !== index);
  if (repeated.length > 0) errors.push({ line: header.line, message: `Columns named twice: ${repeated.join(', ')}` });
  if (!names.includes('name') || !names.includes('address') || repeated.length > 0) {
    if (repeated.length === 0)
      errors.push({ line: header.line, message: 'The header row needs a name column and an address column' });
    return { drafts: [], errors: errors.sort((a, b) => a.line - b.line) };
  }
  const drafts = rows.map((row) => {
    const host = draft(row.line, row.fields[names.indexOf('name')]?.trim() ?? '');
    if (row.fields.length > names.length && row.fields.slice(names.length).some((value) => value.trim() !== ''))
      host.blockers.push(`The row has ${row.fields.length} values but the header names ${names.length} columns`);
    names.forEach((name, index) => {
      const value = row.fields[index]?.trim() ?? '';
      if (value !== '' && isColumn(name)) setField(host, name, value);
    });
    return host;
  });
  return { drafts, errors: errors.sort((a, b) => a.line - b.line) };
}
