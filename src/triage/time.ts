// Timestamps in every layout IoT Hub evidence arrives in. Hand-rolled (not Date.parse) so nothing
// depends on the host's locale: a missing zone means UTC; day-first or month-first numeric dates are
// decided once per paste (see times.ts); a year-less syslog stamp takes its year from `now`.
import { isoMs, isoUtc } from './isoTime';

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

// `min`..`max`: how far after a match's start its clock's first ':' sits (see clockSites).
const FORMS: { form: TimeForm; re: RegExp; min: number; max: number }[] = [
  { form: 'iso', re: new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})${FRACTION}\\s?${ZONE}?`, 'g'), min: 13, max: 13 },
  { form: 'ymd-slash', re: new RegExp(`(\\d{4})/(\\d{2})/(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})${FRACTION}\\s?${ZONE}?`, 'g'), min: 13, max: 13 },
  // The second separator is captured and compared in build(): a back-reference here doubled the cost.
  { form: 'numeric', re: new RegExp(`(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})([/.-])(\\d{4}),?\\s{1,2}(\\d{1,2}):(\\d{2}):(\\d{2})${FRACTION}(?:\\s?([AaPp][Mm]))?(?:\\s?${ZONE})?`, 'g'), min: 10, max: 15 },
  { form: 'asctime', re: new RegExp(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTHS}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})`, 'g'), min: 12, max: 15 },
  { form: 'rfc', re: new RegExp(`(?<!\\d)(\\d{1,2}) (${MONTHS}) (\\d{4}),? (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?:\\s?${ZONE})?`, 'g'), min: 13, max: 15 },
  { form: 'syslog', re: new RegExp(`(?<![\\w])(${MONTHS}) {1,2}(\\d{1,2}),? (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?! \\d{4})`, 'g'), min: 8, max: 11 },
  { form: 'time-only', re: new RegExp(`(?<![\\d:./-])(\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?![\\d:])`, 'g'), min: 2, max: 2 },
];

/** A global variant for finding where timestamps start inside run-together text. */
export const TIMESTAMP_START = /\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}|(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]\d{4},?\s{1,2}\d{1,2}:\d{2}:\d{2}/g;
/** How far after a TIMESTAMP_START match's start its clock sits (see clockSites). */
export const TIMESTAMP_START_CLOCK = { min: 10, max: 15 } as const;

function isDigitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}

/**
 * Where each clock ("h:mm:ss") has its first ':' (a digit before it, "dd:dd" after), in order. Every
 * timestamp form holds one at a known distance from its start, so a regex need only be started near one:
 * the text between clocks, most of a line, is never scanned by the timestamp regexes.
 */
export function clockSites(text: string): number[] {
  const out: number[] = [];
  for (let k = text.indexOf(':', 1); k !== -1; k = text.indexOf(':', k + 1)) {
    if (isDigitAt(text, k - 1) && isDigitAt(text, k + 1) && isDigitAt(text, k + 2) && text.charCodeAt(k + 3) === 58 && isDigitAt(text, k + 4) && isDigitAt(text, k + 5)) out.push(k);
  }
  return out;
}

/**
 * `re.exec(text)` with `re.lastIndex = from`, for a global `re` whose every match has a clock site
 * `min`..`max` characters after its start: the scan starts at the first place a match could. Same result.
 */
export function execNearClocks(re: RegExp, text: string, from: number, sites: number[], min: number, max: number): RegExpExecArray | null {
  // The first site at or after from + min (binary search: a long line may hold thousands).
  let lo = 0;
  let hi = sites.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid] < from + min) lo = mid + 1;
    else hi = mid;
  }
  if (lo === sites.length) return null;
  re.lastIndex = Math.max(from, sites[lo] - max);
  return re.exec(text);
}

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

// Built as plain literals: object spread and a closure per match were ten times slower on long pastes.
function build(form: TimeForm, m: RegExpExecArray): TimeCandidate | undefined {
  const index = m.index;
  const end = index + m[0].length;
  switch (form) {
    case 'iso':
    case 'ymd-slash':
      return { index, end, form, y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +m[6], ms: fraction(m[7]), offset: offsetMinutes(m[8]) };
    case 'numeric': {
      if (m[2] !== m[4]) return undefined;
      let h = +m[6];
      const ampm = m[10]?.toUpperCase();
      if (ampm === 'PM' && h < 12) h += 12;
      if (ampm === 'AM' && h === 12) h = 0;
      return { index, end, form, a: +m[1], sep: m[2], b: +m[3], y: +m[5], h, mi: +m[7], s: +m[8], ms: fraction(m[9]), offset: offsetMinutes(m[11]) };
    }
    case 'asctime':
      return { index, end, form, mo: MONTH_INDEX[m[1]], d: +m[2], h: +m[3], mi: +m[4], s: +m[5], y: +m[6], ms: 0 };
    case 'rfc':
      return { index, end, form, d: +m[1], mo: MONTH_INDEX[m[2]], y: +m[3], h: +m[4], mi: +m[5], s: +m[6], ms: fraction(m[7]), offset: offsetMinutes(m[8]) };
    case 'syslog':
      return { index, end, form, mo: MONTH_INDEX[m[1]], d: +m[2], h: +m[3], mi: +m[4], s: +m[5], ms: fraction(m[6]) };
    case 'time-only':
      return { index, end, form, h: +m[1], mi: +m[2], s: +m[3], ms: fraction(m[4]) };
  }
}

/** The forms' regexes and clock distances, for tests. */
export const TIME_FORMS: readonly { form: TimeForm; re: RegExp; min: number; max: number }[] = FORMS;

const MONTH_HINT = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) /;

/** Timestamps in `text`, in order, without overlaps (the longest form at a place wins). */
export function findTimeCandidates(text: string, max = 4): TimeCandidate[] {
  const found: TimeCandidate[] = [];
  const sites = clockSites(text);
  if (sites.length === 0) return found;
  // Each form needs a character the others may not: skip a regex pass that cannot match.
  const dash = text.indexOf('-') !== -1;
  const slash = text.indexOf('/') !== -1;
  const dot = text.indexOf('.') !== -1;
  const month = MONTH_HINT.test(text);
  for (const { form, re, min, max: farthest } of FORMS) {
    if (form === 'iso' && !dash) continue;
    if (form === 'ymd-slash' && !slash) continue;
    if (form === 'numeric' && !dash && !slash && !dot) continue;
    if ((form === 'asctime' || form === 'rfc' || form === 'syslog') && !month) continue;
    let m: RegExpExecArray | null;
    let count = 0;
    let from = 0;
    while ((m = execNearClocks(re, text, from, sites, min, farthest))) {
      const start = m.index;
      const end = start + m[0].length;
      from = end;
      let overlaps = false;
      for (const f of found) {
        if (start < f.end && f.index < end) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) continue;
      const c = build(form, m);
      if (!c) continue;
      found.push(c);
      if (++count >= max) break;
    }
  }
  if (found.length > 1) found.sort((x, y) => x.index - y.index);
  return found.length > max ? found.slice(0, max) : found;
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

const EPOCH_DIGITS = /^\d{10}(?:\d{3})?(?:\.\d+)?$/;

/** A labelled time whose reading does not depend on the paste's day/month order (ISO, epoch). */
export function isOrderFree(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value.length <= 64 && (isoMs(value) !== undefined || STRICT_ISO.test(value) || EPOCH_DIGITS.test(value));
}

/** Parse a labelled time value: an ISO string fast, epoch seconds or ms, or any layout above. */
export function parseTime(value: unknown, order: DateOrder = US_ORDER, now?: number): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const iso = isoMs(value);
  if (iso !== undefined) return iso;
  if (STRICT_ISO.test(value)) return Date.parse(value);
  if (EPOCH_DIGITS.test(value)) return parseTime(Number(value));
  for (const c of findTimeCandidates(value, 2)) {
    if (c.form === 'time-only') continue;
    const t = candidateMs(c, order, now);
    if (t !== undefined) return t;
  }
  return undefined;
}

export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : isoUtc(ms);
}
