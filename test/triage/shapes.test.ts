// One synthetic event set, every input shape: the verdict and the per-device verdicts must agree.
import { triage } from '../../src/triage';
import { churn, connect, lockedOut, render, SHAPES } from './synth';

const now = new Date('2026-11-29T18:00:00Z');
const t0 = new Date('2026-11-29T08:00:00Z');

describe.each(SHAPES)('shape %s', (shape) => {
  const r = (evs: Parameters<typeof render.jsonLines>[0]) => triage(render[shape](evs), { now });

  test('periodic 401003 -> 404104 -> reconnect is token-expiry churn with the token lifetime', () => {
    const t = r([...churn('pump-0042', t0, 4, 65, 20), ...churn('sensor-ams-17', new Date(t0.getTime() + 7 * 60_000), 3, 60, 35)]);
    expect(t.verdict).toBe('token-expiry-churn');
    const pump = t.devices.find((d) => d.deviceId === 'pump-0042');
    expect(pump?.verdict).toBe('token-expiry-churn');
    expect(pump?.churnEpisodes).toBe(4);
    expect(pump?.tokenLifetimeMinutes).toBe(65);
    expect(t.devices.find((d) => d.deviceId === 'sensor-ams-17')?.tokenLifetimeMinutes).toBe(60);
    expect(t.findings.filter((f) => f.kind === 'token-expiry-churn').map((f) => f.deviceId).sort()).toEqual(['pump-0042', 'sensor-ams-17']);
  });

  test('401003 that keeps repeating with no reconnect is unrecovered-unauthorized', () => {
    const t = r([connect('pump-0107', t0), ...lockedOut('pump-0107', new Date(t0.getTime() + 3_600_000), 6)]);
    expect(t.verdict).toBe('credential-problem');
    expect(t.findings.map((f) => f.kind)).toContain('unrecovered-unauthorized');
  });

  test('churning devices beside a locked-out one are mixed', () => {
    const t = r([...churn('pump-0042', t0, 3), connect('gateway-eu-01', t0), ...lockedOut('gateway-eu-01', new Date(t0.getTime() + 600_000), 5)]);
    expect(t.verdict).toBe('mixed');
    expect(t.devices.find((d) => d.deviceId === 'pump-0042')?.verdict).toBe('token-expiry-churn');
    expect(t.devices.find((d) => d.deviceId === 'gateway-eu-01')?.verdict).toBe('credential-problem');
  });

  test('a device that churned and then stopped reconnecting has a credential problem', () => {
    const evs = [...churn('pump-0042', t0, 3), ...lockedOut('pump-0042', new Date(t0.getTime() + 3 * 65 * 60_000), 4, 60)];
    const t = r(evs);
    expect(t.devices.find((d) => d.deviceId === 'pump-0042')?.verdict).toBe('credential-problem');
    expect(t.verdict).toBe('credential-problem');
  });
});

test('error-only export: periodic 401003+404104 pairs without connect rows still read as churn, reconnects noted missing', () => {
  const t = triage(render.jsonLines(churn('pump-0042', t0, 4, 60, -1)), { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.findings[0].details.reconnectsMissing).toBe(true);
  expect(t.notes.map((n) => n.code)).toContain('reconnects-missing');
});

test('error-only export with 401003 every 90 s is not churn', () => {
  const evs = lockedOut('pump-0042', t0, 8, 90).flatMap((e) => [e, { ...e, at: new Date(e.at.getTime() + 300), code: '404104', desc: 'DeviceConnectionClosedRemotely', op: 'deviceDisconnect' as const }]);
  const t = triage(render.jsonLines(evs), { now });
  expect(t.verdict).toBe('credential-problem');
  expect(t.findings.map((f) => f.kind)).toContain('unrecovered-unauthorized');
});

test('a single unconfirmed 401003+404104 pair is not decisive', () => {
  const t = triage(render.jsonLines(churn('pump-0042', t0, 1, 60, -1)), { now });
  expect(t.verdict).toBe('inconclusive');
  expect(t.kql).toContain('pump-0042');
});

test('shapes are recognised by name', () => {
  const evs = churn('pump-0042', t0, 2);
  expect(triage(render.jsonLines(evs), { now }).recognised.shapes).toContain('resource-log-json');
  expect(triage(render.csv(evs), { now }).recognised.shapes).toContain('log-analytics-csv');
  expect(triage(render.tsvProjected(evs), { now }).recognised.shapes).toContain('log-analytics-tsv');
  expect(triage(render.azMonitorJson(evs), { now }).recognised.shapes).toContain('log-analytics-json');
  expect(triage(render.errorLines(evs), { now }).recognised.shapes).toContain('error-lines');
});

test('US-style portal timestamps are read as the same instants as ISO ones', () => {
  const evs = churn('pump-0042', t0, 3, 62, 15);
  const a = triage(render.csv(evs, true), { now });
  const b = triage(render.csv(evs, false), { now });
  expect(a.devices[0].episodes.map((e) => e.at)).toEqual(b.devices[0].episodes.map((e) => e.at));
  expect(a.devices[0].episodes[0].at).toBe('2026-11-29T08:00:00.000Z');
});
