// sdkHits walks a trie by hand instead of running one regex of every phrase (src/triage/sdkStatus.ts).
// The regex it replaced is built here, as it was, and is the oracle: same hits, same order, same
// text and index, on the corpus, the fixtures and generated text made of phrase pieces.
import fc from 'fast-check';
import { sdkHits } from '../../src/triage/sdkStatus';
import { SDK_VOCABULARY } from '../../src/triage/sdkVocabulary';
import { corpusAndFixtureLines } from './expectations';

const key = (s: string) => s.toLowerCase().replace(/[_\- ]+/g, '');
const byKey = new Map<string, { meaning: string; sdk: string }>();
for (const g of SDK_VOCABULARY) for (const p of g.phrases) if (!byKey.has(key(p.text))) byKey.set(key(p.text), { meaning: p.meaning, sdk: g.sdk });
const texts = [...new Set(SDK_VOCABULARY.flatMap((g) => g.phrases.map((p) => p.text)))];
const phrases = [...new Set([...byKey.keys()].map((k) => texts.find((t) => key(t) === k)!))].sort((a, b) => b.length - a.length);
const escapeWord = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ORACLE = new RegExp(`\\b(${phrases.map((p) => p.split(/[_\- ]+/).filter(Boolean).map(escapeWord).join('[_\\- ]?')).join('|')})(?![A-Za-z0-9])`, 'gi');

function oracle(text: string, max = 8) {
  const out: { meaning: string; sdk: string; text: string; index: number }[] = [];
  ORACLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ORACLE.exec(text)) && out.length < max) {
    const e = byKey.get(key(m[1]))!;
    out.push({ meaning: e.meaning, sdk: e.sdk, text: m[1], index: m.index });
  }
  return out;
}

describe('sdkHits', () => {
  it('finds what the phrase regex finds on every line of the corpus and fixtures, and every example', () => {
    const lines = corpusAndFixtureLines();
    const examples = SDK_VOCABULARY.flatMap((g) => g.phrases.map((p) => p.example));
    let hits = 0;
    for (const l of [...lines, ...examples]) {
      const want = oracle(l);
      hits += want.length;
      expect(sdkHits(l)).toEqual(want);
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('finds what the phrase regex finds in text made of phrase pieces, separators and odd characters', () => {
    const phrase = fc.constantFrom(...texts);
    const frag = fc.oneof(
      phrase,
      phrase.map((p) => p.toLowerCase().replace(/_/g, ' ')),
      phrase.map((p) => p.replace(/[_ ]/g, '')),
      phrase.chain((p) => fc.nat(p.length).map((n) => p.slice(0, n))),
      phrase.chain((p) => fc.nat(p.length).map((n) => p.slice(n))),
      fc.constantFrom(' ', '_', '-', '__', '  ', 'x', '1', '.', ':', '/', 'é', 'ſ', 'K', 'İ', '\n', 'a_', '_9'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(frag, { maxLength: 8 }), fc.integer({ min: 1, max: 9 }), (parts, max) => {
        const t = parts.join('');
        expect(sdkHits(t, max)).toEqual(oracle(t, max));
      }),
      { numRuns: 20000 },
    );
  });
});
