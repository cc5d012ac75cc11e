// The HubDirectory port: "which of our hubs has these devices, and what does DPS say?". The bot, the card
// and the CLI use only this; adapters fan out over live hubs (azure-iothub), snapshot files, and DPS.
import type { HubsLookup } from '../triage/hubs';
import type { LookupOptions } from './port';

export interface LocateOptions extends LookupOptions {
  /** Hubs to ask first (short names or host names), e.g. the hub the paste names. */
  preferredHubs?: string[];
  /** Only this hub (`lookup <device> in <hub>`). An unconfigured name comes back in `unknownHubs`. */
  onlyHub?: string;
  /** Give up on hubs not yet answered after this many ms (they are listed in `notAsked`). */
  deadlineMs?: number;
}

export interface HubDirectory {
  /** Short names of the configured (and discovered) hubs, in configuration order. */
  hubs(): string[];
  /** Human description without secrets, e.g. "3 hubs: contoso-prod, contoso-test, contoso-eu; DPS contoso-dps". */
  describe(): string;
  /** Never rejects: per-hub failures are in each answer's `failure`, DPS failures in `dps.failure`. */
  locate(deviceIds: string[], options?: LocateOptions): Promise<HubsLookup>;
}
