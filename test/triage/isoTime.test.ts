import fc from 'fast-check';
import { isoUtc } from '../../src/triage/isoTime';

describe('isoUtc writes what Date#toISOString writes', () => {
  test('any instant, fractional and negative ones included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), fc.double({ min: -7e13, max: 3e14, noNaN: true }), fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 })), (ms) => {
        expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  test('day and year boundaries, leap days, and the ends of the range', () => {
    for (const s of ['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '1900-03-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const ms = Date.parse(s);
      expect(isoUtc(ms)).toBe(s);
      // The remembered day must not leak into the next call.
      expect(isoUtc(ms + 1)).toBe(new Date(ms + 1).toISOString());
    }
  });

  test('outside four-digit years and for NaN it behaves as Date does', () => {
    expect(isoUtc(253_402_300_800_000)).toBe(new Date(253_402_300_800_000).toISOString());
    expect(isoUtc(-62_167_219_200_001)).toBe(new Date(-62_167_219_200_001).toISOString());
    expect(() => isoUtc(NaN)).toThrow(RangeError);
  });
});
