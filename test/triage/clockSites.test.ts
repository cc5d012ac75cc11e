// The timestamp regexes start only near a clock ("h:mm:ss", src/triage/time.ts clockSites): every match
// of every form holds one at a known distance from its start. The oracle is each regex run from the start
// of the text, as before: the same matches, in the same order, on the corpus, the fixtures and generated text.
import fc from 'fast-check';
import { RECORD_START, RECORD_START_CLOCK } from '../../src/triage/records/split';
import { clockSites, execNearClocks, TIME_FORMS, TIMESTAMP_START, TIMESTAMP_START_CLOCK } from '../../src/triage/time';
import { corpusAndFixtureLines } from './expectations';

const PATTERNS = [
  ...TIME_FORMS.map((f) => ({ name: f.form, re: f.re, min: f.min, max: f.max })),
  { name: 'timestamp-start', re: TIMESTAMP_START, ...TIMESTAMP_START_CLOCK },
  { name: 'record-start', re: RECORD_START, ...RECORD_START_CLOCK },
];

function plain(re: RegExp, text: string): [number, string][] {
  const out: [number, string][] = [];
  const own = new RegExp(re.source, re.flags);
  let m: RegExpExecArray | null;
  while ((m = own.exec(text))) out.push([m.index, m[0]]);
  return out;
}

function nearClocks(re: RegExp, text: string, min: number, max: number): [number, string][] {
  const out: [number, string][] = [];
  const sites = clockSites(text);
  let m: RegExpExecArray | null;
  let from = 0;
  while ((m = execNearClocks(re, text, from, sites, min, max))) {
    out.push([m.index, m[0]]);
    from = m.index + m[0].length;
  }
  return out;
}

describe('timestamp regexes started near clocks', () => {
  it('find what a scan from the start finds, on every line of the corpus and fixtures', () => {
    const lines = corpusAndFixtureLines();
    const counts = new Map<string, number>();
    for (const l of lines) {
      for (const p of PATTERNS) {
        const want = plain(p.re, l);
        counts.set(p.name, (counts.get(p.name) ?? 0) + want.length);
        expect([p.name, nearClocks(p.re, l, p.min, p.max)]).toEqual([p.name, want]);
      }
    }
    // The corpus exercises most forms; the generated texts below cover all of them.
    for (const name of ['iso', 'numeric', 'time-only', 'timestamp-start']) expect([name, counts.get(name)! > 20]).toEqual([name, true]);
  });

  it('find what a scan from the start finds in text made of timestamp pieces', () => {
    // Each form at its shortest and longest distance to the clock, and some in between.
    const stamp = fc.constantFrom(
      '1/2/2026 7:00:03',
      '12/31/2026,  10:00:03 PM',
      'Wed Mar 4 07:00:03 2026',
      '2 Mar 2026 07:00:03',
      '12 Mar 2026, 07:00:03',
      'Mar 2 07:00:03',
      'Mar  12, 07:00:03.25',
      '2026-03-02T07:00:03Z',
      '2026-03-02 07:00:03.123+01:00',
      '2026/03/02 07:00:03',
      '3/2/2026, 7:00:03 AM',
      '13.03.2026 07:00:03',
      '02-03-2026  7:00:03 UTC',
      'Mon Mar  2 07:00:03 2026',
      'Tue Mar 12 07:00:03 2026',
      '2 Mar 2026, 07:00:03 GMT',
      '12 Mar 2026 07:00:03.5',
      'Mar  2 07:00:03',
      'Mar 12, 07:00:03',
      '07:00:03',
      '-> 10:55:08 DISCONNECT',
      '<- 10:55:08 CONNACK',
    );
    const frag = fc.oneof(
      stamp,
      stamp.chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
      stamp.chain((s) => fc.nat(s.length).map((n) => s.slice(n))),
      fc.constantFrom(' ', '  ', ',', ':', '::', '1', '12', '2026', '-', '/', '.', 'T', 'Z', 'Mar ', 'Mon ', '> ', '\t', 'x'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(frag, { maxLength: 10 }), (parts) => {
        const t = parts.join('');
        for (const p of PATTERNS) expect([p.name, nearClocks(p.re, t, p.min, p.max)]).toEqual([p.name, plain(p.re, t)]);
      }),
      { numRuns: 6000 },
    );
  });

  it('finds a clock only where a digit, a colon and "dd:dd" meet', () => {
    expect(clockSites('at 7:00:03 and 12:30:45, not 1:2:3, 123:45 or 12:34')).toEqual([4, 17]);
    expect(clockSites(':00:00 x9:00:0 12:34 56')).toEqual([]);
  });
});
