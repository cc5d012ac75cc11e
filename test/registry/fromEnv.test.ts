import { join } from 'node:path';
import { createRegistryFromEnv, normaliseHostName } from '../../src/registry/fromEnv';

const SNAPSHOT = join(__dirname, '../../samples/registry-snapshot.json');
const KEY = Buffer.alloc(32, 8).toString('base64');
const HUB_CS = `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=${KEY}`;

describe('createRegistryFromEnv', () => {
  it('is undefined when nothing is configured (blank values count as unset)', () => {
    expect(createRegistryFromEnv({})).toBeUndefined();
    expect(createRegistryFromEnv({ IOTHUB_CONNECTION_STRING: ' ', IOTHUB_HOSTNAME: '', IOTHUB_REGISTRY_SNAPSHOT: '' })).toBeUndefined();
  });

  it('prefers a live hub: connection string, then host name with Entra ID, then a snapshot', () => {
    const cs = createRegistryFromEnv({ IOTHUB_CONNECTION_STRING: HUB_CS, IOTHUB_HOSTNAME: 'other', IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT });
    expect([cs?.source, cs?.describe()]).toEqual(['iothub', 'IoT Hub contoso-hub.azure-devices.net']);
    const entra = createRegistryFromEnv({ IOTHUB_HOSTNAME: 'fabrikam-hub', IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT });
    expect([entra?.source, entra?.describe()]).toEqual(['iothub', 'IoT Hub fabrikam-hub.azure-devices.net']);
    expect(createRegistryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT })?.source).toBe('snapshot');
  });

  it('names the bad variable, never its value', () => {
    const device = `HostName=contoso-hub.azure-devices.net;DeviceId=pump-0042;SharedAccessKey=${KEY}`;
    expect(() => createRegistryFromEnv({ IOTHUB_CONNECTION_STRING: device })).toThrow(/^IOTHUB_CONNECTION_STRING: .*device connection string/);
    expect(() => createRegistryFromEnv({ IOTHUB_CONNECTION_STRING: device })).not.toThrow(KEY);
    expect(() => createRegistryFromEnv({ IOTHUB_REGISTRY_SNAPSHOT: '/nonexistent/snap.json' })).toThrow('IOTHUB_REGISTRY_SNAPSHOT: Registry snapshot /nonexistent/snap.json: file not found');
    expect(() => createRegistryFromEnv({ IOTHUB_HOSTNAME: 'not a host' })).toThrow(/^IOTHUB_HOSTNAME must be a host name/);
  });
});

describe('normaliseHostName', () => {
  it.each([
    ['contoso-hub', 'contoso-hub.azure-devices.net'],
    ['contoso-hub.azure-devices.net', 'contoso-hub.azure-devices.net'],
    ['https://contoso-hub.azure-devices.net/', 'contoso-hub.azure-devices.net'],
    ['contoso-hub.azure-devices.cn', 'contoso-hub.azure-devices.cn'],
  ])('%s -> %s', (input, host) => expect(normaliseHostName(input)).toBe(host));
});
