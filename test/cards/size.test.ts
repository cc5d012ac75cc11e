// cardSizeBelow decides from a bound when it can; the answer must always be the serialised size's.
import fc from 'fast-check';
import { verdictCard } from '../../src/cards';
import { cardByteSize, cardSizeBelow, jsonBytesAtMost } from '../../src/cards/size';
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
