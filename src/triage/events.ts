// The engine's internal event: one thing that happened on one device's connection, from any input shape.
import { CODE_TOKEN, lookupToken, type CodeInfo } from './codes';
import { deviceIdCandidates, findDeviceId, findHub, findModuleId } from './identifiers';
import { matchMessage } from './messages';
import { findTimestamp } from './time';
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
}

/** The evidence line for an event; structured records are summarised lazily (most never become evidence). */
export function evidenceOf(e: ConnEvent): string {
  if (e.evidence === undefined) e.evidence = e.record ? summarise(e.record, e.code ? lookupToken(e.code) : undefined) : '';
  return e.evidence;
}

export function clip(text: string, around = 0): string {
  const t = text.trim();
  if (t.length <= MAX_EVIDENCE_CHARS) return t;
  const start = Math.max(0, Math.min(around - 80, t.length - MAX_EVIDENCE_CHARS));
  return (start > 0 ? '…' : '') + t.slice(start, start + MAX_EVIDENCE_CHARS - 2) + '…';
}

/** A normalised log record (resource log, Log Analytics row, az monitor JSON). */
export interface LogRecord {
  time?: number;
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

function sdkName(sdkVersion: string | undefined): string | undefined {
  if (!sdkVersion) return undefined;
  const v = sdkVersion.toLowerCase();
  if (v.includes('azure-iot-device/') && v.includes('node')) return 'node';
  if (v.startsWith('.net') || v.includes('microsoft.azure.devices')) return 'dotnet';
  if (v.includes('py')) return 'python';
  if (v.includes('iothubclient') || v.includes('azure-iot-sdk-c')) return 'c';
  if (v.includes('java') || v.includes('com.microsoft.azure.sdk.iot')) return 'java';
  return sdkVersion.split(/[\s/]/)[0]?.slice(0, 40);
}

function recordCode(r: LogRecord): CodeInfo | undefined {
  for (const v of [r.resultType, r.resultDescription]) {
    if (!v) continue;
    const info = lookupToken(v.trim());
    if (info) return info;
  }
  return undefined;
}

function summarise(r: LogRecord, code: CodeInfo | undefined): string {
  const parts = [
    r.time !== undefined ? new Date(r.time).toISOString() : undefined,
    r.operationName,
    code ? `${code.code} ${code.name}` : r.resultType,
    r.deviceId ? `device ${r.deviceId}${r.moduleId ? `/${r.moduleId}` : ''}` : undefined,
    r.protocol,
    r.errorMessage && r.errorMessage !== r.resultDescription ? r.errorMessage : undefined,
  ];
  return clip(parts.filter(Boolean).join(' · '));
}

/** One event from a structured record. */
export function eventFromRecord(r: LogRecord, line: number): ConnEvent {
  const code = recordCode(r);
  const message = r.errorMessage && r.errorMessage !== r.resultDescription ? `${r.errorMessage} ${r.resultDescription ?? ''}`.trim() : (r.resultDescription ?? r.errorMessage ?? '');
  // A description that is just the code's name ("IoTHubUnauthorized") carries no message to match.
  const match = message && !(code && message.length === code.name.length && message.toLowerCase() === code.name.toLowerCase()) ? matchMessage(message) : undefined;
  const base = {
    at: r.time,
    line,
    deviceId: r.deviceId ?? match?.deviceId,
    moduleId: r.moduleId,
    hub: r.hub ?? match?.hub,
    code: code?.code,
    record: r,
    protocol: r.protocol,
    sdk: sdkName(r.sdkVersion),
  };
  if (match?.kind) return { ...base, type: code?.role === 'unauthorized' ? 'unauthorized' : 'other-error', kind: match.kind, details: { ...match.details, errorCode: code?.code, errorName: code?.name, message: clip(message) } };
  if (code) return { ...base, ...fromCode(code, message) };
  const op = (r.operationName ?? '').toLowerCase();
  const failed = /error|fail|warn/i.test(r.level ?? '') || (r.statusCode !== undefined && /^[45]/.test(r.statusCode));
  if (op.includes('connect') && !op.includes('disconnect')) return { ...base, type: failed ? 'other-error' : 'connected', details: {} };
  if (op.includes('disconnect')) return { ...base, type: 'disconnected', details: {} };
  return { ...base, type: failed ? 'other-error' : 'disconnected', details: {} };
}

function fromCode(code: CodeInfo, message: string): Pick<ConnEvent, 'type' | 'kind' | 'details'> {
  const details: FindingDetails = { errorCode: code.code, errorName: code.name };
  const m = message.trim().toLowerCase();
  if (m && m !== code.code && m !== code.name.toLowerCase()) details.message = clip(message);
  switch (code.role) {
    case 'unauthorized':
      return { type: 'unauthorized', details };
    case 'closed-remotely':
      return { type: 'closed-remotely', details };
    case 'credential':
      return { type: 'other-error', kind: 'credentials-rejected', details };
    default:
      return { type: 'other-error', kind: 'other-iothub-error', details };
  }
}

const CONNECTED = /\bDeviceConnected\b|\bdeviceConnect\b|\bConnectionStatus\W{0,3}Connected\b|\bstatus(?: changed)?(?: to)?\W{0,3}Connected\b|\bClient connected\b|\bconnected to (?:IoT ?Hub|the hub)\b|\bCONNACK\b[^\r\n]{0,30}\b(?:rc|returnCode|return code)?\W{0,3}0\b/i;
const DISCONNECTED = /\bDeviceDisconnected\b|\bdeviceDisconnect\b/i;

/** Events in one free-text segment (a log line, an SDK trace line, an error message). */
export function eventsFromText(text: string, line: number): ConnEvent[] {
  const at = findTimestamp(text);
  let deviceId = findDeviceId(text);
  const moduleId = deviceId ? findModuleId(text) : undefined;
  const hub = findHub(text);
  const match = matchMessage(text);
  const events: ConnEvent[] = [];
  const seen = new Set<string>();
  CODE_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let firstIndex = -1;
  while ((m = CODE_TOKEN.exec(text)) && events.length < 8) {
    const info = lookupToken(m[1]);
    if (!info || seen.has(info.code)) continue;
    seen.add(info.code);
    if (firstIndex < 0) firstIndex = m.index;
    const base = { at, line, deviceId: deviceId ?? match?.deviceId, moduleId, hub: hub ?? match?.hub, code: info.code, evidence: clip(text, m.index) };
    if (match?.kind && (info.role === 'unauthorized' || info.role === 'credential')) {
      events.push({ ...base, type: info.role === 'unauthorized' ? 'unauthorized' : 'other-error', kind: match.kind, details: { ...match.details, errorCode: info.code, errorName: info.name } });
    } else {
      events.push({ ...base, ...fromCode(info, '') });
    }
  }
  const base = { at, line, deviceId: deviceId ?? match?.deviceId, moduleId, hub: hub ?? match?.hub };
  if (match && !events.some((e) => e.kind === match.kind && match.kind)) {
    if (match.kind) events.push({ ...base, type: 'other-error', kind: match.kind, details: match.details, evidence: clip(text, match.index) });
    else if (match.event) events.push({ ...base, type: match.event, details: match.details, evidence: clip(text, match.index), sdk: match.details.sdk });
  }
  if (events.length === 0) {
    const c = CONNECTED.exec(text);
    if (c && !/\b(?:error|failed|failure|refused|denied)\b/i.test(text)) events.push({ ...base, type: 'connected', details: {}, evidence: clip(text, c.index) });
    else {
      const d = DISCONNECTED.exec(text);
      if (d) events.push({ ...base, type: 'disconnected', details: {}, evidence: clip(text, d.index) });
    }
  }
  // Columns without labels ("2026-… deviceDisconnect pump-0042 IoTHubUnauthorized"): the one id-like token.
  if (events.length && !deviceId && !match?.deviceId) {
    deviceId = deviceIdCandidates(text, 2).find((id) => id.toLowerCase() !== hub && !id.toLowerCase().startsWith(`${hub}.`));
    if (deviceId) for (const e of events) e.deviceId ??= deviceId;
  }
  return events;
}

