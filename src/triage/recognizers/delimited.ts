// Log Analytics exports as CSV (portal "Export to CSV") or TSV (copy from the results grid):
// a header row, any column order, quoted fields with doubled quotes, possibly spanning lines.
import { eventFromRecord, type ConnEvent } from '../events';
import { mapFields, recordFromFields } from './records';

const KNOWN_COLUMNS = new Set([
  'timegenerated', 'time', 'operationname', 'resulttype', 'resultdescription', 'level', 'category',
  'properties_s', 'properties', 'deviceid', '_resourceid', 'resourceid', 'protocol', 'resourceprovider', 'resourcetype',
]);

function headerName(field: string): string {
  return field.trim().replace(/^"|"$/g, '').replace(/\s*\[[^\]]{0,10}\]$/, '').toLowerCase();
}

/** If `line` is a Log Analytics header row, its delimiter and column names. */
export function detectHeader(line: string): { delimiter: string; columns: string[] } | undefined {
  if (line.length > 4000) return undefined;
  for (const delimiter of ['\t', ',', ';']) {
    if (!line.includes(delimiter)) continue;
    const columns = line.split(delimiter).map(headerName);
    let known = 0;
    for (const c of columns) if (KNOWN_COLUMNS.has(c)) known++;
    if (known >= 2 && (columns.includes('resulttype') || columns.includes('operationname') || columns.includes('resultdescription'))) {
      return { delimiter, columns };
    }
  }
  return undefined;
}

/** Split one row; returns undefined when a quote is still open at the end (the row continues). */
function splitRow(text: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

export interface DelimitedResult {
  events: ConnEvent[];
  /** Index (0-based) one past the last line consumed. */
  end: number;
}

/** Parse rows after the header at `headerIndex` until a blank line or a row that doesn't fit. */
export function parseDelimited(lines: string[], headerIndex: number, header: { delimiter: string; columns: string[] }): DelimitedResult {
  const events: ConnEvent[] = [];
  let i = headerIndex + 1;
  const maxSpan = 50; // a quoted field spanning more lines than this is not a row
  while (i < lines.length) {
    if (lines[i].trim() === '') break;
    let text = lines[i];
    let fields = splitRow(text, header.delimiter);
    let j = i;
    while (!fields && j + 1 < lines.length && j - i < maxSpan) {
      j++;
      text += '\n' + lines[j];
      fields = splitRow(text, header.delimiter);
    }
    if (!fields || fields.length < Math.min(2, header.columns.length)) break;
    const f = new Map<string, unknown>();
    header.columns.forEach((c, k) => f.set(c, fields![k]?.trim()));
    const rec = recordFromFields(mapFields(f));
    if (rec) events.push(eventFromRecord(rec, i + 1));
    i = j + 1;
  }
  return { events, end: i };
}
