/** A problem on one line of a text file, for people to fix. */
export interface LineError {
  line: number;
  message: string;
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes; CRLF or LF ends a record. */
export function readCsv(text: string): { records: CsvRecord[]; errors: LineError[] } {
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
