// The directory built from the environment with snapshot files (no Azure at all): several hubs, the hub's
// name from the file's content or else its file name, and the samples in which pump-0043 lives in the
// wrong hub. Also: the single-registry factory keeps working with the list settings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubDirectoryFromEnv, liveHubHosts } from '../../src/registry/directoryFromEnv';
import { createRegistryFromEnv } from '../../src/registry/fromEnv';
import { parseDpsSnapshot } from '../../src/registry/dpsSnapshot';

const HUBS = join(__dirname, '../../samples/hubs');
const PROD = join(HUBS, 'contoso-prod.json');
const TEST = join(HUBS, 'contoso-test.json');
const DPS = join(HUBS, 'dps-registrations.json');

const dir = mkdtempSync(join(tmpdir(), 'hubs-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('snapshot hubs from IOTHUB_REGISTRY_SNAPSHOT', () => {
  it('nothing configured: no directory', async () => {
    expect(await createHubDirectoryFromEnv({})).toBeUndefined();
    expect(await createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: ' ', IOTHUB_HOSTNAMES: '' })).toBeUndefined();
  });

  it('the samples: pump-0043 is not in contoso-prod (named inside the file) but in contoso-test (the file name), where DPS put it', async () => {
    const d = await createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: `${PROD},${TEST}`, DPS_REGISTRATION_SNAPSHOT: DPS });
    expect(d?.hubs()).toEqual(['contoso-prod', 'contoso-test']);
    expect(d?.describe()).toBe(`2 hubs: contoso-prod, contoso-test; DPS snapshot ${DPS} (4 registrations)`);
    const lookup = await d!.locate(['pump-0043', 'pump-0042'], { preferredHubs: ['contoso-prod.azure-devices.net'] });
    expect(lookup.answers.map((a) => [a.hub, a.source, a.devices.get('pump-0043')?.deviceId ?? null])).toEqual([
      ['contoso-prod', 'snapshot', null],
      ['contoso-test', 'snapshot', 'pump-0043'],
    ]);
    expect(lookup.answers[0].devices.get('pump-0042')?.deviceId).toBe('pump-0042');
    expect(lookup.dps?.source).toBe('snapshot');
    expect(lookup.dps?.registrations.get('pump-0043')).toMatchObject({ assignedHub: 'contoso-test', status: 'assigned', enrollment: { kind: 'group', groupId: 'pumps-eu' } });
    expect(lookup.dps?.registrations.get('valve-0031')).toBeUndefined();
    const failed = await d!.locate(['valve-0031', 'nobody-01']);
    expect(failed.dps?.registrations.get('valve-0031')).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/not authorized to provision/) });
    expect(failed.dps?.registrations.get('nobody-01')).toBeNull();
    // Keys never leave a located record unless asked for.
    expect(lookup.answers[0].devices.get('pump-0042')?.primaryKey).toBeUndefined();
  });

  it('a file names its hub inside (our wrapper), else its file name without extension is the hub', async () => {
    const named = file('export-2025-06-02.json', { hub: 'Fabrikam-EU.azure-devices.net', devices: [{ deviceId: 'a-1', status: 'enabled', authenticationType: 'sas' }] });
    const bare = file('lab-hub.json', [{ deviceId: 'b-1', status: 'enabled', authenticationType: 'sas' }]);
    const lines = file('plant-ams.jsonl', '{"id":"c-1","status":"enabled","authentication":{"type":"sas"}}\n');
    const d = await createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: `${named}, ${bare},${lines}` });
    expect(d?.hubs()).toEqual(['fabrikam-eu', 'lab-hub', 'plant-ams']);
    const only = await d!.locate(['b-1'], { onlyHub: 'LAB-HUB.azure-devices.net' });
    expect(only.answers.map((a) => [a.hub, a.devices.get('b-1')?.deviceId])).toEqual([['lab-hub', 'b-1']]);
  });

  it('two files for one hub, or a bad file, fail at start naming the variable and the file', async () => {
    const again = file('contoso-prod.json', [{ deviceId: 'x', status: 'enabled', authenticationType: 'sas' }]);
    await expect(createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: `${PROD},${again}` })).rejects.toThrow(/^IOTHUB_REGISTRY_SNAPSHOT: two sources are hub contoso-prod/);
    const broken = file('broken.json', '[{"deviceId": "x",');
    await expect(createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: broken })).rejects.toThrow(/^IOTHUB_REGISTRY_SNAPSHOT: Registry snapshot .*broken\.json: line 1/);
    await expect(createHubDirectoryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: PROD, DPS_REGISTRATION_SNAPSHOT: '/nope/dps.json' })).rejects.toThrow(
      'DPS_REGISTRATION_SNAPSHOT: DPS registration snapshot /nope/dps.json: file not found',
    );
  });

  it('host names: IOTHUB_HOSTNAME first, then IOTHUB_HOSTNAMES, short names completed, each once', () => {
    expect(liveHubHosts({ IOTHUB_HOSTNAME: 'contoso-prod.azure-devices.net', IOTHUB_HOSTNAMES: 'contoso-test, https://contoso-prod.azure-devices.net/ ,Contoso-EU' })).toEqual([
      'contoso-prod.azure-devices.net',
      'contoso-test.azure-devices.net',
      'contoso-eu.azure-devices.net',
    ]);
    expect(() => liveHubHosts({ IOTHUB_HOSTNAMES: 'contoso-test,not a host' })).toThrow(/^IOTHUB_HOSTNAMES must be a host name/);
  });
});

describe('DPS registration snapshots', () => {
  it('reads the az CLI registration list, a single state, and our wrapper; says which entry is not one', () => {
    expect(parseDpsSnapshot('{"registrationId":"r1","status":"assigned","assignedHub":"h.azure-devices.net","deviceId":"d1"}', 'one.json').registrations).toEqual([
      { registrationId: 'r1', deviceId: 'd1', status: 'assigned', assignedHub: 'h' },
    ]);
    expect(parseDpsSnapshot('{"dps":"contoso-dps.azure-devices-provisioning.net","registrations":[]}', 'w.json').dps).toBe('contoso-dps.azure-devices-provisioning.net');
    expect(() => parseDpsSnapshot('[{"registrationId":"r1"},{"deviceId":"x"}]', 'bad.json')).toThrow('DPS registration snapshot bad.json: entry 2: not a registration state');
    expect(() => parseDpsSnapshot('[{"registrationId": "r1", "payload": "SharedAccessKey=abc"', 'cut.json')).toThrow(/^DPS registration snapshot cut.json: the file: not valid JSON$/);
  });
});

describe('createRegistryFromEnv with the list settings', () => {
  it('uses the first snapshot file, or the first of IOTHUB_HOSTNAMES', () => {
    expect(createRegistryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: `${TEST},${PROD}` })?.describe()).toBe(`snapshot ${TEST} (2 devices)`);
    expect(createRegistryFromEnv({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' })?.describe()).toBe('IoT Hub contoso-prod.azure-devices.net');
  });
});
