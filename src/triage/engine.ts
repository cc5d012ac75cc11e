// The triage pipeline, as named stages: prepare -> decode SAS tokens (raw) -> redact -> split into
// records -> read every record with every reader -> resolve identities -> classify into events ->
// resolve times -> per-device timelines -> findings -> verdict. Pure: text and `now` in, Triage out.
// Records stream through split, read and classify one at a time: what a record's events need is kept,
// its parsed JSON and field bag are not, so a big export never holds every record's at once.
import { attributeDevices, type ProseRecord } from './attributeDevices';
import type { Resolved } from './classify';
import { RecordClassifier } from './classifyRecords';
import { deviceTimelines, MAX_DEVICES } from './deviceTimelines';
import { emptyDeviceSummary } from './deviceSummary';
import type { ConnEvent } from './events';
import { best, Rank, type FieldBag } from './fields/bag';
import { ev, FindingSet } from './findings';
import { isPlaceholderId } from './identifiers';
import { connectionsKql } from './kql';
import { looksBinary, normalizeText, stripChatPrefixes } from './normalize';
import { secretFinding, tokenFindings } from './pasteFindings';
import { readRecord } from './readers';
import { eventsOf, lineKey, LineTemplates, templateOf, type LineKey } from './lineTemplates';
import { eachRecord } from './records/split';
import { redact } from './redact';
import { resolveTimes, type TimedRecord } from './resolveTimes';
import { findSasTokens } from './sasToken';
import { codeInfo } from './codes';
import { UnreadEvidence } from './unread';
import { finalizeTriage } from './verdict';
import type { DeviceSummary, Finding, Note, RecognisedCode, Triage, TriageOptions } from './types';
import { isOrderFree, parseTime, type TimeCandidate } from './time';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const NO_TIMES: TimeCandidate[] = [];

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

/** Recognised codes and how often each was seen. */
function codeCounts(events: ConnEvent[]): RecognisedCode[] {
  const counts = new Map<string, number>();
  for (const e of events) if (e.code) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => {
    const info = codeInfo(code);
    return { code, name: info?.name ?? code, count, authRelated: info ? info.role !== 'other' : false };
  });
}

/** Every device the paste names gets a row, whether or not anything happened to it. */
function addNamedRows(devices: DeviceSummary[], findings: Finding[], namedIds: Set<string>, hubs: Set<string>): void {
  const rowKey = (deviceId: string, moduleId?: string) => (moduleId ? `${deviceId}/${moduleId}` : deviceId);
  const rows = new Set(devices.map((d) => rowKey(d.deviceId, d.moduleId)));
  const listed = new Set(devices.map((d) => d.deviceId));
  for (const f of findings) {
    if (!f.deviceId || f.kind === 'secret-exposed' || devices.length >= MAX_DEVICES || rows.has(rowKey(f.deviceId, f.moduleId))) continue;
    rows.add(rowKey(f.deviceId, f.moduleId));
    listed.add(f.deviceId);
    devices.push(emptyDeviceSummary(f.deviceId, { hub: f.hub, moduleId: f.moduleId }));
  }
  const onlyHub = hubs.size === 1 ? [...hubs][0] : undefined;
  for (const id of namedIds) {
    if (devices.length >= MAX_DEVICES || listed.has(id)) continue;
    listed.add(id);
    devices.push(emptyDeviceSummary(id, { hub: onlyHub }));
  }
}

export function runTriage(input: string, options: TriageOptions): Triage {
  // Stage "prepare": cap, empty and binary input, line endings and HTML, chat prefixes.
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
  const sasTokens = findSasTokens(raw, now);
  const redaction = redact(raw);

  // Stages "split", "read", "identities" and "classify", a record at a time: every reader reads every
  // record, and the record becomes its events. Times wait for the whole paste (day/month order).
  const classifier = new RecordClassifier();
  const unreadSeen = new UnreadEvidence();
  const timed: TimedRecord[] = [];
  const prose: ProseRecord[] = [];
  const eventRecord: number[] = [];
  // Lines of a big export read from their template (lineTemplates.ts); `pending` is a line being read
  // the long way whose reading may become a template.
  const templates = options.lineTemplates === false ? undefined : new LineTemplates();
  let pending: (LineKey & { line: string; lineNo: number }) | undefined;
  const takeLine = (line: string, lineNo: number): boolean => {
    pending = undefined;
    const k = lineKey(line);
    if (!k) return false;
    const t = templates!.get(line, k);
    if (!t) {
      pending = { ...k, line, lineNo };
      return false;
    }
    const index = timed.length;
    const found = eventsOf(t, k.deviceId, lineNo);
    classifier.addTemplated(t, k.deviceId, found);
    for (let n = 0; n < found.length; n++) eventRecord.push(index);
    timed.push({ times: NO_TIMES, labelledTime: undefined, labelledMs: parseTime(k.time), structured: true, text: '' });
    return true;
  };
  const lines = eachRecord(redaction.text, (record) => {
    const index = timed.length;
    const bag = readRecord(record);
    const r = resolveIdentity(bag);
    const found = classifier.add(bag, r);
    if (pending && record.line === pending.lineNo && record.kind === 'json' && record.text === pending.line) {
      const t = templateOf(pending, bag, r.deviceId, found, classifier.lastShape);
      if (t) templates!.set(pending.line, pending, t);
      pending = undefined;
    }
    for (let k = 0; k < found.length; k++) eventRecord.push(index);
    unreadSeen.see(bag, found.length > 0);
    const structured = !!(record.json || record.columns);
    // An ISO or epoch time is read now (a number is lighter to keep than the record's string).
    const lt = bag.labelledTime;
    const orderFree = lt !== undefined && isOrderFree(lt);
    timed.push({ times: bag.times.length ? bag.times : NO_TIMES, labelledTime: orderFree ? undefined : lt, labelledMs: orderFree ? parseTime(lt) : undefined, structured, text: structured ? '' : record.text });
    if (!structured) prose.push({ index, record, deviceId: r.deviceId, events: found });
  }, templates && takeLine);
  const c = classifier.finish();
  const { events, hubs, namedIds, shapes, connectionStrings } = c;

  // Stage "times": with the whole paste in view; each event takes its record's.
  const times = resolveTimes(timed, now.getTime());
  for (let k = 0; k < events.length; k++) {
    const e = events[k];
    e.at = times.at[eventRecord[k]];
    if (e.record) e.record.time = e.at;
  }

  // Stage "attribute": events that name no device get one where it can be known.
  for (const t of sasTokens) if (t.deviceId) namedIds.add(t.deviceId);
  const short = redaction.text.length < 1000 && lines.filter((l) => l.trim()).length <= 5 ? redaction.text : undefined;
  const positional = attributeDevices(prose, c, short);

  // What was guessed, and what looked like evidence but could not be read.
  if (positional.length) notes.push({ code: 'device-inferred-from-position', params: { deviceIds: positional.slice(0, 5).join(', '), count: positional.length } });
  if (times.dayFirst) notes.push({ code: 'dates-day-first' });
  if (chat.removed || times.prefixes) notes.push({ code: 'chat-prefix-ignored', params: { count: chat.removed + times.prefixes } });
  const unread = unreadSeen.result();
  if (unread) notes.push({ code: 'unread-evidence', params: unread });

  // Stage "findings": per event, per device timeline, per token, per pasted secret.
  const findings = new FindingSet();
  for (const e of events) if (e.kind) findings.add(e.kind, e, e.details, [ev(e)], e.at);
  const timeline = deviceTimelines(events, findings);
  for (const tok of sasTokens) if (tok.hub) hubs.add(tok.hub);
  for (const cs of connectionStrings) if (cs.hub) hubs.add(cs.hub);
  for (const e of events) if (e.hub) hubs.add(e.hub);
  tokenFindings(findings, sasTokens, connectionStrings, lines, now);
  secretFinding(findings, redaction, lines, sasTokens, connectionStrings);
  if (redaction.count > 0) notes.push({ code: 'secrets-redacted', params: { count: redaction.count } });
  if (timeline.untimedUnauthorized) notes.push({ code: 'no-timestamps' });
  if (timeline.reconnectsMissing) notes.push({ code: 'reconnects-missing' });
  if (timeline.fromRhythm.length) notes.push({ code: 'churn-from-rhythm', params: { deviceIds: timeline.fromRhythm.slice(0, 5).join(', ') } });

  if (events.some((e) => !e.record)) shapes.add('error-lines');
  if (sasTokens.length) shapes.add('sas-token');
  if (connectionStrings.length) shapes.add('connection-string');
  if (namedIds.size && !events.length && !sasTokens.length && !connectionStrings.length) shapes.add('device-id');
  if (hubs.size && !events.length) shapes.add('hub-name');

  // Stage "verdict": rows for every named device, then the verdict from the findings.
  const list = findings.list();
  const devices = timeline.devices;
  addNamedRows(devices, list, namedIds, hubs);
  const deviceIds = [...namedIds].slice(0, MAX_DEVICES);
  const result = finalizeTriage({
    verdict: 'inconclusive',
    findings: list,
    devices,
    recognised: { shapes: [...shapes], records: c.structuredRecords, codes: codeCounts(events), hubs: [...hubs], deviceIds, sasTokens, connectionStrings },
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
  return result;
}
