// Text as chat clients deliver it: Windows line endings, HTML paragraphs and entities, non-breaking
// spaces, sometimes binary junk. Everything here is linear.

const HTML_HINT = /<(?:br|p|div|span|at|code|pre|li|ul|ol|table|tr|td|b|i|strong|em)\b[^<>]{0,200}>|&(?:nbsp|quot|lt|gt|amp|apos|#\d{1,6}|#x[0-9a-f]{1,5});/i;

const ENTITIES: Record<string, string> = { nbsp: ' ', quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };

function decodeEntity(_m: string, name: string): string {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
  }
  return ENTITIES[name.toLowerCase()] ?? '';
}

/** HTML (as Teams sends it) to plain text lines. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s{0,3}\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|pre|h[1-6])\s{0,3}>/gi, '\n')
    .replace(/<[A-Za-z/!][^<>]{0,1000}>/g, '');
  if (text.indexOf('&#') !== -1) return text.replace(/&(nbsp|quot|lt|gt|amp|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, decodeEntity);
  // Named entities only: plain replacements, &amp; last, decode exactly once like the pass above (a
  // replacement never makes another entity) and are an order of magnitude cheaper than a callback per match.
  return text
    .replace(/&nbsp;/gi, ' ')
    .replace(/&quot;/gi, '"')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&apos;/gi, "'")
    .replace(/&amp;/gi, '&');
}

/** Windows and old Mac line endings as \n. */
export function unixLines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Whether a text (line endings normalised) is HTML, judged by its head as normalizeText judges it. */
export function looksHtml(text: string): boolean {
  // Only the head is sniffed: a 50 MB log doesn't need an HTML scan, a chat message is short.
  return HTML_HINT.test(text.length > 65536 ? text.slice(0, 65536) : text);
}

/**
 * Normalise line endings and, when the text looks like HTML, turn it into lines. `html: false` is for a
 * later segment of a paste whose head was not HTML (engine.ts).
 */
export function normalizeText(text: string, html = true): string {
  let t = unixLines(text);
  if (html && looksHtml(t)) t = htmlToText(t);
  return t.indexOf('\u00a0') === -1 && t.indexOf('\u200b') === -1 ? t : t.replace(/\u00a0/g, ' ').replace(/\u200b/g, '');
}

/** True when the text is mostly not text (a zip, an image, a core dump pasted or uploaded by mistake). */
export function looksBinary(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / head.length > 0.1;
}

// A chat client's own prefix on every line ("Jan, 11/28/2026 9:15:07 AM: ", "[11/28/2026 9:15 AM] Jan: "):
// its time is when the message was posted, not when anything happened on a device.
const CHAT_PREFIX = /^\s{0,4}(?:[\p{L}][\p{L}.' -]{0,40}, \d{1,2}[/.-]\d{1,2}[/.-]\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?: |\[\d{1,2}[/.-]\d{1,2}[/.-]\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?\] [\p{L}][\p{L}.' -]{0,40}: )/u;

/** Whether the head of a (normalised) text hints at chat prefixes; without the hint none are removed. */
export function mayHaveChatPrefixes(text: string): boolean {
  const head = text.length > 4096 ? text.slice(0, 4096) : text;
  return CHAT_PREFIX.test(head.trimStart()) || /\n\s{0,4}\S[^\n]{0,60}\d{4},? \d{1,2}:\d{2}/.test(head);
}

/**
 * Remove chat prefixes when most lines carry one, keeping line numbers. Returns the text and how many
 * prefixes were removed.
 */
export function stripChatPrefixes(text: string): { text: string; removed: number } {
  if (!mayHaveChatPrefixes(text)) return { text, removed: 0 };
  const lines = text.split('\n');
  let nonBlank = 0;
  let prefixed = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    nonBlank++;
    if (CHAT_PREFIX.test(l)) prefixed++;
  }
  if (prefixed < 2 || prefixed * 2 < nonBlank) return { text, removed: 0 };
  return { text: lines.map((l) => l.replace(CHAT_PREFIX, '')).join('\n'), removed: prefixed };
}
