// Teams message HTML -> plain text lines. Teams sends a multi-line paste as HTML (paragraphs, <br>,
// <div>s, <pre>/<code> blocks) in a text/html attachment, while `activity.text` may have lost the line
// breaks. Small linear scanners, no DOM: input is hostile-sized (pastes up to ~100 KB).

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  zwnj: '',
  zwj: '',
  shy: '',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  euro: '€',
  deg: '°',
};

/** Decode HTML character references (named, decimal, hex). Unknown names are left as they are. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    const named = NAMED[ref.toLowerCase()];
    return named ?? whole;
  });
}

// Elements that end a line when they open or close.
const BLOCK = new Set(['p', 'div', 'pre', 'li', 'ul', 'ol', 'tr', 'table', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'section', 'article', 'header', 'footer']);

/**
 * Convert Teams message HTML to text with one line per paragraph / <br> / <div>, keeping the line
 * structure of <pre>/<code> blocks. Tags are removed, entities decoded, trailing spaces trimmed.
 * `dropElement` lets the caller remove whole elements (the bot's own mention).
 */
export function htmlToText(html: string, dropElement?: (tag: string, attrs: string, inner: string) => boolean): string {
  // Output as parts, not one growing string: reading the end of a concatenated string flattens it, which
  // made every block boundary cost the whole output so far.
  const parts: string[] = [];
  const emit = (s: string) => {
    if (s !== '') parts.push(s);
  };
  let i = 0;
  let preDepth = 0;
  const n = html.length;
  // Lower-cased once (ASCII only, so indices stay aligned): per-tag lower-casing would be quadratic.
  const lower = html.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const noCloseFor = new Set<string>();
  const lineBreak = () => emit('\n');
  // Block boundaries end the current line but never add blank lines (<p>a</p><p>b</p> is two lines),
  // and source whitespace between blocks is not a line of its own.
  const blockBreak = () => {
    while (parts.length > 0) {
      const last = parts[parts.length - 1];
      const trimmed = last.replace(/[ \t]+$/, '');
      if (trimmed === '') parts.pop();
      else {
        parts[parts.length - 1] = trimmed;
        break;
      }
    }
    if (parts.length > 0 && !parts[parts.length - 1].endsWith('\n')) emit('\n');
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      emit(textChunk(html.slice(i), preDepth > 0));
      break;
    }
    if (lt > i) emit(textChunk(html.slice(i, lt), preDepth > 0));
    // Comments
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      // A lone '<' (e.g. "a < b" that was not escaped): keep it as text.
      emit(textChunk(html.slice(lt), preDepth > 0));
      break;
    }
    const tagText = html.slice(lt + 1, gt);
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[\s/][\s\S]*)?)$/.exec(tagText);
    if (!m) {
      emit(textChunk(html.slice(lt, gt + 1), preDepth > 0));
      i = gt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3];
    i = gt + 1;
    if (!closing && dropElement && (tag === 'at' || tag === 'span') && !noCloseFor.has(tag)) {
      const close = `</${tag}>`;
      const end = lower.indexOf(close, i);
      if (end < 0) noCloseFor.add(tag);
      else {
        const inner = html.slice(i, end);
        if (!inner.includes(`<${tag}`) && dropElement(tag, attrs, decodeEntities(stripTags(inner)).trim())) {
          i = end + close.length;
          continue;
        }
      }
    }
    if (tag === 'br') {
      lineBreak();
    } else if (tag === 'script' || tag === 'style') {
      if (!closing) {
        const end = lower.indexOf(`</${tag}`, i);
        i = end < 0 ? n : end;
      }
    } else if (tag === 'pre') {
      blockBreak();
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    } else if (BLOCK.has(tag)) {
      blockBreak();
    } else if (tag === 'td' || tag === 'th') {
      if (closing) emit('\t');
    }
  }
  return tidyLines(parts.join(''));
}

function stripTags(s: string): string {
  return s.replace(/<[^>]{0,2000}>/g, '');
}

/** Text between tags: outside <pre>, HTML whitespace (including source newlines) collapses to one space. */
function textChunk(raw: string, inPre: boolean): string {
  const s = inPre ? raw.replace(/\r\n?/g, '\n') : raw.replace(/[ \t\r\n\f]+/g, ' ');
  return decodeEntities(s);
}

/** Trim line ends and the one space HTML whitespace collapsing leaves at a line start; drop blank edges. */
function tidyLines(s: string): string {
  const lines = s.split('\n').map((l) => l.replace(/[ \t\u00a0]+$/, '').replace(/^ (?=\S)/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
