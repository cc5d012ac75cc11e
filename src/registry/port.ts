// The DeviceRegistry port: the one shape the rest of the code uses to ask "what does the identity
// registry say about these devices?". Two adapters implement it: a live IoT Hub (iothubRegistry.ts)
// and an exported snapshot file (snapshot.ts).
import type { RegistryLookup } from '../triage/types';

export interface LookupOptions {
  /** Fetch symmetric keys too (only to check a pasted SAS token's signature; they never outlive that check). */
  withKeys?: boolean;
  /** Also list each found device's module identities. */
  modules?: boolean;
}

export interface DeviceRegistry {
  readonly source: 'iothub' | 'snapshot';
  /** Human description without secrets, e.g. "IoT Hub contoso-hub.azure-devices.net" or "snapshot samples/registry-snapshot.json (12 devices)". */
  describe(): string;
  /** Never rejects: failures go in `lookup.failure`, and ids that could not be looked up are absent from `lookup.devices`. */
  lookup(deviceIds: string[], options?: LookupOptions): Promise<RegistryLookup>;
}
