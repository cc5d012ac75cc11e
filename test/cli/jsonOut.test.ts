import fc from 'fast-check';
import { writeJson } from '../../src/jsonOut';
import { triage } from '../../src/triage';
import { churn, resourceRecord } from '../triage/synth';

const written = (v: unknown) => {
  const parts: string[] = [];
  writeJson(v, (s) => parts.push(s));
  return { text: parts.join(''), parts: parts.length };
};

describe('writeJson writes what JSON.stringify(value, null, 2) writes', () => {
  test('a big triage, written in many pieces', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const lines = Array.from({ length: 1100 }, (_, d) => churn(`pump-${d}`, new Date('2026-11-29T00:00:00Z'), 2).map((e) => JSON.stringify(resourceRecord(e))).join('\n')).join('\n');
    const t = triage(lines, { now });
    expect(t.devices.length).toBeGreaterThan(1000);
    const out = written(t);
    expect(out.parts).toBeGreaterThan(5);
    expect(out.text).toBe(`${JSON.stringify(t, null, 2)}\n`);
  });

  test('any JSON-like value, long arrays and undefined members included', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 1200 }), fc.jsonValue(), fc.constant(undefined), fc.array(fc.oneof(fc.constant(undefined), fc.integer(), fc.jsonValue()), { minLength: 101, maxLength: 1300 }))),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(written(v).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
