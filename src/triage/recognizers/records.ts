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

const LOG_FIELDS = ['operationname', 'resulttype', 'category', 'resultdescription', 'properties', 'properties_s'];

/** Field lookup by lower-case name. */
export type Fields = (name: string) => unknown;

// The spellings seen in resource logs, AzureDiagnostics and `az monitor` output, mapped to one
// canonical lower-case name (see CANON below).
const SPELLINGS: Record<string, string[]> = {
  time: ['time', 'TimeGenerated', 'timeGenerated', 'timestamp', 'eventTime'],
  operationname: ['operationName', 'OperationName'],
  level: ['level', 'Level'],
  resulttype: ['resultType', 'ResultType'],
  resultdescription: ['resultDescription', 'ResultDescription'],
  category: ['category', 'Category'],
  properties: ['properties', 'Properties'],
  deviceid: ['deviceId', 'DeviceId', 'deviceid', 'deviceId_s'],
  moduleid: ['moduleId', 'ModuleId', 'moduleId_s'],
  resourceid: ['resourceId', '_ResourceId', 'ResourceId'],
  hubname: ['hubName', 'HubName'],
  protocol: ['protocol', 'Protocol', 'protocol_s'],
  sdkversion: ['sdkVersion', 'SdkVersion', 'sdkVersion_s'],
  statuscode: ['statusCode', 'StatusCode', 'statusCode_s'],
  errormessage: ['errorMessage', 'ErrorMessage', 'errorMessage_s'],
  authtype: ['authType', 'AuthType'],
  timegenerated: ['TimeGenerated', 'timeGenerated'],
  properties_s: ['properties_s'],
  _resourceid: ['_ResourceId'],
  records: ['records', 'Records'],
  value: ['value', 'Value'],
  tables: ['tables', 'Tables'],
  eventtype: ['eventType', 'EventType'],
  eventtime: ['eventTime', 'EventTime'],
  type: ['type', 'Type'],
  subject: ['subject', 'Subject'],
  data: ['data', 'Data'],
};


/** Spelling (exact, then lower-cased) -> canonical lower-case field name. */
const CANON = new Map<string, string>();
for (const [canon, spellings] of Object.entries(SPELLINGS)) {
  // First mapping wins: "TimeGenerated" means time, even though "timegenerated" is also asked for by name.
  if (!CANON.has(canon)) CANON.set(canon, canon);
  for (const sp of spellings) {
    if (!CANON.has(sp)) CANON.set(sp, canon);
    if (!CANON.has(sp.toLowerCase())) CANON.set(sp.toLowerCase(), canon);
  }
}

/**
 * Fields of a parsed object, read in one pass over its own keys (any casing). One pass over ~10 keys
 * is much cheaper on a 50 MB blob export than probing several spellings per field.
 */
export function objectFields(o: Obj): Fields {
  const bag = new Map<string, unknown>();
  for (const k in o) {
    const lowerKey = k.toLowerCase();
    const canon = CANON.get(k) ?? CANON.get(lowerKey) ?? lowerKey;
    if (!bag.has(canon)) bag.set(canon, o[k]);
    // the raw name answers too (shape detection asks for "timegenerated", "_resourceid")
    if (lowerKey !== canon && !bag.has(lowerKey)) bag.set(lowerKey, o[k]);
  }
  return (name: string) => bag.get(name) ?? (name === 'properties' ? bag.get('properties_s') : undefined);
}

export function mapFields(m: Map<string, unknown>): Fields {
  return (name: string) => m.get(name) ?? (name === 'properties' ? m.get('properties_s') : name === 'time' ? m.get('timegenerated') ?? m.get('timestamp') : name === 'resourceid' ? m.get('_resourceid') : undefined);
}

function parsePropFields(v: unknown): Fields | undefined {
  if (isObj(v)) return objectFields(v);
  if (typeof v === 'string' && v.charCodeAt(0) === 123) {
    try {
      const o: unknown = JSON.parse(v);
      if (isObj(o)) return objectFields(o);
    } catch {
      // properties_s that is not JSON: ignore it, the row's other columns still count
    }
  }
  return undefined;
}

const hubCache = new Map<string, string | undefined>();
function hubOf(resourceId: string | undefined): string | undefined {
  if (resourceId === undefined) return undefined;
  if (hubCache.has(resourceId)) return hubCache.get(resourceId);
  const hub = hubFromResourceId(resourceId);
  if (hubCache.size > 256) hubCache.clear();
  hubCache.set(resourceId, hub);
  return hub;
}

/** A log record from fields, or undefined when the object is not a log record. */
export function recordFromFields(f: Fields): LogRecord | undefined {
  let hits = 0;
  for (const k of LOG_FIELDS) if (f(k) !== undefined) hits++;
  if (hits === 0) return undefined;
  const props = parsePropFields(f('properties'));
  const get = (name: string): string | undefined => str(f(name)) ?? (props ? str(props(name)) : undefined);
  return {
    time: parseTime(f('time')),
    operationName: get('operationname'),
    level: get('level'),
    resultType: get('resulttype'),
    resultDescription: get('resultdescription'),
    category: get('category'),
    deviceId: get('deviceid'),
    moduleId: get('moduleid'),
    hub: hubOf(get('resourceid')) ?? get('hubname')?.toLowerCase(),
    protocol: get('protocol'),
    sdkVersion: get('sdkversion'),
    statusCode: get('statuscode'),
    errorMessage: get('errormessage'),
    authType: get('authtype'),
  };
}

function eventGrid(f: Fields, line: number): ConnEvent | undefined {
  const type = str(f('eventtype') ?? f('type'));
  if (!type || !/Microsoft\.Devices\.Device(Connected|Disconnected)/i.test(type)) return undefined;
  const data = isObj(f('data')) ? lower(f('data') as Obj) : new Map<string, unknown>();
  const connected = /Connected$/i.test(type) && !/Disconnected$/i.test(type);
  const deviceId = str(data.get('deviceid')) ?? /devices\/([^/]{1,128})/.exec(str(f('subject')) ?? '')?.[1];
  const at = parseTime(f('eventtime') ?? f('time'));
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
    const f = objectFields(item);
    const nested = f('records') ?? f('value');
    if (Array.isArray(nested)) {
      const r = eventsFromJson(nested, () => lineOf(i));
      out.events.push(...r.events);
      out.deviceIds.push(...r.deviceIds);
      shape ??= r.shape;
      return;
    }
    const tables = f('tables');
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
      shape ??= f('timegenerated') !== undefined || f('properties_s') !== undefined || f('_resourceid') !== undefined ? 'log-analytics-json' : 'resource-log-json';
      return;
    }
    const id = str(f('deviceid'));
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
    const rec = recordFromFields(mapFields(f));
    if (rec) out.push(eventFromRecord(rec, line));
  }
  return out;
}

