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

  /** Widen a finding's first/last-seen window. */
  seen(finding: Finding, at: number | undefined): void {
    const f = finding as Finding & { firstAt?: number; lastAt?: number };
    if (at === undefined) return;
    if (f.firstAt === undefined || at < f.firstAt) f.firstAt = at;
    if (f.lastAt === undefined || at > f.lastAt) f.lastAt = at;
  }

  list(): Finding[] {
    return [...this.byKey.values()].map(({ firstAt, lastAt, ...f }) => {
      if (firstAt !== undefined) f.details.firstSeen = iso(firstAt);
      if (lastAt !== undefined && lastAt !== firstAt) f.details.lastSeen = iso(lastAt);
      for (const k of Object.keys(f.details) as (keyof FindingDetails)[]) if (f.details[k] === undefined) delete f.details[k];
      if (f.hub === undefined) delete f.hub;
      if (f.moduleId === undefined) delete f.moduleId;
      if (f.deviceId === undefined) delete f.deviceId;
      return f;
    });
  }
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
