// Timestamp parsing for the formats IoT Hub evidence arrives in. Hand-rolled (not Date.parse) so
// "11/29/2026" is always US-style, missing zones mean UTC, and nothing depends on the host's locale.

const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2}|UTC)?/;
// Log Analytics portal copy: 11/29/2026, 10:04:12.123 AM (or 24h without AM/PM).
const US = /(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s{1,2}(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:\s?([AaPp][Mm]))?/;

/** A global variant for finding where timestamps start inside run-together text. */
export const TIMESTAMP_START = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4},?\s{1,2}\d{1,2}:\d{2}:\d{2}/g;

function fraction(ms: string | undefined): number {
  if (!ms) return 0;
  return Number((ms + '00').slice(0, 3));
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'UTC') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return y >= 1970 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

/** First timestamp found in `text`, as epoch milliseconds, or undefined. */
export function findTimestamp(text: string): number | undefined {
  const iso = ISO.exec(text);
  const us = US.exec(text);
  // Prefer whichever appears first in the text.
  if (iso && (!us || iso.index <= us.index)) {
    const [y, mo, d, h, mi, s] = iso.slice(1, 7).map(Number);
    if (!valid(y, mo, d, h, mi, s)) return undefined;
    return Date.UTC(y, mo - 1, d, h, mi, s, fraction(iso[7])) - offsetMinutes(iso[8]) * 60_000;
  }
  if (us) {
    const mo = Number(us[1]);
    const d = Number(us[2]);
    const y = Number(us[3]);
    let h = Number(us[4]);
    const mi = Number(us[5]);
    const s = Number(us[6]);
    const ampm = us[8]?.toUpperCase();
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
    if (!valid(y, mo, d, h, mi, s)) return undefined;
    return Date.UTC(y, mo - 1, d, h, mi, s, fraction(us[7]));
  }
  return undefined;
}

// Strict ISO-8601 with a zone is unambiguous for Date.parse (ECMA-262 date time string format).
const STRICT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parse a value that should be a timestamp (a field), accepting epoch seconds/ms too. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e12 ? value : value * 1000;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (STRICT_ISO.test(value)) return Date.parse(value);
  return findTimestamp(value);
}

export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
