// A record: one unit of evidence in a paste (a line, a JSON value, a CSV/TSV row, a stack-trace block).
// Every reader reads every record; none owns it.

export type RecordKind = 'line' | 'json' | 'row' | 'block';

/** A word of three letters, an IoT Hub code, or a packet-trace arrow: what any evidence in text needs. */
export const WORDY = /[A-Za-z]{3}|\d{6}|->|<-/;

export interface SourceRecord {
  kind: RecordKind;
  /** 1-based line of the record's first character in the normalised (redacted) text. */
  line: number;
  /** The record's text. Empty for a JSON value that is one element of a pretty-printed export. */
  text: string;
  /** For a block spanning lines: offset in `text` where each further line starts. */
  lineStarts?: number[];
  /** The record as a parsed JSON object, when it is one. */
  json?: Record<string, unknown>;
  /** Header name (as written) -> value, when the record is a row under a CSV/TSV header. */
  columns?: Map<string, unknown>;
}

/** 1-based line of a character offset within a record. */
export function lineOfOffset(rec: SourceRecord, offset: number): number {
  const starts = rec.lineStarts;
  if (!starts || offset < 0) return rec.line;
  let k = 0;
  while (k < starts.length && starts[k] <= offset) k++;
  return rec.line + k;
}

/** The line holding `offset` within a record, and where in that line the offset falls. */
export function lineTextAt(rec: SourceRecord, offset: number): { text: string; at: number } {
  const starts = rec.lineStarts;
  if (!starts || offset < 0) return { text: rec.text, at: Math.max(0, offset) };
  let from = 0;
  let to = rec.text.length;
  for (const s of starts) {
    if (s <= offset) from = s;
    else {
      to = s - 1;
      break;
    }
  }
  return { text: rec.text.slice(from, to), at: offset - from };
}
