// Several hubs and DPS: what the registry side hands the pure cross-check. Types only; the adapters that
// fill them live in src/registry (directory over hubs, DPS service client, snapshots).
import type { RegistryFailure, RegistryLookup } from './types';

/** One hub's answer to a lookup. `hub` is the short name ("contoso-prod"). */
export interface HubLookup extends RegistryLookup {
  hub: string;
}

export type DpsRegistrationStatus = 'assigned' | 'assigning' | 'failed' | 'disabled' | 'unassigned';

/** A device's registration state in DPS (registration state, plus its enrollment when known). */
export interface DpsRegistration {
  registrationId: string;
  deviceId?: string;
  /** Short hub name DPS assigned the device to. */
  assignedHub?: string;
  status: DpsRegistrationStatus;
  /** ISO-8601. */
  lastUpdated?: string;
  attestation?: 'symmetricKey' | 'x509' | 'tpm';
  enrollment?: { kind: 'individual' | 'group'; groupId?: string; provisioningStatus?: 'enabled' | 'disabled' };
  /** DPS's own error text for a failed registration (secret-free). */
  errorMessage?: string;
}

export interface DpsLookup {
  /** deviceId -> registration, or null when no enrollment matches. Ids absent were not looked up. */
  registrations: Map<string, DpsRegistration | null>;
  failure?: { reason: RegistryFailure; message: string };
  source: 'dps' | 'snapshot';
  /** DPS host name, when known. */
  dpsHost?: string;
}

/** Every configured hub's answer for a set of devices, and what DPS says about them. */
export interface HubsLookup {
  /** Hubs asked, in the order asked: the hub the paste (or the command) names first. */
  answers: HubLookup[];
  /** Configured hubs not asked: over the per-lookup limit, or past the turn's deadline. */
  notAsked: string[];
  /** Hubs the paste or the command names that are not configured: said plainly, never guessed. */
  unknownHubs: string[];
  dps?: DpsLookup;
}
