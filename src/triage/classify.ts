// Stage "classify": one read record (its field bag, time and identity resolved) becomes the connection
// events it proves. One table of codes (codes.ts), one of messages (messages.ts), one of SDK status
// words (sdkVocabulary.ts); this file only says how they combine.
import { lookupToken, type CodeInfo } from './codes';
import { clip, type ConnEvent, type LogRecord } from './events';
import type { FieldBag } from './fields/bag';
import { isPlaceholderId } from './identifiers';
import { lineOfOffset, lineTextAt } from './records/record';
import type { SdkMeaning } from './sdkVocabulary';
import type { FindingDetails, FindingKind, TimelineEventType } from './types';

const DEVICE_SIDE = /aziot|identityd|edgeAgent|edgeHub|DeviceClient|ModuleClient|device client|azure\.iot\.device|azure-iot-device|iothubclient|iothub_client|IoTHubDeviceClient/i;

export interface Resolved {
  at?: number;
  deviceId?: string;
  moduleId?: string;
  hub?: string;
}

const CREDENTIAL_MEANINGS = new Set<SdkMeaning>([
  'credentials-rejected', 'sas-signature-invalid', 'sas-token-expired', 'device-disabled', 'device-not-registered',
  'thumbprint-mismatch', 'authentication-failed', 'clock-skew', 'authorization-rule-denied', 'authorization-header-missing',
  'rbac-permission-missing', 'auth-type-mismatch', 'sas-token-wrong-scope', 'unrecovered-unauthorized',
]);

export function sdkName(sdkVersion: string | undefined): string | undefined {
  if (!sdkVersion) return undefined;
  const v = sdkVersion.toLowerCase();
  if (v.includes('azure-iot-device/') && v.includes('node')) return 'node';
  if (v.startsWith('.net') || v.includes('microsoft.azure.devices')) return 'dotnet';
  if (v.includes('py')) return 'python';
  if (v.includes('iothubclient') || v.includes('azure-iot-sdk-c')) return 'c';
  if (v.includes('java') || v.includes('com.microsoft.azure.sdk.iot')) return 'java';
  return sdkVersion.split(/[\s/]/)[0]?.slice(0, 40);
}

function fromCode(code: CodeInfo, message: string | undefined): Pick<ConnEvent, 'type' | 'kind' | 'details'> {
  const details: FindingDetails = { errorCode: code.code, errorName: code.name };
  const m = message?.trim();
  if (m && m !== code.code && m.toLowerCase() !== code.name.toLowerCase()) details.message = clip(m);
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

/** The codes a record carries: labelled result/error fields first, then any found in its text. */
function recordCodes(bag: FieldBag): CodeInfo[] {
  const out: CodeInfo[] = [];
  for (const f of ['resultType', 'errorCode', 'resultDescription'] as const) {
    const v = bag.labels.get(f);
    const info = v ? lookupToken(v) : undefined;
    if (info && !out.includes(info) && !out.some((c) => c.code === info.code)) out.push(info);
  }
  for (const c of bag.codes) if (!out.some((x) => x.code === c.info.code)) out.push(c.info);
  return out.slice(0, 8);
}

/** The record's message text: a labelled error message or description that is more than a code's name. */
function messageText(bag: FieldBag): string | undefined {
  const err = bag.labels.get('errorMessage');
  const desc = bag.labels.get('resultDescription');
  const msg = bag.labels.get('message');
  if (err && desc && err !== desc) return `${err} ${desc}`;
  return err ?? desc ?? msg;
}

function logRecord(bag: FieldBag, r: Resolved): LogRecord {
  const l = bag.labels;
  return {
    operationName: l.get('operation') ?? l.get('eventType')?.replace(/^Microsoft\.Devices\./i, ''),
    level: l.get('level'),
    resultType: l.get('resultType'),
    resultDescription: l.get('resultDescription'),
    category: l.get('category'),
    deviceId: r.deviceId,
    moduleId: r.moduleId,
    hub: r.hub,
    protocol: l.get('protocol'),
    sdkVersion: l.get('sdkVersion'),
    statusCode: l.get('statusCode'),
    errorMessage: l.get('errorMessage') ?? l.get('message'),
    authType: l.get('authType'),
  };
}

/** Events one record proves. */
export function classify(bag: FieldBag, r: Resolved): ConnEvent[] {
  // Nothing any reader recognised: no event (most lines of a long paste).
  if (!bag.codes.length && !bag.messages.length && !bag.sdk.length && !bag.connection && !bag.mqttTrace && !bag.labels.size) return [];
  const rec = bag.record;
  const structured = !!(rec.json || rec.columns) || !rec.text;
  const codes = recordCodes(bag);
  const credMessage = bag.messages.find((m) => m.kind);
  const benign = bag.messages.find((m) => m.event);
  const credSdk = bag.sdk.find((h) => CREDENTIAL_MEANINGS.has(h.meaning));
  const has = (m: SdkMeaning) => bag.sdk.find((h) => h.meaning === m);
  const protocol = bag.labels.get('protocol');
  const sdk = sdkName(bag.labels.get('sdkVersion')) ?? bag.sdk[0]?.sdk;
  const record = structured ? logRecord(bag, r) : undefined;

  // An RBAC refusal is about a principal; a device in its path is the resource it tried to read.
  const aboutPrincipal = credMessage?.kind === 'rbac-permission-missing';
  // Several devices named in one record (lines a chat client ran together): each event takes the one
  // named last before it.
  const placed = structured ? [] : bag.deviceIds.filter((c) => c.rank <= 1 && c.index >= 0 && !isPlaceholderId(c.value)).sort((a, b) => a.index - b.index);
  const several = placed.length > 1 && placed.some((c) => c.value !== placed[0].value);
  const events: ConnEvent[] = [];
  // One event, built as a plain literal (object spread per event was the engine's hottest spot).
  const add = (type: TimelineEventType, index: number | undefined, details: FindingDetails, kind?: FindingKind, code?: string): ConnEvent => {
    const i = index ?? -1;
    let deviceId = aboutPrincipal ? undefined : r.deviceId;
    if (several && i >= 0 && !aboutPrincipal) {
      let pick = placed[0];
      for (const c of placed) if (c.index <= i) pick = c;
      deviceId = pick.value;
    }
    const where = structured || i < 0 ? undefined : lineTextAt(rec, i);
    const e: ConnEvent = {
      type,
      at: r.at,
      line: structured || i < 0 ? rec.line : lineOfOffset(rec, i),
      deviceId,
      moduleId: aboutPrincipal ? undefined : r.moduleId,
      hub: r.hub,
      code,
      kind,
      details,
      evidence: structured ? undefined : where ? clip(where.text, where.at) : clip(rec.text),
      record,
      protocol,
      sdk,
    };
    events.push(e);
    return e;
  };
  const codeIndex = (info: CodeInfo) => bag.codes.find((c) => c.info.code === info.code)?.index;

  // 404001 answered to the device itself (its SDK, or IoT Edge's identity service) means the hub does not
  // know the device: a credential problem. Answered to a back-end call, it is an ordinary error.
  const deviceSide = () => bag.sdk.length > 0 || DEVICE_SIDE.test(rec.text || (bag.texts[0]?.text ?? ''));
  for (const info of codes) {
    const where = codeIndex(info);
    if (info.code === '404001' && !credMessage && deviceSide()) {
      add('other-error', where, { errorCode: info.code, errorName: info.name }, 'device-not-registered', info.code);
      continue;
    }
    const proof = info.role === 'unauthorized' || info.role === 'credential' ? credMessage ?? credSdk : undefined;
    if (proof) {
      const kind = (credMessage?.kind ?? credSdk!.meaning) as FindingKind;
      const details: FindingDetails = Object.assign({}, credMessage?.details, { errorCode: info.code, errorName: info.name });
      if (!credMessage && credSdk) details.sdk = credSdk.sdk;
      const msg = messageText(bag);
      if (msg && !details.message && msg.toLowerCase() !== info.name.toLowerCase()) details.message = clip(msg);
      add(info.role === 'unauthorized' ? 'unauthorized' : 'other-error', where, details, kind, info.code);
    } else {
      const c = fromCode(info, messageText(bag));
      add(c.type, where, c.details, c.kind, info.code);
    }
  }
  const kinds = new Set(events.map((e) => e.kind));
  if (credMessage?.kind && !kinds.has(credMessage.kind)) {
    add('other-error', credMessage.index, { ...credMessage.details }, credMessage.kind);
    kinds.add(credMessage.kind);
  }
  for (const h of bag.sdk) {
    if (!CREDENTIAL_MEANINGS.has(h.meaning) || kinds.has(h.meaning as FindingKind)) continue;
    // One credential proof per record: a named one ("invalid signature") beats the generic words beside it.
    if (h.meaning === 'credentials-rejected' && [...kinds].some((k) => k && k !== 'other-iothub-error')) continue;
    add('other-error', h.index, { sdk: h.sdk }, h.meaning as FindingKind).sdk = h.sdk;
    kinds.add(h.meaning as FindingKind);
  }
  const failing = events.some((e) => e.type === 'unauthorized' || (e.kind && e.kind !== 'other-iothub-error'));
  const renewal = (benign?.event === 'renewal' && benign) || has('renewal');
  if (renewal && !failing) {
    // The SDK's own words that it renews are proof of design; edgeHub dropping a client at expiry is the hub's side.
    const self = 'meaning' in renewal ? renewal.sdk !== 'edge' : renewal.details.sdkRenewal === true;
    const e = add('renewal', renewal.index, { sdkRenewal: true });
    if (self) e.selfRenewal = true;
    else if ('expiryDrop' in renewal && renewal.expiryDrop) e.expiryDrop = true;
  }
  const back = (benign?.event === 'reauthorized' && benign) || has('reconnect') || has('connected');
  if (back && !failing && !renewal) {
    const type: TimelineEventType = 'meaning' in back && back.meaning === 'connected' ? 'connected' : 'reauthorized';
    add(type, back.index, {});
  }
  // The C SDK's own packet trace: a DISCONNECT it sends and the CONNECT after it is how it refreshes
  // its SAS token over MQTT (iothubtransport_mqtt_common.c); a CONNACK says how the hub answered.
  if (!events.length && bag.mqttTrace) {
    const t = bag.mqttTrace;
    if (t === 'connack-refused') add('other-error', 0, { protocol: 'Mqtt', sdk: 'c' }, 'credentials-rejected');
    else if (t === 'connack-unavailable') add('other-error', 0, { protocol: 'Mqtt', sdk: 'c', message: 'CONNACK 0x3: server unavailable' }, 'other-iothub-error');
    else add(t === 'connack-ok' ? 'connected' : 'renewal', 0, t === 'connack-ok' ? {} : { sdkRenewal: true });
  }
  if (!events.length) {
    const other = has('other-error');
    if (other) add('other-error', other.index, { message: clip(other.text), sdk: other.sdk }, 'other-iothub-error');
  }
  if (!events.length && bag.connection) {
    const c = bag.connection;
    const type: TimelineEventType = c.type === 'connected' ? (c.failed ? 'other-error' : 'connected') : 'disconnected';
    const e = add(type, c.index, {});
    if (type === 'connected' && !structured) e.looseConnect = true;
  }
  if (!events.length) {
    const drop = has('disconnect');
    if (drop) {
      const e = add('disconnected', drop.index, {});
      e.sdk = drop.sdk;
      e.sdkDrop = true;
    }
  }
  return events;
}
