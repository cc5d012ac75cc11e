// Stage "classify": every read record becomes the events it proves. A device-less event belongs to the
// connection the paste last opened: the device of the latest MQTT username, AMQP user, mosquitto client,
// --device-id flag or connection string before it.
import { classify, type Resolved } from './classify';
import { findConnectionStrings } from './connectionString';
import { MAX_DEVICES } from './deviceTimelines';
import type { ConnEvent } from './events';
import type { FieldBag } from './fields/bag';
import { isPlaceholderId } from './identifiers';
import type { ConnectionStringInfo, InputShape } from './types';

const OPENS_CONNECTION = new Set(['mqtt-username', 'amqp-user', 'mqtt-client', 'cli-flag']);

export interface Classified {
  events: ConnEvent[];
  /** Events per record, in record order. */
  byRecord: ConnEvent[][];
  /** 1 where the record gave at least one event. */
  eventful: Uint8Array;
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

export function classifyRecords(bags: FieldBag[], resolved: Resolved[]): Classified {
  const out: Classified = {
    events: [],
    byRecord: new Array(bags.length),
    eventful: new Uint8Array(bags.length),
    structuredRecords: 0,
    shapes: new Set(),
    connectionStrings: [],
    hubs: new Set(),
    namedIds: new Set(),
  };
  let connectionDevice: string | undefined;
  for (let i = 0; i < bags.length; i++) {
    const bag = bags[i];
    const rec = bag.record;
    const found = classify(bag, resolved[i]);
    out.byRecord[i] = found;
    const opened = bag.deviceIds.find((c) => OPENS_CONNECTION.has(c.source));
    if (opened && !isPlaceholderId(opened.value)) connectionDevice = opened.value;
    if (connectionDevice) for (const e of found) if (!e.deviceId && e.kind !== 'rbac-permission-missing') e.deviceId = connectionDevice;
    if (found.length) {
      out.eventful[i] = 1;
      if (rec.json || rec.columns) out.structuredRecords++;
      for (const e of found) out.events.push(e);
      const shape = shapeOf(bag);
      if (shape) out.shapes.add(shape);
    }
    if (!rec.json && !rec.columns && rec.text.length < 100_000) {
      for (const cs of findConnectionStrings(rec.text, rec.line)) {
        out.connectionStrings.push(cs);
        if (cs.deviceId && cs.kind !== 'service') connectionDevice = cs.deviceId;
      }
    }
    // A record is about one device (its resolved one); a run-together line may name several, one per event.
    const named = out.namedIds;
    if (resolved[i].deviceId && named.size < MAX_DEVICES) named.add(resolved[i].deviceId!);
    for (const e of found) if (e.deviceId && named.size < MAX_DEVICES) named.add(e.deviceId);
    for (const h of bag.hubs) out.hubs.add(h.value);
  }
  for (const c of out.connectionStrings) if (c.deviceId) out.namedIds.add(c.deviceId);
  return out;
}
