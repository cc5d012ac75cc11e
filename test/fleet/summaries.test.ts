// Query rows -> per-device verdicts with the engine's own rules, kinds and ordering.
import { fleetResultFromTables, type FleetTable } from '../../src/fleet/summaries';
import { ruleOnDevice } from '../../src/triage/deviceRules';
import { FLEET_COLUMNS } from '../../src/triage/fleetKql';
import { containsSecret } from '../../src/triage/redact';

type Row = Partial<Record<(typeof FLEET_COLUMNS)[number], unknown>>;

function table(rows: Row[]): FleetTable {
  return { columns: [...FLEET_COLUMNS], rows: rows.map((r) => FLEET_COLUMNS.map((c) => r[c] ?? null)) };
}

const ctx = { hub: 'contoso-iot-prod', since: '24h', query: 'AzureDiagnostics | take 1' };
const device = (id: string, r: Row = {}): Row => ({ RowKind: 'device', DeviceId: id, ...r });
const KEY = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0xcv=';

describe('fleetResultFromTables', () => {
  test('the summary is ruled by ruleOnDevice: churn, locked out, error-only churn and retries', () => {
    const rows = [
      device('churner', { Unauthorized: 5, Connected: 5, Recovered: 5, Trailing: 0, ClosedRemotely: 5, MedianIntervalMinutes: 65, MedianReconnectSeconds: 4 }),
      device('locked', { Unauthorized: 6, Connected: 1, Recovered: 0, Trailing: 6 }),
      device('pairs', { Unauthorized: 3, Connected: 0, SpacedPairs: 3, ClosedRemotely: 3 }),
      device('retrier', { Unauthorized: 5, Connected: 0, Retries: 4 }),
      device('quiet', { Connected: 3 }),
    ];
    const r = fleetResultFromTables([table(rows)], ctx);
    const by = Object.fromEntries(r.devices.map((d) => [d.deviceId, d]));
    expect(by.churner.verdict).toBe('token-expiry-churn');
    expect(by.churner.kinds).toEqual(['token-expiry-churn']);
    expect(by.locked.verdict).toBe('credential-problem');
    expect(by.locked.kinds).toEqual(['unrecovered-unauthorized']);
    expect(by.pairs.verdict).toBe('token-expiry-churn');
    expect(by.retrier.verdict).toBe('credential-problem');
    expect(by.quiet.verdict).toBe('inconclusive');
    for (const d of r.devices) {
      const ruling = ruleOnDevice(d.summary);
      expect(d.kinds.includes('token-expiry-churn')).toBe(ruling.churn);
      expect(d.kinds.includes('unrecovered-unauthorized')).toBe(ruling.unrecovered);
    }
    expect(r.devices.map((d) => d.deviceId)).toEqual(['locked', 'retrier', 'churner', 'pairs', 'quiet']);
    expect(r.totals).toEqual({ churn: 2, credential: 2, fine: 1, other: 0, devices: 5 });
    expect(by.churner.summary).toMatchObject({ medianIntervalMinutes: 65, medianReconnectSeconds: 4 });
  });

  test('credential messages get their kind from the engine matcher; codes from the code table', () => {
    const r = fleetResultFromTables(
      [
        table([
          device('cam-7', {
            CredentialRows: 4,
            TopDescriptions: JSON.stringify([
              { description: 'Thumbprint does not match configuration: Thumbprint: SHA1Hash=AB12, SHA2Hash=CD34; Configuration: PrimaryThumbprint=EF56, SecondaryThumbprint=', code: '401003', count: 4, credential: true },
            ]),
          }),
          device('ghost', { CredentialRows: 2, TopDescriptions: [{ description: "IotHub 'contoso-iot-prod' does not contain the specified device 'ghost'", code: '401003', count: 2, credential: true }] }),
          device('denied', { CredentialCodes: 3, TopDescriptions: [{ description: 'IotHubUnauthorizedAccess', code: '401002', count: 3, credential: false }] }),
          device('flaky', { OtherCodes: 9, TopDescriptions: [{ description: 'ServerError', code: '500001', count: 9, credential: false }] }),
          device('unnamed', { CredentialRows: 1, TopDescriptions: null }),
        ]),
      ],
      ctx,
    );
    const kinds = Object.fromEntries(r.devices.map((d) => [d.deviceId, [d.verdict, d.kinds]]));
    expect(kinds['cam-7']).toEqual(['credential-problem', ['thumbprint-mismatch']]);
    expect(kinds.ghost).toEqual(['credential-problem', ['device-not-registered']]);
    expect(kinds.denied).toEqual(['credential-problem', ['credentials-rejected']]);
    expect(kinds.flaky).toEqual(['not-auth-related', ['other-iothub-error']]);
    // The query saw a credential message but returned no description of it: still a credential problem.
    expect(kinds.unnamed).toEqual(['credential-problem', ['credentials-rejected']]);
    expect(r.totals).toEqual({ churn: 0, credential: 4, fine: 0, other: 1, devices: 5 });
    expect(r.devices.find((d) => d.deviceId === 'cam-7')!.topDescriptions[0]).toMatchObject({ count: 4 });
  });

  test('a description carrying a key is redacted before anything can show it', () => {
    const r = fleetResultFromTables([table([device('leaky', { CredentialRows: 1, TopDescriptions: [{ description: `Authentication failed for this device, renew token or certificate and reconnect HostName=h.azure-devices.net;DeviceId=leaky;SharedAccessKey=${KEY}`, code: '401003', count: 1, credential: true }] })])], ctx);
    const json = JSON.stringify(r);
    expect(json).not.toContain(KEY);
    expect(containsSecret(json)).toBe(false);
    expect(r.devices[0].kinds).toEqual(['authentication-failed']);
  });

  test('capped: the totals come from the workspace; complete: from the engine rules over the rows', () => {
    const rows = [device('a', { Unauthorized: 3, Connected: 1, Trailing: 3 }), device('b', { Unauthorized: 2, Connected: 2, Recovered: 2 })];
    const capped = fleetResultFromTables([table([...rows, { RowKind: 'totals', TotalDevices: 900, TotalChurn: 700, TotalCredential: 150, TotalOther: 10, TotalFine: 40 }])], ctx);
    expect(capped.truncated).toBe(true);
    expect(capped.totals).toEqual({ churn: 700, credential: 150, fine: 40, other: 10, devices: 900 });
    const complete = fleetResultFromTables([table([...rows, { RowKind: 'totals', TotalDevices: 2, TotalChurn: 2, TotalCredential: 0, TotalOther: 0, TotalFine: 0 }])], ctx);
    expect(complete.truncated).toBe(false);
    expect(complete.totals).toEqual({ churn: 1, credential: 1, fine: 0, other: 0, devices: 2 });
  });

  test('odd rows degrade: no id is skipped, junk counts read as 0, duplicates once, other columns ignored', () => {
    const t: FleetTable = {
      columns: ['RowKind', 'DeviceId', 'Unauthorized', 'Connected', 'Trailing', 'FirstSeen', 'Extra'],
      rows: [
        ['device', '', 5, 1, 5, null, 1],
        ['device', 'd1', 'lots', -3, null, 'not a date', 'x'],
        ['device', 'd1', 9, 9, 9, null, 'x'],
        'not a row' as unknown as unknown[],
        ['device', 'd2', 2, 1, 2, new Date('2026-05-01T00:00:00Z'), null],
      ],
    };
    const r = fleetResultFromTables([t], ctx);
    expect(r.devices.map((d) => d.deviceId)).toEqual(['d2', 'd1']);
    expect(r.devices[1].summary).toMatchObject({ unauthorized: 0, connected: 0, trailing: 0, firstSeen: undefined });
    expect(r.devices[0].summary.firstSeen).toBe('2026-05-01T00:00:00.000Z');
    expect(fleetResultFromTables([], ctx)).toMatchObject({ devices: [], truncated: false, totals: { devices: 0 } });
  });
});
