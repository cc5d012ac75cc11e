// The triage contract: everything downstream (registry, explain, cards, bot, CLI) speaks these types.
// Keep it serialisable: a Triage is printed by `--json` and must never hold a secret.

export const VERDICTS = [
  'token-expiry-churn',
  'credential-problem',
  'mixed',
  'not-auth-related',
  'inconclusive',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const FINDING_KINDS = [
  'token-expiry-churn',
  'unrecovered-unauthorized',
  'authorization-header-missing',
  'device-not-registered',
  'authorization-rule-denied',
  'authentication-failed',
  'thumbprint-mismatch',
  'sas-signature-invalid',
  'sas-token-expired',
  'sas-token-wrong-scope',
  'credentials-rejected',
  'rbac-permission-missing',
  'device-disabled',
  'auth-type-mismatch',
  'clock-skew',
  'secret-exposed',
  'other-iothub-error',
  // Several hubs: the hub the paste names lacks the device, another configured hub has it.
  'device-in-other-hub',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Lang = 'en' | 'nl';

/** A quoted input line (already redacted), 1-based line number in the normalised input. */
export interface Evidence {
  line: number;
  text: string;
}

/** Facts a finding rests on, beyond its evidence lines. All optional; none is ever a secret. */
export interface FindingDetails {
  errorCode?: string;
  errorName?: string;
  message?: string;
  count?: number;
  firstSeen?: string;
  lastSeen?: string;
  // churn
  episodes?: number;
  tokenLifetimeMinutes?: number;
  medianReconnectSeconds?: number;
  reconnectsMissing?: boolean;
  sdkRenewal?: boolean;
  /** Churn read from a regular rhythm of SDK-reported drops and quick reconnects, with no 401003 in the paste. */
  fromRhythm?: boolean;
  // SAS tokens / connection strings
  expiresAt?: string;
  expiredMinutesAgo?: number;
  policy?: string;
  scope?: SasScope;
  resourceUri?: string;
  // certificates
  presentedSha1?: string;
  presentedSha256?: string;
  configuredPrimary?: string;
  configuredSecondary?: string;
  // RBAC / rules
  principal?: string;
  operation?: string;
  rule?: string;
  // secrets
  secretKinds?: SecretKind[];
  // registry cross-checks
  statusReason?: string;
  registeredAuthType?: RegisteredAuthType;
  presentedAuthType?: 'sas' | 'x509';
  matchedKey?: 'primary' | 'secondary';
  matchedSlot?: 'primary' | 'secondary' | 'none';
  otherDeviceId?: string;
  nearMatch?: string;
  expectedHub?: string;
  /** Several hubs and DPS: where the device is and is not, each fact rendered (en, nl) with its own fix by the knowledge base. */
  hubFacts?: HubFact[];
  /** Hubs asked for this device (several configured hubs). */
  hubsAsked?: string[];
  // client-side
  sdk?: string;
  protocol?: string;
  skewMinutes?: number;
}

/** A fact from looking a device up in several hubs and DPS; language-neutral like a Note. */
export type HubFactCode =
  | 'registered-in-other-hub'
  | 'not-in-any-hub'
  | 'dps-assigned-elsewhere'
  | 'dps-assigned-not-in-hub'
  | 'dps-registration-disabled'
  | 'dps-no-enrollment'
  | 'dps-registration-failed';

export interface HubFact {
  code: HubFactCode;
  params: Record<string, string>;
}

export interface Finding {
  kind: FindingKind;
  deviceId?: string;
  moduleId?: string;
  hub?: string;
  /** Redacted lines this finding rests on; capped (see MAX_EVIDENCE_PER_FINDING). */
  evidence: Evidence[];
  details: FindingDetails;
  /** Where the finding came from: the pasted text, or a registry cross-check. */
  source: 'paste' | 'registry';
}

export type SasScope = 'device' | 'module' | 'service' | 'hub' | 'unknown';
export type SecretKind = 'shared-access-key' | 'sas-signature' | 'connection-string' | 'symmetric-key' | 'private-key';
export type RegisteredAuthType = 'sas' | 'selfSigned' | 'certificateAuthority' | 'none';

/** One connection event on a device's timeline. */
export type TimelineEventType =
  | 'unauthorized' // 401003
  | 'closed-remotely' // 404104
  | 'connected' // successful deviceConnect / DeviceConnected / SDK "connected"
  | 'disconnected' // deviceDisconnect without error
  | 'renewal' // SDK-side benign renewal (C EXPIRED_SAS_TOKEN, Python SasTokenStage)
  | 'reauthorized' // SDK-side successful reauthorisation after renewal
  | 'other-error';

export interface TimelineEvent {
  type: TimelineEventType;
  at?: string; // ISO-8601, when the input carried a time
  line: number;
  code?: string;
}

export interface ChurnEpisode {
  at: string; // time of the 401003 (ISO)
  line: number;
  closedRemotelyAt?: string;
  reconnectedAt?: string;
  reconnectSeconds?: number;
  /** Minutes from this episode's 401003 to the next episode's. */
  gapToNextMinutes?: number;
}

export type DeviceEnding = 'connected' | 'unauthorized' | 'closed-remotely' | 'disconnected' | 'unknown';

export interface DeviceSummary {
  deviceId: string;
  moduleId?: string;
  hub?: string;
  verdict: Verdict;
  kinds: FindingKind[];
  counts: { unauthorized: number; closedRemotely: number; connected: number; otherErrors: number };
  firstSeen?: string;
  lastSeen?: string;
  endsWith: DeviceEnding;
  /** Churn episodes in time order, capped at MAX_EPISODES_PER_DEVICE (the count is in churnEpisodes). */
  episodes: ChurnEpisode[];
  churnEpisodes: number;
  tokenLifetimeMinutes?: number;
  medianReconnectSeconds?: number;
  protocol?: string;
  sdk?: string;
  /** Registry state when looked up. */
  registry?: DeviceRegistryState;
  /** Several hubs: each asked hub's answer for this device (the hub the state above came from is one of them). */
  hubs?: DeviceHubState[];
}

export interface DeviceHubState {
  hub: string;
  /** 'failed': the hub could not be asked (its failure note says why). */
  state: 'found' | 'not-found' | 'near-match' | 'failed';
  status?: 'enabled' | 'disabled';
  authType?: RegisteredAuthType;
}

export interface DeviceRegistryState {
  found: boolean;
  status?: 'enabled' | 'disabled';
  statusReason?: string;
  authType?: RegisteredAuthType;
  connectionState?: 'Connected' | 'Disconnected';
  lastActivityTime?: string;
  statusUpdatedTime?: string;
  connectionStateUpdatedTime?: string;
}

export type InputShape =
  | 'error-lines'
  | 'resource-log-json'
  | 'log-analytics-csv'
  | 'log-analytics-tsv'
  | 'log-analytics-json'
  | 'event-grid'
  | 'sdk-log'
  | 'sas-token'
  | 'connection-string'
  | 'device-id'
  | 'hub-name'
  | 'rest-error';

/** A pasted SAS token, decoded. The signature itself is never kept; only its one-way SHA-256 fingerprint. */
export interface SasTokenInfo {
  line: number;
  resourceUri: string;
  hub?: string;
  deviceId?: string;
  moduleId?: string;
  scope: SasScope;
  policy?: string;
  expiresAt?: string;
  expired?: boolean;
  /** hex SHA-256 of the base64 signature, so a registry key can be checked without keeping the secret. */
  signatureSha256?: string;
  /** The exact string the signature covers: urlencode(lower(sr)) + "\n" + se. */
  stringToSign?: string;
}

export interface ConnectionStringInfo {
  line: number;
  hub?: string;
  hostName?: string;
  deviceId?: string;
  moduleId?: string;
  policy?: string;
  kind: 'device' | 'module' | 'service' | 'unknown';
  auth: 'shared-access-key' | 'sas-token' | 'x509' | 'none';
  gatewayHostName?: string;
}

export interface RecognisedCode {
  code: string;
  name: string;
  count: number;
  authRelated: boolean;
}

/** What the engine recognised in the input, for `inconclusive` and for the card's "what I read" line. */
export interface Recognised {
  shapes: InputShape[];
  records: number;
  codes: RecognisedCode[];
  hubs: string[];
  deviceIds: string[];
  sasTokens: SasTokenInfo[];
  connectionStrings: ConnectionStringInfo[];
}

/** Language-neutral hints; the knowledge base renders them in English or Dutch. */
export type NoteCode =
  | 'empty-input'
  | 'binary-input'
  | 'input-truncated'
  | 'no-timestamps'
  | 'reconnects-missing'
  | 'secrets-redacted'
  | 'paste-more-context'
  | 'run-kql'
  | 'look-up-device'
  | 'registry-unavailable'
  | 'registry-unauthorized'
  | 'registry-throttled'
  | 'registry-not-configured'
  | 'too-many-devices'
  | 'device-inferred-from-position'
  | 'dates-day-first'
  | 'chat-prefix-ignored'
  | 'times-undated'
  | 'unread-evidence'
  | 'registry-miss-connected'
  | 'churn-from-rhythm'
  | 'expiry-drop-unconfirmed'
  // several hubs and DPS
  | 'registry-hubs-not-asked'
  | 'registry-dps-unavailable'
  | 'hub-not-configured'
  | 'registered-in-other-hubs';

export interface Note {
  code: NoteCode;
  params?: Record<string, string | number>;
}

export interface InputStats {
  bytes: number;
  lines: number;
  truncated: boolean;
  secretsRedacted: number;
}

export interface Triage {
  verdict: Verdict;
  findings: Finding[];
  devices: DeviceSummary[];
  recognised: Recognised;
  notes: Note[];
  /** A ready KQL query for the Connections category (per device when known). */
  kql: string;
  input: InputStats;
  /** The `now` the triage was computed against (ISO). */
  now: string;
}

export interface TriageOptions {
  now: Date;
  /** Hard cap on bytes read; the rest is dropped with an `input-truncated` note. */
  maxBytes?: number;
  /** False reads every line of a big export from scratch (tests compare it with the cached reading). */
  lineTemplates?: boolean;
  /** How much text waits before a segment is cut (engine.ts; tests make it small to cut often). */
  segmentChars?: number;
}

/**
 * A device identity as the registry reports it, neutral of azure-iothub. Keys are present only
 * when asked for (signature checks) and must not outlive that check.
 */
export interface DeviceRecord {
  deviceId: string;
  moduleId?: string;
  hub?: string;
  status: 'enabled' | 'disabled';
  statusReason?: string;
  authType: RegisteredAuthType;
  primaryThumbprint?: string;
  secondaryThumbprint?: string;
  primaryKey?: string;
  secondaryKey?: string;
  connectionState?: 'Connected' | 'Disconnected';
  lastActivityTime?: string;
  statusUpdatedTime?: string;
  connectionStateUpdatedTime?: string;
  modules?: string[];
}

export type RegistryFailure = 'not-configured' | 'unauthorized' | 'throttled' | 'timeout' | 'unreachable' | 'error';

/** What a registry lookup produced for a set of device ids. */
export interface RegistryLookup {
  /** id -> record, or null when the registry does not contain it. Ids absent from the map were not looked up. */
  devices: Map<string, DeviceRecord | null>;
  /** Set when the lookup (or part of it) could not be done. */
  failure?: { reason: RegistryFailure; message: string };
  /** Which hub was asked (host name), when known. */
  hub?: string;
  source: 'iothub' | 'snapshot';
}

export const MAX_EVIDENCE_PER_FINDING = 5;
export const MAX_EPISODES_PER_DEVICE = 50;
export const MAX_EVIDENCE_CHARS = 300;
