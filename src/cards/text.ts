// Text shaping for cards. User-derived text (evidence, device ids, registry messages, AI output) is
// attacker-controlled: templates put it ONLY in TextRun elements, which hosts render without Markdown,
// so a pasted "[link](…)" or "**bold**" stays literal. Here we only make it tidy and bounded.
import { redact } from '../triage/redact';

/** Strip control characters, collapse whitespace runs, redact any secret, cap the length. */
export function plain(text: string | undefined, max = 300): string {
  if (!text) return '';
  const cleaned = redact(String(text))
    .text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(cleaned, max);
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
 * evidence past the card's edge. Offer a break (zero-width space) every 32 characters of such runs.
 */
export function breakable(text: string): string {
  // Most texts have no such run: find out with a plain scan before paying for the regex. Counting only
  // ASCII whitespace as a break can only over-report runs, and then the regex decides.
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) run = 0;
    else if (++run >= 48) return text.replace(/[^\s]{48,}/g, (r) => r.replace(/(.{32})(?=.)/g, '$1\u200b'));
  }
  return text;
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
  const d = parseIso(iso);
  return d ? d.toISOString().slice(0, 19).replace('T', ' ') : fallback;
}

/** Time of day only, or month-day + time when the episode is on another day than `dayOf`. */
export function formatClock(iso: string | undefined, dayOf?: string, fallback = '—'): string {
  const d = parseIso(iso);
  if (!d) return fallback;
  const s = d.toISOString();
  const sameDay = !dayOf || parseIso(dayOf)?.toISOString().slice(0, 10) === s.slice(0, 10);
  return sameDay ? s.slice(11, 19) : `${s.slice(5, 10)} ${s.slice(11, 16)}`;
}

function parseIso(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t) : undefined;
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
