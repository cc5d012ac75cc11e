import fc from 'fast-check';
import { writeJson } from '../../src/jsonOut';
import { triage } from '../../src/triage';
import { churn, resourceRecord } from '../triage/synth';

async function written(v: unknown): Promise<{ text: string; parts: number }> {
  const parts: string[] = [];
  await writeJson(v, (s) => parts.push(s));
  return { text: parts.join(''), parts: parts.length };
}

describe('writeJson writes what JSON.stringify(value, null, 2) writes', () => {
  test('a full buffer makes the next batch wait until it drains', async () => {
    const rows = Array.from({ length: 350 }, (_, i) => ({ i }));
    const order: string[] = [];
    let drains = 0;
    await writeJson(
      { rows },
      (s) => {
        order.push(s.includes('"i"') ? 'batch' : 'frame');
        return !s.includes('"i"');
      },
      async () => {
        drains++;
        order.push('drained');
      },
    );
    expect(drains).toBe(4);
    expect(order.filter((x) => x !== 'frame')).toEqual(['batch', 'drained', 'batch', 'drained', 'batch', 'drained', 'batch', 'drained']);
  });

  test('a big triage, written in many pieces', async () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const lines = Array.from({ length: 1100 }, (_, d) => churn(`pump-${d}`, new Date('2026-11-29T00:00:00Z'), 2).map((e) => JSON.stringify(resourceRecord(e))).join('\n')).join('\n');
    const t = triage(lines, { now });
    expect(t.devices.length).toBeGreaterThan(1000);
    const out = await written(t);
    expect(out.parts).toBeGreaterThan(5);
    expect(out.text).toBe(`${JSON.stringify(t, null, 2)}\n`);
  });

  test('any JSON-like value, long arrays and undefined members included', async () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 1200 }), fc.jsonValue(), fc.constant(undefined), fc.array(fc.oneof(fc.constant(undefined), fc.integer(), fc.jsonValue()), { minLength: 101, maxLength: 1300 }))),
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        expect((await written(v)).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
