// The engine's internal event: one thing that happened on one device's connection, from any input shape.
import { lookupToken, type CodeInfo } from './codes';
import { isoUtc } from './isoTime';
import { MAX_EVIDENCE_CHARS, type FindingDetails, type FindingKind, type TimelineEventType } from './types';

export interface ConnEvent {
  type: TimelineEventType;
  at?: number;
  line: number;
  deviceId?: string;
  moduleId?: string;
  hub?: string;
  code?: string;
  /** A finding this event proves on its own (credential message, other IoT Hub error). */
  kind?: FindingKind;
  details: FindingDetails;
  /** Redacted evidence text; for structured records it is built on first use (see evidenceOf). */
  evidence?: string;
  record?: LogRecord;
  protocol?: string;
  sdk?: string;
  /** The device SDK said, in its own words, that it is renewing its token (not a hub-side drop). */
  selfRenewal?: boolean;
  /** IoT Edge dropped the client at its token's expiry (ConnectionReauthenticator); only its reconnect confirms churn. */
  expiryDrop?: boolean;
  /** A drop the SDK reported in its own status words (Disconnected_Retrying, NO_NETWORK, ...). */
  sdkDrop?: boolean;
  /**
   * A connect read from general words in a text line ("reconnected", "connection established", "Client
   * connected"), which may be another link's (Wi-Fi, a local broker): not proof that a refused client is back.
   */
  looseConnect?: boolean;
}

/** The evidence line for an event; structured records are summarised lazily (most never become evidence). */
export function evidenceOf(e: ConnEvent): string {
  if (e.evidence === undefined) e.evidence = e.record ? summarise(e.record, e.code ? lookupToken(e.code) : undefined, e.at) : '';
  return e.evidence;
}

export function clip(text: string, around = 0): string {
  const t = text.trim();
  if (t.length <= MAX_EVIDENCE_CHARS) return t;
  const start = Math.max(0, Math.min(around - 80, t.length - MAX_EVIDENCE_CHARS));
  return (start > 0 ? '…' : '') + t.slice(start, start + MAX_EVIDENCE_CHARS - 2) + '…';
}

/**
 * A normalised log record (resource log, Log Analytics row, az monitor JSON). Its time is its events'
 * (ConnEvent.at), and records read from one line template share one per device (lineTemplates.ts).
 */
export interface LogRecord {
  operationName?: string;
  level?: string;
  resultType?: string;
  resultDescription?: string;
  category?: string;
  deviceId?: string;
  moduleId?: string;
  hub?: string;
  protocol?: string;
  sdkVersion?: string;
  statusCode?: string;
  errorMessage?: string;
  authType?: string;
}

function summarise(r: LogRecord, code: CodeInfo | undefined, at: number | undefined): string {
  const parts = [
    at !== undefined ? isoUtc(at) : undefined,
    r.operationName,
    code ? `${code.code} ${code.name}` : r.resultType,
    r.deviceId ? `device ${r.deviceId}${r.moduleId ? `/${r.moduleId}` : ''}` : undefined,
    r.protocol,
    r.errorMessage && r.errorMessage !== r.resultDescription ? r.errorMessage : undefined,
  ];
  return clip(parts.filter(Boolean).join(' · '));
}

