// A big export repeats one record per event kind, differing only in its time and device id. Reading a
// line of such an export is cached per template (the line with those two values cut out): two lines with
// the same template parse to the same JSON except those two strings (neither holds a quote or a backslash,
// so the JSON's structure cannot differ), and a record's reading depends on them only through its labelled
// time (ISO, read without the paste's date order) and its one labelled device id. A template is kept only
// when the full reading of its first line shows exactly that; anything else is read from scratch every time.
import type { ConnEvent, LogRecord } from './events';
import type { FieldBag } from './fields/bag';
import { Rank } from './fields/bag';
import { isPlaceholderId } from './identifiers';
import { isoMs } from './isoTime';
import { memoText } from './memo';
import type { FindingDetails, FindingKind, InputShape, TimelineEventType } from './types';

const MAX_TEMPLATES = 10_000;

/** Where a line's time and device id sit; the rest of the line is its template. */
export interface LineKey {
  time: string;
  /** The time, read (an ISO time needs no day/month order). */
  ms: number;
  deviceId: string;
  /** Offsets in the line: the time's end, the device id's start and end. */
  timeEnd: number;
  idStart: number;
  idEnd: number;
}

const TIME_START = 9; // after {"time":"

const placeholder = memoText(isPlaceholderId);

function isIdChar(c: number, first: boolean): boolean {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return alnum || (!first && (c === 46 || c === 95 || c === 58 || c === 45));
}

/**
 * The line's time and device id, when it is a line this cache can take: it opens with an ISO time, and
 * names "deviceId" exactly once, as a key of the record or of its "properties" string (escaped there),
 * with a value of id characters only. Undefined sends the line the long way.
 */
export function lineKey(line: string): LineKey | undefined {
  // A resource log's own layout: the line opens with its ISO time ({"time":"2026-11-29T10:00:00.123Z").
  if (!line.startsWith('{"time":"')) return undefined;
  const quote = line.indexOf('"', TIME_START);
  if (quote < TIME_START + 20 || quote > TIME_START + 29) return undefined;
  const time = line.slice(TIME_START, quote);
  const ms = isoMs(time);
  if (ms === undefined) return undefined;
  const at = line.indexOf('deviceId', quote);
  if (at === -1 || line.indexOf('deviceId', at + 8) !== -1) return undefined;
  // "deviceId":"<id>" or, inside a string, \"deviceId\":\"<id>\"
  const escaped = line.charCodeAt(at - 1) === 34 && line.charCodeAt(at - 2) === 92;
  if (!escaped && line.charCodeAt(at - 1) !== 34) return undefined;
  const close = escaped ? '\\":\\"' : '":"';
  if (!line.startsWith(close, at + 8)) return undefined;
  const idStart = at + 8 + close.length;
  let idEnd = idStart;
  while (idEnd - idStart <= 128 && isIdChar(line.charCodeAt(idEnd), idEnd === idStart)) idEnd++;
  if (idEnd === idStart || idEnd - idStart > 128 || !line.startsWith(escaped ? '\\"' : '"', idEnd)) return undefined;
  const deviceId = line.slice(idStart, idEnd);
  if (placeholder(deviceId)) return undefined;
  return { time, ms, deviceId, timeEnd: quote, idStart, idEnd };
}

interface TemplateEvent {
  type: TimelineEventType;
  hub?: string;
  code?: string;
  kind?: FindingKind;
  details: FindingDetails;
  protocol?: string;
  sdk?: string;
  selfRenewal?: boolean;
  sdkDrop?: boolean;
}

export interface LineTemplate {
  events: TemplateEvent[];
  record?: LogRecord;
  /** The record as read for each device: the same for every line of this template and device. */
  byDevice: Map<string, LogRecord>;
  shape?: InputShape;
  hubs: string[];
}

/** The template a fully read line gives, or undefined when its reading depends on more than time and device. */
export function templateOf(k: LineKey, bag: FieldBag, resolvedDeviceId: string | undefined, found: ConnEvent[], shape: InputShape | undefined): LineTemplate | undefined {
  if (!found.length || resolvedDeviceId !== k.deviceId || bag.labelledTime !== k.time || bag.moduleIds.length || bag.times.length) return undefined;
  if (bag.deviceIds.length !== 1 || bag.deviceIds[0].value !== k.deviceId || bag.deviceIds[0].rank !== Rank.Labelled) return undefined;
  const record = found[0].record;
  const events: TemplateEvent[] = [];
  for (const e of found) {
    // 404001 looks at the record's whole text (device side or not), where the device id is.
    if (e.deviceId !== k.deviceId || e.moduleId !== undefined || e.code === '404001' || e.record !== record || e.evidence !== undefined) return undefined;
    events.push({ type: e.type, hub: e.hub, code: e.code, kind: e.kind, details: e.details, protocol: e.protocol, sdk: e.sdk, selfRenewal: e.selfRenewal, sdkDrop: e.sdkDrop });
  }
  return { events, record: record && { ...record }, byDevice: new Map(), shape, hubs: bag.hubs.map((h) => h.value) };
}

const MAX_DEVICES_PER_TEMPLATE = 100_000;

function recordFor(r: LogRecord, deviceId: string): LogRecord {
  return {
    operationName: r.operationName,
    level: r.level,
    resultType: r.resultType,
    resultDescription: r.resultDescription,
    category: r.category,
    deviceId,
    moduleId: undefined,
    hub: r.hub,
    protocol: r.protocol,
    sdkVersion: r.sdkVersion,
    statusCode: r.statusCode,
    errorMessage: r.errorMessage,
    authType: r.authType,
  };
}

/** The events of a line read from its template. */
export function eventsOf(t: LineTemplate, deviceId: string, line: number): ConnEvent[] {
  let record = t.byDevice.get(deviceId);
  if (!record && t.record) {
    record = recordFor(t.record, deviceId);
    if (t.byDevice.size < MAX_DEVICES_PER_TEMPLATE) t.byDevice.set(deviceId, record);
  }
  const out: ConnEvent[] = [];
  for (const te of t.events) {
    // The same literal as classify's, so every event has one shape.
    const e: ConnEvent = { type: te.type, at: undefined, line, deviceId, moduleId: undefined, hub: te.hub, code: te.code, kind: te.kind, details: te.details, evidence: undefined, record, protocol: te.protocol, sdk: te.sdk };
    if (te.selfRenewal) e.selfRenewal = true;
    if (te.sdkDrop) e.sdkDrop = true;
    out.push(e);
  }
  return out;
}

interface Stored {
  /** The line between the time and the device id, and after the device id. */
  middle: string;
  tail: string;
  template: LineTemplate;
}

/** Templates by the lengths of their two constant parts, then compared whole: no key is built or hashed per line. */
export class LineTemplates {
  private readonly byLength = new Map<number, Stored[]>();
  private size = 0;

  private static slot(line: string, k: LineKey): number {
    return (k.idStart - k.timeEnd) * 1_000_003 + (line.length - k.idEnd);
  }

  get(line: string, k: LineKey): LineTemplate | undefined {
    const list = this.byLength.get(LineTemplates.slot(line, k));
    if (!list) return undefined;
    // slice + === compares whole blocks; startsWith/endsWith compare a character at a time (8x slower here).
    const middle = line.slice(k.timeEnd, k.idStart);
    const tail = line.slice(k.idEnd);
    for (const s of list) if (middle === s.middle && tail === s.tail) return s.template;
    return undefined;
  }

  set(line: string, k: LineKey, template: LineTemplate): void {
    if (this.size >= MAX_TEMPLATES) return;
    const slot = LineTemplates.slot(line, k);
    const list = this.byLength.get(slot) ?? [];
    if (list.length >= 16) return;
    list.push({ middle: line.slice(k.timeEnd, k.idStart), tail: line.slice(k.idEnd), template });
    this.byLength.set(slot, list);
    this.size++;
  }
}
