// cardSizeBelow decides from a bound when it can; the answer must always be the serialised size's.
import fc from 'fast-check';
import { verdictCard } from '../../src/cards';
import { compileTemplate } from '../../src/cards/compileTemplate';
import { cardByteSize, cardSizeBelow, jsonBytesAtMost } from '../../src/cards/size';
import { TEMPLATE_NAMES, templateSource } from '../../src/cards/templates';
import type { AdaptiveCard } from '../../src/cards/types';
import { triage } from '../../src/triage';
import { CHURN_LOG, THUMBPRINT_LOG } from '../bot/samples';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
// Every kind of string JSON escapes or widens: control characters, quotes, backslashes, 2-, 3- and 4-byte
// characters, lone surrogates.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u007f', 'é', '€', '\ud800', '😀', 'a') }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;

describe('card size', () => {
  it('the bound is never below the UTF-8 bytes of the JSON', () => {
    fc.assert(fc.property(json, (v) => expect(jsonBytesAtMost(v, 0)).toBeGreaterThanOrEqual(bytes(v))), { numRuns: 3000 });
    // The longest numbers JSON writes: a negative 17-digit value just above 1e-6, and one of 17 digits near 1e-300.
    for (const n of [-0.0000010365039511326112, -1.2345678901234568e-300, -123456789012345680000]) expect(jsonBytesAtMost([n], 0)).toBeGreaterThanOrEqual(bytes([n]));
  });

  it('cardSizeBelow answers cardByteSize(card) < limit, at every limit around the size', () => {
    fc.assert(
      fc.property(fc.dictionary(text, json, { maxKeys: 5 }), fc.integer({ min: -3, max: 3 }), (card, d) => {
        const size = cardByteSize(card as AdaptiveCard);
        expect(cardSizeBelow(card as AdaptiveCard, size + d)).toBe(size < size + d);
      }),
      { numRuns: 2000 },
    );
  });

  it('a value with toJSON, or nested past the bound\'s depth, is measured by serialising', () => {
    const when = { at: new Date(0), note: 'x'.repeat(10) };
    expect(jsonBytesAtMost(when, 0)).toBe(Infinity);
    expect(cardSizeBelow(when as unknown as AdaptiveCard, bytes(when) + 1)).toBe(true);
    expect(cardSizeBelow(when as unknown as AdaptiveCard, bytes(when))).toBe(false);
    let deep: unknown = 'end';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(jsonBytesAtMost(deep, 0)).toBe(Infinity);
    expect(cardSizeBelow(deep as AdaptiveCard, bytes(deep) + 1)).toBe(true);
  });

  it('real verdict cards are cleared by the bound alone, far below the limit', () => {
    // Where the time goes: a typical card must not need serialising to be sized.
    for (const paste of [CHURN_LOG, THUMBPRINT_LOG]) {
      const card = verdictCard(triage(paste, { now: new Date('2026-03-02T12:00:00Z') }), { lang: 'en' });
      expect(jsonBytesAtMost(card, 0)).toBeLessThan(80 * 1024);
      expect(jsonBytesAtMost(card, 0)).toBeGreaterThanOrEqual(cardByteSize(card));
    }
  });
});

describe('the size bound the template expansion adds up', () => {
  // The bound must never be below the card's bytes: cardSizeBelow trusts it without serialising.
  const holds = (card: unknown) => {
    if (card === null || typeof card !== 'object') return;
    const size = cardByteSize(card as AdaptiveCard);
    expect(cardSizeBelow(card as AdaptiveCard, size)).toBe(false);
    expect(cardSizeBelow(card as AdaptiveCard, size + 1)).toBe(true);
  };

  it.each(TEMPLATE_NAMES)('holds for the "%s" template on arbitrary data', (name) => {
    const expand = compileTemplate(templateSource(name));
    const names = [...new Set([...JSON.stringify(templateSource(name)).matchAll(/\$\{([^{}]*)\}/g)].flatMap((m) => m[1].split('.')).filter((p) => !p.startsWith('$')))];
    const key = fc.constantFrom(...names);
    const value = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })) })).v;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: names.length }), (data) => {
        let card: unknown;
        try {
          card = expand(data);
        } catch {
          return; // the library refuses such data too (compiledTemplates.test.ts)
        }
        holds(card);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for bound text that JSON escapes to six bytes a character, and for empty elements', () => {
    const expand = compileTemplate({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${a}' }, { $data: '${list}', x: '${b}' }], actions: [] });
    for (const a of ['\u0001'.repeat(200), '"'.repeat(200), '€'.repeat(200), '😀'.repeat(100)]) holds(expand({ a, list: [{}, {}, {}], b: a }));
    holds(compileTemplate({})({}));
    holds(compileTemplate({ $data: '${a}' })({ a: [1, 2, 3] }));
  });

  it('holds for any template built from bindings, $data, $when, nested arrays and literals', () => {
    const str = fc.constantFrom('x', 'é€😀', '"\\\n', '${a}', '${b}', '${a.b}', 'p ${a} q', '${a}${b}', '${$root.a}', '${$data.b}', '${$index}', '${A}', '');
    const tkey = fc.constantFrom('type', 'text', 'items', '$data', '$when', 'a', 'b', 'Type', 'x', 'ü');
    const template = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
      arr: fc.array(tie('node'), { maxLength: 3 }),
      obj: fc.dictionary(tkey, tie('node'), { maxKeys: 4 }),
    })).obj;
    const data = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'A'), tie('v'), { maxKeys: 3 })) })).v;
    fc.assert(
      fc.property(template, fc.dictionary(fc.constantFrom('a', 'b', 'A'), data), (t, d) => {
        let card: unknown;
        try {
          card = compileTemplate(t)(d as Record<string, unknown>);
        } catch {
          return;
        }
        holds(card);
      }),
      { numRuns: 3000 },
    );
  });
});
