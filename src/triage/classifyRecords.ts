// Stage "classify": every read record becomes the events it proves. A device-less event belongs to the
// connection the paste last opened: the device of the latest MQTT username, AMQP user, mosquitto client,
// --device-id flag or connection string before it.
import { classify, type Resolved } from './classify';
import { findConnectionStrings } from './connectionString';
import { MAX_DEVICES } from './deviceTimelines';
import type { ConnEvent } from './events';
import type { FieldBag } from './fields/bag';
import { isPlaceholderId } from './identifiers';
import type { LineTemplate } from './lineTemplates';
import type { ConnectionStringInfo, InputShape } from './types';

const OPENS_CONNECTION = new Set(['mqtt-username', 'amqp-user', 'mqtt-client', 'cli-flag']);

export interface Classified {
  events: ConnEvent[];
  /** Structured records (JSON values, rows) that gave events: what "records read" means on the card. */
  structuredRecords: number;
  shapes: Set<InputShape>;
  connectionStrings: ConnectionStringInfo[];
  hubs: Set<string>;
  /** Devices the paste names: each record's own device, and each event's. */
  namedIds: Set<string>;
}

function shapeOf(bag: FieldBag): InputShape | undefined {
  const rec = bag.record;
  if (rec.columns) return rec.text ? (rec.text.includes('\t') ? 'log-analytics-tsv' : 'log-analytics-csv') : 'log-analytics-json';
  if (rec.json) {
    if (/^Microsoft\.Devices\.Device/i.test(bag.labels.get('eventType') ?? '')) return 'event-grid';
    const o = rec.json;
    if ('TimeGenerated' in o || 'properties_s' in o || '_ResourceId' in o) return 'log-analytics-json';
    if (bag.labels.has('operation') || bag.labels.has('resultType') || bag.labels.has('category')) return 'resource-log-json';
    return undefined;
  }
  if (bag.sdk.length || bag.messages.some((m) => m.event)) return 'sdk-log';
  if (/ErrorCode:/i.test(rec.text)) return 'rest-error';
  return 'error-lines';
}

/**
 * Classifies records one at a time, in paste order (the connection a device-less event belongs to is
 * the one opened last before it). `add` returns the record's events; `finish` completes the result.
 */
export class RecordClassifier {
  readonly out: Classified = {
    events: [],
    structuredRecords: 0,
    shapes: new Set(),
    connectionStrings: [],
    hubs: new Set(),
    namedIds: new Set(),
  };
  private connectionDevice: string | undefined;
  /** The input shape of the record `add` read last, when it gave events. */
  lastShape: InputShape | undefined;

  add(bag: FieldBag, resolved: Resolved): ConnEvent[] {
    const out = this.out;
    const rec = bag.record;
    const found = classify(bag, resolved);
    this.lastShape = undefined;
    const opened = bag.deviceIds.find((c) => OPENS_CONNECTION.has(c.source));
    if (opened && !isPlaceholderId(opened.value)) this.connectionDevice = opened.value;
    const connectionDevice = this.connectionDevice;
    if (connectionDevice) for (const e of found) if (!e.deviceId && e.kind !== 'rbac-permission-missing') e.deviceId = connectionDevice;
    if (found.length) {
      if (rec.json || rec.columns) out.structuredRecords++;
      for (const e of found) out.events.push(e);
      const shape = shapeOf(bag);
      this.lastShape = shape;
      if (shape) out.shapes.add(shape);
    }
    if (!rec.json && !rec.columns && rec.text.length < 100_000) {
      for (const cs of findConnectionStrings(rec.text, rec.line)) {
        out.connectionStrings.push(cs);
        if (cs.deviceId && cs.kind !== 'service') this.connectionDevice = cs.deviceId;
      }
    }
    // A record is about one device (its resolved one); a run-together line may name several, one per event.
    const named = out.namedIds;
    if (resolved.deviceId && named.size < MAX_DEVICES) named.add(resolved.deviceId);
    for (const e of found) if (e.deviceId && named.size < MAX_DEVICES) named.add(e.deviceId);
    for (const h of bag.hubs) out.hubs.add(h.value);
    return found;
  }

  /** A line read from its template (lineTemplates.ts): the same bookkeeping `add` does for such a record. */
  addTemplated(t: LineTemplate, deviceId: string, found: ConnEvent[]): void {
    const out = this.out;
    out.structuredRecords++;
    for (const e of found) out.events.push(e);
    if (t.shape) out.shapes.add(t.shape);
    if (out.namedIds.size < MAX_DEVICES) out.namedIds.add(deviceId);
    for (const h of t.hubs) out.hubs.add(h);
  }

  finish(): Classified {
    for (const c of this.out.connectionStrings) if (c.deviceId) this.out.namedIds.add(c.deviceId);
    return this.out;
  }
}
