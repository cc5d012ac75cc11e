// The triage pipeline, as named stages: prepare -> decode SAS tokens (raw) -> redact -> split into
// records -> read every record with every reader -> resolve times and identities -> classify into
// events -> per-device timelines -> findings -> verdict. Pure: text and `now` in, Triage out.
import { classify, type Resolved } from './classify';
import { findConnectionStrings } from './connectionString';
import { deviceTimelines, MAX_DEVICES } from './deviceTimelines';
import { emptyDeviceSummary } from './deviceSummary';
import { evidenceOf, type ConnEvent } from './events';
import { best, Rank, type FieldBag } from './fields/bag';
import { ev, FindingSet } from './findings';
import { deviceIdCandidates, isPlaceholderId } from './identifiers';
import { connectionsKql } from './kql';
import { looksBinary, normalizeText, stripChatPrefixes } from './normalize';
import { secretFinding, tokenFindings } from './pasteFindings';
import { readRecord } from './readers';
import { splitRecords } from './records/split';
import { redact } from './redact';
import { resolveTimes } from './resolveTimes';
import { findSasTokens, lineStartsOf } from './sasToken';
import { codeInfo } from './codes';
import { unreadEvidence } from './unread';
import { finalizeTriage } from './verdict';
import type { ConnectionStringInfo, InputShape, Note, RecognisedCode, Triage, TriageOptions } from './types';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;


function emptyTriage(input: string, now: Date, truncated: boolean, notes: Note[], code: Note['code']): Triage {
  return finalizeTriage({
    verdict: 'inconclusive',
    findings: [],
    devices: [],
    recognised: { shapes: [], records: 0, codes: [], hubs: [], deviceIds: [], sasTokens: [], connectionStrings: [] },
    notes: [{ code }, ...notes, { code: 'paste-more-context' }],
    kql: connectionsKql({}),
    input: { bytes: input.length, lines: 0, truncated, secretsRedacted: 0 },
    now: now.toISOString(),
  });
}

/** Stage "identities": each record's device, module and hub from its candidates, by rank. */
function resolveIdentity(bag: FieldBag): Resolved {
  const device = best(bag.deviceIds.filter((c) => c.rank <= Rank.Structural && !isPlaceholderId(c.value)));
  const module = best(bag.moduleIds.filter((c) => !isPlaceholderId(c.value)));
  return { deviceId: device?.value, moduleId: device ? module?.value : undefined, hub: best(bag.hubs)?.value };
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

export function runTriage(input: string, options: TriageOptions): Triage {
  // Stage "prepare": cap, empty and binary input.
  const now = options.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const notes: Note[] = [];
  const truncated = input.length > maxBytes;
  const text0 = truncated ? input.slice(0, maxBytes) : input;
  if (truncated) notes.push({ code: 'input-truncated', params: { bytes: maxBytes } });
  if (text0.trim() === '') return emptyTriage(input, now, truncated, notes, 'empty-input');
  if (looksBinary(text0)) return emptyTriage(input, now, truncated, notes, 'binary-input');
  const chat = stripChatPrefixes(normalizeText(text0));
  const raw = chat.text;

  // Stage "tokens" reads the raw text (the signature's fingerprint); stage "redact" hides every secret.
  const sasTokens = findSasTokens(raw, now, lineStartsOf(raw));
  const redaction = redact(raw);

  // Stages "split" and "read": every reader reads every record.
  const { records, lines } = splitRecords(redaction.text);
  const bags = records.map(readRecord);

  // Stage "resolve": times with the whole paste in view, then each record's identity.
  const times = resolveTimes(bags, now.getTime());
  const resolved = bags.map((b, i) => {
    const r = resolveIdentity(b);
    r.at = times.at[i];
    return r;
  });

  // Stage "classify": records -> events. A device-less event belongs to the connection the paste last
  // opened: the device of the latest MQTT username, AMQP user or connection string before it.
  const events: ConnEvent[] = [];
  let connectionDevice: string | undefined;
  const shapes = new Set<InputShape>();
  const eventful = new Uint8Array(bags.length);
  const byRecord: ConnEvent[][] = new Array(bags.length);
  // Structured records (JSON values, rows) that gave events: what "records read" means on the card.
  let structuredRecords = 0;
  const connectionStrings: ConnectionStringInfo[] = [];
  const hubs = new Set<string>();
  const namedIds = new Set<string>();
  for (let i = 0; i < bags.length; i++) {
    const bag = bags[i];
    const found = classify(bag, resolved[i]);
    byRecord[i] = found;
    const opened = bag.deviceIds.find((c) => c.source === 'mqtt-username' || c.source === 'amqp-user' || c.source === 'mqtt-client' || c.source === 'cli-flag');
    if (opened && !isPlaceholderId(opened.value)) connectionDevice = opened.value;
    if (connectionDevice) for (const e of found) if (!e.deviceId && e.kind !== 'rbac-permission-missing') e.deviceId = connectionDevice;
    if (found.length) {
      eventful[i] = 1;
      if (bag.record.json || bag.record.columns) structuredRecords++;
      for (const e of found) events.push(e);
      const shape = shapeOf(bag);
      if (shape) shapes.add(shape);
    }
    const rec = bag.record;
    if (!rec.json && !rec.columns && rec.text.length < 100_000) {
      for (const cs of findConnectionStrings(rec.text, rec.line)) {
        connectionStrings.push(cs);
        if (cs.deviceId && cs.kind !== 'service') connectionDevice = cs.deviceId;
      }
    }
    // A record is about one device (its resolved one); a run-together line may name several, one per event.
    if (resolved[i].deviceId && namedIds.size < MAX_DEVICES) namedIds.add(resolved[i].deviceId!);
    for (const e of found) if (e.deviceId && namedIds.size < MAX_DEVICES) namedIds.add(e.deviceId);
    for (const h of bag.hubs) hubs.add(h.value);
  }
  for (const t of sasTokens) if (t.deviceId) namedIds.add(t.deviceId);
  for (const c of connectionStrings) if (c.deviceId) namedIds.add(c.deviceId);

  // Position, then the paste's one named device, for events that name none.
  const positional = new Set<string>();
  // A syslog/journald prefix names the host, not a device ("Aug 14 06:03:27 gw-01 agent[522]: ...").
  const prose = (text: string) => text.replace(/^\s*[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+ /, '');
  const hubNames = new Set([...hubs]);
  for (let i = 0; i < bags.length; i++) {
    if (!eventful[i] || resolved[i].deviceId) continue;
    const rec = bags[i].record;
    if (rec.json || rec.columns) continue;
    const id = deviceIdCandidates(prose(rec.text), 3, hubNames).find((c) => !hubNames.has(c.toLowerCase()));
    if (!id) continue;
    positional.add(id);
    for (const e of byRecord[i]) if (!e.deviceId) e.deviceId = id;
  }
  // No field names a device, but the paste speaks of exactly one by position ("Connecting pump-0042 ..."):
  // that is the device the paste is about.
  if (namedIds.size === 0 && events.some((e) => !e.deviceId)) {
    const seen = new Set<string>();
    for (let i = 0; i < bags.length && seen.size < 2 && i < 5000; i++) {
      const rec = bags[i].record;
      if (rec.json || rec.columns || rec.text.length > 4000) continue;
      for (const id of deviceIdCandidates(prose(rec.kind === 'block' ? rec.text.slice(0, rec.lineStarts?.[0] ?? rec.text.length) : rec.text), 3, hubNames)) seen.add(id);
    }
    for (const id of positional) seen.add(id);
    if (seen.size === 1) {
      const only = [...seen][0];
      positional.add(only);
      for (const e of events) if (!e.deviceId && !(e.kind === 'rbac-permission-missing')) e.deviceId = only;
    }
  }
  if (namedIds.size === 1) {
    const only = [...namedIds][0];
    for (const e of events) if (!e.deviceId && e.kind !== 'rbac-permission-missing') e.deviceId = only;
  }
  for (const id of positional) namedIds.add(id);
  if (positional.size) notes.push({ code: 'device-inferred-from-position', params: { deviceIds: [...positional].slice(0, 5).join(', '), count: positional.size } });
  if (times.dayFirst) notes.push({ code: 'dates-day-first' });
  if (chat.removed || times.prefixes) notes.push({ code: 'chat-prefix-ignored', params: { count: chat.removed + times.prefixes } });
  const unread = unreadEvidence(bags, eventful);
  if (unread) notes.push({ code: 'unread-evidence', params: unread });

  if (events.some((e) => !e.record)) shapes.add('error-lines');
  if (sasTokens.length) shapes.add('sas-token');
  if (connectionStrings.length) shapes.add('connection-string');

  // A short message with nothing else in it may just name a device ("is pump-0042 ok?").
  if (redaction.text.length < 1000 && lines.filter((l) => l.trim()).length <= 5 && !events.some((e) => e.deviceId) && namedIds.size === 0) {
    for (const id of deviceIdCandidates(redaction.text.replace(/\[REDACTED\]/g, ' '), 20, hubNames)) namedIds.add(id);
  }

  // Stage "findings": per event, per device timeline, per token, per pasted secret.
  const findings = new FindingSet();
  for (const e of events) if (e.kind) findings.add(e.kind, e, e.details, [ev(e)], e.at);
  const timeline = deviceTimelines(events, findings);
  const devices = timeline.devices;
  for (const tok of sasTokens) if (tok.hub) hubs.add(tok.hub);
  for (const cs of connectionStrings) if (cs.hub) hubs.add(cs.hub);
  for (const e of events) if (e.hub) hubs.add(e.hub);
  tokenFindings(findings, sasTokens, connectionStrings, lines, now);
  secretFinding(findings, redaction, lines, sasTokens, connectionStrings);
  if (redaction.count > 0) notes.push({ code: 'secrets-redacted', params: { count: redaction.count } });

  if (namedIds.size && !events.length && !sasTokens.length && !connectionStrings.length) shapes.add('device-id');
  if (hubs.size && !events.length) shapes.add('hub-name');

  const codeCounts = new Map<string, number>();
  for (const e of events) if (e.code) codeCounts.set(e.code, (codeCounts.get(e.code) ?? 0) + 1);
  const codes: RecognisedCode[] = [...codeCounts].map(([code, count]) => {
    const info = codeInfo(code);
    return { code, name: info?.name ?? code, count, authRelated: info ? info.role !== 'other' : false };
  });

  // Every device the paste names gets a row, whether or not anything happened to it.
  const list = findings.list();
  const rowKey = (deviceId: string, moduleId?: string) => (moduleId ? `${deviceId}/${moduleId}` : deviceId);
  const rows = new Set(devices.map((d) => rowKey(d.deviceId, d.moduleId)));
  const listed = new Set(devices.map((d) => d.deviceId));
  for (const f of list) {
    if (!f.deviceId || f.kind === 'secret-exposed' || devices.length >= MAX_DEVICES || rows.has(rowKey(f.deviceId, f.moduleId))) continue;
    rows.add(rowKey(f.deviceId, f.moduleId));
    listed.add(f.deviceId);
    devices.push(emptyDeviceSummary(f.deviceId, { hub: f.hub, moduleId: f.moduleId }));
  }
  for (const id of namedIds) {
    if (devices.length >= MAX_DEVICES || listed.has(id)) continue;
    if (devices.some((d) => d.deviceId === id)) continue;
    listed.add(id);
    devices.push(emptyDeviceSummary(id, { hub: hubs.size === 1 ? [...hubs][0] : undefined }));
  }
  const deviceIds = [...namedIds].slice(0, MAX_DEVICES);
  if (timeline.untimedUnauthorized) notes.push({ code: 'no-timestamps' });
  if (timeline.reconnectsMissing) notes.push({ code: 'reconnects-missing' });
  if (timeline.fromRhythm.length) notes.push({ code: 'churn-from-rhythm', params: { deviceIds: timeline.fromRhythm.slice(0, 5).join(', ') } });

  const result = finalizeTriage({
    verdict: 'inconclusive',
    findings: list,
    devices,
    recognised: { shapes: [...shapes], records: structuredRecords, codes, hubs: [...hubs], deviceIds, sasTokens, connectionStrings },
    notes,
    kql: connectionsKql({ deviceIds: deviceIds.slice(0, 50), hub: hubs.size === 1 ? [...hubs][0] : undefined }),
    input: { bytes: input.length, lines: lines.length, truncated, secretsRedacted: redaction.count },
    now: now.toISOString(),
  });
  if (result.verdict === 'inconclusive') {
    result.notes.push({ code: 'paste-more-context' });
    result.notes.push({ code: 'run-kql' });
    for (const id of deviceIds.slice(0, 3)) result.notes.push({ code: 'look-up-device', params: { deviceId: id } });
  }
  if (devices.length >= MAX_DEVICES) result.notes.push({ code: 'too-many-devices', params: { max: MAX_DEVICES } });
  // Evidence of events that became findings is built lazily; make sure nothing unbuilt escapes.
  void evidenceOf;
  return result;
}
