import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyRegistry, devicesToLookUp, MAX_REGISTRY_LOOKUPS } from '../../src/triage/crossCheck';
import type { DeviceRecord, RegistryLookup, Triage } from '../../src/triage/types';
import { loadSnapshotRegistry } from '../../src/registry/snapshot';
import { deviceSasToken, finding, makeTriage, summary } from './triageBuilder';

const SAMPLE = join(__dirname, '../../samples/registry-snapshot.json');
const registry = loadSnapshotRegistry(SAMPLE);
const HUB = 'contoso-hub.azure-devices.net';

interface SampleDevice {
  deviceId: string;
  moduleId?: string;
  authentication: { symmetricKey: { primaryKey: string | null; secondaryKey: string | null }; x509Thumbprint: { primaryThumbprint: string | null; secondaryThumbprint: string | null } };
}
const sample = (JSON.parse(readFileSync(SAMPLE, 'utf8')) as { devices: SampleDevice[] }).devices.filter((d) => !d.moduleId);
const sampleDevice = (id: string): SampleDevice => sample.find((d) => d.deviceId === id) as SampleDevice;
const pumpKeys = sampleDevice('pump-0042').authentication.symmetricKey as { primaryKey: string; secondaryKey: string };
const gatewayThumbs = sampleDevice('gateway-eu-01').authentication.x509Thumbprint as { primaryThumbprint: string; secondaryThumbprint: string };

const EXPIRY = 1748857800; // 2025-06-02T09:50:00Z

async function crossCheck(t: Triage, opts: { modules?: boolean } = {}): Promise<{ out: Triage; lookup: RegistryLookup }> {
  const { ids, withKeys } = devicesToLookUp(t);
  const lookup = await registry.lookup(ids, { withKeys, modules: opts.modules });
  return { out: applyRegistry(t, lookup), lookup };
}

const registryFindings = (t: Triage) => t.findings.filter((f) => f.source === 'registry');
const device = (t: Triage, id: string) => t.devices.find((d) => d.deviceId === id && !d.moduleId);

describe('devicesToLookUp', () => {
  it('collects every named device once, credential findings first', () => {
    const t = makeTriage({
      findings: [finding('token-expiry-churn', 'pump-0042'), finding('device-disabled', 'pump-0107')],
      deviceIds: ['valve-0031', 'pump-0042'],
      connectionStrings: [{ line: 3, deviceId: 'gateway-eu-01', kind: 'device', auth: 'x509' }],
    });
    expect(devicesToLookUp(t)).toEqual({ ids: ['pump-0107', 'gateway-eu-01', 'pump-0042', 'valve-0031'], withKeys: false });
  });

  it(`caps the lookup at ${MAX_REGISTRY_LOOKUPS} devices`, () => {
    const ids = Array.from({ length: 40 }, (_, i) => `sensor-${i}`);
    expect(devicesToLookUp(makeTriage({ deviceIds: ids })).ids).toEqual(ids.slice(0, MAX_REGISTRY_LOOKUPS));
  });

  it('asks for keys only when a device-signed token can be checked', () => {
    const own = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: pumpKeys.primaryKey, expiry: EXPIRY }).info;
    const policy = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: pumpKeys.primaryKey, expiry: EXPIRY, policy: 'device' }).info;
    const module = deviceSasToken({ hub: 'contoso-hub', deviceId: 'edge-plant-ams-01', moduleId: 'opcPublisher', key: pumpKeys.primaryKey, expiry: EXPIRY }).info;
    expect(devicesToLookUp(makeTriage({ sasTokens: [own] })).withKeys).toBe(true);
    expect(devicesToLookUp(makeTriage({ sasTokens: [policy, module] })).withKeys).toBe(false);
    expect(devicesToLookUp(makeTriage({ sasTokens: [{ ...own, signatureSha256: undefined }] })).withKeys).toBe(false);
  });
});

describe('applyRegistry: device-not-registered', () => {
  it('confirms a pasted "not registered" without duplicating it', async () => {
    const t = makeTriage({ findings: [finding('device-not-registered', 'pump-9999', { message: "IotHub 'contoso-hub' does not contain the specified device 'pump-9999'" })] });
    const { out } = await crossCheck(t);
    expect(out.findings.filter((f) => f.kind === 'device-not-registered')).toHaveLength(1);
    expect(out.findings[0].details.message).toContain('does not contain');
    expect(device(out, 'pump-9999')?.registry).toEqual({ found: false });
    expect(out.verdict).toBe('credential-problem');
  });

  it('turns a bare unknown device id into a registry finding and a device summary', async () => {
    const before = makeTriage({ deviceIds: ['pump-9999'] });
    expect(before.verdict).toBe('inconclusive');
    const { out } = await crossCheck(before);
    expect(registryFindings(out)).toEqual([expect.objectContaining({ kind: 'device-not-registered', deviceId: 'pump-9999', hub: HUB, source: 'registry' })]);
    expect(device(out, 'pump-9999')).toMatchObject({ verdict: 'credential-problem', kinds: ['device-not-registered'], endsWith: 'unknown', episodes: [], registry: { found: false } });
    expect(out.verdict).toBe('credential-problem');
  });

  it('shows the near match when the id differs only in case or whitespace', async () => {
    const t = makeTriage({ findings: [finding('device-not-registered', 'Pump-0042 ')] });
    const { out } = await crossCheck(t);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ source: 'paste', details: { nearMatch: 'pump-0042' } });
    expect(device(out, 'Pump-0042 ')?.registry).toEqual({ found: false });
  });

  it('gives both the near match and its hub when another hub refused the id', async () => {
    const t = makeTriage({ findings: [finding('device-not-registered', 'Pump-0042', {}, { hub: 'fabrikam-hub' })] });
    const { out } = await crossCheck(t);
    expect(out.findings[0].details).toMatchObject({ nearMatch: 'pump-0042', expectedHub: HUB });
  });

  it('says where the device lives when it exists: the error came from another hub', async () => {
    const t = makeTriage({ findings: [finding('device-not-registered', 'pump-0042', {}, { hub: 'fabrikam-hub' })] });
    const { out } = await crossCheck(t);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0].details.expectedHub).toBe(HUB);
    expect(out.findings[0].kind).toBe('device-not-registered'); // kept: the other hub did refuse it
    expect(device(out, 'pump-0042')?.registry).toMatchObject({ found: true, status: 'enabled', connectionState: 'Connected' });
  });

  it("does not read another hub's silence as a fact about this device's hub", () => {
    const t = makeTriage({ findings: [finding('device-not-registered', 'ghost-1', {}, { hub: 'fabrikam-hub' })] });
    const lookup: RegistryLookup = { devices: new Map([['ghost-1', null]]), hub: HUB, source: 'iothub' };
    const out = applyRegistry(t, lookup);
    expect(registryFindings(out)).toEqual([]);
    expect(device(out, 'ghost-1')?.registry).toBeUndefined();
  });
});

describe('applyRegistry: status and state', () => {
  it('reports a disabled device with its status reason, from a bare id', async () => {
    const { out } = await crossCheck(makeTriage({ deviceIds: ['pump-0107'] }));
    expect(registryFindings(out)).toEqual([
      expect.objectContaining({ kind: 'device-disabled', deviceId: 'pump-0107', details: expect.objectContaining({ statusReason: expect.stringContaining('Decommissioned') }) }),
    ]);
    expect(device(out, 'pump-0107')).toMatchObject({
      verdict: 'credential-problem',
      registry: { found: true, status: 'disabled', authType: 'sas', connectionState: 'Disconnected', statusUpdatedTime: '2025-05-30T16:05:47.5127733Z' },
    });
  });

  it('adds the status reason to a pasted device-disabled instead of repeating it', async () => {
    const { out } = await crossCheck(makeTriage({ findings: [finding('device-disabled', 'pump-0107')] }));
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0].details.statusReason).toContain('OPS-4411');
  });

  it('turns churn into a credential problem when the registry says the device is disabled (mixed paste)', async () => {
    const t = makeTriage({ findings: [finding('token-expiry-churn', 'pump-0042'), finding('token-expiry-churn', 'pump-0107')] });
    expect(t.verdict).toBe('token-expiry-churn');
    const { out } = await crossCheck(t);
    expect(device(out, 'pump-0042')?.verdict).toBe('token-expiry-churn');
    expect(device(out, 'pump-0107')?.verdict).toBe('credential-problem');
    expect(out.verdict).toBe('mixed');
  });

  it('fills the card state of a healthy device without adding findings', async () => {
    const { out } = await crossCheck(makeTriage({ deviceIds: ['pump-0042'] }));
    expect(registryFindings(out)).toEqual([]);
    expect(device(out, 'pump-0042')?.registry).toEqual({
      found: true,
      status: 'enabled',
      authType: 'sas',
      connectionState: 'Connected',
      lastActivityTime: '2025-06-02T09:14:51.2036711Z',
      connectionStateUpdatedTime: '2025-06-02T08:15:03.8811214Z',
    });
    expect(out.verdict).toBe('inconclusive');
  });
});

describe('applyRegistry: authentication type', () => {
  it('flags an X.509 device presenting a SAS connection string', async () => {
    const t = makeTriage({ findings: [finding('unrecovered-unauthorized', 'gateway-eu-01')], connectionStrings: [{ line: 2, deviceId: 'gateway-eu-01', kind: 'device', auth: 'shared-access-key' }] });
    const { out } = await crossCheck(t);
    expect(registryFindings(out)).toEqual([
      expect.objectContaining({ kind: 'auth-type-mismatch', deviceId: 'gateway-eu-01', details: expect.objectContaining({ registeredAuthType: 'selfSigned', presentedAuthType: 'sas' }) }),
    ]);
  });

  it('flags a SAS device presenting a certificate', async () => {
    const t = makeTriage({ findings: [finding('thumbprint-mismatch', 'pump-0042', { presentedSha1: 'AB'.repeat(20) })] });
    const { out } = await crossCheck(t);
    expect(registryFindings(out)).toEqual([expect.objectContaining({ kind: 'auth-type-mismatch', details: expect.objectContaining({ registeredAuthType: 'sas', presentedAuthType: 'x509' }) })]);
  });

  it('uses presentedAuthType from SDK-log findings, and stays quiet when types agree', async () => {
    const ok = makeTriage({ findings: [finding('credentials-rejected', 'sensor-temp-17', { presentedAuthType: 'x509' })] });
    expect(registryFindings((await crossCheck(ok)).out)).toEqual([]);
    const bad = makeTriage({ findings: [finding('credentials-rejected', 'sensor-temp-17', { presentedAuthType: 'sas' })] });
    expect(registryFindings((await crossCheck(bad)).out).map((f) => f.kind)).toEqual(['auth-type-mismatch']);
  });
});

describe('applyRegistry: thumbprints', () => {
  const mismatch = (id: string, sha1?: string, sha256?: string) =>
    finding('thumbprint-mismatch', id, { ...(sha1 ? { presentedSha1: sha1 } : {}), ...(sha256 ? { presentedSha256: sha256 } : {}) });

  it('names the registered slot the presented certificate matches (case and colons ignored)', async () => {
    const colons = gatewayThumbs.secondaryThumbprint.toLowerCase().match(/../g)?.join(':') as string;
    const { out } = await crossCheck(makeTriage({ findings: [mismatch('gateway-eu-01', colons)] }));
    expect(out.findings[0].details).toMatchObject({ matchedSlot: 'secondary', registeredAuthType: 'selfSigned', configuredPrimary: gatewayThumbs.primaryThumbprint });
  });

  it("says 'none' and leaves the empty secondary slot empty", async () => {
    const { out } = await crossCheck(makeTriage({ findings: [mismatch('gateway-us-02', undefined, 'CD'.repeat(32))] }));
    expect(out.findings[0].details.matchedSlot).toBe('none');
    expect(out.findings[0].details.configuredPrimary).toMatch(/^[0-9A-F]{64}$/);
    expect(out.findings[0].details.configuredSecondary).toBeUndefined();
  });

  it("finds the presented certificate registered on another device", async () => {
    const t = makeTriage({ findings: [mismatch('gateway-us-02', gatewayThumbs.primaryThumbprint), finding('token-expiry-churn', 'gateway-eu-01')] });
    const { out } = await crossCheck(t);
    const f = out.findings.find((x) => x.kind === 'thumbprint-mismatch');
    expect(f?.details).toMatchObject({ matchedSlot: 'none', otherDeviceId: 'gateway-eu-01' });
  });
});

describe('applyRegistry: SAS signature (keys computed in the test, documented algorithm)', () => {
  const expired = (id: string) => finding('sas-token-expired', id);

  it.each([
    ['primary', pumpKeys.primaryKey],
    ['secondary', pumpKeys.secondaryKey],
  ] as const)('says the token is signed with the %s key', async (slot, key) => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key, expiry: EXPIRY });
    const { out, lookup } = await crossCheck(makeTriage({ findings: [expired('pump-0042')], sasTokens: [info] }));
    expect(lookup.devices.get('pump-0042')?.primaryKey).toBe(pumpKeys.primaryKey); // keys were asked for
    expect(registryFindings(out)).toEqual([]);
    expect(out.findings[0].details.matchedKey).toBe(slot);
  });

  it('reports sas-signature-invalid when the signature matches neither key', async () => {
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: otherKey, expiry: EXPIRY, line: 4 });
    const t = makeTriage({ findings: [finding('unrecovered-unauthorized', 'pump-0042', {}, { evidence: [{ line: 4, text: 'sr=contoso-hub.azure-devices.net%2Fdevices%2Fpump-0042&sig=[REDACTED]' }] })], sasTokens: [info] });
    const { out } = await crossCheck(t);
    expect(registryFindings(out)).toEqual([
      expect.objectContaining({
        kind: 'sas-signature-invalid',
        deviceId: 'pump-0042',
        evidence: [{ line: 4, text: expect.stringContaining('[REDACTED]') }],
        details: expect.objectContaining({ resourceUri: 'contoso-hub.azure-devices.net/devices/pump-0042', expiresAt: '2025-06-02T09:50:00.000Z' }),
      }),
    ]);
  });

  it('confirms a pasted invalid-signature error rather than repeating it', async () => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: Buffer.alloc(32, 9).toString('base64'), expiry: EXPIRY });
    const { out } = await crossCheck(makeTriage({ findings: [finding('sas-signature-invalid', 'pump-0042')], sasTokens: [info] }));
    expect(out.findings.map((f) => f.kind)).toEqual(['sas-signature-invalid']);
  });

  it('accepts a token whose resource was signed without lower-casing (some SDKs do)', () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'Pump-Upper', key, expiry: EXPIRY, lowerCase: false });
    const record: DeviceRecord = { deviceId: 'Pump-Upper', status: 'enabled', authType: 'sas', primaryKey: key };
    const out = applyRegistry(makeTriage({ findings: [expired('Pump-Upper')], sasTokens: [info] }), { devices: new Map([['Pump-Upper', record]]), source: 'snapshot' });
    expect(out.findings.map((f) => f.kind)).toEqual(['sas-token-expired']);
    expect(out.findings[0].details.matchedKey).toBe('primary');
  });

  it('does not judge tokens signed with a hub policy key', async () => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: Buffer.alloc(32, 1).toString('base64'), expiry: EXPIRY, policy: 'device' });
    const { out } = await crossCheck(makeTriage({ sasTokens: [info] }));
    expect(registryFindings(out)).toEqual([]);
  });

  it('never puts a key in the result', async () => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'pump-0042', key: pumpKeys.primaryKey, expiry: EXPIRY });
    const { out, lookup } = await crossCheck(makeTriage({ findings: [expired('pump-0042')], sasTokens: [info], deviceIds: ['pump-0107', 'edge-plant-ams-01'] }));
    const json = JSON.stringify(out);
    for (const r of lookup.devices.values()) {
      for (const k of [r?.primaryKey, r?.secondaryKey]) if (k) expect(json).not.toContain(k);
    }
    expect(json).not.toMatch(/primaryKey|secondaryKey/);
  });
});

describe('applyRegistry: token scope', () => {
  it('flags a token that names another hub than the one the device is registered in', async () => {
    const { info } = deviceSasToken({ hub: 'fabrikam-hub', deviceId: 'pump-0042', key: pumpKeys.primaryKey, expiry: EXPIRY });
    const { out } = await crossCheck(makeTriage({ findings: [finding('unrecovered-unauthorized', 'pump-0042', {}, { hub: 'contoso-hub' })], sasTokens: [info] }));
    expect(registryFindings(out)).toEqual([
      expect.objectContaining({ kind: 'sas-token-wrong-scope', details: expect.objectContaining({ expectedHub: HUB, resourceUri: 'fabrikam-hub.azure-devices.net/devices/pump-0042' }) }),
    ]);
    expect(out.verdict).toBe('credential-problem');
  });

  it('flags a module token for a module the device does not have (modules looked up)', async () => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'edge-plant-ams-01', moduleId: 'opcPublsher', key: pumpKeys.primaryKey, expiry: EXPIRY });
    const { out } = await crossCheck(makeTriage({ sasTokens: [info] }), { modules: true });
    expect(registryFindings(out)).toEqual([expect.objectContaining({ kind: 'sas-token-wrong-scope', deviceId: 'edge-plant-ams-01', moduleId: 'opcPublsher' })]);
    expect(out.findings[0].details.message).toContain('opcPublisher');
    expect(out.devices.find((d) => d.moduleId === 'opcPublsher')?.verdict).toBe('credential-problem');
  });

  it('accepts a module token for a registered module', async () => {
    const { info } = deviceSasToken({ hub: 'contoso-hub', deviceId: 'edge-plant-ams-01', moduleId: 'opcPublisher', key: pumpKeys.primaryKey, expiry: EXPIRY });
    const { out } = await crossCheck(makeTriage({ sasTokens: [info] }), { modules: true });
    expect(registryFindings(out)).toEqual([]);
  });
});

describe('applyRegistry: failures are answers too', () => {
  it.each([
    ['unauthorized', 'registry-unauthorized'],
    ['throttled', 'registry-throttled'],
    ['timeout', 'registry-unavailable'],
    ['unreachable', 'registry-unavailable'],
    ['error', 'registry-unavailable'],
    ['not-configured', 'registry-not-configured'],
  ] as const)('%s -> note %s, deterministic triage kept', (reason, code) => {
    const t = makeTriage({ findings: [finding('token-expiry-churn', 'pump-0042')] });
    const out = applyRegistry(t, { devices: new Map(), failure: { reason, message: 'why it failed' }, source: 'iothub' });
    expect(out.notes).toEqual([{ code, params: { reason, message: 'why it failed' } }]);
    expect(out.findings).toEqual(t.findings);
    expect(out.verdict).toBe('token-expiry-churn');
  });

  it('still uses the devices that were looked up before the failure', () => {
    const t = makeTriage({ deviceIds: ['pump-0107', 'pump-0042'] });
    const disabled: DeviceRecord = { deviceId: 'pump-0107', status: 'disabled', authType: 'sas' };
    const out = applyRegistry(t, { devices: new Map([['pump-0107', disabled]]), failure: { reason: 'throttled', message: 'HTTP 429' }, source: 'iothub', hub: HUB });
    expect(registryFindings(out).map((f) => [f.kind, f.deviceId])).toEqual([['device-disabled', 'pump-0107']]);
    expect(device(out, 'pump-0042')).toBeUndefined();
    expect(out.notes.map((n) => n.code)).toEqual(['registry-throttled']);
  });
});

describe('applyRegistry: purity', () => {
  it('does not touch its input and is idempotent', async () => {
    const t = makeTriage({
      findings: [finding('device-not-registered', 'Pump-0042'), finding('thumbprint-mismatch', 'gateway-eu-01', { presentedSha1: '00'.repeat(20) }), finding('token-expiry-churn', 'pump-0107')],
      devices: [summary('pump-0107', { hub: 'contoso-hub' }), summary('gateway-eu-01'), summary('Pump-0042')],
      deviceIds: ['valve-0031'],
    });
    const frozen = JSON.stringify(t);
    const { ids, withKeys } = devicesToLookUp(t);
    const lookup = await registry.lookup(ids, { withKeys });
    const once = applyRegistry(t, { ...lookup, failure: { reason: 'timeout', message: 'slow' } });
    expect(JSON.stringify(t)).toBe(frozen);
    const twice = applyRegistry(once, { ...lookup, failure: { reason: 'timeout', message: 'slow' } });
    expect(twice).toEqual(once);
  });
});
