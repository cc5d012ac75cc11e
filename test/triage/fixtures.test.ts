// Table test over realistic fixtures written independently of the engine (test/fixtures/README.md):
// every shape, both verdict directions, mixed, inconclusive and not-auth-related.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { triage, type FindingKind, type Verdict } from '../../src/triage';
import { normalizeText } from '../../src/triage/normalize';
import { deviceVerdicts } from './expectations';

interface Expected {
  verdict: Verdict;
  kinds: FindingKind[];
  devices: Record<string, Verdict>;
  now: string;
  note: string;
}

const dir = join(__dirname, '../fixtures');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe.each(Object.entries(expected))('%s', (file, exp) => {
  const t = triage(readFileSync(join(dir, file), 'utf8'), { now: new Date(exp.now) });

  test(`verdict is ${exp.verdict}`, () => {
    expect(t.verdict).toBe(exp.verdict);
  });

  test('expected finding kinds are present', () => {
    expect(t.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(exp.kinds));
  });

  test('per-device verdicts: every named device, no extra and none missing', () => {
    expect(deviceVerdicts(t)).toEqual(exp.devices);
  });

  test('every finding quotes evidence with a line number inside the (normalised) input', () => {
    const lines = normalizeText(readFileSync(join(dir, file), 'utf8')).split('\n').length;
    for (const f of t.findings) {
      for (const e of f.evidence) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines);
      }
    }
  });
});
