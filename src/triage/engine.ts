// The triage pipeline, as named stages: prepare -> decode SAS tokens (raw) -> redact -> split into
// records -> read every record with every reader -> resolve identities -> classify into events ->
// resolve times -> per-device timelines -> findings -> verdict. Pure: text and `now` in, Triage out.
//
// A paste may arrive in pieces (TriageStream: the command line reads a big export a megabyte at a time).
// Its head decides how it is read: HTML or chat prefixes (rare, and short) are read in one piece; anything
// else in segments cut only between two lines that are each one JSON object, where no record, secret, token
// or table can span the cut, so every stage reads a segment exactly as it would read the whole. Only what the
// later stages need is kept of a segment (recordPass.ts), so memory follows the events, not the paste.
import { attributeDevices } from './attributeDevices';
import { codeInfo } from './codes';
import { deviceTimelines, MAX_DEVICES } from './deviceTimelines';
import { emptyDeviceSummary } from './deviceSummary';
import type { ConnEvent } from './events';
import { unconfirmedExpiryDrops } from './expiryDrops';
import { ev, FindingSet } from './findings';
import { isoUtc } from './isoTime';
import { connectionsKql } from './kql';
import { looksBinary, looksHtml, mayHaveChatPrefixes, normalizeText, stripChatPrefixes, unixLines } from './normalize';
import { redactedLines, secretFinding, tokenFindings } from './pasteFindings';
import { RecordPass } from './recordPass';
import { recoverRefusals } from './recoveredRefusals';
import { RedactionTotals } from './redact';
import { resolveTimes } from './resolveTimes';
import { findSasTokens } from './sasToken';
import { finalizeTriage } from './verdict';
import type { DeviceSummary, Evidence, Finding, Note, RecognisedCode, SasTokenInfo, Triage, TriageOptions } from './types';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** A segment is cut once this much text waits. */
const SEGMENT_CHARS = 1 << 16;
/** The head that decides how a paste is read (binary, HTML and chat sniffs look at less than this). */
const HEAD_CHARS = 1 << 17;
const MAX_SAS_TOKENS = 100;

function emptyTriage(bytes: number, now: Date, truncated: boolean, notes: Note[], code: Note['code']): Triage {
  return finalizeTriage({
    verdict: 'inconclusive',
    findings: [],
    devices: [],
    recognised: { shapes: [], records: 0, codes: [], hubs: [], deviceIds: [], sasTokens: [], connectionStrings: [] },
    notes: [{ code }, ...notes, { code: 'paste-more-context' }],
    kql: connectionsKql({}),
    input: { bytes, lines: 0, truncated, secretsRedacted: 0 },
    now: isoUtc(now.getTime()),
  });
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

/**
 * The first cut at or after `from`: a newline between two lines that are each one JSON object (the one
 * before it ends with "}", the one after starts with "{"). The segment ends at `end` (before any "\r"),
 * the rest starts at `next`.
 */
function nextCut(text: string, from: number): { end: number; next: number } | undefined {
  for (let k = text.indexOf('\n{', from - 1); k > 0; k = text.indexOf('\n{', k + 1)) {
    const end = text.charCodeAt(k - 1) === 13 ? k - 1 : k;
    if (text.charCodeAt(end - 1) !== 125) continue;
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (text.charCodeAt(start) === 123) return { end, next: k + 1 };
  }
  return undefined;
}

/** A paste read piece by piece: `write` any pieces, in order, then `end` for the triage. */
export class TriageStream {
  private readonly now: Date;
  private readonly maxBytes: number;
  private readonly segmentChars: number;
  /** Undefined once ended: the events go with it, before the caller prints a big result. */
  private pass: RecordPass | undefined;
  /** Characters written, and kept (at most maxBytes). */
  private received = 0;
  private kept = 0;
  private sawText = false;
  /** Text written and not yet read; in 'whole' mode, all of it. */
  private pending = '';
  /** How far back from the end of `pending` a cut was already looked for in vain. */
  private searched = 0;
  private mode: 'head' | 'segments' | 'whole' | 'binary' = 'head';
  private ended = false;
  // What the segments read so far add up to.
  private readonly redactions = new RedactionTotals();
  private sasTokens: SasTokenInfo[] = [];
  private lineBase = 0;
  private segmentsRead = 0;
  private chatRemoved = 0;
  /** Lines quoted as evidence later: those holding a token or a connection string, and redacted ones. */
  private readonly quoted = new Map<number, string>();
  private readonly redacted: Evidence[] = [];
  /** The redacted text, while it is short (a short message is read as a whole, see attributeDevices). */
  private shortText: string | undefined = '';

  constructor(options: TriageOptions) {
    this.now = options.now;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.segmentChars = Math.max(1, options.segmentChars ?? SEGMENT_CHARS);
    this.pass = new RecordPass(options.lineTemplates !== false);
  }

  write(piece: string): void {
    if (this.ended) throw new Error('TriageStream: write after end');
    const text = typeof piece === 'string' ? piece : String(piece ?? '');
    this.received += text.length;
    const room = this.maxBytes - this.kept;
    const kept = text.length > room ? text.slice(0, Math.max(0, room)) : text;
    if (!kept) return;
    this.kept += kept.length;
    if (!this.sawText && /\S/.test(kept)) this.sawText = true;
    if (this.mode === 'binary') return;
    this.pending += kept;
    if (this.mode === 'head' && this.pending.length >= HEAD_CHARS) this.decide();
    if (this.mode === 'segments' && this.pending.length >= this.segmentChars) this.cutSegments();
  }

  end(): Triage {
    if (this.ended) throw new Error('TriageStream: ended twice');
    this.ended = true;
    const truncated = this.received > this.maxBytes;
    const notes: Note[] = [];
    if (truncated) notes.push({ code: 'input-truncated', params: { bytes: this.maxBytes } });
    if (!this.sawText) return emptyTriage(this.received, this.now, truncated, notes, 'empty-input');
    if (this.mode === 'head') this.decide();
    if (this.mode === 'binary') return emptyTriage(this.received, this.now, truncated, notes, 'binary-input');
    if (this.mode === 'segments') this.cutSegments();
    this.read(this.pending);
    this.pending = '';
    const result = this.finish(notes, truncated);
    this.pass = undefined;
    return result;
  }

  /** Stage "prepare", for the whole paste, from its head: binary, HTML and chat prefixes. */
  private decide(): void {
    const head = this.pending.length > HEAD_CHARS ? this.pending.slice(0, HEAD_CHARS) : this.pending;
    if (looksBinary(head)) {
      this.mode = 'binary';
      this.pending = '';
      return;
    }
    const unix = unixLines(head);
    this.mode = looksHtml(unix) || mayHaveChatPrefixes(normalizeText(unix, false)) ? 'whole' : 'segments';
  }

  /** Reads segments of about SEGMENT_CHARS while there are cuts; the text after the last cut waits for more. */
  private cutSegments(): void {
    let text = this.pending;
    let from = Math.max(this.segmentChars, this.searched);
    while (text.length >= this.segmentChars) {
      const cut = nextCut(text, from);
      if (!cut) {
        // Resume after what was searched (a "\n" at the very end may yet be followed by "{").
        this.searched = text.length - 1;
        break;
      }
      this.read(text.slice(0, cut.end));
      text = text.slice(cut.next);
      from = this.segmentChars;
      this.searched = 0;
    }
    this.pending = text;
  }

  /** Stages "prepare" to "classify" over one segment (or the whole paste, in one piece). */
  private read(segment: string): void {
    this.segmentsRead++;
    const whole = this.mode === 'whole';
    const chat = whole ? stripChatPrefixes(normalizeText(segment)) : { text: normalizeText(segment, false), removed: 0 };
    this.chatRemoved += chat.removed;
    const raw = chat.text;
    const base = this.lineBase;
    // Stage "tokens" reads the raw text (the signature's fingerprint); stage "redact" hides every secret.
    const tokens = this.sasTokens.length < MAX_SAS_TOKENS ? findSasTokens(raw, this.now) : [];
    for (const t of tokens) if (this.sasTokens.length < MAX_SAS_TOKENS) this.sasTokens.push(Object.assign({}, t, { line: t.line + base }));
    const count = this.redactions.count;
    const redacted = this.redactions.redact(raw);
    const connectionStrings = this.pass!.classifier.out.connectionStrings.length;
    const lines = this.pass!.read(redacted, base);
    // Lines quoted later, kept now: the segment's text goes when it is read.
    for (const t of tokens) this.quote(lines, t.line);
    for (const cs of this.pass!.classifier.out.connectionStrings.slice(connectionStrings)) this.quote(lines, cs.line - base);
    if (this.redactions.count > count) redactedLines(lines, base + 1, this.redacted);
    const sofar = this.shortText === undefined ? undefined : this.segmentsRead === 1 ? redacted : `${this.shortText}\n${redacted}`;
    this.shortText = sofar !== undefined && sofar.length < 1000 ? sofar : undefined;
    this.lineBase += lines.length;
  }

  private quote(lines: string[], n: number): void {
    const text = lines[n - 1];
    if (text !== undefined) this.quoted.set(n + this.lineBase, text);
  }

  private finish(notes: Note[], truncated: boolean): Triage {
    const now = this.now;
    const { timed, prose, eventRecord } = this.pass!;
    const sasTokens = this.sasTokens;
    const redaction = { count: this.redactions.count, kinds: this.redactions.kinds };
    const c = this.pass!.classifier.finish();
    const { events, hubs, namedIds, shapes, connectionStrings } = c;

    // Stage "times": with the whole paste in view; each event takes its record's.
    const times = resolveTimes(timed, now.getTime());
    for (let k = 0; k < events.length; k++) {
      const e = events[k];
      e.at = times.at[eventRecord[k]];
    }

    // Stage "attribute": events that name no device get one where it can be known.
    for (const t of sasTokens) if (t.deviceId) namedIds.add(t.deviceId);
    const only = this.shortText;
    const short = only !== undefined && only.split('\n').filter((l) => l.trim()).length <= 5 ? only : undefined;
    const positional = attributeDevices(prose, c, short);

    // What was guessed, and what looked like evidence but could not be read.
    if (positional.length) notes.push({ code: 'device-inferred-from-position', params: { deviceIds: positional.slice(0, 5).join(', '), count: positional.length } });
    if (times.dayFirst) notes.push({ code: 'dates-day-first' });
    if (this.chatRemoved || times.prefixes) notes.push({ code: 'chat-prefix-ignored', params: { count: this.chatRemoved + times.prefixes } });
    const undated = undatedWithEvents(times.undated, eventRecord);
    const undatedNote: Note | undefined = undated ? { code: 'times-undated', params: { count: undated, example: times.undatedStamp ?? '' } } : undefined;
    if (undatedNote) notes.push(undatedNote);
    const unread = this.pass!.unread.result();
    if (unread) notes.push({ code: 'unread-evidence', params: unread });

    // A client's bare refusal its device is back from within minutes is a drop, not a finding.
    recoverRefusals(events);

    // Stage "findings": per event, per device timeline, per token, per pasted secret.
    const findings = new FindingSet();
    for (const e of events) if (e.kind) findings.add(e.kind, e, e.details, [ev(e)], e.at);
    const timeline = deviceTimelines(events, findings);
    for (const tok of sasTokens) if (tok.hub) hubs.add(tok.hub);
    for (const cs of connectionStrings) if (cs.hub) hubs.add(cs.hub);
    for (const e of events) if (e.hub) hubs.add(e.hub);
    tokenFindings(findings, sasTokens, connectionStrings, (n) => this.quoted.get(n) ?? '', now);
    secretFinding(findings, redaction, this.redacted, sasTokens, connectionStrings);
    if (redaction.count > 0) notes.push({ code: 'secrets-redacted', params: { count: redaction.count } });
    // With unreadable dates the input has timestamps: the undated note says what that costs instead.
    if (timeline.untimedUnauthorized && undatedNote) undatedNote.params!.untimedUnauthorized = 1;
    else if (timeline.untimedUnauthorized) notes.push({ code: 'no-timestamps' });
    if (timeline.reconnectsMissing) notes.push({ code: 'reconnects-missing' });
    if (timeline.fromRhythm.length) notes.push({ code: 'churn-from-rhythm', params: { deviceIds: timeline.fromRhythm.slice(0, 5).join(', ') } });

    if (events.some((e) => !e.record)) shapes.add('error-lines');
    if (sasTokens.length) shapes.add('sas-token');
    if (connectionStrings.length) shapes.add('connection-string');
    if (namedIds.size && !events.length && !sasTokens.length && !connectionStrings.length) shapes.add('device-id');
    if (hubs.size && !events.length) shapes.add('hub-name');

    // Stage "verdict": rows for every named device, then the verdict from the findings.
    const list = findings.list();
    const dropped = unconfirmedExpiryDrops(events, list);
    if (dropped.length) {
      const named = dropped.filter(Boolean);
      notes.push({ code: 'expiry-drop-unconfirmed', params: named.length ? { deviceIds: named.slice(0, 5).join(', '), count: dropped.length } : { count: dropped.length } });
    }
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
      input: { bytes: this.received, lines: this.lineBase, truncated, secretsRedacted: redaction.count },
      now: isoUtc(now.getTime()),
    });
    if (result.verdict === 'inconclusive') {
      result.notes.push({ code: 'paste-more-context' });
      result.notes.push({ code: 'run-kql' });
      for (const id of deviceIds.slice(0, 3)) result.notes.push({ code: 'look-up-device', params: { deviceId: id } });
    }
    if (devices.length >= MAX_DEVICES) result.notes.push({ code: 'too-many-devices', params: { max: MAX_DEVICES } });
    return result;
  }
}

/** How many records with an undated time of day gave events (only their times matter to the verdict). */
function undatedWithEvents(undated: number[], eventRecord: number[]): number {
  if (!undated.length || !eventRecord.length) return 0;
  const withEvents = new Set(eventRecord);
  let n = 0;
  for (const r of undated) if (withEvents.has(r)) n++;
  return n;
}

export function runTriage(input: string, options: TriageOptions): Triage {
  const stream = new TriageStream(options);
  stream.write(input);
  return stream.end();
}
