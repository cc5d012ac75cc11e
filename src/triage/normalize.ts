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
  return html
    .replace(/<br\s{0,3}\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|pre|h[1-6])\s{0,3}>/gi, '\n')
    .replace(/<[A-Za-z/!][^<>]{0,1000}>/g, '')
    .replace(/&(nbsp|quot|lt|gt|amp|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, decodeEntity);
}

/** Normalise line endings and, when the text looks like HTML, turn it into lines. */
export function normalizeText(text: string): string {
  let t = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  // Only the head is sniffed: a 50 MB log doesn't need an HTML scan, a chat message is short.
  if (HTML_HINT.test(t.length > 65536 ? t.slice(0, 65536) : t)) t = htmlToText(t);
  return t.replace(/\u00a0/g, ' ').replace(/\u200b/g, '');
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
