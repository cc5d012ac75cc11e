// The registry layer's public surface.
export type { DeviceRegistry, LookupOptions } from './port';
export { createRegistryFromEnv, normaliseHostName } from './fromEnv';
export { createIotHubRegistry } from './iothubRegistry';
export type { IotHubRegistryOptions } from './iothubRegistry';
export { createSnapshotRegistry, loadSnapshotRegistry, parseSnapshot } from './snapshot';
export type { HubDirectory, LocateOptions } from './directoryPort';
export { createHubDirectoryFromEnv, DIRECTORY_ENV_KEYS } from './directoryFromEnv';
export { createHubDirectory, MAX_HUBS_PER_LOOKUP } from './hubDirectory';
export type { DirectoryHub, DpsSource, HubDirectoryOptions } from './hubDirectory';
