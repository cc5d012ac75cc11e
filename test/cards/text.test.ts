// The card text helpers scan by hand where a regex used to run on every string; each must give exactly
// what the regular expressions give (kept here as the reference).
import fc from 'fast-check';
import { breakable, formatClock, formatDateTime, tidy } from '../../src/cards/text';

const refTidy = (t: string) =>
  t
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const refBreakable = (t: string) => t.replace(/[^\s]{48,}/g, (r) => r.replace(/(.{32})(?=.)/g, '$1\u200b'));

// Every kind of space and control character \s and the control class know, among ordinary text.
const SPECIAL = [' ', '  ', '\t', '\n', '\r\n', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0000', '\u007f', '\u202e', '\u2066', 'é', '😀', '\ud800'];
const piece = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 60, unit: fc.constantFrom('a', 'B', '0', '=', ';', '/', '.') }), fc.string({ unit: 'binary', maxLength: 8 }));
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const longRuns = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 40, max: 140 }).map((n) => 'x'.repeat(n))), { maxLength: 6 }).map((p) => p.join(''));

describe('card text', () => {
  it('tidy() is the control-character strip, whitespace collapse and trim', () => {
    fc.assert(fc.property(fc.oneof(text, longRuns), (t) => expect(tidy(t)).toBe(refTidy(t))), { numRuns: 5000 });
    for (const t of ['', ' ', 'a', ' a', 'a ', 'a  b', 'a b', 'a\tb', 'a\u00a0b', 'tidy text: 401003 at 10:00']) expect(tidy(t)).toBe(refTidy(t));
  });

  it('breakable() offers a break after every 32 characters of a 48-character run, never at its end', () => {
    fc.assert(fc.property(fc.oneof(text, longRuns), (t) => expect(breakable(t)).toBe(refBreakable(t))), { numRuns: 5000 });
    for (const n of [47, 48, 64, 65, 96, 97]) expect(breakable('x'.repeat(n))).toBe(refBreakable('x'.repeat(n)));
  });

  it('dates read and write as Date does', () => {
    const ref = (iso: string) => {
      const t = Date.parse(iso);
      return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : '—';
    };
    const iso = fc.date({ min: new Date(-2e14), max: new Date(2e14), noInvalidDate: true }).map((d) => d.toISOString());
    const odd = fc.constantFrom('', 'soon', '2024-02-30T10:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01 10:00:00', 'Tue, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00+02:00', '99-01-01T00:00:00Z');
    fc.assert(fc.property(fc.oneof(iso, odd), (s) => expect(formatDateTime(s)).toBe(ref(s))), { numRuns: 3000 });
    expect(formatClock('2024-05-01T10:00:03.000Z', '2024-05-01T09:00:00.000Z')).toBe('10:00:03');
    expect(formatClock('2024-05-02T10:00:03.000Z', '2024-05-01T09:00:00.000Z')).toBe('05-02 10:00');
    expect(formatClock('2024-05-02T10:00:03.000Z', 'not a date')).toBe('05-02 10:00');
    expect(formatClock(undefined)).toBe('—');
  });
});
