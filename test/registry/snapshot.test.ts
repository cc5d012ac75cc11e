import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadSnapshotRegistry, parseSnapshot } from '../../src/registry/snapshot';
import { createRegistryFromEnv } from '../../src/registry/fromEnv';

const SAMPLES = join(__dirname, '../../samples');
const read = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'registry-snapshot-'));
const writeTmp = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('the shipped sample snapshot', () => {
  const records = parseSnapshot(read('registry-snapshot.json'), 'registry-snapshot.json');
  const byId = new Map(records.map((r) => [r.deviceId, r]));

  it('holds the devices the demo and the docs rely on', () => {
    expect(records).toHaveLength(10);
    expect(byId.get('pump-0042')).toMatchObject({ status: 'enabled', authType: 'sas', hub: 'contoso-hub.azure-devices.net' });
    expect(byId.get('pump-0107')).toMatchObject({ status: 'disabled', statusReason: expect.any(String) });
    expect(byId.get('gateway-eu-01')).toMatchObject({ authType: 'selfSigned', primaryThumbprint: expect.stringMatching(/^[0-9A-F]{40}$/), secondaryThumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) });
    expect(records.some((r) => r.authType === 'certificateAuthority')).toBe(true);
    expect(byId.get('edge-plant-ams-01')?.modules).toEqual(['$edgeAgent', '$edgeHub', 'opcPublisher']);
  });

  it('has only fake keys that are valid base64 of 32 bytes', () => {
    const keys = records.flatMap((r) => [r.primaryKey, r.secondaryKey]).filter((k): k is string => !!k);
    expect(keys.length).toBeGreaterThanOrEqual(12);
    for (const k of keys) {
      const bytes = Buffer.from(k, 'base64');
      expect(bytes).toHaveLength(32);
      expect(bytes.toString('base64')).toBe(k);
      expect(bytes.toString('latin1')).toMatch(/^FAKE /);
    }
  });

  it('is what IOTHUB_REGISTRY_SNAPSHOT loads', () => {
    const registry = createRegistryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: join(SAMPLES, 'registry-snapshot.json') });
    expect(registry?.source).toBe('snapshot');
    expect(registry?.describe()).toMatch(/registry-snapshot\.json \(10 devices\)$/);
  });
});

describe('parseSnapshot: the two export shapes', () => {
  it('reads the device-twin array `az iot hub device-identity list` prints', () => {
    const records = parseSnapshot(read('registry-devices-list.json'), 'list.json');
    const gw = records.find((r) => r.deviceId === 'gateway-us-02');
    expect(records).toHaveLength(10);
    expect(gw).toEqual({
      deviceId: 'gateway-us-02',
      status: 'enabled',
      authType: 'selfSigned',
      primaryThumbprint: expect.stringMatching(/^[0-9A-F]{64}$/),
      connectionState: 'Disconnected',
      lastActivityTime: '2025-06-02T04:31:27.61Z',
    });
    // The twin says statusUpdateTime; "0001-01-01" means never and is dropped.
    expect(records.find((r) => r.deviceId === 'pump-0107')?.statusUpdatedTime).toBe('2025-05-30T16:05:47.5127733Z');
    expect(records.find((r) => r.deviceId === 'valve-0031')?.lastActivityTime).toBeUndefined();
    expect(records.every((r) => r.primaryKey === undefined)).toBe(true);
  });

  it('reads the JSON-lines blob of an export-devices job, folding module lines into their device', () => {
    const records = parseSnapshot(read('registry-export.jsonl'), 'devices.txt');
    expect(records.map((r) => r.deviceId)).toHaveLength(10);
    expect(records.find((r) => r.deviceId === 'pump-0107')).toMatchObject({ status: 'disabled', authType: 'sas', primaryKey: expect.any(String) });
    expect(records.find((r) => r.deviceId === 'edge-plant-ams-01')?.modules).toEqual(['$edgeAgent', '$edgeHub', 'opcPublisher']);
  });

  it('infers the auth type an older export leaves out, and accepts PowerShell capitalisation', () => {
    const text = [
      JSON.stringify({ id: 'a', status: 'Enabled', authentication: { symmetricKey: { primaryKey: 'AAAA', secondaryKey: null } } }),
      JSON.stringify({ id: 'b', status: 'Disabled', authentication: { x509Thumbprint: { primaryThumbprint: 'AB12', secondaryThumbprint: null } } }),
      JSON.stringify({ DeviceIdIsNot: 'here', deviceId: 'c', authenticationType: 'CertificateAuthority', connectionState: 'connected' }),
    ].join('\r\n');
    expect(parseSnapshot(text, 'x')).toEqual([
      { deviceId: 'a', status: 'enabled', authType: 'sas', primaryKey: 'AAAA' },
      { deviceId: 'b', status: 'disabled', authType: 'selfSigned', primaryThumbprint: 'AB12' },
      { deviceId: 'c', status: 'enabled', authType: 'certificateAuthority', connectionState: 'Connected' },
    ]);
  });

  it('round-trips generated devices through both shapes', () => {
    const deviceArb = fc.record({
      deviceId: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
      status: fc.constantFrom('enabled', 'disabled'),
      type: fc.constantFrom('sas', 'selfSigned', 'certificateAuthority'),
      key: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64')),
      reason: fc.option(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(deviceArb, { minLength: 1, maxLength: 8, selector: (d) => d.deviceId }), (devices) => {
        const objs = devices.map((d) => ({
          deviceId: d.deviceId,
          status: d.status,
          statusReason: d.reason ?? null,
          authentication: { type: d.type, symmetricKey: { primaryKey: d.type === 'sas' ? d.key : null, secondaryKey: null } },
        }));
        const expected = devices.map((d) => ({
          deviceId: d.deviceId,
          status: d.status,
          authType: d.type,
          ...(d.reason ? { statusReason: d.reason } : {}),
          ...(d.type === 'sas' ? { primaryKey: d.key } : {}),
        }));
        expect(parseSnapshot(JSON.stringify(objs, null, 2), 'a.json')).toEqual(expected);
        expect(parseSnapshot(objs.map((o) => JSON.stringify({ ...o, id: o.deviceId, deviceId: undefined })).join('\n'), 'b.txt')).toEqual(expected);
      }),
    );
  });
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseSnapshot: malformed files get a clear error naming the file and line', () => {
  const key = Buffer.alloc(32, 5).toString('base64');
  const good = (id: string) => JSON.stringify({ id, status: 'enabled', authentication: { symmetricKey: { primaryKey: key, secondaryKey: key }, type: 'sas' } });

  it('JSON lines: a broken line', () => {
    const text = [good('a'), good('b'), good('c').slice(0, 60), good('d')].join('\n');
    const message = errorOf(() => parseSnapshot(text, 'devices.txt'));
    expect(message).toMatch(/^Registry snapshot devices\.txt: line 3: /);
    expect(message).not.toContain(key.slice(0, 12)); // never quotes the file's content
  });

  it('JSON array: the line where it breaks', () => {
    const text = '[\n  {"deviceId": "a", "status": "enabled"},\n  {"deviceId": "b", "status": "enabled"}\n  {"deviceId": "c"}\n]';
    expect(() => parseSnapshot(text, 'list.json')).toThrow('Registry snapshot list.json: line 4:');
  });

  it('JSON array: a truncated file', () => {
    expect(() => parseSnapshot('[\n {"deviceId": "a",\n', 'cut.json')).toThrow(/cut\.json: line \d+: the JSON ends too early/);
  });

  it('a device without an id, an unknown status or auth type, a duplicate', () => {
    expect(() => parseSnapshot([good('a'), '{"status":"enabled"}'].join('\n'), 'f')).toThrow('Registry snapshot f: line 2: device has no "deviceId" (or "id")');
    expect(() => parseSnapshot('[{"deviceId":"a"},{"deviceId":"b","status":"paused"}]', 'f')).toThrow('entry 2: device "b" has unknown status "paused"');
    expect(() => parseSnapshot('[{"deviceId":"a","authenticationType":"password"}]', 'f')).toThrow('entry 1: unknown authentication type "password"');
    expect(() => parseSnapshot([good('a'), good('a')].join('\n'), 'f')).toThrow('line 2: device "a" appears twice');
  });

  it('empty files, non-objects and unreadable paths', () => {
    expect(() => parseSnapshot('\uFEFF  \n', 'e.json')).toThrow('Registry snapshot e.json: the file: is empty');
    expect(() => parseSnapshot('42', 'n.json')).toThrow('n.json: line 1: expected a JSON array');
    expect(() => parseSnapshot('[1]', 'n.json')).toThrow('entry 1: expected a JSON object');
    expect(() => loadSnapshotRegistry(join(tmp, 'nope.json'))).toThrow(/nope\.json: file not found$/);
    expect(() => loadSnapshotRegistry(tmp)).toThrow(/is a directory$/);
  });
});

describe('the snapshot registry', () => {
  const path = writeTmp(
    'snap.jsonl',
    [
      JSON.stringify({ id: 'pump-1', status: 'enabled', authentication: { type: 'sas', symmetricKey: { primaryKey: 'cGs=', secondaryKey: 'c2s=' } } }),
      JSON.stringify({ id: 'pump-1', moduleId: 'filter', authentication: { type: 'sas' } }),
    ].join('\n'),
  );
  const registry = loadSnapshotRegistry(path);

  it('answers found, missing and near matches, keys and modules only when asked', async () => {
    const plain = await registry.lookup(['pump-1', 'pump-2', ' PUMP-1', 'pump-1']);
    expect([...plain.devices.keys()]).toEqual(['pump-1', 'pump-2', ' PUMP-1']);
    expect(plain.devices.get('pump-1')).toEqual({ deviceId: 'pump-1', status: 'enabled', authType: 'sas' });
    expect(plain.devices.get('pump-2')).toBeNull();
    expect(plain.devices.get(' PUMP-1')?.deviceId).toBe('pump-1');
    expect(plain.failure).toBeUndefined();
    const full = await registry.lookup(['pump-1'], { withKeys: true, modules: true });
    expect(full.devices.get('pump-1')).toMatchObject({ primaryKey: 'cGs=', secondaryKey: 'c2s=', modules: ['filter'] });
    // Asking with keys does not leave keys behind for the next caller.
    expect((await registry.lookup(['pump-1'])).devices.get('pump-1')?.primaryKey).toBeUndefined();
  });

  it('describes itself without secrets', () => {
    expect(registry.describe()).toBe(`snapshot ${path} (1 device)`);
    expect(registry.source).toBe('snapshot');
  });
});
