// Representative Triage objects built by hand (the engine is developed in parallel), shaped like
// what it will produce: redacted evidence, devices with episodes, notes, registry state.
import { redact } from '../../src/triage/redact';
import type {
  ChurnEpisode,
  DeviceRecord,
  DeviceSummary,
  Evidence,
  Finding,
  FindingKind,
  Note,
  Triage,
  Verdict,
} from '../../src/triage/types';
import type { Explanation } from '../../src/cards';

export const NOW = '2024-05-01T12:00:00.000Z';

function ev(line: number, text: string): Evidence {
  return { line, text: redact(text).text };
}

export function finding(kind: FindingKind, deviceId: string | undefined, evidence: Evidence[], details: Finding['details'] = {}): Finding {
  return { kind, ...(deviceId !== undefined && { deviceId }), hub: 'contoso-hub', evidence, details, source: 'paste' };
}

/** Hourly churn episodes: 401003 at hh:00:03, reconnect after 2 s, next one 65 min later. */
export function episodes(n: number, startIso = '2024-05-01T01:00:03.000Z'): ChurnEpisode[] {
  const start = Date.parse(startIso);
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 65 * 60_000);
    return {
      at: at.toISOString(),
      line: 1 + i * 3,
      closedRemotelyAt: at.toISOString(),
      reconnectedAt: new Date(at.getTime() + 2000).toISOString(),
      reconnectSeconds: 2,
      ...(i < n - 1 && { gapToNextMinutes: 65 }),
    };
  });
}

export function device(deviceId: string, verdict: Verdict, extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    deviceId,
    hub: 'contoso-hub',
    verdict,
    kinds: verdict === 'token-expiry-churn' ? ['token-expiry-churn'] : verdict === 'credential-problem' ? ['thumbprint-mismatch'] : [],
    counts: { unauthorized: 3, closedRemotely: 3, connected: 3, otherErrors: 0 },
    endsWith: verdict === 'credential-problem' ? 'unauthorized' : 'connected',
    episodes: [],
    churnEpisodes: 0,
    protocol: 'Mqtt',
    ...extra,
  };
}

function base(verdict: Verdict, over: Partial<Triage>): Triage {
  return {
    verdict,
    findings: [],
    devices: [],
    recognised: {
      shapes: ['error-lines'],
      records: 12,
      codes: [
        { code: '401003', name: 'IoTHubUnauthorized', count: 4, authRelated: true },
        { code: '404104', name: 'DeviceConnectionClosedRemotely', count: 4, authRelated: false },
      ],
      hubs: ['contoso-hub'],
      deviceIds: [],
      sasTokens: [],
      connectionStrings: [],
    },
    notes: [],
    kql: 'AzureDiagnostics\n| where ResourceProvider == "MICROSOFT.DEVICES" and Category == "Connections"\n| where DeviceId == "thermostat-07"',
    input: { bytes: 1200, lines: 12, truncated: false, secretsRedacted: 0 },
    now: NOW,
    ...over,
  };
}

export const churn: Triage = base('token-expiry-churn', {
  findings: [
    finding('token-expiry-churn', 'thermostat-07', [
      ev(1, '2024-05-01T01:00:03Z deviceConnect thermostat-07 401003 IoTHubUnauthorized'),
      ev(2, '2024-05-01T01:00:03Z deviceDisconnect thermostat-07 404104 DeviceConnectionClosedRemotely'),
      ev(3, '2024-05-01T01:00:05Z deviceConnect thermostat-07 Connected'),
    ], { episodes: 12, tokenLifetimeMinutes: 65, medianReconnectSeconds: 2 }),
    finding('token-expiry-churn', 'thermostat-08', [ev(40, '2024-05-01T01:10:00Z deviceConnect thermostat-08 401003 IoTHubUnauthorized')], { episodes: 2 }),
  ],
  devices: [
    device('thermostat-07', 'token-expiry-churn', { episodes: episodes(12), churnEpisodes: 12, tokenLifetimeMinutes: 65, medianReconnectSeconds: 2 }),
    device('thermostat-08', 'token-expiry-churn', {
      episodes: episodes(2, '2024-05-01T01:10:00.000Z'),
      churnEpisodes: 2,
      tokenLifetimeMinutes: 65,
      medianReconnectSeconds: 2,
      registry: { found: true, status: 'enabled', authType: 'sas', connectionState: 'Connected', lastActivityTime: '2024-05-01T11:59:00Z' },
    }),
  ],
});

export const credential: Triage = base('credential-problem', {
  findings: [
    finding('thumbprint-mismatch', 'pump-0042', [
      ev(7, 'Thumbprint does not match configuration: Thumbprint: SHA1Hash=1111111111111111111111111111111111111111, SHA2Hash=22; Configuration: PrimaryThumbprint=3333333333333333333333333333333333333333, SecondaryThumbprint='),
    ], { presentedSha1: '1111111111111111111111111111111111111111', configuredPrimary: '3333333333333333333333333333333333333333' }),
    finding('device-disabled', 'pump-0042', [], { statusReason: 'decommissioned' }),
  ],
  devices: [
    device('pump-0042', 'credential-problem', {
      kinds: ['thumbprint-mismatch', 'device-disabled'],
      counts: { unauthorized: 9, closedRemotely: 0, connected: 0, otherErrors: 0 },
      registry: {
        found: true,
        status: 'disabled',
        statusReason: 'decommissioned by ops',
        authType: 'selfSigned',
        connectionState: 'Disconnected',
        lastActivityTime: '2024-04-30T08:00:00Z',
        statusUpdatedTime: '2024-04-29T10:00:00Z',
      },
    }),
  ],
});

/** n devices, alternating credential problems and churn, with a finding each. */
export function mixed(n: number, evidenceChars = 80): Triage {
  const devices: DeviceSummary[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const id = `dev-${String(i).padStart(5, '0')}`;
    const bad = i % 2 === 0;
    devices.push(
      device(id, bad ? 'credential-problem' : 'token-expiry-churn', bad ? { counts: { unauthorized: 5 + (i % 7), closedRemotely: 0, connected: 0, otherErrors: 0 } } : { episodes: episodes(3), churnEpisodes: 3 }),
    );
    const text = `${id} 401003 IoTHubUnauthorized `.padEnd(evidenceChars, 'x');
    findings.push(finding(bad ? 'sas-signature-invalid' : 'token-expiry-churn', id, [ev(i + 1, text), ev(i + 2, text)]));
  }
  return base('mixed', { devices, findings, recognised: { ...base('mixed', {}).recognised, records: n * 3 }, input: { bytes: n * 200, lines: n * 3, truncated: false, secretsRedacted: 0 } });
}

export const inconclusive: Triage = base('inconclusive', {
  recognised: { shapes: ['device-id'], records: 1, codes: [], hubs: [], deviceIds: ['sensor-19'], sasTokens: [], connectionStrings: [] },
  notes: [{ code: 'paste-more-context' }, { code: 'no-timestamps' }, { code: 'run-kql' }],
});

export const notAuth: Triage = base('not-auth-related', {
  findings: [finding('other-iothub-error', 'meter-3', [ev(2, '2024-05-01T09:00:00Z 429001 ThrottlingException')], { errorCode: '429001', errorName: 'ThrottlingException' })],
  devices: [device('meter-3', 'not-auth-related', { kinds: ['other-iothub-error'], counts: { unauthorized: 0, closedRemotely: 0, connected: 1, otherErrors: 4 } })],
  recognised: { shapes: ['error-lines'], records: 4, codes: [{ code: '429001', name: 'ThrottlingException', count: 4, authRelated: false }], hubs: [], deviceIds: ['meter-3'], sasTokens: [], connectionStrings: [] },
});

/** The raw secret used by secret fixtures, so tests can assert it never appears. */
export const RAW_KEY = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0xcv=';
export const RAW_SIG = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2B%2F%3D';

export const secret: Triage = base('credential-problem', {
  findings: [
    finding('secret-exposed', undefined, [ev(1, `HostName=contoso-hub.azure-devices.net;DeviceId=sensor-19;SharedAccessKey=${RAW_KEY}`)], {
      secretKinds: ['shared-access-key', 'connection-string'],
    }),
    finding('sas-token-expired', 'sensor-19', [ev(3, `SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fsensor-19&sig=${RAW_SIG}&se=1714550400`)], {
      expiresAt: '2024-05-01T08:00:00Z',
      expiredMinutesAgo: 240,
    }),
  ],
  devices: [device('sensor-19', 'credential-problem', { kinds: ['sas-token-expired'] })],
  notes: [{ code: 'secrets-redacted', params: { count: 2 } }],
  input: { bytes: 300, lines: 3, truncated: false, secretsRedacted: 2 },
});

export const registryFailure: Triage = base('credential-problem', {
  findings: [finding('device-not-registered', 'sensor-19', [ev(2, "IotHub 'contoso-hub' does not contain the specified device 'sensor-19'")])],
  devices: [device('sensor-19', 'credential-problem', { kinds: ['device-not-registered'], registry: { found: false } })],
  notes: [{ code: 'registry-unauthorized', params: { hub: 'contoso-hub.azure-devices.net' } } as Note, { code: 'look-up-device' }],
});

export function explanationFor(t: Triage, lang: 'en' | 'nl' = 'en'): Explanation {
  return {
    verdict: t.verdict,
    text: 'The device reconnects about every 65 minutes.\n\nThat matches the token lifetime, so this is the SDK renewing its token.',
    followUpQuestions: ['Why every 65 minutes?', 'Can I make the token last longer?'],
    lang,
  };
}

/** Every representative triage, by name. */
export const ALL: Record<string, Triage> = {
  churn,
  credential,
  mixed: mixed(40),
  inconclusive,
  notAuth,
  secret,
  registryFailure,
};

export const record: DeviceRecord = {
  deviceId: 'pump-0042',
  hub: 'contoso-hub.azure-devices.net',
  status: 'disabled',
  statusReason: 'decommissioned by ops',
  authType: 'sas',
  primaryKey: RAW_KEY,
  secondaryKey: 'z9x8c7v6b5n4m3l2k1j0h9g8f7d6s5a4p3o2i1u0ytr=',
  connectionState: 'Disconnected',
  lastActivityTime: '2024-04-30T08:00:00Z',
  statusUpdatedTime: '2024-04-29T10:00:00Z',
  connectionStateUpdatedTime: '2024-04-30T08:00:05Z',
  modules: ['edgeAgent', 'edgeHub'],
};

/** Evidence an attacker could paste: Markdown links, HTML, emphasis, a template binding. */
export const INJECTION = '[click me](https://evil.example/x) <img src=x onerror=alert(1)> **bold** _it_ <a href="https://evil.example">a</a>';
