import type { HostInput } from '../../../shared/domain/host';
import { draft, portOf, type DraftsOf, type HostDraft, type LineError } from './draft';

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes; CRLF or LF ends a record. */
function readRecords(text: string): { records: CsvRecord[]; errors: LineError[] } {
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let record: CsvRecord = { line, fields: [] };
  let field = '';
  let quotedAt = 0; // the line a quoted field opened on, 0 outside quotes
  let closed = false; // just after a closing quote: only a comma or a line end may follow
  let broken: string | null = null;
  const endField = (): void => {
    record.fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = (): void => {
    endField();
    if (broken) errors.push({ line: record.line, message: broken });
    else if (record.fields.some((value) => value.trim() !== '')) records.push(record);
    record = { line, fields: [] };
    broken = null;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (quotedAt > 0) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quotedAt = 0;
        closed = true;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else if (closed) {
      // `"a" ,` is common in hand-edited files; anything but blanks after the quote is a mistake.
      if (ch !== ' ' && ch !== '\t')
        broken ??= `Text after a closing quote in column ${record.fields.length + 1}; quote the whole value`;
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quotedAt = line;
    } else {
      field += ch;
    }
  }
  if (quotedAt > 0) {
    errors.push({
      line: quotedAt,
      message: `Unterminated quote: the value opened with " on line ${quotedAt} never closes`,
    });
  } else if (field !== '' || record.fields.length > 0) {
    endRecord();
  }
  return { records, errors };
}

type Column = 'name' | 'address' | 'port' | 'os' | 'user' | 'auth' | 'credential' | 'jump' | 'tags';
type SameName = 'transport' | 'environment' | 'ring' | 'criticality' | 'exposure';
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
  } else if (column === 'tags') {
    host.fields.tags = value.split(/[\s;,]+/).filter((tag) => tag !== '');
  } else {
    host.fields[FIELD_OF[column]] = LOWERCASED.has(column) ? value.toLowerCase() : value;
  }
}

/** Reads a CSV inventory whose first row names the columns (any order, any case). */
export function parseCsv(text: string): DraftsOf {
  const { records, errors } = readRecords(text);
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
