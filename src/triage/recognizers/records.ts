// Structured records -> events: resource logs (Connections), Log Analytics rows (AzureDiagnostics or a
// projected query), `az monitor` JSON, and Event Grid device connection events.
import { eventFromRecord, clip, type ConnEvent, type LogRecord } from '../events';
import { hubFromResourceId } from '../identifiers';
import { parseTime } from '../time';
import type { InputShape } from '../types';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Case-insensitive field access; Log Analytics, the portal and blob exports disagree on casing. */
function lower(o: Obj): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const k of Object.keys(o)) m.set(k.toLowerCase(), o[k]);
  return m;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length ? v : undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function parseProps(v: unknown): Map<string, unknown> | undefined {
  if (isObj(v)) return lower(v);
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      const o: unknown = JSON.parse(v);
      if (isObj(o)) return lower(o);
    } catch {
      // properties_s that is not JSON: ignore it, the row's other columns still count
    }
  }
  return undefined;
}

const LOG_FIELDS = ['operationname', 'resulttype', 'category', 'resultdescription', 'properties', 'properties_s'];

/** A log record from a field map, or undefined when the object is not a log record. */
export function recordFromFields(f: Map<string, unknown>): LogRecord | undefined {
  let hits = 0;
  for (const k of LOG_FIELDS) if (f.has(k)) hits++;
  if (hits === 0) return undefined;
  const props = parseProps(f.get('properties') ?? f.get('properties_s')) ?? new Map<string, unknown>();
  const get = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = str(f.get(k)) ?? str(props.get(k));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return {
    time: parseTime(f.get('time') ?? f.get('timegenerated') ?? f.get('timestamp') ?? f.get('eventtime')),
    operationName: get('operationname'),
    level: get('level'),
    resultType: get('resulttype'),
    resultDescription: get('resultdescription'),
    category: get('category'),
    deviceId: get('deviceid', 'deviceid_s'),
    moduleId: get('moduleid', 'moduleid_s'),
    hub: hubFromResourceId(get('resourceid', '_resourceid')) ?? get('hubname')?.toLowerCase(),
    protocol: get('protocol', 'protocol_s'),
    sdkVersion: get('sdkversion', 'sdkversion_s'),
    statusCode: get('statuscode', 'statuscode_s'),
    errorMessage: get('errormessage', 'errormessage_s'),
    authType: get('authtype'),
  };
}

function eventGrid(f: Map<string, unknown>, line: number): ConnEvent | undefined {
  const type = str(f.get('eventtype') ?? f.get('type'));
  if (!type || !/Microsoft\.Devices\.Device(Connected|Disconnected)/i.test(type)) return undefined;
  const data = isObj(f.get('data')) ? lower(f.get('data') as Obj) : new Map<string, unknown>();
  const connected = /Connected$/i.test(type) && !/Disconnected$/i.test(type);
  const deviceId = str(data.get('deviceid')) ?? /devices\/([^/]{1,128})/.exec(str(f.get('subject')) ?? '')?.[1];
  const at = parseTime(f.get('eventtime') ?? f.get('time'));
  const hub = str(data.get('hubname'))?.toLowerCase();
  return {
    type: connected ? 'connected' : 'disconnected',
    at,
    line,
    deviceId,
    moduleId: str(data.get('moduleid')),
    hub,
    details: {},
    evidence: clip([at !== undefined ? new Date(at).toISOString() : '', type.replace('Microsoft.Devices.', ''), deviceId ? `device ${deviceId}` : ''].filter(Boolean).join(' · ')),
  };
}

export interface ObjectResult {
  events: ConnEvent[];
  shape?: InputShape;
  /** Device ids named by a non-log object (e.g. a pasted device identity). */
  deviceIds: string[];
}

/** Interpret one parsed JSON value (object, array, {records}, {value}, {tables}). `lines` gives each top-level element's line. */
export function eventsFromJson(value: unknown, lineOf: (index: number) => number): ObjectResult {
  const out: ObjectResult = { events: [], deviceIds: [] };
  const items: unknown[] = Array.isArray(value) ? value : [value];
  let shape: InputShape | undefined;
  items.forEach((item, i) => {
    if (!isObj(item)) return;
    const f = lower(item);
    const nested = f.get('records') ?? f.get('value');
    if (Array.isArray(nested)) {
      const r = eventsFromJson(nested, () => lineOf(i));
      out.events.push(...r.events);
      out.deviceIds.push(...r.deviceIds);
      shape ??= r.shape;
      return;
    }
    const tables = f.get('tables');
    if (Array.isArray(tables)) {
      for (const t of tables) if (isObj(t)) out.events.push(...tableEvents(lower(t), lineOf(i)));
      shape ??= 'log-analytics-json';
      return;
    }
    const eg = eventGrid(f, lineOf(i));
    if (eg) {
      out.events.push(eg);
      shape ??= 'event-grid';
      return;
    }
    const rec = recordFromFields(f);
    if (rec) {
      out.events.push(eventFromRecord(rec, lineOf(i)));
      shape ??= f.has('timegenerated') || f.has('properties_s') || f.has('_resourceid') ? 'log-analytics-json' : 'resource-log-json';
      return;
    }
    const id = str(f.get('deviceid'));
    if (id) out.deviceIds.push(id);
  });
  out.shape = shape;
  return out;
}

/** Log Analytics query API tables: {columns:[{name}], rows:[[...]]}. */
function tableEvents(t: Map<string, unknown>, line: number): ConnEvent[] {
  const cols = t.get('columns');
  const rows = t.get('rows');
  if (!Array.isArray(cols) || !Array.isArray(rows)) return [];
  const names = cols.map((c) => (isObj(c) ? String(c.name ?? c.ColumnName ?? '') : String(c)).toLowerCase());
  const out: ConnEvent[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const f = new Map<string, unknown>();
    names.forEach((n, i) => f.set(n, row[i]));
    const rec = recordFromFields(f);
    if (rec) out.push(eventFromRecord(rec, line));
  }
  return out;
}

export { lower as lowerFields };
