// Stage "times": each record's event time, decided with the whole paste in view. Numeric dates are read
// day-first or month-first once per paste (a day over 12 decides; otherwise '/' is month-first and
// '-'/'.' day-first); a chat prefix's time and a stamp repeated before the real one on every line are
// prefixes, not event times; a time-only or year-less stamp takes its date from its neighbours or `now`;
// a time after `now` is not plausible.
import { candidateMs, parseTime, type DateOrder, type TimeCandidate } from './time';

/** How far after `now` a stamp may be (local times without a zone, read as UTC). */
const FUTURE_SLACK_MS = 14 * 3_600_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/** What this stage needs of a record; the rest of its field bag is gone by now. */
export interface TimedRecord {
  times: TimeCandidate[];
  labelledTime?: unknown;
  /** A labelled time already read, because its reading needs no day/month order (`labelledTime` is then unset). */
  labelledMs?: number;
  /** A JSON value or a row: its time is the labelled one or none. */
  structured: boolean;
  /** The record's text (prose records only). */
  text: string;
}

/**
 * A record as this stage sees it; a plain number is the commonest case kept small (a big export has one
 * per line): a JSON value or row whose labelled time was read without the paste's order.
 */
export type Timed = TimedRecord | number;

export interface TimeResolution {
  at: (number | undefined)[];
  /** Some numeric date was read day-first. */
  dayFirst: boolean;
  /** Records whose first stamp was a prefix (chat or copy time), not the event time. */
  prefixes: number;
  /** Records whose time of day follows a date that could not be read; the first one's text up to its clock. */
  undated: number[];
  undatedStamp?: string;
}

function dateOrder(bags: Timed[]): DateOrder {
  const votes: Record<string, { day: number; month: number }> = {};
  for (const b of bags) {
    if (typeof b === 'number') continue;
    for (const c of b.times) {
      if (c.form !== 'numeric') continue;
      const v = (votes[c.sep!] ??= { day: 0, month: 0 });
      if (c.a! > 12 && c.b! <= 12) v.day++;
      else if (c.b! > 12 && c.a! <= 12) v.month++;
    }
  }
  const dayFirst: Record<string, boolean> = { '/': false, '-': true, '.': true };
  for (const [sep, v] of Object.entries(votes)) {
    if (v.day > 0 && v.month === 0) dayFirst[sep] = true;
    else if (v.month > 0 && v.day === 0) dayFirst[sep] = false;
  }
  return { dayFirst };
}

const CHAT_BEFORE = /^\s*\[?\s*(?:[\p{L}][\p{L}.' -]{0,40},\s*)?$/u;
const CHAT_AFTER = /^\s*\]?\s*(?:[\p{L}][\p{L}.' -]{0,40})?:\s/u;

/** A stamp at the very start of a record followed by "Name:" or ":" is a chat client's own time. */
function isChatPrefix(text: string, c: TimeCandidate): boolean {
  if (c.index > 48) return false;
  const before = text.slice(0, c.index);
  // A bare stamp followed by "ERROR:" is a log line; a chat prefix carries a name or a bracket first.
  if (!before.trim()) return false;
  return CHAT_BEFORE.test(before) && CHAT_AFTER.test(text.slice(c.end, c.end + 48));
}

export function resolveTimes(bags: Timed[], now: number): TimeResolution {
  const order = dateOrder(bags);
  let dayFirst = false;
  const latest = now + FUTURE_SLACK_MS;

  // Stamps repeated before the real one on many lines: a copy or capture time, not the events'.
  const firstOfTwo = new Map<string, number>();
  let withTwo = 0;
  for (const b of bags) {
    if (typeof b === 'number' || b.structured || b.times.length < 2 || b.times[0].index > 40) continue;
    withTwo++;
    const key = b.text.slice(b.times[0].index, b.times[0].end);
    firstOfTwo.set(key, (firstOfTwo.get(key) ?? 0) + 1);
  }
  const repeated = new Set<string>();
  if (withTwo >= 3 && firstOfTwo.size <= Math.max(1, Math.floor(withTwo / 3))) for (const k of firstOfTwo.keys()) repeated.add(k);

  const at: (number | undefined)[] = new Array(bags.length);
  const pending: number[] = [];
  let prefixes = 0;
  const undated: number[] = [];
  let undatedStamp: string | undefined;
  const plausible = (t: number | undefined) => (t !== undefined && t >= EARLIEST && t <= latest ? t : undefined);
  const note = (c: TimeCandidate) => {
    if (c.form === 'numeric' && (order.dayFirst[c.sep!] || c.a! > 12) && !(c.b! > 12)) dayFirst = true;
  };

  for (let i = 0; i < bags.length; i++) {
    const b = bags[i];
    if (typeof b === 'number') {
      at[i] = plausible(b);
      continue;
    }
    if (b.labelledTime !== undefined || b.labelledMs !== undefined) {
      const t = plausible(b.labelledMs ?? parseTime(b.labelledTime, order, now));
      if (t !== undefined) {
        // A labelled time in a numeric layout ("28-11-2026 23:01:12") was read in the paste's order too.
        if (b.structured && b.times[0]) note(b.times[0]);
        at[i] = t;
        continue;
      }
    }
    if (b.structured) continue;
    let cands = b.times;
    if (cands.length && (isChatPrefix(b.text, cands[0]) || (cands.length >= 2 && repeated.has(b.text.slice(cands[0].index, cands[0].end))))) {
      cands = cands.slice(1);
      prefixes++;
    }
    for (const c of cands) {
      if (c.form === 'time-only') {
        // Only a time that opens the record is its time ("10:04:59.123 INFO ..."), not "retry in 00:00:05".
        if (c === cands[0] && c.index <= 24) pending.push(i);
        break;
      }
      const t = plausible(candidateMs(c, order, now));
      if (t !== undefined) {
        note(c);
        at[i] = t;
        break;
      }
    }
  }

  // Time-only stamps take the date of the nearest dated record before them (or after, at the start),
  // rolling over midnight when the clock goes backwards.
  for (const i of pending) {
    let ref: number | undefined;
    for (let j = i - 1; j >= 0 && ref === undefined; j--) ref = at[j];
    for (let j = i + 1; j < bags.length && ref === undefined; j++) ref = at[j];
    const c = (bags[i] as TimedRecord).times.find((x) => x.form === 'time-only')!;
    if (ref === undefined) {
      // A date before the clock that no reader could read ("19.10.19 09:53:34 (-0600)"): the card says so.
      // A bare time of day ("-> 08:17:01 DISCONNECT") has no date to read, and is not counted.
      const stamp = (bags[i] as TimedRecord).text.slice(0, c.end).trim();
      if (/\d/.test(stamp.slice(0, stamp.length - (c.end - c.index)))) {
        // Kept short for the card: the clock and what precedes it.
        if (!undated.length) undatedStamp = stamp.length > 40 ? `…${stamp.slice(-39)}` : stamp;
        undated.push(i);
      }
      continue;
    }
    let t = candidateMs(c, order, now, Math.floor(ref / DAY_MS) * DAY_MS);
    if (t !== undefined && t < ref - DAY_MS / 2) t += DAY_MS;
    at[i] = plausible(t);
  }
  return { at, dayFirst, prefixes, undated, undatedStamp };
}
