// findCodeTokens scans word runs by hand instead of running one regex of every code and name
// (src/triage/codes.ts). That regex, built here as it was, is the oracle: same tokens at the same
// places, on the corpus, the fixtures and generated text made of codes, names and their pieces.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_ALIASES, CODE_TABLE, findCodeTokens } from '../../src/triage/codes';

const names = [...new Set([...CODE_TABLE.map((c) => c.name), ...Object.keys(CODE_ALIASES)])];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s{1,3}');
const ORACLE = new RegExp('\\b(' + ['50[0-4]\\d{3}', ...CODE_TABLE.map((c) => c.code), ...[...names].sort((a, b) => b.length - a.length).map(escape)].join('|') + ')\\b', 'gi');

function oracle(text: string, max: number) {
  const out: { token: string; index: number }[] = [];
  ORACLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ORACLE.exec(text)) && out.length < max) out.push({ token: m[1], index: m.index });
  return out;
}

describe('findCodeTokens', () => {
  it('every code in the table is six digits (the scan reads numbers as six-digit runs)', () => {
    for (const c of CODE_TABLE) expect(c.code).toMatch(/^\d{6}$/);
  });

  it('finds what the code regex finds on every line of the corpus and fixtures', () => {
    const lines = ['../corpus', '../fixtures']
      .flatMap((d) => readdirSync(join(__dirname, d)).filter((f) => !f.endsWith('.md')).map((f) => readFileSync(join(__dirname, d, f), 'utf8')))
      .flatMap((t) => t.split(/\r?\n/));
    let hits = 0;
    for (const l of lines) {
      const want = oracle(l, 32);
      hits += want.length;
      expect(findCodeTokens(l, 32)).toEqual(want);
    }
    expect(hits).toBeGreaterThan(200);
  });

  it('finds what the code regex finds in text made of codes, names, their pieces and odd characters', () => {
    const word = fc.constantFrom(...names, ...CODE_TABLE.map((c) => c.code), '500123', '504999', '505000', '123456');
    const frag = fc.oneof(
      word,
      word.map((w) => w.toUpperCase()),
      word.map((w) => w.replace(/ /g, '  ')),
      word.map((w) => w.replace(/ /g, '\u00a0\t ')),
      word.chain((w) => fc.nat(w.length).map((n) => w.slice(0, n))),
      word.chain((w) => fc.nat(w.length).map((n) => w.slice(n))),
      fc.constantFrom(' ', '_', '-', '.', ':', '1', 'x', 'é', 'İ', 'ſ', '\n', '    '),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(frag, { maxLength: 8 }), fc.integer({ min: 1, max: 6 }), (parts, max) => {
        const t = parts.join('');
        expect(findCodeTokens(t, max)).toEqual(oracle(t, max));
      }),
      { numRuns: 20000 },
    );
  });
});
