// Log Analytics exports as CSV (portal "Export to CSV") or TSV (copy from the results grid): a header
// row in any column order, quoted fields with doubled quotes, possibly spanning lines.
import { fieldOf } from '../fields/aliases';

export interface Header {
  delimiter: string;
  columns: string[];
}

function headerName(field: string): string {
  return field.trim().replace(/^"|"$/g, '').trim();
}

/** If `line` is a header row of a log export, its delimiter and column names. */
export function detectHeader(line: string): Header | undefined {
  if (line.length > 4000 || !/resulttype|operationname|resultdescription|deviceid|timegenerated/i.test(line)) return undefined;
  for (const delimiter of ['\t', ',', ';', '|']) {
    if (!line.includes(delimiter)) continue;
    const columns = line.split(delimiter).map(headerName);
    let known = 0;
    let anchor = false;
    for (const c of columns) {
      const f = fieldOf(c);
      if (!f) continue;
      known++;
      if (f === 'resultType' || f === 'operation' || f === 'resultDescription' || f === 'deviceId') anchor = true;
    }
    // Every cell a name, at least two we know: a header, not a data row that happens to mention one.
    if (known >= 2 && anchor && columns.every((c) => /^[A-Za-z_@][\w .@\-[\]]{0,60}$/.test(c))) return { delimiter, columns };
  }
  return undefined;
}

/** Split one row; undefined when a quote is still open at the end (the row continues on the next line). */
export function splitRow(text: string, delimiter: string): string[] | undefined {
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
    } else if (ch === '"' && field.trim().length === 0) {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

export interface Row {
  /** 0-based first line of the row. */
  line: number;
  text: string;
  cells: string[];
}

/** Rows after the header at `headerIndex`, until a blank line or a line that is not a row of it. */
export function readRows(lines: string[], headerIndex: number, header: Header): { rows: Row[]; end: number } {
  const rows: Row[] = [];
  let i = headerIndex + 1;
  const maxSpan = 50; // a quoted field spanning more lines than this is not a row
  while (i < lines.length) {
    if (lines[i].trim() === '') break;
    let text = lines[i];
    let cells = splitRow(text, header.delimiter);
    let j = i;
    while (!cells && j + 1 < lines.length && j - i < maxSpan) {
      j++;
      text += '\n' + lines[j];
      cells = splitRow(text, header.delimiter);
    }
    if (!cells || cells.length < Math.min(2, header.columns.length)) break;
    rows.push({ line: i, text, cells });
    i = j + 1;
  }
  return { rows, end: i };
}
