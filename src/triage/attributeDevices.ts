// Stage "attribute": events that name no device get one, in this order: a device-id-shaped token in the
// same line (position), the one device the whole paste speaks of by position, the one device it names
// by field or structure. A short message that only names a device ("is pump-0042 ok?") names it.
import type { Classified } from './classifyRecords';
import type { ConnEvent } from './events';
import { deviceIdCandidates } from './identifiers';
import type { SourceRecord } from './records/record';

/** A record of prose (not a JSON value or a row), kept past classification for this stage. */
export interface ProseRecord {
  /** Position among all the paste's records. */
  index: number;
  record: SourceRecord;
  /** The device its own fields name, if any. */
  deviceId?: string;
  events: ConnEvent[];
}

// A syslog/journald prefix names the host, not a device ("Aug 14 06:03:27 gw-01 agent[522]: ...").
const SYSLOG_PREFIX = /^\s*[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+ /;
const withoutSyslog = (text: string) => text.replace(SYSLOG_PREFIX, '');
const MAX_SCANNED_RECORDS = 5000;
const ABOUT_A_DEVICE = /device|apparaat|connect|verbind|client|hub|modul|twin|telemetr|provision|sas|token|auth|mqtt|amqp/i;

/** Returns the device ids that were taken from position (for the card's note). */
export function attributeDevices(prose: ProseRecord[], c: Classified, shortText?: string): string[] {
  const positional = new Set<string>();
  const hubNames = c.hubs;
  const assign = (id: string, events: Iterable<ConnEvent>) => {
    for (const e of events) if (!e.deviceId && e.kind !== 'rbac-permission-missing') e.deviceId = id;
  };
  for (const p of prose) {
    if (!p.events.length || p.deviceId) continue;
    const id = deviceIdCandidates(withoutSyslog(p.record.text), 3, hubNames)[0];
    if (!id) continue;
    positional.add(id);
    assign(id, p.events);
  }
  // No field names a device, but the paste speaks of exactly one by position ("Connecting pump-0042 ..."):
  // that is the device the paste is about.
  if (c.namedIds.size === 0 && c.events.some((e) => !e.deviceId)) {
    const seen = new Set<string>(positional);
    for (const p of prose) {
      if (seen.size >= 2 || p.index >= MAX_SCANNED_RECORDS) break;
      const rec = p.record;
      if (rec.text.length > 4000) continue;
      const head = rec.kind === 'block' ? rec.text.slice(0, rec.lineStarts?.[0] ?? rec.text.length) : rec.text;
      // Only lines about a device, a client or its connection speak of the device: a Wi-Fi driver's
      // "RTL871X: rtl8188e_set_FwPwrMode_cmd: Mode=0" between SDK lines does not (azure-iot-sdk-c#246).
      if (!p.events.length && !ABOUT_A_DEVICE.test(head)) continue;
      for (const id of deviceIdCandidates(withoutSyslog(head), 3, hubNames)) seen.add(id);
    }
    if (seen.size === 1) {
      const only = [...seen][0];
      positional.add(only);
      assign(only, c.events);
    }
  }
  if (c.namedIds.size === 1) assign([...c.namedIds][0], c.events);
  for (const id of positional) c.namedIds.add(id);
  // Only a message with no events of its own: a short log's tokens (a driver's function name) are not names.
  if (shortText !== undefined && c.namedIds.size === 0 && c.events.length === 0) {
    for (const id of deviceIdCandidates(shortText.replace(/\[REDACTED\]/g, ' '), 20, hubNames)) c.namedIds.add(id);
  }
  return [...positional];
}
