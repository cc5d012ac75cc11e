// Reads the SDK status vocabulary (sdkVocabulary.ts) in any case and with '_', '-' or ' ' between
// words (Bad_Credential, BAD_CREDENTIAL, bad credential): one pass, longest phrase first.
import { SDK_VOCABULARY, type SdkMeaning, type SdkSource } from './sdkVocabulary';

export interface SdkHit {
  meaning: SdkMeaning;
  sdk: SdkSource;
  text: string;
  index: number;
}

function key(s: string): string {
  return s.toLowerCase().replace(/[_\- ]+/g, '');
}

const BY_KEY = new Map<string, { meaning: SdkMeaning; sdk: SdkSource; text: string }>();
for (const group of SDK_VOCABULARY) {
  for (const p of group.phrases) {
    const k = key(p.text);
    if (!BY_KEY.has(k)) BY_KEY.set(k, { meaning: p.meaning, sdk: group.sdk, text: p.text });
  }
}

const PHRASES = [...new Set([...BY_KEY.values()].map((v) => v.text))].sort((a, b) => b.length - a.length);

// The phrases as a trie walked by hand, not one regex: the alternation of all of them took about
// 45 ms to compile at first use (a third of a one-line CLI run). Matching is the regex's, exactly: a
// phrase starts at a word boundary, any ASCII case, with one optional '_', '-' or ' ' between its
// words, and no letter or digit after it; at one place the first phrase in PHRASES order wins
// (longest text first); the next search starts where a match ends.
// The trie as flat tables (node 0 is "none", node 1 the root): a walk is array reads, no Map lookups.
// Characters are folded to a small alphabet first (SYMBOL); a character outside it ends the walk.
const SYMBOL = new Uint8Array(128);
let symbols = 0;
for (const phrase of PHRASES) {
  for (const word of phrase.split(/[_\- ]+/)) {
    for (let i = 0; i < word.length; i++) {
      const c = lower(word.charCodeAt(i));
      if (c >= 128) throw new Error(`SDK phrase outside ASCII: ${phrase}`);
      if (SYMBOL[c] === 0) SYMBOL[c] = ++symbols;
    }
  }
}
const WIDTH = symbols + 1;
const NODES = 1 + 1 + [...PHRASES.join('')].length + PHRASES.length * 8;
/** NEXT[node * WIDTH + symbol]: the child, or 0. */
const NEXT = new Int32Array(NODES * WIDTH);
/** SEP[node]: a word of the phrase ends here and another follows (an optional separator, then that node's word), or 0. */
const SEP = new Int32Array(NODES);
/** ENDS[node]: 1 + the order in PHRASES of the phrase ending here (at one place, the smallest wins), or 0. */
const ENDS = new Int32Array(NODES);
let nodes = 2;
PHRASES.forEach((phrase, order) => {
  const words = phrase.split(/[_\- ]+/).filter(Boolean);
  let node = 1;
  words.forEach((word, w) => {
    if (w > 0) node = SEP[node] ||= nodes++;
    for (let i = 0; i < word.length; i++) {
      const slot = node * WIDTH + SYMBOL[lower(word.charCodeAt(i))];
      node = NEXT[slot] ||= nodes++;
    }
  });
  ENDS[node] = order + 1;
});
/** The first level by character code: most places in a line fail there. */
const FIRST = Int32Array.from({ length: 128 }, (_, c) => (SYMBOL[lower(c)] ? NEXT[WIDTH + SYMBOL[lower(c)]] : 0));
/** Each phrase's entry, by its order. */
const ENTRIES = PHRASES.map((p) => BY_KEY.get(key(p))!);

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isAlnum(c: number): boolean {
  return c !== 95 && isWord(c);
}
function isSep(c: number): boolean {
  return c === 95 || c === 45 || c === 32;
}

// The best phrase found by walk(): its order and end (-1: none). Module state, not an object per call.
let bestOrder = -1;
let bestEnd = -1;

/** A depth-first walk from `node` at `j`: a separator between words is optional, so a node may go on two ways. */
function walk(text: string, node: number, j: number): void {
  for (;;) {
    const ends = ENDS[node] - 1;
    if (ends >= 0 && (bestOrder < 0 || ends < bestOrder) && !(j < text.length && isAlnum(text.charCodeAt(j)))) {
      bestOrder = ends;
      bestEnd = j;
    }
    if (j >= text.length) return;
    const c = text.charCodeAt(j);
    const sep = SEP[node];
    if (sep) {
      if (isSep(c)) walk(text, sep, j + 1);
      // Without the separator: the next word must start here.
      else walk(text, sep, j);
    }
    const symbol = c < 128 ? SYMBOL[lower(c)] : 0;
    if (symbol === 0) return;
    node = NEXT[node * WIDTH + symbol];
    if (node === 0) return;
    j++;
  }
}

/** Every SDK status phrase in `text`, in order (at most `max`). */
export function sdkHits(text: string, max = 8): SdkHit[] {
  const out: SdkHit[] = [];
  let prevWord = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    const word = isWord(c);
    // Every phrase starts with a word character, after a non-word one (the regex's \b).
    const first = word && !prevWord && c < 128 ? FIRST[c] : 0;
    if (first) {
      bestOrder = -1;
      walk(text, first, i + 1);
      if (bestOrder >= 0) {
        const entry = ENTRIES[bestOrder];
        out.push({ meaning: entry.meaning, sdk: entry.sdk, text: text.slice(i, bestEnd), index: i });
        // The search goes on where the match ends; the boundary there looks at the match's last character.
        i = bestEnd - 1;
        prevWord = isWord(text.charCodeAt(i));
        continue;
      }
    }
    prevWord = word;
  }
  return out;
}

/** The meaning of one phrase as written, or undefined (for tests and the vocabulary's own checks). */
export function sdkMeaningOf(text: string): SdkMeaning | undefined {
  return BY_KEY.get(key(text))?.meaning;
}
