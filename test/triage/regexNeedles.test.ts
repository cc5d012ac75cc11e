// The needle gate in front of the message patterns (src/triage/regexNeedles.ts) must never skip a
// pattern that would match: a generated regex that matches a text always has one of its needles in
// that text, and matchMessage answers exactly as it does with every pattern run.
import fc from 'fast-check';
import { matchMessage, messageNeedles } from '../../src/triage/messages';
import { CONNECTION_WORD_PATTERNS } from '../../src/triage/readers/textReaders';
import { hasNeedle, requiredNeedles } from '../../src/triage/regexNeedles';
import { corpusAndFixtureLines } from './expectations';

describe('requiredNeedles', () => {
  it('reads the literal each branch starts with, through groups, optional groups and \\b', () => {
    expect(requiredNeedles(/Authorization header missing|Autorisatiekoptekst ontbreekt/i)).toEqual(['authorization header missing', 'autorisatiekoptekst ontbreekt']);
    expect(requiredNeedles(/(?:SAS )?token (?:has )?expired|Renewing/i)).toEqual(['token ', 'renewing']);
    expect(requiredNeedles(/(?:status(?: code)?|HTTP\/\d)[:=]/)).toEqual(['status', 'HTTP/']);
    expect(requiredNeedles(/\bE(?:CONNREFUSED|TIMEDOUT)\b/)).toEqual(['E']);
    expect(requiredNeedles(/Connection Refused:? no/i)).toEqual(['connection refused']);
    expect(requiredNeedles(/ab{0,3}c|xy+z|p{2}q/)).toEqual(['a', 'xy', 'p']);
    expect(requiredNeedles(/CONNACK \(5\)/)).toEqual(['CONNACK (5)']);
    expect(requiredNeedles(/(?:SAS )??token/i)).toEqual(['token']);
    // '|', '(' and ')' inside a class split nothing and open no group.
    expect(requiredNeedles(/ab[|(]c|d/)).toEqual(['ab', 'd']);
    expect(requiredNeedles(/(?:x[)|]y|z)w/)).toEqual(['x', 'z']);
  });

  it('keeps the shorter of two needles when one holds the other', () => {
    expect(requiredNeedles(/\bDevice_?Connected\b|\bdeviceConnect\b|\bstatus|connectionStatus/i)).toEqual(['device', 'status']);
    expect(requiredNeedles(/ab|ab|abc/)).toEqual(['ab']);
  });

  it('gives up (always run) where a branch starts with anything but a literal', () => {
    for (const re of [/\d{4}-x/, /[ab]c/, /a|.b/, /(?<!x)ab/, /(?=a)ab/, /(?:a)?/, /ab|/, /\sab/, /(a|b)*c?/, /café/i, /x/u]) expect(requiredNeedles(re)).toBeUndefined();
  });

  // Regexes built from pieces with every construct the reader must get right, and texts built from
  // the same pieces: whenever the regex matches, a needle is there.
  const atom = fc.constantFrom('a', 'b', 'A', 'B', 'ab', 'ba', ' ', ':', '-', '/');
  const piece: fc.Arbitrary<string> = fc.letrec((tie) => ({
    piece: fc.oneof(
      { depthSize: 'small' },
      atom.map((s) => s.replace(/[/]/g, '\\/')),
      fc.tuple(atom, fc.constantFrom('?', '*', '+', '{0,2}', '{1,2}', '??', '')).map(([a, q]) => a.slice(0, 1) + q),
      fc.constantFrom('\\b', '\\s', '\\d', '[ab]', '.', '\\.', '\\(', '(?!a)', '(?<=b)'),
      fc.tuple(fc.array(tie('piece') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }), fc.constantFrom('(?:', '('), fc.constantFrom('', '?', '*', '+', '{0,1}', '{2}')).map(([alts, open, q]) => `${open}${alts.join('|')})${q}`),
      fc.array(tie('piece') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')),
    ),
  })).piece;
  const source = fc.array(piece, { minLength: 1, maxLength: 3 }).map((bs) => bs.join('|'));
  const text = fc.array(fc.constantFrom('a', 'b', 'A', 'B', ' ', ':', '-', '/', '.', '(', '1', 'é', 'İ', 'K'), { maxLength: 14 }).map((cs) => cs.join(''));

  it('never leaves out a text the regex matches', () => {
    fc.assert(
      fc.property(source, fc.boolean(), fc.array(text, { minLength: 1, maxLength: 6 }), (src, ic, texts) => {
        let re: RegExp;
        try {
          re = new RegExp(src, ic ? 'i' : '');
        } catch {
          return true;
        }
        const needles = requiredNeedles(re);
        if (!needles) return true;
        for (const t of texts) if (re.test(t)) expect(hasNeedle(needles, ic, t, t.toLowerCase())).toBe(true);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('matchMessage with the needle gate', () => {
  it('gates most patterns (the gate is in use)', () => {
    const gated = messageNeedles().filter((n) => n.needles);
    expect(gated.length).toBeGreaterThanOrEqual(messageNeedles().length - 1);
  });

  const lines = corpusAndFixtureLines().filter((l) => l.length < 4000);

  it('answers as with every pattern run, on every line of the corpus and fixtures', () => {
    expect(lines.length).toBeGreaterThan(1000);
    for (const l of lines) expect(matchMessage(l)).toEqual(matchMessage(l, false));
  });

  it('the connection-word patterns are gated, and never skipped on a corpus or fixture line they match', () => {
    for (const { re, needles } of CONNECTION_WORD_PATTERNS) {
      expect(needles).toBeDefined();
      for (const l of lines) if (re.test(l)) expect(hasNeedle(needles!, true, l, l.toLowerCase())).toBe(true);
    }
  });

  it('answers as with every pattern run, on pieces of the patterns themselves in any case', () => {
    const words = messageNeedles().flatMap((n) => n.source.replace(/\\[sdwbSDWB]|[()[\]{}?*+|^$\\]/g, ' ').split(/ +/)).filter(Boolean);
    const word = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...words).map((w) => w.toUpperCase()), fc.constantFrom(' ', "'", ': ', '401003', 'pump-1', 'ſ', 'İ'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (ws) => {
        const t = ws.join(' ');
        expect(matchMessage(t)).toEqual(matchMessage(t, false));
      }),
      { numRuns: 4000 },
    );
  });
});
