// Text as chat clients deliver it: HTML, entities, CRLF, newlines dropped, junk.
import { fc, test as fcProp } from '@fast-check/jest';
import { triage } from '../../src/triage';
import { htmlToText } from '../../src/triage/normalize';
import { churn, lockedOut, render } from './synth';

const now = new Date('2026-11-29T18:00:00Z');
const t0 = new Date('2026-11-29T08:00:00Z');

test('Teams HTML (<p>, <br>, entities) is read as lines', () => {
  const lines = render.errorLines(churn('pump-0042', t0, 3)).split('\n');
  const html = `<p>Hi team, we see this &amp; it worries us:</p><p>${lines.join('<br>')}</p><p>Is this a real problem?&nbsp;</p>`;
  const t = triage(html, { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.devices[0].churnEpisodes).toBe(3);
});

test('JSON inside HTML with &quot; entities is still JSON', () => {
  const html = render.jsonLines(churn('pump-0042', t0, 2)).replace(/"/g, '&quot;').split('\n').join('<br/>');
  const t = triage(html, { now });
  expect(t.recognised.shapes).toContain('resource-log-json');
  expect(t.verdict).toBe('token-expiry-churn');
});

test('Windows line endings change nothing', () => {
  const text = render.csv([...churn('pump-0042', t0, 3), ...lockedOut('gw-01', t0, 4)]);
  const a = triage(text, { now });
  const b = triage(text.replace(/\n/g, '\r\n'), { now });
  expect(b.verdict).toBe(a.verdict);
  expect(b.devices.map((d) => [d.deviceId, d.verdict])).toEqual(a.devices.map((d) => [d.deviceId, d.verdict]));
});

test.each([
  ['errorLines', ' '],
  ['jsonLines', ' '],
  ['errorLines', ''],
  ['jsonLines', ''],
] as const)('%s run together into one line (newlines dropped, joined by %j) still read as churn', (shape, sep) => {
  const text = render[shape](churn('pump-0042', t0, 4, 60, 25)).split('\n').join(sep);
  const t = triage(text, { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.devices[0].churnEpisodes).toBe(4);
  expect(t.devices[0].tokenLifetimeMinutes).toBe(60);
});

test('a short paste of three lines joined with nothing between them is still one episode', () => {
  const text = render.errorLines(churn('pump-0042', t0, 1, 60, 2)).split('\n').join('');
  const t = triage(text, { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.devices[0].churnEpisodes).toBe(1);
});

test('a run-together thumbprint error with a greeting is a credential problem', () => {
  const text =
    "hi bot, gateway won't connect: 2026-11-29T10:00:00Z deviceConnect 401003 Thumbprint does not match configuration: Thumbprint: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=AA; Configuration: PrimaryThumbprint=BB0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6C, SecondaryThumbprint= deviceId=gateway-eu-01 thanks";
  const t = triage(text, { now });
  expect(t.verdict).toBe('credential-problem');
  expect(t.findings.find((f) => f.kind === 'thumbprint-mismatch')?.deviceId).toBe('gateway-eu-01');
});

test('empty, whitespace and binary input get a clear inconclusive answer', () => {
  expect(triage('', { now }).notes.map((n) => n.code)).toContain('empty-input');
  expect(triage('   \n\t ', { now }).notes.map((n) => n.code)).toContain('empty-input');
  const binary = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
  const t = triage(binary, { now });
  expect(t.verdict).toBe('inconclusive');
  expect(t.notes.map((n) => n.code)).toContain('binary-input');
});

test('input over maxBytes is truncated with a note, not refused', () => {
  const text = render.jsonLines(churn('pump-0042', t0, 10));
  const t = triage(text, { now, maxBytes: 2000 });
  expect(t.input.truncated).toBe(true);
  expect(t.notes.map((n) => n.code)).toContain('input-truncated');
});

test('evidence keeps line numbers of the input', () => {
  const text = `Hello\n\n${render.errorLines(churn('pump-0042', t0, 2))}`;
  const f = triage(text, { now }).findings.find((x) => x.kind === 'token-expiry-churn')!;
  expect(f.evidence[0].line).toBe(3);
  expect(f.evidence[0].text).toContain('401003');
});

test('{"records": [...]} places each record on its own line', () => {
  const t = triage(render.records(churn('pump-0042', t0, 2)), { now });
  const lines = t.findings[0].evidence.map((e) => e.line);
  expect(new Set(lines).size).toBe(lines.length);
  expect(lines[0]).toBeGreaterThan(1);
});

test('Event Grid DeviceConnected/DeviceDisconnected events are recognised', () => {
  const events = [0, 65].flatMap((m) => [
    { id: `a${m}`, topic: '/SUBSCRIPTIONS/x/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/contoso-iot-prod', subject: 'devices/pump-0042', eventType: 'Microsoft.Devices.DeviceDisconnected', eventTime: new Date(t0.getTime() + m * 60_000).toISOString(), data: { deviceConnectionStateEventInfo: { sequenceNumber: '000000000000000001D4132452F67CE200000002000000000000000000000001' }, hubName: 'contoso-iot-prod', deviceId: 'pump-0042' }, dataVersion: '', metadataVersion: '1' },
    { id: `b${m}`, topic: '/SUBSCRIPTIONS/x', subject: 'devices/pump-0042', eventType: 'Microsoft.Devices.DeviceConnected', eventTime: new Date(t0.getTime() + m * 60_000 + 20_000).toISOString(), data: { hubName: 'contoso-iot-prod', deviceId: 'pump-0042' }, dataVersion: '', metadataVersion: '1' },
  ]);
  const t = triage(JSON.stringify(events, null, 2), { now });
  expect(t.recognised.shapes).toContain('event-grid');
  expect(t.recognised.deviceIds).toContain('pump-0042');
  expect(t.recognised.hubs).toContain('contoso-iot-prod');
});

// Entities decode exactly once whichever way htmlToText takes: the plain replacements it uses when there
// is no numeric entity must agree with one decoding pass over every entity (the reference below).
const ENTITY = { nbsp: ' ', quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" } as Record<string, string>;
const oncePass = (s: string) => s.replace(/&(nbsp|quot|lt|gt|amp|apos);/gi, (_m, n: string) => ENTITY[n.toLowerCase()]);
fcProp.prop([fc.array(fc.constantFrom('&', 'amp;', 'AMP;', 'lt;', 'gt;', 'quot;', 'nbsp;', 'apos;', 'x', ' ', ';', '&amp;', '&lt;'), { maxLength: 30 })], { seed: 3, numRuns: 500 })(
  'named entities decode exactly once (&amp;lt; stays &lt;)',
  (parts) => {
    const text = `<p>${parts.join('')}</p>`;
    expect(htmlToText(text)).toBe(oncePass(parts.join('')) + '\n');
  },
);
