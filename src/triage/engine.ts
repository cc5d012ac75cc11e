// The triage pipeline: normalise -> decode SAS tokens (raw) -> redact -> recognise every input shape ->
// per-device timelines -> findings -> verdict. Pure: text and `now` in, Triage out.
import { findConnectionStrings } from './connectionString';
import { clip, eventsFromText, evidenceOf, type ConnEvent } from './events';
import { ev, FindingSet, timelineFindings } from './findings';
import { deviceIdCandidates, findDeviceId, findHub } from './identifiers';
import { connectionsKql } from './kql';
import { looksBinary, normalizeText } from './normalize';
import { detectHeader, parseDelimited } from './recognizers/delimited';
import { parseJsonLine, scanJson } from './recognizers/json';
import { eventsFromJson } from './recognizers/records';
import { redact, REDACTED } from './redact';
import { findSasTokens, lineStartsOf } from './sasToken';
import { TIMESTAMP_START } from './time';
import { analyseTimeline } from './timeline';
import { emptyDeviceSummary } from './deviceSummary';
import { codeInfo } from './codes';
import { finalizeTriage } from './verdict';
import {
  MAX_EPISODES_PER_DEVICE,
  type ChurnEpisode,
  type ConnectionStringInfo,
  type DeviceSummary,
  type InputShape,
  type Note,
  type RecognisedCode,
  type Triage,
  type TriageOptions,
} from './types';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const LONG_LINE = 600;
const MAX_DEVICES = 5000;

/** Lines run together (a chat client dropped the newlines): split before each timestamp. */
function segments(line: string): { text: string; offset: number }[] {
  // Short lines with one timestamp are one record; only longer ones may be several run together.
  if (line.length < 60) return [{ text: line, offset: 0 }];
  const starts: number[] = [];
  TIMESTAMP_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TIMESTAMP_START.exec(line))) {
    // A timestamp right after another field separator belongs to the same record (e.g. "time=.. end=..").
    if (starts.length === 0 || m.index - starts[starts.length - 1] > 40) starts.push(m.index);
  }
  if (starts.length < 2 && line.length <= LONG_LINE) return [{ text: line, offset: 0 }];
  if (starts.length < 2) {
    // No rhythm of timestamps: cut at codes so each error keeps its own neighbourhood.
    const out: { text: string; offset: number }[] = [];
    for (let i = 0; i < line.length; i += LONG_LINE) out.push({ text: line.slice(Math.max(0, i - 100), i + LONG_LINE), offset: i });
    return out;
  }
  if (starts[0] > 0) starts.unshift(0);
  return starts.map((s, k) => ({ text: line.slice(s, starts[k + 1] ?? line.length), offset: s }));
}

function byTime(a: ConnEvent, b: ConnEvent): number {
  if (a.at !== undefined && b.at !== undefined && a.at !== b.at) return a.at - b.at;
  return a.line - b.line;
}

export function runTriage(input: string, options: TriageOptions): Triage {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const notes: Note[] = [];
  const truncated = input.length > maxBytes;
  const text0 = truncated ? input.slice(0, maxBytes) : input;
  if (truncated) notes.push({ code: 'input-truncated', params: { bytes: maxBytes } });
  const empty = (code: Note['code']): Triage =>
    finalizeTriage({
      verdict: 'inconclusive',
      findings: [],
      devices: [],
      recognised: { shapes: [], records: 0, codes: [], hubs: [], deviceIds: [], sasTokens: [], connectionStrings: [] },
      notes: [{ code }, ...notes, { code: 'paste-more-context' }],
      kql: connectionsKql({}),
      input: { bytes: input.length, lines: 0, truncated, secretsRedacted: 0 },
      now: options.now.toISOString(),
    });
  if (text0.trim() === '') return empty('empty-input');
  if (looksBinary(text0)) return empty('binary-input');

  const raw = normalizeText(text0);
  const sasTokens = findSasTokens(raw, options.now, lineStartsOf(raw));
  const redaction = redact(raw);
  const lines = redaction.text.split('\n');
  const consumed = new Uint8Array(lines.length);
  const events: ConnEvent[] = [];
  const shapes = new Set<InputShape>();
  const namedIds = new Set<string>();
  let records = 0;

  // 1. JSON lines (blob exports): the fast path for big files.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length < 2 || (line.charCodeAt(0) !== 123 && line.trimStart()[0] !== '{')) continue;
    const value = parseJsonLine(line);
    if (value === undefined) continue;
    const r = eventsFromJson(value, () => i + 1);
    if (r.events.length || r.deviceIds.length) {
      consumed[i] = 1;
      events.push(...r.events);
      records += r.events.length;
      r.deviceIds.forEach((id) => namedIds.add(id));
      if (r.shape) shapes.add(r.shape);
    }
  }

  // 2. Log Analytics CSV/TSV with a header row.
  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const line = lines[i];
    if (line.length > 4000 || !/resulttype|operationname|resultdescription/i.test(line)) continue;
    const header = detectHeader(line);
    if (!header) continue;
    const r = parseDelimited(lines, i, header);
    for (let k = i; k < r.end; k++) consumed[k] = 1;
    events.push(...r.events);
    records += r.events.length;
    shapes.add(header.delimiter === '\t' ? 'log-analytics-tsv' : 'log-analytics-csv');
    i = r.end - 1;
  }

  // 3. Any other JSON: arrays, {"records": [...]}, pretty-printed objects, JSON inside prose.
  for (const span of scanJson(lines, consumed)) {
    const value = span.value;
    const wrapped = !Array.isArray(value) && typeof value === 'object' && value !== null;
    const lineOf = (k: number) =>
      (Array.isArray(value) ? span.elementLines[k] : wrapped && span.innerLines.length ? span.innerLines[k] : span.startLine) ?? span.startLine;
    const r = eventsFromJson(value, (k) => lineOf(k) + 1);
    if (wrapped && span.innerLines.length && r.events.length) {
      // {"records": [...]}: place each record on its own line.
      r.events.forEach((e, k) => (e.line = (span.innerLines[k] ?? span.startLine) + 1));
    }
    if (r.events.length || r.deviceIds.length) {
      for (let k = span.startLine; k <= span.endLine; k++) consumed[k] = 1;
      events.push(...r.events);
      records += r.events.length;
      r.deviceIds.forEach((id) => namedIds.add(id));
      if (r.shape) shapes.add(r.shape);
    }
  }

  // 4. Everything else, line by line (or segment by segment when lines ran together).
  const connectionStrings: ConnectionStringInfo[] = [];
  const hubs = new Set<string>();
  let freeTextEvents = 0;
  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const line = lines[i];
    if (line.trim() === '') continue;
    for (const cs of findConnectionStrings(line, i + 1)) connectionStrings.push(cs);
    for (const seg of segments(line)) {
      const found = eventsFromText(seg.text, i + 1);
      freeTextEvents += found.length;
      events.push(...found);
      const hub = findHub(seg.text);
      if (hub) hubs.add(hub);
      const id = findDeviceId(seg.text);
      if (id) namedIds.add(id);
    }
  }
  if (freeTextEvents) {
    if (events.some((e) => e.sdk || e.type === 'renewal' || e.type === 'reauthorized')) shapes.add('sdk-log');
    if (events.some((e) => e.code && /ErrorCode:/i.test(evidenceOf(e)))) shapes.add('rest-error');
    shapes.add('error-lines');
  }
  if (sasTokens.length) shapes.add('sas-token');
  if (connectionStrings.length) shapes.add('connection-string');

  // A short message with nothing else in it may just name a device ("is pump-0042 ok?").
  if (redaction.text.length < 2000 && !events.some((e) => e.deviceId) && namedIds.size === 0) {
    for (const id of deviceIdCandidates(redaction.text.replace(/\[REDACTED\]/g, ' '))) namedIds.add(id);
  }

  const findings = new FindingSet();

  // Per-event findings (credential messages, other IoT Hub errors).
  for (const e of events) {
    if (e.kind) findings.add(e.kind, e, e.details, [ev(e)], e.at);
  }

  // Per-device timelines.
  const byDevice = new Map<string, ConnEvent[]>();
  for (const e of events) {
    if (e.kind) continue;
    const key = e.deviceId ?? '';
    let list = byDevice.get(key);
    if (!list) {
      if (byDevice.size >= MAX_DEVICES) continue;
      byDevice.set(key, (list = []));
    }
    list.push(e);
  }
  // Every event per device (credential-message events included), grouped once: linear in events.
  const allByDevice = new Map<string, ConnEvent[]>();
  for (const e of events) {
    if (!e.deviceId) continue;
    const list = allByDevice.get(e.deviceId);
    if (list) list.push(e);
    else if (allByDevice.size < MAX_DEVICES) allByDevice.set(e.deviceId, [e]);
  }
  const devices: DeviceSummary[] = [];
  let untimedUnauthorized = false;
  let reconnectsMissing = false;
  for (const [deviceId, list] of byDevice) {
    list.sort(byTime);
    const t = analyseTimeline(list);
    const first = list.find((e) => e.hub) ?? list[0];
    const where = { deviceId: deviceId || undefined, moduleId: list.find((e) => e.moduleId)?.moduleId, hub: first?.hub };
    timelineFindings(findings, where, t);
    if (t.reconnectsMissing) reconnectsMissing = true;
    if (list.some((e) => e.type === 'unauthorized' && e.at === undefined)) untimedUnauthorized = true;
    // A 404104 with no 401003 around it decides nothing on its own (churn tail, network drop, keep-alive):
    // it stays in recognised.codes and the inconclusive answer explains what to fetch next.
    if (!deviceId) continue;
    const allForDevice = allByDevice.get(deviceId) ?? list;
    const episodes: ChurnEpisode[] = t.episodes
      .map((ep, k) => ({ ep, gap: t.gapsMinutes[k] }))
      .filter(({ ep }) => ep.start.at !== undefined)
      .slice(0, MAX_EPISODES_PER_DEVICE)
      .map(({ ep, gap }) => ({
        at: new Date(ep.start.at!).toISOString(),
        line: ep.start.line,
        closedRemotelyAt: ep.closed?.at !== undefined ? new Date(ep.closed.at).toISOString() : undefined,
        reconnectedAt: ep.reconnect?.at !== undefined ? new Date(ep.reconnect.at).toISOString() : undefined,
        reconnectSeconds: ep.reconnectMs !== undefined ? Math.round(ep.reconnectMs / 100) / 10 : undefined,
        gapToNextMinutes: gap,
      }));
    let minAt = Infinity;
    let maxAt = -Infinity;
    for (const e of allForDevice) {
      if (e.at === undefined) continue;
      if (e.at < minAt) minAt = e.at;
      if (e.at > maxAt) maxAt = e.at;
    }
    devices.push({
      deviceId,
      moduleId: where.moduleId,
      hub: where.hub,
      verdict: 'inconclusive',
      kinds: [],
      counts: {
        unauthorized: allForDevice.filter((e) => e.code === '401003').length,
        closedRemotely: allForDevice.filter((e) => e.type === 'closed-remotely').length,
        connected: allForDevice.filter((e) => e.type === 'connected' || e.type === 'reauthorized').length,
        otherErrors: allForDevice.filter((e) => e.kind === 'other-iothub-error').length,
      },
      firstSeen: Number.isFinite(minAt) ? new Date(minAt).toISOString() : undefined,
      lastSeen: Number.isFinite(maxAt) ? new Date(maxAt).toISOString() : undefined,
      endsWith: t.endsWith,
      episodes,
      churnEpisodes: t.episodes.length,
      tokenLifetimeMinutes: t.tokenLifetimeMinutes,
      medianReconnectSeconds: t.medianReconnectSeconds,
      protocol: list.find((e) => e.protocol)?.protocol,
      sdk: list.find((e) => e.sdk)?.sdk,
    });
  }
  // Devices that only have credential-message events still deserve a row.
  for (const [deviceId, all] of allByDevice) {
    if (byDevice.has(deviceId) || devices.length >= MAX_DEVICES) continue;
    const row = emptyDeviceSummary(deviceId, { hub: all[0].hub });
    row.counts.unauthorized = all.filter((x) => x.code === '401003').length;
    row.counts.otherErrors = all.filter((x) => x.kind === 'other-iothub-error').length;
    devices.push(row);
  }

  // SAS tokens: an expired one is a finding on its own.
  for (const tok of sasTokens) {
    if (tok.hub) hubs.add(tok.hub);
    if (tok.expired) {
      const minutes = tok.expiresAt ? Math.round((options.now.getTime() - Date.parse(tok.expiresAt)) / 60_000) : undefined;
      findings.add(
        'sas-token-expired',
        { deviceId: tok.deviceId, moduleId: tok.moduleId, hub: tok.hub },
        { expiresAt: tok.expiresAt, expiredMinutesAgo: minutes, policy: tok.policy, scope: tok.scope, resourceUri: tok.resourceUri, presentedAuthType: 'sas' },
        [{ line: tok.line, text: lines[tok.line - 1]?.trim().slice(0, 300) ?? '' }],
      );
    }
  }
  // A token whose sr names another device than the connection string it sits in.
  for (const cs of connectionStrings) {
    if (cs.hub) hubs.add(cs.hub);
    const tok = sasTokens.find((t) => t.line === cs.line && t.deviceId);
    if (tok && cs.deviceId && tok.deviceId !== cs.deviceId) {
      findings.add('sas-token-wrong-scope', { deviceId: cs.deviceId, hub: cs.hub }, { resourceUri: tok.resourceUri, scope: tok.scope, otherDeviceId: tok.deviceId }, [{ line: cs.line, text: lines[cs.line - 1].trim().slice(0, 300) }]);
    }
  }

  // Pasted secrets.
  if (redaction.count > 0) {
    const evidence = [];
    for (let i = 0; i < lines.length && evidence.length < 5; i++) if (lines[i].includes(REDACTED)) evidence.push({ line: i + 1, text: lines[i].trim().slice(0, 300) });
    const cs = connectionStrings[0];
    const tok = sasTokens[0];
    findings.add('secret-exposed', { deviceId: cs?.deviceId ?? tok?.deviceId, hub: cs?.hub ?? tok?.hub }, { secretKinds: redaction.kinds, count: redaction.count, policy: cs?.policy ?? tok?.policy }, evidence);
    notes.push({ code: 'secrets-redacted', params: { count: redaction.count } });
  }

  // A service-policy token presented as a device's MQTT password (username "<host>/<device>/?api-version=…").
  for (const tok of sasTokens) {
    if (tok.scope !== 'service' && tok.scope !== 'hub') continue;
    const user = /\.azure-devices\.net\/([A-Za-z0-9][A-Za-z0-9\-._%*?!@$]{0,127})\/\?api-version/i.exec(lines[tok.line - 1] ?? '');
    if (user) {
      findings.add('sas-token-wrong-scope', { deviceId: user[1], hub: tok.hub }, { resourceUri: tok.resourceUri, scope: tok.scope, policy: tok.policy, presentedAuthType: 'sas' }, [{ line: tok.line, text: clip(lines[tok.line - 1] ?? '') }]);
    }
  }

  for (const e of events) if (e.hub) hubs.add(e.hub);
  for (const e of events) if (e.deviceId) namedIds.add(e.deviceId);
  for (const t of sasTokens) if (t.deviceId) namedIds.add(t.deviceId);
  for (const c of connectionStrings) if (c.deviceId) namedIds.add(c.deviceId);
  if (namedIds.size && !events.length && !sasTokens.length && !connectionStrings.length) shapes.add('device-id');
  if (hubs.size && !events.length) shapes.add('hub-name');

  const codeCounts = new Map<string, number>();
  for (const e of events) if (e.code) codeCounts.set(e.code, (codeCounts.get(e.code) ?? 0) + 1);
  const codes: RecognisedCode[] = [...codeCounts].map(([code, count]) => {
    const info = codeInfo(code);
    return { code, name: info?.name ?? code, count, authRelated: info ? info.role !== 'other' : false };
  });

  const list = findings.list();
  // Devices named only by a finding (a pasted token, a connection string) still get a row.
  const listed = new Set(devices.map((d) => d.deviceId));
  for (const f of list) {
    if (!f.deviceId || f.kind === 'secret-exposed' || devices.length >= MAX_DEVICES || listed.has(f.deviceId)) continue;
    listed.add(f.deviceId);
    devices.push(emptyDeviceSummary(f.deviceId, { hub: f.hub, moduleId: f.moduleId }));
  }
  const deviceIds = [...namedIds].slice(0, MAX_DEVICES);
  if (untimedUnauthorized) notes.push({ code: 'no-timestamps' });
  if (reconnectsMissing) notes.push({ code: 'reconnects-missing' });

  const result = finalizeTriage({
    verdict: 'inconclusive',
    findings: list,
    devices,
    recognised: { shapes: [...shapes], records, codes, hubs: [...hubs], deviceIds, sasTokens, connectionStrings },
    notes,
    kql: connectionsKql({ deviceIds: deviceIds.slice(0, 50), hub: hubs.size === 1 ? [...hubs][0] : undefined }),
    input: { bytes: input.length, lines: lines.length, truncated, secretsRedacted: redaction.count },
    now: options.now.toISOString(),
  });
  if (result.verdict === 'inconclusive') {
    result.notes.push({ code: 'paste-more-context' });
    result.notes.push({ code: 'run-kql' });
    for (const id of deviceIds.slice(0, 3)) result.notes.push({ code: 'look-up-device', params: { deviceId: id } });
  }
  if (devices.length >= MAX_DEVICES) result.notes.push({ code: 'too-many-devices', params: { max: MAX_DEVICES } });
  return result;
}
