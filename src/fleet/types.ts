// The fleet check's contract: what the bot, the card and the CLI receive. Serialisable, secret-free.
import type { DeviceConnectionSummary } from '../triage/deviceRules';
import type { FleetSince } from '../triage/fleetKql';
import type { FindingKind, Verdict } from '../triage/types';

export interface FleetQueryOptions {
  hub: string;
  since: FleetSince;
  /** Narrow to one device (the card's drill-down). */
  deviceId?: string;
}

export interface FleetDevice {
  deviceId: string;
  verdict: Verdict;
  kinds: FindingKind[];
  summary: DeviceConnectionSummary;
  topDescriptions: { description: string; count: number }[];
  /** 401003s with no reconnect within NO_RECONNECT_MINUTES. */
  unreconnected?: number;
}

export interface FleetTotals {
  churn: number;
  credential: number;
  fine: number;
  other: number;
  devices: number;
}

export interface FleetResult {
  hub: string;
  since: string;
  query: string;
  /** Worst first (credential problems, then other errors, churn, fine). */
  devices: FleetDevice[];
  totals: FleetTotals;
  /** More devices than rows returned: the list is the worst FLEET_MAX_DEVICES, the totals count all. */
  truncated: boolean;
  partial?: { message: string };
  /** Set on a drill-down into one device. */
  deviceId?: string;
}

export type FleetFailure = 'not-configured' | 'unauthorized' | 'throttled' | 'timeout' | 'bad-request' | 'error';

export type FleetOutcome =
  | { ok: true; result: FleetResult }
  | { ok: false; reason: FleetFailure; message: string; query?: string };

/** Runs a fleet check. Never rejects: every fault is an outcome with a reason. */
export interface FleetSource {
  check(opts: FleetQueryOptions): Promise<FleetOutcome>;
}
