// Text shaping for cards. User-derived text (evidence, device ids, registry messages, AI output) is
// attacker-controlled: templates put it ONLY in TextRun elements, which hosts render without Markdown,
// so a pasted "[link](…)" or "**bold**" stays literal. Here we only make it tidy and bounded.
import { isoMs, isoUtc } from '../triage/isoTime';
import { memoText } from '../triage/memo';
import { redact } from '../triage/redact';

/** Strip control characters, collapse whitespace runs, redact any secret, cap the length. */
export function plain(text: string | undefined, max = 300): string {
  if (!text) return '';
  return truncate(tidy(redact(String(text)).text), max);
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Control characters out, whitespace runs as one space, trimmed. Most card texts are already tidy: a plain
 * scan finds that before any regex runs.
 */
export function tidy(text: string): string {
  return isTidy(text) ? text : text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** No control character, no whitespace but single inner spaces. */
function isTidy(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) space = false;
    else if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c < 128 || isSpace(c) || isControl(c)) return false;
    else space = false;
  }
  return true;
}

/** The control characters CONTROL strips, above ASCII (zero-width and direction marks). */
function isControl(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

const fixedTexts = new Map<number, (text: string) => string>();

/**
 * plain() for the bot's own texts (knowledge-base titles and steps, failure messages): the same few
 * hundred strings on every card, so each is shaped once (memoText: bounded, emptied when full).
 */
export function plainFixed(text: string | undefined, max: number): string {
  if (!text) return '';
  let shape = fixedTexts.get(max);
  if (!shape) fixedTexts.set(max, (shape = memoText((t) => plain(t, max), 4000)));
  return shape(text);
}

/** Like plain(), but keeps line breaks (for multi-line text split into separate blocks). */
export function plainLines(text: string | undefined, maxLines: number, maxChars: number): string[] {
  if (!text) return [];
  const lines = redact(String(text)).text.split(/\r?\n/);
  const out: string[] = [];
  for (const l of lines) {
    const p = plain(l, maxChars);
    if (p) out.push(p);
    if (out.length >= maxLines) break;
  }
  return out;
}

/**
 * Cards wrap only at spaces: a long unbroken run (a SHA-256 thumbprint, a base64 blob) would push the
 * evidence past the card's edge. Offer a break (zero-width space) after every 32 characters of a run of
 * 48 or more non-space characters (\s as regular expressions read it), never at its end.
 */
export function breakable(text: string): string {
  let out = '';
  let copied = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSpace(text.charCodeAt(i))) continue;
    // text[start, i) is a run
    if (i - start >= 48) {
      for (let at = start + 32; at < i; at += 32) {
        out += text.slice(copied, at) + '\u200b';
        copied = at;
      }
    }
    start = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** WhiteSpace and LineTerminator: what \s matches. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Don't cut a surrogate pair in half.
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

/** "2024-05-01T10:00:03.000Z" -> "2024-05-01 10:00:03"; anything unparseable -> fallback. */
export function formatDateTime(iso: string | undefined, fallback = '—'): string {
  const t = parseIso(iso);
  return t === undefined ? fallback : isoUtc(t).slice(0, 19).replace('T', ' ');
}

/** Time of day only, or month-day + time when the episode is on another day than `dayOf`. */
export function formatClock(iso: string | undefined, dayOf?: string, fallback = '—'): string {
  const t = parseIso(iso);
  if (t === undefined) return fallback;
  const s = isoUtc(t);
  const day = parseIso(dayOf);
  const sameDay = !dayOf || (day !== undefined && isoUtc(day).slice(0, 10) === s.slice(0, 10));
  return sameDay ? s.slice(11, 19) : `${s.slice(5, 10)} ${s.slice(11, 16)}`;
}

/** Epoch ms as Date.parse reads it (the strict ISO times the engine writes need no Date), or undefined. */
function parseIso(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = isoMs(iso) ?? Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** Seconds as "4 s", "2 min 5 s"; minutes as "60 min", "3 h 10 min". */
export function formatSeconds(s: number | undefined, fallback = '—'): string {
  if (s === undefined || !Number.isFinite(s) || s < 0) return fallback;
  if (s < 90) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

export function formatMinutes(m: number | undefined, fallback = '—'): string {
  if (m === undefined || !Number.isFinite(m) || m < 0) return fallback;
  if (m < 120) return `${Math.round(m)} min`;
  const h = Math.floor(m / 60);
  const rest = Math.round(m - h * 60);
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** Round for display, keeping one decimal below 10. */
export function roundNice(n: number | undefined): number | undefined {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return n < 10 ? Math.round(n * 10) / 10 : Math.round(n);
}
