// Picks the registry adapter from the environment: a live hub by connection string, a live hub by
// host name with Entra ID (DefaultAzureCredential: managed identity in Azure, az login locally),
// or a snapshot file. Nothing configured -> undefined (the bot then says the lookup is not configured).
// A value that is set but unusable throws an Error naming the variable (never its value): that is a
// deployment mistake the start-up check should report, not something to limp along with.
// Several hubs (IOTHUB_HOSTNAMES, lists of snapshot files) and DPS are the hub directory's
// (directoryFromEnv.ts, re-exported here); this single-registry factory then uses the first hub.
import { DefaultAzureCredential } from '@azure/identity';
import { createIotHubRegistry } from './iothubRegistry';
import type { DeviceRegistry } from './port';
import { hostNameFrom, IOTHUB_SUFFIX, listSetting } from './hubNames';
import { loadSnapshotRegistry } from './snapshot';

export { createHubDirectoryFromEnv } from './directoryFromEnv';


/** "contoso-hub", "contoso-hub.azure-devices.net" or "https://contoso-hub.azure-devices.net/" -> host name. */
export function normaliseHostName(value: string): string {
  return hostNameFrom(value, 'IOTHUB_HOSTNAME', IOTHUB_SUFFIX);
}

function set(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

export function createRegistryFromEnv(env: Record<string, string | undefined>): DeviceRegistry | undefined {
  const connectionString = set(env.IOTHUB_CONNECTION_STRING);
  if (connectionString) {
    try {
      return createIotHubRegistry({ connectionString });
    } catch (err) {
      throw new Error(`IOTHUB_CONNECTION_STRING: ${(err as Error).message}`);
    }
  }
  const hostName = set(env.IOTHUB_HOSTNAME) ?? listSetting(env.IOTHUB_HOSTNAMES, /,/)[0];
  if (hostName) {
    return createIotHubRegistry({ hostName: normaliseHostName(hostName), credential: new DefaultAzureCredential() });
  }
  const snapshot = listSetting(env.IOTHUB_REGISTRY_SNAPSHOT, /,/)[0];
  if (snapshot) {
    try {
      return loadSnapshotRegistry(snapshot);
    } catch (err) {
      throw new Error(`IOTHUB_REGISTRY_SNAPSHOT: ${(err as Error).message}`);
    }
  }
  return undefined;
}
