// Meaning-preserving rewrites of a paste: the same evidence (same events, same order, same devices, same
// instants) arriving the way support engineers really paste it. Written from the fixtures' formats, never
// from the engine. Where a rewrite has no honest form for a file, the file is left as it is and the
// comment at that rewrite says why.

export interface RewriteContext {
  /** The fixture's file name (extension decides a few things, as it would for a human reader). */
  file: string;
  /** Every device id the expectation says the text names. */
  devices: string[];
}

export interface Rewrite {
  name: string;
  apply(text: string, ctx: RewriteContext): string;
}

// ---------------------------------------------------------------------------------------------------------
// Shapes and small helpers

type Shape = 'html' | 'json' | 'jsonl' | 'csv' | 'tsv' | 'text';

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function extOf(file: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(file);
  return m ? m[1].toLowerCase() : '';
}

export function shapeOf(text: string, file: string): Shape {
  const ext = extOf(file);
  const t = text.trim();
  if (ext === 'html' || /^<(p|div|br|code|pre)\b/i.test(t)) return 'html';
  if (/^[[{]/.test(t) && parses(t)) return 'json';
  const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1 && lines.every((l) => /^\s*\{/.test(l) && parses(l))) return 'jsonl';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  return 'text';
}

/** Applies fn to each line, keeping each line's own ending (LF or CRLF). */
function mapLines(text: string, fn: (line: string, index: number) => string): string {
  return text
    .split('\n')
    .map((raw, i) => {
      const cr = raw.endsWith('\r');
      const line = cr ? raw.slice(0, -1) : raw;
      return fn(line, i) + (cr ? '\r' : '');
    })
    .join('\n');
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ISO_STAMP = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z| ?UTC| ?[+-]\d\d:?\d\d)?/g;

/**
 * A leading timestamp: ISO (T or space, optional fraction and zone), bracketed, or syslog ("Nov 29 07:10:02").
 * US m/d/yyyy stamps only open rows of grid copies, whose columns a header defines, so they are not taken.
 */
const LEADING_STAMP =
  /^(\s*)(\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z| ?UTC| ?[+-]\d\d:?\d\d)?\]?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d)(?=\s|$)/;

function isoStampCount(line: string): number {
  return (line.match(ISO_STAMP) ?? []).length;
}

/** The protocol the line itself names, if any: a file-wide guess could pin another component's protocol on it. */
function protocolOf(line: string): string | undefined {
  if (/amqp/i.test(line)) return 'Amqp';
  if (/mqtt/i.test(line)) return 'Mqtt';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// CSV / TSV / resource-log records

function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number | string): string => String(n).padStart(2, '0');

/** "11/29/2026, 1:09:44.210 PM" (a grid's UTC column) -> "2026-11-29T13:09:44.210Z"; anything else as it is. */
function usGridTimeToIso(s: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d\d):(\d\d)(\.\d+)?(?: ?([AP]M))?$/.exec(s.trim());
  if (!m) return s;
  const [, mo, d, y, h, mi, se, frac, ampm] = m;
  return `${y}-${p2(mo)}-${p2(d)}T${p2(to24(Number(h), ampm))}:${mi}:${se}${frac ?? ''}Z`;
}

function to24(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  if (ampm === 'AM') return h === 12 ? 0 : h;
  return h === 12 ? 12 : h + 12;
}

/** Field by any of its names, case-insensitively. */
function field(rec: Record<string, unknown>, ...names: string[]): unknown {
  const lower = new Map(Object.entries(rec).map(([k, v]) => [k.toLowerCase(), v]));
  for (const n of names) if (lower.has(n.toLowerCase())) return lower.get(n.toLowerCase());
  return undefined;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * One Log Analytics grid row: TimeGenerated, OperationName, Level, ResultType, ResultDescription, properties_s.
 * Projected tables (DeviceId, Protocol, MaskedIpAddress columns, no Level, no properties) get their properties
 * back as the JSON AzureDiagnostics would hold, and Level from the result: an error code means Level Error (the
 * Connections category logs every coded result at Error), none means Information.
 */
function gridRow(rec: Record<string, unknown>): string | undefined {
  const op = field(rec, 'operationName');
  const time = field(rec, 'time', 'TimeGenerated', 'TimeGenerated [UTC]');
  if (op === undefined || time === undefined) return undefined;
  const resultType = str(field(rec, 'resultType'));
  const level = str(field(rec, 'level')) || (resultType ? 'Error' : 'Information');
  let props = field(rec, 'properties', 'properties_s');
  if (props === undefined) {
    const p: Record<string, string> = {};
    const d = field(rec, 'DeviceId');
    const pr = field(rec, 'Protocol');
    const ip = field(rec, 'MaskedIpAddress');
    if (d !== undefined) p.deviceId = str(d);
    if (pr !== undefined) p.protocol = str(pr);
    if (ip !== undefined) p.maskedIpAddress = str(ip);
    props = p;
  }
  const cells = [usGridTimeToIso(str(time)), str(op), level, resultType, str(field(rec, 'resultDescription')), str(props)];
  return cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t');
}

function tableRecords(rows: string[][]): Record<string, string>[] {
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

function jsonRecords(value: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (value && typeof value === 'object') {
    const records = (value as Record<string, unknown>).records;
    return Array.isArray(records) ? (records as Record<string, unknown>[]) : [value as Record<string, unknown>];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Dates

function dmy(y: number, mo: number, d: number): string {
  return `${p2(d)}-${p2(mo)}-${y}`;
}

/**
 * Every date (with its time) as day-first "29-11-2026 08:04:12". A stamp with a zone is converted to UTC and
 * says "UTC"; a zone-less stamp stays zone-less (its meaning was whatever the source meant). Fractions stay.
 * Left alone: syslog "Nov 29 07:10:02" (it has no year, and a numeric day-first date would have to invent one)
 * and bare dates such as api-version=2021-04-12 (a version name, not a time).
 */
function dayFirst(text: string): string {
  // ISO: 2026-11-29T08:04:12.118Z, 2026-11-29 07:58:41 UTC, 2026-11-29 11:02:17.331 +01:00, 2026-11-29 07:00:04,310
  let out = text.replace(
    /(?<![\d-])(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)([.,]\d+)?(Z|\s?UTC|\s?GMT|\s?[+-]\d\d:?\d\d)?(?![\d:])/g,
    (...a: unknown[]) => {
      const [, y, mo, d, h, mi, s, frac, zone] = a as (string | undefined)[];
      const offset = a[9] as number;
      const whole = a[10] as string;
      let v: string;
      if (zone === undefined) v = `${dmy(+y!, +mo!, +d!)} ${h}:${mi}:${s}${frac ?? ''}`;
      else {
        const om = /^([+-])(\d\d):?(\d\d)$/.exec(zone.trim());
        const offsetMin = om ? (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3])) : 0;
        const u = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) - offsetMin * 60_000);
        v = `${dmy(u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate())} ${p2(u.getUTCHours())}:${p2(u.getUTCMinutes())}:${p2(u.getUTCSeconds())}${frac ?? ''} UTC`;
      }
      // An unquoted logfmt value (time=…) cannot hold spaces: quote it, as logfmt writers do.
      return whole[offset - 1] === '=' ? `"${v}"` : v;
    },
  );
  // US: 11/29/2026, 1:09:44.210 PM (grid) and TimeStamp:11/29/2026 10:04:12 (tracking ids); zone-less either way.
  out = out.replace(
    /(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d\d):(\d\d)(\.\d+)?(?: ?([AP]M))?/g,
    (_m, mo: string, d: string, y: string, h: string, mi: string, s: string, frac: string | undefined, ampm: string | undefined) =>
      `${dmy(+y, +mo, +d)} ${p2(to24(+h, ampm))}:${mi}:${s}${frac ?? ''}`,
  );
  // RFC 1123 (HTTP Date header): Sun, 29 Nov 2026 10:04:12 GMT
  out = out.replace(
    /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d:\d\d:\d\d) GMT\b/g,
    (_m, wd: string, d: string, mon: string, y: string, t: string) => `${wd}, ${dmy(+y, MONTHS.indexOf(mon) + 1, +d)} ${t} UTC`,
  );
  // ctime (C SDK "Time:Sun Nov 29 10:20:01 2026"), zone-less like its source.
  out = out.replace(
    /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d\d:\d\d:\d\d) (\d{4})\b/g,
    (_m, wd: string, mon: string, d: string, t: string, y: string) => `${wd} ${dmy(+y, MONTHS.indexOf(mon) + 1, +d)} ${t}`,
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The rewrites

const CHAT_STAMP = 'Jan, 11/28/2026 9:15:07 AM: ';

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The first stand-alone (space-delimited) mention of one of the devices, longest ids first. */
function standaloneDevice(line: string, devices: string[]): { id: string; at: number } | undefined {
  let best: { id: string; at: number } | undefined;
  for (const id of [...devices].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(`(?<=^|\\s)${escapeRe(id)}(?=\\s|$)`).exec(line);
    if (m && (!best || m.index < best.at)) best = { id, at: m.index };
  }
  return best;
}

function propertiesJson(text: string, ctx: RewriteContext): string {
  // Resource logs, CSV/TSV grids and JSON already carry the id in a field of their own; the Teams HTML fixture
  // is one HTML blob whose records have no line of their own to append properties to.
  if (shapeOf(text, ctx.file) !== 'text' || ctx.devices.length === 0) return text;
  const isLog = extOf(ctx.file) === 'log';
  return mapLines(text, (line) => {
    // Shell commands keep their arguments (`-i pump-0042` without its value would be another command).
    if (/^\s*\$ /.test(line)) return line;
    // A line holding several records (newlines lost) has no single record to attach properties to.
    if (isoStampCount(line) > 1) return line;
    // In .log files every line is log output (ILogger continuation lines, mosquitto's "Client … sending");
    // elsewhere only timestamped lines are records, the rest is the engineer's prose.
    if (!isLog && !LEADING_STAMP.test(line)) return line;
    const protocol = protocolOf(line);
    const props = (id: string): string => JSON.stringify(protocol ? { deviceId: id, protocol } : { deviceId: id });
    // logfmt: the labelled deviceId=… pair moves into the properties (the sensible equivalent of prose).
    for (const id of ctx.devices) {
      const kv = new RegExp(`\\s(?:deviceId|device_id|device)=${escapeRe(id)}(?=\\s|$)`).exec(line);
      if (kv) return `${line.slice(0, kv.index)}${line.slice(kv.index + kv[0].length)} ${props(id)}`;
    }
    const hit = standaloneDevice(line, ctx.devices);
    if (!hit) return line;
    const before = line.slice(0, hit.at);
    const after = line.slice(hit.at + hit.id.length);
    const joined = before.endsWith(' ') && after.startsWith(' ') ? before + after.slice(1) : before + after;
    return `${joined.replace(/\s+$/, '')} ${props(hit.id)}`;
  });
}

function logfmt(text: string, ctx: RewriteContext): string {
  // Only prose log lines have a leading timestamp to lift; JSON, grids and HTML have none (a grid row's first
  // cell is a column, not a line prefix), and lines that already are logfmt (time=…) stay as they are.
  const shape = shapeOf(text, ctx.file);
  if (shape !== 'text') return text;
  return mapLines(text, (line) => {
    const m = LEADING_STAMP.exec(line);
    if (!m) return line;
    const stamp = m[2].replace(/^\[|\]$/g, '');
    const time = /\s/.test(stamp) ? `"${stamp}"` : stamp;
    const rest = line.slice(m[0].length).replace(/^\s+/, '');
    return `time=${time} msg="${rest.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
}

function headerlessTsv(text: string, ctx: RewriteContext): string {
  const shape = shapeOf(text, ctx.file);
  const eol = eolOf(text);
  if (shape === 'json' || shape === 'jsonl') {
    const values: unknown[] = shape === 'json' ? [JSON.parse(text)] : text.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
    const records = values.flatMap((v) => jsonRecords(v) ?? []);
    const rows = records.map(gridRow);
    // Event Grid events are not log records (no operation, level or result): a grid of them would be another
    // table with other meaning, so such a file stays as it is.
    if (rows.length === 0 || rows.some((r) => r === undefined)) return text;
    return rows.join(eol) + eol;
  }
  if (shape === 'csv' || shape === 'tsv') {
    const rows = tableRecords(parseCsv(text, shape === 'csv' ? ',' : '\t')).map(gridRow);
    if (rows.length === 0 || rows.some((r) => r === undefined)) return text;
    return rows.join(eol) + eol;
  }
  // The Teams HTML blob is one HTML line; tabs in it would be rendered as spaces again, so nothing to copy.
  if (shape === 'html') return text;
  // Prose: a grid-ish copy where the first few gaps became tabs; a leading timestamp stays one cell.
  return mapLines(text, (line) => {
    if (line.trim() === '') return line;
    const m = LEADING_STAMP.exec(line);
    if (m) return `${m[1]}${m[2]}\t${tabify(line.slice(m[0].length).replace(/^\s+/, ''), 2)}`;
    const indent = (/^\s*/.exec(line) ?? [''])[0];
    return indent + tabify(line.slice(indent.length), 3);
  });
}

/** The first n runs of spaces as tabs. */
function tabify(s: string, n: number): string {
  let k = 0;
  return s.replace(/ +/g, (gap) => (k++ < n ? '\t' : gap));
}

function jsonPretty(text: string, ctx: RewriteContext): string {
  const shape = shapeOf(text, ctx.file);
  const eol = eolOf(text);
  if (shape === 'jsonl') {
    return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.stringify(JSON.parse(l), null, 2).replace(/\n/g, eol)).join(eol) + eol;
  }
  // A one-line JSON document (records on one line) pretty-printed; already pretty JSON and non-JSON stay.
  if (shape === 'json' && text.trim().split('\n').length === 1) return JSON.stringify(JSON.parse(text), null, 2) + '\n';
  return text;
}

export const REWRITES: Rewrite[] = [
  {
    // Teams/Outlook copy of a chat: every line gets the sender and the chat's own time. That stamp is when
    // the message was sent, the same on every line, and says nothing about the events.
    name: 'chat-prefix',
    apply: (text) => mapLines(text, (line) => (line.trim() === '' ? line : CHAT_STAMP + line)),
  },
  {
    // The Teams HTML form of a message with a code snippet: one <p><code>…</code></p> per paragraph, lines
    // joined by <br>, characters as entities. The HTML fixture already is this form: escaping it again would
    // make its tags literal text (other content), so it stays as it is.
    name: 'teams-html',
    apply: (text, ctx) => {
      if (shapeOf(text, ctx.file) === 'html') return text;
      const paragraphs = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split(/\n\s*\n/);
      return paragraphs.map((p) => `<p><code>${p.split('\n').map(htmlEscape).join('<br>')}</code></p>`).join('');
    },
  },
  {
    // Windows line endings. A file that already has them has no other honest CRLF form.
    name: 'crlf',
    apply: (text) => text.replace(/\r?\n/g, '\r\n'),
  },
  {
    // A chat client dropped the newlines: lines joined by one space (empty lines vanish). A file that is one
    // line already stays one line.
    name: 'one-line',
    apply: (text) =>
      text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .join(' '),
  },
  {
    // The device id moved out of a log line's prose into trailing properties JSON, as structured loggers
    // print them: `… deviceConnect 401003 {"deviceId":"pump-0107","protocol":"Mqtt"}`. The protocol is the
    // one the line names, left out when it names none (inventing one would add evidence).
    name: 'properties-json',
    apply: propertiesJson,
  },
  {
    // logfmt: a line's leading timestamp becomes time=…, everything after it msg="…" (quotes escaped).
    name: 'logfmt',
    apply: logfmt,
  },
  {
    // Log Analytics grid copied without its header: records as TimeGenerated, OperationName, Level,
    // ResultType, ResultDescription, properties_s rows (grid US times, whose column said [UTC], become ISO
    // with Z so the lost header takes no meaning with it); prose gets tabs for its first few gaps.
    name: 'headerless-tsv',
    apply: headerlessTsv,
  },
  {
    name: 'day-first-dates',
    apply: (text) => dayFirst(text),
  },
  {
    // A line of the engineer's prose above the paste with an unbalanced brace.
    name: 'stray-brace',
    apply: (text) => `here's the log from the gateway {see attached\n${text}`,
  },
  {
    name: 'question-around',
    apply: (text) =>
      `Hi team, can someone look at this? Is this a problem with the device?\n\n${text.replace(/\s+$/, '')}\n\nThanks! Should we rotate the keys?\n`,
  },
  {
    name: 'markdown-fence',
    apply: (text) => '```\n' + text.replace(/\s+$/, '') + '\n```\n',
  },
  {
    // Markdown/e-mail quoting habit: every non-empty line indented by four spaces.
    name: 'indent-4',
    apply: (text) => mapLines(text, (line) => (line === '' ? line : '    ' + line)),
  },
  {
    // JSON lines (and one-line JSON documents) pretty-printed, as a JSON viewer or `jq .` would show them.
    // Only JSON changes; other files stay as they are.
    name: 'json-pretty',
    apply: jsonPretty,
  },
];
