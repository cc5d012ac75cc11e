// Turns events and timelines into findings: one per (kind, device, code), with capped, redacted evidence.
import { evidenceOf, type ConnEvent } from './events';
import { iso } from './time';
import type { TimelineResult } from './timeline';
import { MAX_EVIDENCE_PER_FINDING, type Evidence, type Finding, type FindingDetails, type FindingKind } from './types';

export class FindingSet {
  private readonly byKey = new Map<string, Finding & { firstAt?: number; lastAt?: number }>();

  add(kind: FindingKind, where: { deviceId?: string; moduleId?: string; hub?: string }, details: FindingDetails, evidence: Evidence[], at?: number): Finding {
    const key = [kind, where.deviceId ?? '', where.moduleId ?? '', details.errorCode ?? '', details.presentedSha1 ?? '', details.principal ?? ''].join('\u0000');
    let f = this.byKey.get(key);
    if (!f) {
      f = { kind, deviceId: where.deviceId, moduleId: where.moduleId, hub: where.hub, evidence: [], details: Object.assign({}, details, { count: 0 }), source: 'paste' };
      this.byKey.set(key, f);
    }
    f.hub ??= where.hub;
    f.details.count = (f.details.count ?? 0) + 1;
    for (const e of evidence) if (f.evidence.length < MAX_EVIDENCE_PER_FINDING && !f.evidence.some((x) => x.line === e.line && x.text === e.text)) f.evidence.push(e);
    this.seen(f, at);
    return f;
  }

  /**
   * A client's bare "rejected" (an HTTP 401, MQTT "Not authorized") adds nothing to the hub's own coded
   * rejection of the same device (401002 in the body beside the status line): one finding, not two.
   * Returns the findings folded into their coded sibling.
   */
  private foldGenericRejections(): Set<Finding> {
    const folded = new Set<Finding>();
    const coded = new Map<string, Finding & { firstAt?: number; lastAt?: number }>();
    const whom = (f: Finding) => `${f.deviceId ?? ''}\u0000${f.moduleId ?? ''}`;
    for (const f of this.byKey.values()) if (f.kind === 'credentials-rejected' && f.details.errorCode && !coded.has(whom(f))) coded.set(whom(f), f);
    if (!coded.size) return folded;
    for (const f of this.byKey.values()) {
      const into = f.kind === 'credentials-rejected' && !f.details.errorCode ? coded.get(whom(f)) : undefined;
      if (!into) continue;
      into.details.count = (into.details.count ?? 0) + (f.details.count ?? 0);
      for (const e of f.evidence) if (into.evidence.length < MAX_EVIDENCE_PER_FINDING && !into.evidence.some((x) => x.line === e.line && x.text === e.text)) into.evidence.push(e);
      into.evidence.sort((a, b) => a.line - b.line);
      const g = f as Finding & { firstAt?: number; lastAt?: number };
      this.seen(into, g.firstAt);
      this.seen(into, g.lastAt);
      folded.add(f);
    }
    return folded;
  }

  /** Widen a finding's first/last-seen window. */
  seen(finding: Finding, at: number | undefined): void {
    const f = finding as Finding & { firstAt?: number; lastAt?: number };
    if (at === undefined) return;
    if (f.firstAt === undefined || at < f.firstAt) f.firstAt = at;
    if (f.lastAt === undefined || at > f.lastAt) f.lastAt = at;
  }

  list(): Finding[] {
    const out: Finding[] = [];
    const folded = this.foldGenericRejections();
    for (const f of this.byKey.values()) {
      if (folded.has(f)) continue;
      if (f.firstAt !== undefined) f.details.firstSeen = iso(f.firstAt);
      if (f.lastAt !== undefined && f.lastAt !== f.firstAt) f.details.lastSeen = iso(f.lastAt);
      out.push(listed(f));
    }
    return out;
  }
}

/**
 * A finding as listed: without its first/last-seen numbers, without an undefined hub, module or device,
 * and without undefined details, fields in the order they were made. Built afresh: deleting fields would
 * leave slow dictionary objects for the card to read.
 */
function listed(f: Finding & { firstAt?: number; lastAt?: number }): Finding {
  const details: Record<string, unknown> = {};
  const from = f.details as Record<string, unknown>;
  for (const k of Object.keys(from)) if (from[k] !== undefined) details[k] = from[k];
  const out: Record<string, unknown> = {};
  const fields = f as unknown as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (k === 'firstAt' || k === 'lastAt' || (v === undefined && (k === 'hub' || k === 'moduleId' || k === 'deviceId'))) continue;
    out[k] = k === 'details' ? details : v;
  }
  return out as unknown as Finding;
}

export function ev(e: ConnEvent): Evidence {
  return { line: e.line, text: evidenceOf(e) };
}

/** Findings a device's timeline proves: churn, and/or a credential loop it never recovered from. */
export function timelineFindings(set: FindingSet, where: { deviceId?: string; moduleId?: string; hub?: string }, t: TimelineResult): void {
  // The decision is the shared device rules' (deviceRules.ts); the timeline only supplies the evidence.
  if (t.ruling.churn && t.episodes.length > 0) {
    const evidence: Evidence[] = [];
    for (const ep of t.episodes.slice(0, 2)) {
      evidence.push(ev(ep.start));
      if (ep.closed) evidence.push(ev(ep.closed));
      if (ep.reconnect) evidence.push(ev(ep.reconnect));
    }
    const f = set.add(
      'token-expiry-churn',
      where,
      {
        episodes: t.episodes.length,
        tokenLifetimeMinutes: t.tokenLifetimeMinutes,
        medianReconnectSeconds: t.medianReconnectSeconds,
        reconnectsMissing: t.reconnectsMissing || undefined,
        sdkRenewal: t.sdkRenewal || undefined,
        fromRhythm: t.fromRhythm || undefined,
        errorCode: t.sdkRenewal || t.fromRhythm ? undefined : '401003',
      },
      evidence.slice(0, MAX_EVIDENCE_PER_FINDING),
      t.episodes[0].start.at,
    );
    set.seen(f, t.episodes[t.episodes.length - 1].start.at);
    f.details.count = t.episodes.length;
  }
  if (t.ruling.unrecovered) {
    const tail = t.trailingFailures;
    const f = set.add(
      'unrecovered-unauthorized',
      where,
      { errorCode: '401003', episodes: t.episodes.length || undefined },
      [...tail.slice(0, 3), ...tail.slice(-1)].map(ev),
      tail[0].at,
    );
    set.seen(f, tail[tail.length - 1].at);
    f.details.count = tail.length;
  }
}
