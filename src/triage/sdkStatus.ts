// Reads the SDK status vocabulary (sdkVocabulary.ts) in any case and with '_', '-' or ' ' between
// words (Bad_Credential, BAD_CREDENTIAL, bad credential): one alternation, longest phrase first.
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

function escapeWord(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const BY_KEY = new Map<string, { meaning: SdkMeaning; sdk: SdkSource; text: string }>();
for (const group of SDK_VOCABULARY) {
  for (const p of group.phrases) {
    const k = key(p.text);
    if (!BY_KEY.has(k)) BY_KEY.set(k, { meaning: p.meaning, sdk: group.sdk, text: p.text });
  }
}

const PHRASES = [...new Set([...BY_KEY.values()].map((v) => v.text))].sort((a, b) => b.length - a.length);

/** One pass over a text finds every phrase; separators between words are free. */
const SDK_PHRASE = new RegExp(
  // \b rather than a look-behind: it lets the regex engine skip ahead to where a phrase can start.
  `\\b(${PHRASES.map((p) => p.split(/[_\- ]+/).filter(Boolean).map(escapeWord).join('[_\\- ]?')).join('|')})(?![A-Za-z0-9])`,
  'gi',
);

/** Every SDK status phrase in `text`, in order (at most `max`). */
export function sdkHits(text: string, max = 8): SdkHit[] {
  const out: SdkHit[] = [];
  SDK_PHRASE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SDK_PHRASE.exec(text)) && out.length < max) {
    const entry = BY_KEY.get(key(m[1]));
    if (entry) out.push({ meaning: entry.meaning, sdk: entry.sdk, text: m[1], index: m.index });
  }
  return out;
}

/** The meaning of one phrase as written, or undefined (for tests and the vocabulary's own checks). */
export function sdkMeaningOf(text: string): SdkMeaning | undefined {
  return BY_KEY.get(key(text))?.meaning;
}
