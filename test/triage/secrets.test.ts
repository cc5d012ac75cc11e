// Secrets are redacted before anything else; tokens and connection strings keep only what is useful.
import { createHmac } from 'node:crypto';
import { containsSecret, redact, triage } from '../../src/triage';

const now = new Date('2026-11-29T12:00:00Z');
const KEY = 'q83vEjRWeJ+rze8SNFZ4kKvN7xI0VniQq83vEjRWeJA='; // fake 32-byte key
const SERVICE_KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=';

function sasToken(resource: string, key: string, expiry: number, policy?: string): { token: string; sig: string } {
  const toSign = `${encodeURIComponent(resource.toLowerCase())}\n${expiry}`;
  const sig = createHmac('sha256', Buffer.from(key, 'base64')).update(toSign).digest('base64');
  const token = `SharedAccessSignature sr=${encodeURIComponent(resource)}&sig=${encodeURIComponent(sig)}&se=${expiry}${policy ? `&skn=${policy}` : ''}`;
  return { token, sig };
}

function serialised(t: unknown): string {
  return JSON.stringify(t);
}

test('a device connection string: key redacted, host and device kept, secret-exposed raised', () => {
  const cs = `HostName=contoso-iot-prod.azure-devices.net;DeviceId=pump-0042;SharedAccessKey=${KEY}`;
  const t = triage(`my device uses ${cs} and gets 401003`, { now });
  expect(serialised(t)).not.toContain(KEY);
  expect(t.recognised.connectionStrings[0]).toMatchObject({ hub: 'contoso-iot-prod', deviceId: 'pump-0042', kind: 'device', auth: 'shared-access-key' });
  const f = t.findings.find((x) => x.kind === 'secret-exposed')!;
  expect(f.details.secretKinds).toEqual(expect.arrayContaining(['shared-access-key', 'connection-string']));
  expect(f.evidence[0].text).toContain('SharedAccessKey=[REDACTED]');
  expect(t.input.secretsRedacted).toBe(1);
});

test('module, service and x509 connection strings are told apart', () => {
  const text = [
    `HostName=contoso-iot-prod.azure-devices.net;DeviceId=gw-01;ModuleId=opcua;SharedAccessKey=${KEY}`,
    `HostName=contoso-iot-prod.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=${SERVICE_KEY}`,
    'HostName=contoso-iot-prod.azure-devices.net;DeviceId=gateway-eu-01;x509=true',
  ].join('\n');
  const t = triage(text, { now });
  expect(t.recognised.connectionStrings.map((c) => [c.kind, c.auth])).toEqual([
    ['module', 'shared-access-key'],
    ['service', 'shared-access-key'],
    ['device', 'x509'],
  ]);
  expect(t.recognised.connectionStrings[1].policy).toBe('registryRead');
  expect(serialised(t)).not.toContain(SERVICE_KEY);
});

test('an expired device SAS token is sas-token-expired; sr, se and the scope are decoded; sig never kept', () => {
  const se = Math.floor(Date.parse('2026-11-29T10:30:00Z') / 1000);
  const { token, sig } = sasToken('contoso-iot-prod.azure-devices.net/devices/pump-0042', KEY, se);
  const t = triage(`password: ${token}`, { now });
  const tok = t.recognised.sasTokens[0];
  expect(tok).toMatchObject({ scope: 'device', hub: 'contoso-iot-prod', deviceId: 'pump-0042', expired: true, expiresAt: '2026-11-29T10:30:00.000Z' });
  const f = t.findings.find((x) => x.kind === 'sas-token-expired')!;
  expect(f.details.expiredMinutesAgo).toBe(90);
  expect(f.deviceId).toBe('pump-0042');
  expect(t.verdict).toBe('credential-problem');
  expect(serialised(t)).not.toContain(sig);
  expect(serialised(t)).not.toContain(encodeURIComponent(sig));
  expect(tok.stringToSign).toBe(`contoso-iot-prod.azure-devices.net%2Fdevices%2Fpump-0042\n${se}`);
  expect(tok.signatureSha256).toMatch(/^[0-9a-f]{64}$/);
});

test('a valid token is recognised, not a finding beyond the exposure', () => {
  const se = Math.floor(Date.parse('2026-11-29T13:00:00Z') / 1000);
  const t = triage(sasToken('contoso-iot-prod.azure-devices.net/devices/pump-0042/modules/edgeAgent', KEY, se).token, { now });
  expect(t.recognised.sasTokens[0]).toMatchObject({ scope: 'module', moduleId: 'edgeAgent', expired: false });
  expect(t.findings.map((f) => f.kind)).toEqual(['secret-exposed']);
  expect(t.verdict).toBe('inconclusive');
});

test('a service token with skn is service scope and keeps the policy name', () => {
  const se = Math.floor(Date.parse('2026-11-29T13:00:00Z') / 1000);
  const t = triage(sasToken('contoso-iot-prod.azure-devices.net', SERVICE_KEY, se, 'registryRead').token, { now });
  expect(t.recognised.sasTokens[0]).toMatchObject({ scope: 'service', policy: 'registryRead' });
});

test('a token inside a connection string for another device is sas-token-wrong-scope', () => {
  const se = Math.floor(Date.parse('2026-11-29T13:00:00Z') / 1000);
  const { token } = sasToken('contoso-iot-prod.azure-devices.net/devices/pump-0043', KEY, se);
  const t = triage(`HostName=contoso-iot-prod.azure-devices.net;DeviceId=pump-0042;SharedAccessSignature=${token}`, { now });
  expect(t.findings.map((f) => f.kind)).toContain('sas-token-wrong-scope');
  expect(t.recognised.connectionStrings[0].auth).toBe('sas-token');
});

test('registry exports: primaryKey/secondaryKey values are redacted', () => {
  const text = JSON.stringify({ deviceId: 'pump-0042', authentication: { symmetricKey: { primaryKey: KEY, secondaryKey: SERVICE_KEY }, type: 'sas' } }, null, 2);
  const r = redact(text);
  expect(r.text).not.toContain(KEY);
  expect(r.text).not.toContain(SERVICE_KEY);
  expect(r.kinds).toContain('symmetric-key');
});

test('a bare key on its own and a private key block are redacted', () => {
  const r = redact(`key: ${KEY}\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\nabc+/=\n-----END RSA PRIVATE KEY-----`);
  expect(r.text).not.toContain(KEY);
  expect(r.text).not.toContain('MIIEowIBAAKCAQEAx');
  expect(r.kinds).toEqual(expect.arrayContaining(['symmetric-key', 'private-key']));
});

test('redaction is idempotent and containsSecret agrees', () => {
  const text = `HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=${KEY} sig=abc%2Bdef%3D&se=1`;
  const once = redact(text).text;
  expect(redact(once).text).toBe(once);
  expect(redact(once).count).toBe(0);
  expect(containsSecret(text)).toBe(true);
  expect(containsSecret(once)).toBe(false);
});

test('thumbprints, device ids and tracking ids are not mistaken for keys', () => {
  const text = 'SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B device pump-0042 Tracking ID:5f2e8c0a1b3d4e6f7a8b9c0d1e2f3a4b-G:10';
  expect(redact(text).count).toBe(0);
});
