// Bytes of an uploaded export -> text. Exports come as UTF-8 (with or without BOM) or, from Windows
// PowerShell and Excel, UTF-16; anything that does not decode to mostly printable text is refused.

export type DecodedText = { ok: true; text: string } | { ok: false; reason: 'binary' };

/** Share of suspicious characters (control characters, U+FFFD) in a sample above which the file is not text. */
const MAX_BAD_SHARE = 0.02;
const SAMPLE_CHARS = 16 * 1024;

function utf16(bytes: Uint8Array, offset: number, bigEndian: boolean): string {
  const n = Math.floor((bytes.length - offset) / 2);
  const copy = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    const first = bytes[offset + 2 * i];
    const second = bytes[offset + 2 * i + 1];
    copy[2 * i] = bigEndian ? second : first;
    copy[2 * i + 1] = bigEndian ? first : second;
  }
  return new TextDecoder('utf-16le').decode(copy);
}

/** UTF-16 without a BOM: ASCII-heavy text then has a zero in every other byte. */
function looksUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'be';
  return undefined;
}

function mostlyText(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.length === 0) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return !sample.includes('\u0000') && bad / sample.length <= MAX_BAD_SHARE;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) text = utf16(bytes, 2, false);
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) text = utf16(bytes, 2, true);
  else {
    const wide = looksUtf16(bytes);
    if (wide) text = utf16(bytes, 0, wide === 'be');
    else text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
  }
  return mostlyText(text) ? { ok: true, text } : { ok: false, reason: 'binary' };
}
