// Epoch milliseconds as ISO 8601 UTC, exactly as Date#toISOString writes them. A big export formats
// hundreds of thousands of episode times, and toISOString (a Date per call) was a tenth of the engine.

const DAY_MS = 86_400_000;
/** 0000-01-01 .. 9999-12-31: the range toISOString writes with a four-digit year. */
const LAST_MS = 253_402_300_799_999;
const FIRST_MS = -62_167_219_200_000;

// The civil date of the last day formatted: consecutive times mostly fall on the same day.
let lastDay = NaN;
let year = 0;
let month = 0;
let dayOfMonth = 0;

/** The civil date of a day number (days since 1970-01-01), from the proleptic Gregorian calendar (H. Hinnant). */
function civil(day: number): void {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

const d = (n: number) => 48 + n;

export function isoUtc(ms: number): string {
  // Outside four-digit years (and NaN, which throws) Date says what it says.
  if (!(ms >= FIRST_MS && ms <= LAST_MS)) return new Date(ms).toISOString();
  const t = Math.trunc(ms) + 0;
  const day = Math.floor(t / DAY_MS);
  if (day !== lastDay) {
    civil(day);
    lastDay = day;
  }
  let r = t - day * DAY_MS;
  const f = r % 1000;
  r = (r - f) / 1000;
  const s = r % 60;
  r = (r - s) / 60;
  const mi = r % 60;
  const h = (r - mi) / 60;
  const y = year;
  // One call, one flat string: a template literal here builds a rope of small strings (five times the memory).
  // prettier-ignore
  return String.fromCharCode(
    d((y / 1000) | 0), d(((y / 100) | 0) % 10), d(((y / 10) | 0) % 10), d(y % 10), 45, d((month / 10) | 0), d(month % 10), 45,
    d((dayOfMonth / 10) | 0), d(dayOfMonth % 10), 84, d((h / 10) | 0), d(h % 10), 58, d((mi / 10) | 0), d(mi % 10), 58,
    d((s / 10) | 0), d(s % 10), 46, d((f / 100) | 0), d(((f / 10) | 0) % 10), d(f % 10), 90,
  );
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch ms of a strict ISO 8601 time ("2026-11-29T10:00:00.123Z", "...+01:00"), as Date.parse reads it, for
 * ordinary field values; undefined for anything else (the caller then asks Date.parse, which also decides
 * V8's edge cases such as 24:00 or the 30th of February). Date.parse was a tenth of reading a big export.
 */
export function isoMs(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || n > 29 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  const leap = mo === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  if (d > DAYS[mo - 1] + (leap ? 1 : 0)) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    let k = 0;
    let scale = 100;
    for (i++; k < 3 && digit(s, i) >= 0; i++, k++, scale /= 10) ms += digit(s, i) * scale;
    if (k === 0) return undefined;
  }
  let offset = 0;
  const z = s.charCodeAt(i);
  if (z === 90) i++;
  else if ((z === 43 || z === 45) && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else return undefined;
  if (i !== n) return undefined;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi - offset) * 60 + sec) * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant); Date.UTC, without its cost. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
