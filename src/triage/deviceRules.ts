// The one place where a device's connection summary becomes a ruling. The paste engine (timeline.ts)
// and the fleet query (Log Analytics computes the same summary per device in KQL) both call
// `ruleOnDevice`, so a pasted log and the fleet view can never disagree.

/** Thresholds, shared with the KQL that computes the summary in the workspace. */
export const DEVICE_RULES = {
  /** A 404104 this long before or after a 401003 belongs to it. */
  closeBeforeSeconds: 60,
  closeAfterSeconds: 120,
  /** 401003s closer together than this are retries of a refused credential, not token rotations. */
  retryGapMinutes: 15,
  /** 401003s after the last successful connect that make a device locked out. */
  unrecoveredMin: 2,
  /** Error-only exports (no connect rows): spaced 401003+404104 pairs needed to call it churn. */
  errorOnlyMinPairs: 2,
  /** Retries (401003 < retryGapMinutes after the previous one) that make an error-only device locked out. */
  errorOnlyMinRetries: 2,
} as const;

/** Per-device counts over a window, computable from raw rows in TypeScript or in KQL. */
export interface DeviceConnectionSummary {
  deviceId: string;
  /** 401003 IoTHubUnauthorized without a more specific credential message (and SDK renewals). */
  unauthorized: number;
  /** 404104 DeviceConnectionClosedRemotely. */
  closedRemotely: number;
  /** Successful connects (and SDK reauthorisations). */
  connected: number;
  /** 401003s followed by a successful connect before the next 401003. */
  recovered: number;
  /** 401003s after the device's last successful connect (all of them if it never connected). */
  trailing: number;
  /** Timed 401003s with a 404104 nearby whose previous 401003 was at least retryGapMinutes earlier (or none). */
  spacedPairs: number;
  /** Timed 401003s less than retryGapMinutes after the previous 401003. */
  retries: number;
  /** Median minutes between consecutive 401003s that were recovered or spaced (the token lifetime). */
  medianIntervalMinutes?: number;
  /** Median seconds from a 401003 to the reconnect that followed it. */
  medianReconnectSeconds?: number;
  firstSeen?: string;
  lastSeen?: string;
}

export interface DeviceRuling {
  /** Benign token-expiry churn seen. */
  churn: boolean;
  /** Refused and never back: a credential problem. */
  unrecovered: boolean;
  /** Churn was read from 401003+404104 pairs alone; the reconnects were not in the input. */
  reconnectsMissing: boolean;
}

export function ruleOnDevice(s: DeviceConnectionSummary): DeviceRuling {
  if (s.connected > 0) {
    return { churn: s.recovered >= 1, unrecovered: s.trailing >= DEVICE_RULES.unrecoveredMin, reconnectsMissing: false };
  }
  const churn = s.spacedPairs >= DEVICE_RULES.errorOnlyMinPairs;
  return { churn, unrecovered: s.retries >= DEVICE_RULES.errorOnlyMinRetries, reconnectsMissing: churn };
}
