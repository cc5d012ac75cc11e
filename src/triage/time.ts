// Timestamps in every layout IoT Hub evidence arrives in. Hand-rolled (not Date.parse) so nothing
// depends on the host's locale: a missing zone means UTC; day-first or month-first numeric dates are
// decided once per paste (see times.ts); a year-less syslog stamp takes its year from `now`.

export type TimeForm = 'iso' | 'numeric' | 'ymd-slash' | 'asctime' | 'rfc' | 'syslog' | 'time-only';

/** A timestamp found in text, not yet resolved to an instant (numeric dates may be day-first). */
export interface TimeCandidate {
  index: number;
  end: number;
  form: TimeForm;
  /** numeric dates: the two leading numbers (month/day in either order) and their separator. */
  a?: number;
  b?: number;
  sep?: string;
  y?: number;
  mo?: number;
  d?: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Minutes east of UTC, when the stamp carries a zone. */
  offset?: number;
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const MONTH_INDEX: Record<string, number> = Object.fromEntries(MONTHS.split('|').map((m, i) => [m, i + 1]));
const ZONE = '(Z|[+-]\\d{2}:?\\d{2}|UTC|GMT)';
const FRACTION = '(?:[.,](\\d{1,9}))?';

const FORMS: { form: TimeForm; re: RegExp }[] = [
  { form: 'iso', re: new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})${FRACTION}\\s?${ZONE}?`, 'g') },
  { form: 'ymd-slash', re: new RegExp(`(\\d{4})/(\\d{2})/(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})${FRACTION}\\s?${ZONE}?`, 'g') },
  { form: 'numeric', re: new RegExp(`(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}),?\\s{1,2}(\\d{1,2}):(\\d{2}):(\\d{2})${FRACTION}(?:\\s?([AaPp][Mm]))?(?:\\s?${ZONE})?`, 'g') },
  { form: 'asctime', re: new RegExp(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTHS}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})`, 'g') },
  { form: 'rfc', re: new RegExp(`(?<!\\d)(\\d{1,2}) (${MONTHS}) (\\d{4}),? (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?:\\s?${ZONE})?`, 'g') },
  { form: 'syslog', re: new RegExp(`(?<![\\w])(${MONTHS}) {1,2}(\\d{1,2}),? (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?! \\d{4})`, 'g') },
  { form: 'time-only', re: new RegExp(`(?<![\\d:./-])(\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?![\\d:])`, 'g') },
];

/** A global variant for finding where timestamps start inside run-together text. */
export const TIMESTAMP_START = /\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}|(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]\d{4},?\s{1,2}\d{1,2}:\d{2}:\d{2}/g;

function fraction(digits: string | undefined): number {
  return digits ? Number((digits + '00').slice(0, 3)) : 0;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function build(form: TimeForm, m: RegExpExecArray): TimeCandidate | undefined {
  const n = (k: number) => Number(m[k]);
  const base = { index: m.index, end: m.index + m[0].length, form };
  switch (form) {
    case 'iso':
    case 'ymd-slash':
      return { ...base, y: n(1), mo: n(2), d: n(3), h: n(4), mi: n(5), s: n(6), ms: fraction(m[7]), offset: offsetMinutes(m[8]) };
    case 'numeric': {
      let h = n(5);
      const ampm = m[9]?.toUpperCase();
      if (ampm === 'PM' && h < 12) h += 12;
      if (ampm === 'AM' && h === 12) h = 0;
      return { ...base, a: n(1), sep: m[2], b: n(3), y: n(4), h, mi: n(6), s: n(7), ms: fraction(m[8]), offset: offsetMinutes(m[10]) };
    }
    case 'asctime':
      return { ...base, mo: MONTH_INDEX[m[1]], d: n(2), h: n(3), mi: n(4), s: n(5), y: n(6), ms: 0 };
    case 'rfc':
      return { ...base, d: n(1), mo: MONTH_INDEX[m[2]], y: n(3), h: n(4), mi: n(5), s: n(6), ms: fraction(m[7]), offset: offsetMinutes(m[8]) };
    case 'syslog':
      return { ...base, mo: MONTH_INDEX[m[1]], d: n(2), h: n(3), mi: n(4), s: n(5), ms: fraction(m[6]) };
    case 'time-only':
      return { ...base, h: n(1), mi: n(2), s: n(3), ms: fraction(m[4]) };
  }
}

/** Timestamps in `text`, in order, without overlaps (the longest form at a place wins). */
export function findTimeCandidates(text: string, max = 4): TimeCandidate[] {
  if (text.indexOf(':') === -1) return [];
  const found: TimeCandidate[] = [];
  for (const { form, re } of FORMS) {
    if (form === 'asctime' || form === 'rfc' || form === 'syslog') {
      if (!/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) /.test(text)) continue;
    }
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let count = 0;
    while ((m = re.exec(text)) && count < max * 2) {
      const c = build(form, m);
      if (!c) continue;
      if (found.some((f) => c.index < f.end && f.index < c.end)) continue;
      found.push(c);
      count++;
    }
  }
  found.sort((x, y) => x.index - y.index);
  return found.slice(0, max);
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return y >= 1970 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

export interface DateOrder {
  /** Numeric dates with this separator are read day-first. */
  dayFirst: Record<string, boolean>;
}

export const US_ORDER: DateOrder = { dayFirst: { '/': false, '-': true, '.': true } };

/**
 * The instant a candidate denotes, or undefined. `now` gives a year-less syslog stamp its year;
 * `day` (UTC midnight, ms) gives a time-only stamp its date.
 */
export function candidateMs(c: TimeCandidate, order: DateOrder, now?: number, day?: number): number | undefined {
  let y = c.y;
  let mo = c.mo;
  let d = c.d;
  if (c.form === 'numeric') {
    const dayFirst = order.dayFirst[c.sep ?? '/'] ?? false;
    // A number over 12 settles the order for this one date whatever the paste's default.
    const first = c.a!;
    const second = c.b!;
    const df = first > 12 ? true : second > 12 ? false : dayFirst;
    mo = df ? second : first;
    d = df ? first : second;
  }
  if (c.form === 'time-only') {
    if (day === undefined) return undefined;
    const t = day + ((c.h * 60 + c.mi) * 60 + c.s) * 1000 + c.ms;
    return c.h <= 23 && c.mi <= 59 && c.s <= 60 ? t : undefined;
  }
  if (c.form === 'syslog') {
    if (now === undefined) return undefined;
    y = new Date(now).getUTCFullYear();
    const at = Date.UTC(y, mo! - 1, d, c.h, c.mi, c.s, c.ms);
    if (at > now + 86_400_000) y -= 1;
  }
  if (y === undefined || mo === undefined || d === undefined || !valid(y, mo, d, c.h, c.mi, c.s)) return undefined;
  return Date.UTC(y, mo - 1, d, c.h, c.mi, c.s, c.ms) - (c.offset ?? 0) * 60_000;
}

/** First timestamp in `text` (numeric dates month-first unless a number says otherwise), as epoch ms. */
export function findTimestamp(text: string): number | undefined {
  for (const c of findTimeCandidates(text)) {
    if (c.form === 'time-only' || c.form === 'syslog') continue;
    const t = candidateMs(c, US_ORDER);
    if (t !== undefined) return t;
  }
  return undefined;
}

// Strict ISO-8601 with a zone is unambiguous for Date.parse (ECMA-262 date time string format).
const STRICT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parse a labelled time value: an ISO string fast, epoch seconds or ms, or any layout above. */
export function parseTime(value: unknown, order: DateOrder = US_ORDER, now?: number): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (STRICT_ISO.test(value)) return Date.parse(value);
  if (/^\d{10}(?:\d{3})?(?:\.\d+)?$/.test(value)) return parseTime(Number(value));
  for (const c of findTimeCandidates(value, 2)) {
    if (c.form === 'time-only') continue;
    const t = candidateMs(c, order, now);
    if (t !== undefined) return t;
  }
  return undefined;
}

export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
