// The KQL query a support engineer runs on the hub's Connections resource logs (AzureDiagnostics),
// based on the official query in the IoT Hub monitoring reference. Device IDs and hub names come
// from pasted text, so every value goes into the query only as an escaped string literal.

/** IoT Hub device IDs are at most 128 characters; longer values are not device IDs. */
export const MAX_KQL_DEVICE_ID_CHARS = 128;
/** Cap on ids in the `in (...)` list, so the query stays readable and cheap. */
export const MAX_KQL_DEVICE_IDS = 50;
/** Cap on the length of the `DeviceId in (...)` expression. */
export const MAX_KQL_IN_EXPRESSION_CHARS = 8192;
export const DEFAULT_KQL_SINCE = '24h';

// Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides: none belongs in a
// device ID or hub name, and they could hide what a query really does from the person running it.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A safe KQL string literal: double-quoted, with backslash and double quote escaped and unsafe
 * characters stripped. Whatever the input, the result is exactly one literal.
 */
export function kqlString(value: string): string {
  const clean = String(value).replace(UNSAFE_CHARS, '');
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** '24h', '7d', '90m', '30s': a KQL timespan literal; anything else falls back to the default. */
function timespan(since: string | undefined): string {
  if (typeof since === 'string' && /^[1-9]\d{0,3}[dhms]$/.test(since.trim())) return since.trim();
  return DEFAULT_KQL_SINCE;
}

/** Hub name from "contoso-iot-prod" or "contoso-iot-prod.azure-devices.net". */
function hubName(hub: string | undefined): string | undefined {
  if (typeof hub !== 'string') return undefined;
  const cleaned = hub.replace(UNSAFE_CHARS, '').trim();
  const name = cleaned.replace(/\.azure-devices\.net\/?$/i, '');
  return name === '' ? undefined : name;
}

/** Distinct usable device ids, in order, within the count and expression-length caps. */
function selectDeviceIds(deviceIds: readonly string[] | undefined): { ids: string[]; dropped: number } {
  if (!Array.isArray(deviceIds)) return { ids: [], dropped: 0 };
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const raw of deviceIds) {
    if (typeof raw !== 'string') continue;
    const id = raw.replace(UNSAFE_CHARS, '').trim();
    // Truncating an over-long id would match a different device, so such values are skipped.
    if (id === '' || id.length > MAX_KQL_DEVICE_ID_CHARS || seen.has(id)) continue;
    seen.add(id);
    unique.push(id);
  }
  const ids: string[] = [];
  let length = 'DeviceId in ()'.length;
  for (const id of unique) {
    if (ids.length >= MAX_KQL_DEVICE_IDS) break;
    const add = kqlString(id).length + (ids.length > 0 ? 2 : 0);
    if (length + add > MAX_KQL_IN_EXPRESSION_CHARS) break;
    ids.push(id);
    length += add;
  }
  return { ids, dropped: unique.length - ids.length };
}

/** A ready query for the Connections category, optionally narrowed to devices, a hub and a time window. */
export function connectionsKql(opts: { deviceIds?: string[]; hub?: string; since?: string }): string {
  const options = opts ?? {};
  const { ids, dropped } = selectDeviceIds(options.deviceIds);
  const hub = hubName(options.hub);
  const lines: string[] = [];
  if (dropped > 0) lines.push(`// Showing ${ids.length} of ${ids.length + dropped} devices; run it again for the rest.`);
  lines.push(
    'AzureDiagnostics',
    `| where TimeGenerated > ago(${timespan(options.since)})`,
    '| where ResourceProvider == "MICROSOFT.DEVICES" and ResourceType == "IOTHUBS"',
    '| where Category == "Connections"',
  );
  // `endswith` is case-insensitive in KQL: _ResourceId is upper-case, hub names are lower-case.
  if (hub) lines.push(`| where _ResourceId endswith ${kqlString(`/iothubs/${hub}`)}`);
  lines.push(
    '| extend parsed_json = parse_json(properties_s)',
    '| extend DeviceId = tostring(parsed_json.deviceId), Protocol = tostring(parsed_json.protocol), MaskedIpAddress = tostring(parsed_json.maskedIpAddress)',
  );
  // Device IDs are case-sensitive in IoT Hub, so `in` (not `in~`).
  if (ids.length > 0) lines.push(`| where DeviceId in (${ids.map(kqlString).join(', ')})`);
  lines.push(
    '| project TimeGenerated, DeviceId, OperationName, ResultType, ResultDescription, Protocol, MaskedIpAddress',
    '| order by DeviceId asc, TimeGenerated asc',
  );
  return lines.join('\n');
}
