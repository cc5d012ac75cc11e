import fc from 'fast-check';
import { isoMs, isoUtc } from '../../src/triage/isoTime';

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

describe('isoMs reads strict ISO times as Date.parse does', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const isoLike = fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
      s: fc.integer({ min: 0, max: 61 }),
      frac: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,4}$/)),
      zone: fc.oneof(fc.constant('Z'), fc.constant(''), fc.constant('z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([sg, oh, om]) => `${sg}${pad(oh, 2)}:${pad(om, 2)}`)),
    })
    .map((r) => `${pad(r.y, 4)}-${pad(r.mo, 2)}-${pad(r.d, 2)}T${pad(r.h, 2)}:${pad(r.mi, 2)}:${pad(r.s, 2)}${r.frac}${r.zone}`);

  test('every answer it gives is Date.parse’s, on valid and invalid fields alike', () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, fc.string({ maxLength: 30 })), (s) => {
        const ms = isoMs(s);
        if (ms !== undefined) expect(ms).toBe(Date.parse(s));
      }),
      { numRuns: 30_000 },
    );
  });

  test('it answers for the times exports carry, leap days included', () => {
    for (const s of ['2026-11-29T10:00:00Z', '2026-11-29T10:00:00.4Z', '2026-11-29T10:00:00.123+01:00', '2024-02-29T23:59:59.999-05:30', '2000-02-29T00:00:00Z']) {
      expect(isoMs(s)).toBe(Date.parse(s));
    }
    // Left to Date.parse: not a day of that month, 24:00, two-digit years, no zone.
    for (const s of ['2026-02-29T00:00:00Z', '2026-01-01T24:00:00Z', '0050-01-01T00:00:00Z', '2026-01-01T10:00:00']) expect(isoMs(s)).toBeUndefined();
  });
});
