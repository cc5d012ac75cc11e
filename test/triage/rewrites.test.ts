// Metamorphic table test: every fixture (and corpus entry) rewritten the ways pastes really arrive
// (test/triage/rewrites.ts) must keep its expected verdict and its exact per-device verdicts.
import { readFileSync } from 'node:fs';
import { triage } from '../../src/triage';
import { corpusCases, deviceVerdicts, fixtureCases, type ExpectedCase } from './expectations';
import { REWRITES, type Rewrite } from './rewrites';

const fixtures = fixtureCases();
const cases: ExpectedCase[] = [...fixtures, ...corpusCases()];

function rewritten(rw: Rewrite, c: ExpectedCase): string {
  return rw.apply(readFileSync(c.path, 'utf8'), { file: c.file, devices: Object.keys(c.exp.devices) });
}

/**
 * Rewrites that only have an honest form for some shapes of input: these fixtures must change (the rest may
 * stay as they are). Every other rewrite must change more than half of the fixtures.
 */
const TARGETED: Record<string, string[]> = {
  'properties-json': [
    'error-lines-symptom2.log',
    'codes-by-name-churn.log',
    'codes-by-number-unrecovered.log',
    'not-auth-throttling-timeouts.log',
    'other-codes-backend.log',
    'sdk-c-expired-sas-token-churn.log',
    'sdk-c-bad-credential.log',
    'sdk-c-device-disabled.log',
    'sdk-dotnet-mqtt-refused.log',
    'sdk-dotnet-amqp-invalid-signature.log',
    'sdk-java-stacktrace.log',
    'sas-token-service-scope-on-device.log',
    'lone-404104.log',
    'churn-crlf.log',
    'dutch-question-churn.txt',
  ],
  // Lines with a leading timestamp; JSON, grids, logfmt and stamp-less prose have none to lift.
  logfmt: [
    'churn-crlf.log',
    'churn-one-line.txt',
    'codes-by-name-churn.log',
    'codes-by-number-unrecovered.log',
    'dutch-question-churn.txt',
    'lone-404104.log',
    'not-auth-throttling-timeouts.log',
    'other-codes-backend.log',
    'sdk-c-bad-credential.log',
    'sdk-c-device-disabled.log',
    'sdk-c-expired-sas-token-churn.log',
    'sdk-dotnet-amqp-invalid-signature.log',
    'sdk-dotnet-mqtt-refused.log',
    'sdk-java-stacktrace.log',
    'sdk-node-unauthorized.log',
    'sdk-python-credential-error.log',
    'sdk-python-renewal.log',
  ],
  'json-pretty': ['resource-logs-churn.jsonl', 'resource-logs-records-object.json'],
};

describe.each(REWRITES.map((rw) => [rw.name, rw] as const))('rewrite %s', (_name, rw) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s keeps its verdict and per-device verdicts', (_file, c) => {
    const t = triage(rewritten(rw, c), { now: new Date(c.exp.now) });
    expect({ verdict: t.verdict, devices: deviceVerdicts(t) }).toEqual({ verdict: c.exp.verdict, devices: c.exp.devices });
  });

  test('keeps every expected device id in the text (a check on the rewrite, not the engine)', () => {
    for (const c of cases) {
      const text = rewritten(rw, c);
      for (const id of Object.keys(c.exp.devices)) expect({ file: c.name, id, kept: text.includes(id) }).toEqual({ file: c.name, id, kept: true });
    }
  });

  test('actually rewrites the fixtures it applies to', () => {
    // Trailing whitespace alone does not count as a change.
    const changed = fixtures.filter((c) => rewritten(rw, c).trimEnd() !== readFileSync(c.path, 'utf8').trimEnd()).map((c) => c.file);
    const must = TARGETED[rw.name];
    if (must) expect(changed).toEqual(expect.arrayContaining(must));
    else expect(changed.length).toBeGreaterThan(fixtures.length / 2);
  });
});

test('the rewrites have distinct names and there are at least ten', () => {
  expect(REWRITES.length).toBeGreaterThanOrEqual(10);
  expect(new Set(REWRITES.map((r) => r.name)).size).toBe(REWRITES.length);
});
