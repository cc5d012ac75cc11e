// Stage "split": the normalised, redacted text becomes records. JSON may sit anywhere in a record and
// never swallows the rest of it; a header row turns the rows under it into records with named cells;
// stack-trace frames join the line they belong to; lines that a chat client ran together are split at
// their timestamps. Linear: a multi-line JSON span that fails is charged to a fixed budget.
import { clockSites, execNearClocks, TIMESTAMP_START, TIMESTAMP_START_CLOCK } from '../time';
import { detectHeader, readRows, type Header } from './delimited';
import { isObj, spanAt, tryParse, valuesOnLine, type Obj } from './jsonScan';
import { WORDY, type SourceRecord } from './record';

/** A line longer than this with no rhythm of timestamps is read in overlapping windows. */
const LONG_LINE = 20_000;
const WINDOW_OVERLAP = 400;
/** Where a record may start in run-together text: a timestamp, or the C SDK's packet trace ("-> 10:55:08 CONNECT"). */
export const RECORD_START = new RegExp(`${TIMESTAMP_START.source}|(?:->|<-) \\d{2}:\\d{2}:\\d{2} `, 'g');
/** How far after a RECORD_START match's start its clock sits: a packet trace's 5 in, a timestamp's as TIMESTAMP_START's. */
export const RECORD_START_CLOCK = { min: 5, max: TIMESTAMP_START_CLOCK.max } as const;
const MAX_RECORDS = 2_000_000;

/** Lines run together (a chat client dropped the newlines): split before each timestamp. */
export function segments(line: string): { text: string; offset: number }[] {
  // Short lines with one timestamp are one record; only longer ones may be several run together.
  if (line.length < 60) return [{ text: line, offset: 0 }];
  const starts: number[] = [];
  const traces = new Set<number>();
  const traced = line.indexOf('> ') !== -1 || line.indexOf('<- ') !== -1;
  const re = traced ? RECORD_START : TIMESTAMP_START;
  const { min, max } = traced ? RECORD_START_CLOCK : TIMESTAMP_START_CLOCK;
  // Each start holds a clock at a known distance: the regex runs only near clocks.
  const sites = clockSites(line);
  let m: RegExpExecArray | null;
  let from = 0;
  while ((m = execNearClocks(re, line, from, sites, min, max))) {
    from = m.index + m[0].length;
    // A timestamp right after another belongs to the same record ("time=.. end=..", a chat prefix).
    let at = m.index;
    // A row whose first cells come before its time ("pump-1,2026-…,401003"): start at the row, not the time.
    const before = line.charCodeAt(at - 1);
    if (before === 44 || before === 59 || before === 124) {
      const ws = Math.max(line.lastIndexOf(' ', at - 1), line.lastIndexOf('\t', at - 1));
      if (ws >= 0 && at - ws < 160) at = ws + 1;
    }
    if (starts.length === 0 || at - starts[starts.length - 1] > (m[0].length < 16 ? 12 : 40)) {
      starts.push(at);
      if (m[0].length < 16) traces.add(at);
    }
  }
  if (starts.length < 2 && line.length <= LONG_LINE) return [{ text: line, offset: 0 }];
  if (starts.length < 2) {
    // No rhythm of timestamps: cut into overlapping windows so each error keeps its neighbourhood.
    const out: { text: string; offset: number }[] = [];
    for (let i = 0; i < line.length; i += LONG_LINE) out.push({ text: line.slice(Math.max(0, i - WINDOW_OVERLAP), i + LONG_LINE), offset: i });
    return out;
  }
  if (starts[0] > 0) starts.unshift(0);
  // A piece that is little more than a stamp ("... (logged 2026-11-29T10:00:00Z)") ends the record before it.
  const kept = starts.filter((s, k) => k === 0 || traces.has(s) || (starts[k + 1] ?? line.length) - s >= 32);
  if (kept.length < 2) return [{ text: line, offset: 0 }];
  const pieces = kept.map((s, k) => ({ text: line.slice(s, kept[k + 1] ?? line.length), offset: s }));
  // A piece with no word and no code is stamps and punctuation: no evidence, so no record (a line of
  // nothing but stamps would otherwise cost a record per stamp).
  const wordy = pieces.filter((p) => WORDY.test(p.text));
  return wordy.length ? wordy : [pieces[0]];
}

function lowerKey(o: Obj, name: string): unknown {
  for (const k in o) if (k.length === name.length && k.toLowerCase() === name) return o[k];
  return undefined;
}

/** Log Analytics query API tables: {columns:[{name}], rows:[[...]]} -> one row record per row. */
function tableRows(t: Obj, line: number, out: Sink): void {
  const cols = lowerKey(t, 'columns');
  const rows = lowerKey(t, 'rows');
  if (!Array.isArray(cols) || !Array.isArray(rows)) return;
  const names = cols.map((c) => (isObj(c) ? String(c.name ?? c.ColumnName ?? '') : String(c)));
  for (const row of rows) {
    if (!Array.isArray(row) || out.count >= MAX_RECORDS) continue;
    const columns = new Map<string, unknown>();
    names.forEach((n, i) => columns.set(n, row[i]));
    out.push({ kind: 'row', line, text: '', columns });
  }
}

/**
 * A parsed JSON value as records: arrays and {"records"|"value": [...]} wrappers give one record per
 * element (on its own line when known), {"tables": [...]} one per row, any other object one record.
 */
function expand(value: unknown, line: number, lineOf: (k: number) => number | undefined, innerLineOf: (k: number) => number | undefined, text: string, out: Sink): void {
  if (Array.isArray(value)) {
    value.forEach((v, k) => {
      if (isObj(v)) expand(v, lineOf(k) ?? line, () => undefined, () => undefined, '', out);
    });
    return;
  }
  if (!isObj(value)) return;
  const nested = lowerKey(value, 'records') ?? lowerKey(value, 'value');
  if (Array.isArray(nested) && nested.some(isObj)) {
    nested.forEach((v, k) => {
      if (isObj(v)) expand(v, innerLineOf(k) ?? line, () => undefined, () => undefined, '', out);
    });
    return;
  }
  const tables = lowerKey(value, 'tables');
  if (Array.isArray(tables)) {
    for (const t of tables) if (isObj(t)) tableRows(t, line, out);
    return;
  }
  out.push({ kind: 'json', line, text, json: value });
}

const FRAME = /^\s+at\s|^\s+File "|^\s+\.\.\. \d+ (?:more|common frames omitted)|^Caused by:|^\s*--- End of (?:inner exception|stack trace)/;

export interface SplitResult {
  records: SourceRecord[];
  lines: string[];
}

/**
 * Records on their way out: each is handed on as soon as nothing can change it any more, so the reader
 * can drop one record's parsed JSON before the next is parsed. Only the latest line or block waits, in
 * case stack-trace frames on the next lines belong to it.
 */
class Sink {
  private held: SourceRecord | undefined;
  constructor(
    private readonly onRecord: (r: SourceRecord) => void,
    public count: number,
  ) {}
  push(r: SourceRecord): void {
    if (this.count >= MAX_RECORDS) return;
    this.count++;
    if (this.held) this.onRecord(this.held);
    this.held = undefined;
    if (r.kind === 'line' || r.kind === 'block') this.held = r;
    else this.onRecord(r);
  }
  /** The latest record, while frames may still join it. */
  get last(): SourceRecord | undefined {
    return this.held;
  }
  /** Hands on the record held back: a line is about to be taken by the caller, and order must hold. */
  release(): void {
    if (this.held) this.onRecord(this.held);
    this.held = undefined;
  }
  end(): void {
    if (this.held) this.onRecord(this.held);
    this.held = undefined;
  }
}

/** What splitting carries from one segment of a paste to the next (see engine.ts). */
export class SplitState {
  /** Records so far. */
  count = 0;
  inPythonFrame = false;
  /** A header whose rows ran to the end of the segment: the next segment's first lines may be rows of it. */
  openHeader: Header | undefined;
  /** Characters failed multi-line JSON spans may still scan: four times the text, and a little. */
  readonly budget = { chars: 1024 };
}

/**
 * Every record of the text, in order, handed to `onRecord` one at a time; returns the text's lines.
 * `takeLine` may take a line that is one JSON object before it is parsed (it then reads it itself).
 * The text may be one segment of a longer paste: its first line is line `lineBase + 1`, and `state`
 * carries on from the segment before.
 */
export function eachRecord(text: string, onRecord: (r: SourceRecord) => void, takeLine?: (line: string, lineNo: number) => boolean, lineBase = 0, state = new SplitState()): string[] {
  const lines = text.split('\n');
  const records = new Sink(onRecord, state.count);
  const budget = state.budget;
  budget.chars += 4 * text.length;
  let inPythonFrame = state.inPythonFrame;
  const no = (i: number) => lineBase + i + 1;

  const pushLine = (i: number, line: string) => {
    for (const seg of segments(line)) records.push({ kind: 'line', line: no(i), text: seg.text });
  };
  /** The rows under a header (at `headerIndex`, -1 when it closed the segment before); returns where they end. */
  const rowsOf = (headerIndex: number, header: Header): number => {
    const { rows, end } = readRows(lines, headerIndex, header);
    for (const r of rows) {
      const columns = new Map<string, unknown>();
      header.columns.forEach((c, k) => columns.set(c, r.cells[k]?.trim()));
      const starts: number[] = [];
      for (let p = r.text.indexOf('\n'); p !== -1; p = r.text.indexOf('\n', p + 1)) starts.push(p + 1);
      records.push({ kind: 'row', line: no(r.line), text: r.text, columns, lineStarts: starts.length ? starts : undefined });
    }
    state.openHeader = end >= lines.length ? header : undefined;
    return end;
  };
  const start = state.openHeader ? rowsOf(-1, state.openHeader) : 0;

  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const first = line.charCodeAt(0) === 123 || line.charCodeAt(0) === 91 ? 0 : line.search(/\S/);
    if (first < 0) continue;
    const c0 = line.charCodeAt(first);

    // A CSV/TSV header: the rows under it are records with named cells.
    const header = c0 !== 123 && c0 !== 91 ? detectHeader(line) : undefined;
    if (header) {
      i = rowsOf(i, header) - 1;
      continue;
    }

    // JSON that starts the line: one value, several on the line, or a value spanning lines.
    if (c0 === 123 || c0 === 91) {
      const trimmed = first === 0 ? line.trimEnd() : line.trim();
      const last = trimmed.charCodeAt(trimmed.length - 1);
      if ((last === 125 || last === 93) && trimmed.length > 1) {
        if (takeLine && first === 0 && last === 125 && records.count < MAX_RECORDS) {
          records.release();
          if (takeLine(line, no(i))) {
            records.count++;
            continue;
          }
        }
        const whole = tryParse(trimmed);
        if (whole !== undefined) {
          expand(whole, no(i), () => no(i), () => no(i), line, records);
          continue;
        }
        const several = valuesOnLine(trimmed);
        if (several) {
          for (const v of several) expand(v, no(i), () => no(i), () => no(i), isObj(v) && several.length === 1 ? line : '', records);
          continue;
        }
      }
      const span = spanAt(lines, i, line.indexOf(String.fromCharCode(c0)), budget);
      if (span) {
        expand(span.value, no(i), (k) => no(span.elementLines[k] ?? i), (k) => no(span.innerLines[k] ?? i), '', records);
        i = span.endLine;
        continue;
      }
    } else {
      // Prose ending in an opener ("Record: {") may introduce a pretty-printed value on the lines below.
      const end = line.trimEnd();
      const lastCh = end.charCodeAt(end.length - 1);
      if ((lastCh === 123 || lastCh === 91) && i + 1 < lines.length) {
        const span = spanAt(lines, i, end.length - 1, budget);
        if (span) {
          const prose = end.slice(0, -1).trim();
          if (prose) records.push({ kind: 'line', line: no(i), text: prose });
          expand(span.value, no(i), (k) => no(span.elementLines[k] ?? i), (k) => no(span.innerLines[k] ?? i), '', records);
          i = span.endLine;
          continue;
        }
      }
    }

    // Stack-trace frames belong to the exception line above them.
    const prev = records.last;
    const isFrame = FRAME.test(line) || (inPythonFrame && /^\s{4,}\S/.test(line));
    if (isFrame && prev && (prev.kind === 'line' || prev.kind === 'block') && prev.line + (prev.lineStarts?.length ?? 0) === lineBase + i && prev.text.length < 20_000) {
      (prev.lineStarts ??= []).push(prev.text.length + 1);
      prev.text += '\n' + line;
      prev.kind = 'block';
      inPythonFrame = /^\s+File "/.test(line);
      continue;
    }
    inPythonFrame = false;
    pushLine(i, line);
  }
  records.end();
  state.count = records.count;
  state.inPythonFrame = inPythonFrame;
  return lines;
}

/** All records at once (tests, small texts). */
export function splitRecords(text: string): SplitResult {
  const records: SourceRecord[] = [];
  const lines = eachRecord(text, (r) => records.push(r));
  return { records, lines };
}
