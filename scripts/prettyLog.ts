// `npm run dev` shows the bot's pino JSON lines as one readable line each ("09:12:44.120 INFO  triage
// verdict=credential-problem kinds=[device-in-other-hub] ms.totalMs=41"). Production keeps the JSON lines:
// this is only used by scripts/dev.ts. Lines that are not pino JSON pass through unchanged.

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** pino's own fields, shown in the line's head or not at all. */
const HEAD = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'v']);
const MAX_VALUE = 200;

function value(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(value).join(',')}]`;
  if (typeof v === 'string') return /[\s=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  const s = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** Nested objects (ms: {triageMs, …}) become dotted keys; arrays and long values stay compact. */
function pairs(o: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || (prefix === '' && HEAD.has(k))) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && prefix.split('.').length < 3) out.push(...pairs(v as Record<string, unknown>, `${prefix}${k}.`));
    else out.push(`${prefix}${k}=${value(v)}`);
  }
  return out;
}

function clock(t: unknown): string {
  const d = new Date(typeof t === 'number' || typeof t === 'string' ? t : NaN);
  return Number.isNaN(d.getTime()) ? '--:--:--.---' : d.toISOString().slice(11, 23);
}

export function prettyLogLine(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return line;
  let o: unknown;
  try {
    o = JSON.parse(trimmed);
  } catch {
    return line;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o) || typeof (o as { level?: unknown }).level !== 'number') return line;
  const rec = o as Record<string, unknown>;
  const level = LEVELS[rec.level as number] ?? String(rec.level).padEnd(5);
  const msg = typeof rec.msg === 'string' ? rec.msg : '';
  return [clock(rec.time), level, msg, ...pairs(rec)].filter((x) => x !== '').join(' ');
}
