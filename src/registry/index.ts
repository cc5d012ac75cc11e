// The registry layer's public surface.
export type { DeviceRegistry, LookupOptions } from './port';
export { createRegistryFromEnv, normaliseHostName } from './fromEnv';
export { createIotHubRegistry } from './iothubRegistry';
export type { IotHubRegistryOptions } from './iothubRegistry';
export { createSnapshotRegistry, loadSnapshotRegistry, parseSnapshot } from './snapshot';
