// Property tests: the engine never throws, redaction leaves no key and is idempotent, and the verdict
// does not move under CRLF, trailing whitespace or unrelated noise lines.
import { fc, test as prop } from '@fast-check/jest';
import { containsSecret, redact, triage } from '../../src/triage';
import { churn, connect, lockedOut, render } from './synth';

const now = new Date('2026-11-29T18:00:00Z');
const t0 = new Date('2026-11-29T08:00:00Z');
const seed = 20261129;

const b64 = fc.stringMatching(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/);
const hub = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}[a-z0-9]$/);
const device = fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[0-9]$/);
const noise = fc.string({ maxLength: 80 }).filter((s) => !/[\r\n]/.test(s));

prop.prop([fc.string({ maxLength: 2000 })], { seed, numRuns: 300 })('never throws on arbitrary strings', (s) => {
  const t = triage(s, { now });
  expect(typeof t.verdict).toBe('string');
});

prop.prop([fc.string({ unit: 'binary', maxLength: 500 })], { seed, numRuns: 200 })('never throws on arbitrary unicode', (s) => {
  expect(() => triage(s, { now })).not.toThrow();
});

prop.prop([b64, hub, device, noise, noise], { seed, numRuns: 300 })('a pasted connection string never survives redaction or reaches the Triage', (key, h, d, before, after) => {
  const text = `${before}HostName=${h}.azure-devices.net;DeviceId=${d};SharedAccessKey=${key}${after}`;
  const r = redact(text);
  expect(r.text).not.toContain(key);
  expect(redact(r.text).text).toBe(r.text);
  expect(containsSecret(r.text)).toBe(false);
  expect(JSON.stringify(triage(text, { now }))).not.toContain(key);
});

prop.prop([fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/), noise], { seed, numRuns: 200 })('sig= values never survive', (sig, around) => {
  const text = `${around} SharedAccessSignature sr=h.azure-devices.net%2Fdevices%2Fd&sig=${encodeURIComponent(sig)}&se=1700000000 ${around}`;
  const out = JSON.stringify(triage(text, { now }));
  expect(out).not.toContain(encodeURIComponent(sig));
  expect(out).not.toContain(sig);
});

prop.prop([fc.string({ maxLength: 300 })], { seed, numRuns: 300 })('redaction is idempotent on anything', (s) => {
  const once = redact(s).text;
  expect(redact(once).text).toBe(once);
});

const scenarios = {
  churn: [...churn('pump-0042', t0, 3)],
  mixed: [...churn('pump-0042', t0, 3), connect('gw-01', t0), ...lockedOut('gw-01', new Date(t0.getTime() + 60_000), 5)],
  locked: [connect('gw-01', t0), ...lockedOut('gw-01', new Date(t0.getTime() + 60_000), 5)],
};

prop.prop(
  [fc.constantFrom(...(Object.keys(scenarios) as (keyof typeof scenarios)[])), fc.constantFrom('errorLines', 'jsonLines', 'csv', 'tsvProjected') , fc.boolean(), fc.array(fc.constantFrom('', '   ', 'some unrelated chatter', '-- copied from portal --', 'INFO heartbeat ok'), { maxLength: 5 }), fc.nat(1000)],
  { seed, numRuns: 150 },
)('the verdict is invariant to CRLF, trailing whitespace and noise lines', (name, shape, crlf, noiseLines, pos) => {
  const base = render[shape as 'errorLines'](scenarios[name]);
  const expected = triage(base, { now }).verdict;
  let lines = base.split('\n').map((l) => `${l}  `);
  // noise goes before the first line or after the last one (inside a CSV table it would end the table)
  lines = pos % 2 ? [...noiseLines, ...lines] : [...lines, ...noiseLines];
  const text = lines.join(crlf ? '\r\n' : '\n');
  expect(triage(text, { now }).verdict).toBe(expected);
});
