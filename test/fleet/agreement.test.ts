// One set of rules: the same synthetic events, judged by the paste engine from raw rows and by the
// fleet path (the query's aggregation, mirrored in kqlReference.ts, then ruleOnDevice/verdictForKinds),
// give every device the same verdict, token lifetime and reconnect time.
import fc from 'fast-check';
import { bucketOf, fleetResultFromTables } from '../../src/fleet/summaries';
import { triage } from '../../src/triage';
import { render } from '../triage/synth';
import { referenceDevices, referenceTable } from './kqlReference';
import { CREDENTIAL_MESSAGES, eventsOf, fleetHistories, HUB, laRow } from './synthFleet';
import { churn, connect, lockedOut } from '../triage/synth';

const NOW = new Date('2026-05-09T00:00:00Z');

function compare(histories: Parameters<typeof eventsOf>[0]): void {
  const events = eventsOf(histories);
  const engine = triage(render.jsonLines(events), { now: NOW });
  const rows = events.map(laRow);
  const fleet = fleetResultFromTables([referenceTable(rows, HUB)], { hub: HUB, since: '7d', query: '' });
  const fleetById = new Map(fleet.devices.map((d) => [d.deviceId, d]));
  expect(new Set(fleetById.keys())).toEqual(new Set(engine.devices.map((d) => d.deviceId)));
  for (const d of engine.devices) {
    const f = fleetById.get(d.deviceId)!;
    const s = f.summary;
    const got = {
      verdict: f.verdict,
      tokenLifetimeMinutes: s.medianIntervalMinutes !== undefined ? Math.round(s.medianIntervalMinutes) : undefined,
      medianReconnectSeconds: s.medianReconnectSeconds !== undefined ? Math.round(s.medianReconnectSeconds * 10) / 10 : undefined,
      closedRemotely: s.closedRemotely,
      connected: s.connected,
    };
    const want = {
      verdict: d.verdict,
      tokenLifetimeMinutes: d.tokenLifetimeMinutes,
      medianReconnectSeconds: d.medianReconnectSeconds,
      closedRemotely: d.counts.closedRemotely,
      connected: d.counts.connected,
    };
    expect({ deviceId: d.deviceId, ...got }).toEqual({ deviceId: d.deviceId, ...want });
  }
  // The query's own ruling (used for its totals and its ordering) agrees with the engine's too.
  for (const r of referenceDevices(rows, HUB)) expect([r.DeviceId, r.Ruling]).toEqual([r.DeviceId, bucketOf(fleetById.get(r.DeviceId)!.verdict)]);
}

describe('fleet query and paste engine agree', () => {
  test('hand-picked histories: churn, locked out, churn then locked, error-only, credential message', () => {
    const t0 = new Date('2026-05-01T00:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const events = [
      ...churn('churner', t0, 5),
      connect('locked', t0),
      ...lockedOut('locked', at(1), 6),
      ...churn('churn-then-locked', t0, 3),
      ...lockedOut('churn-then-locked', at(200), 5),
      ...churn('error-only', t0, 4, 65, -1),
      ...lockedOut('thumbprint', t0, 3, 90, CREDENTIAL_MESSAGES[0]),
    ];
    const engine = triage(render.jsonLines(events), { now: NOW });
    const fleet = fleetResultFromTables([referenceTable(events.map(laRow), HUB)], { hub: HUB, since: '7d', query: '' });
    const verdicts = Object.fromEntries(fleet.devices.map((d) => [d.deviceId, d.verdict]));
    expect(verdicts).toEqual(Object.fromEntries(engine.devices.map((d) => [d.deviceId, d.verdict])));
    // And the verdicts are the expected ones, so agreement is not agreement on nonsense.
    expect(verdicts).toEqual({
      churner: 'token-expiry-churn',
      locked: 'credential-problem',
      'churn-then-locked': 'credential-problem',
      'error-only': 'token-expiry-churn',
      thumbprint: 'credential-problem',
    });
    expect(fleet.devices.find((d) => d.deviceId === 'thumbprint')!.kinds).toContain('thumbprint-mismatch');
    expect(fleet.devices.find((d) => d.deviceId === 'churn-then-locked')!.kinds).toEqual(['unrecovered-unauthorized', 'token-expiry-churn']);
    expect(fleet.totals).toEqual({ churn: 2, credential: 3, fine: 0, other: 0, devices: 5 });
  });

  test('randomised fleets: same verdict, token lifetime and reconnect time for every device', () => {
    fc.assert(
      fc.property(fleetHistories, (histories) => {
        compare(histories);
      }),
      { numRuns: 250 },
    );
  });
});
