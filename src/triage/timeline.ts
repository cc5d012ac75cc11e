// Per-device timeline: finds token-expiry churn episodes (401003, then 404104 and/or a reconnect) and
// trailing failures (401003s the device never recovers from). A device is judged by how it ends.
import { DEVICE_RULES, ruleOnDevice, type DeviceConnectionSummary, type DeviceRuling } from './deviceRules';
import type { ConnEvent } from './events';
import type { DeviceEnding } from './types';

const CLOSE_BEFORE_MS = DEVICE_RULES.closeBeforeSeconds * 1000; // 404104 may be logged just before the 401003
const CLOSE_AFTER_MS = DEVICE_RULES.closeAfterSeconds * 1000;
const RETRY_GAP_MS = DEVICE_RULES.retryGapMinutes * 60_000;

export interface Episode {
  start: ConnEvent;
  closed?: ConnEvent;
  reconnect?: ConnEvent;
  reconnectMs?: number;
}

export interface TimelineResult {
  episodes: Episode[];
  /**
   * The evidence for an unrecovered ruling: 401003s after the device's last reconnect or, in an
   * error-only export, the retries (401003s too soon after the previous one).
   */
  trailingFailures: ConnEvent[];
  hasConnects: boolean;
  /** Episodes were accepted without seeing the reconnects (error-only export). */
  reconnectsMissing: boolean;
  tokenLifetimeMinutes?: number;
  medianReconnectSeconds?: number;
  gapsMinutes: (number | undefined)[];
  endsWith: DeviceEnding;
  sdkRenewal: boolean;
  /** The counts the shared device rules judge (the same the fleet KQL computes), and their ruling. */
  summary: DeviceConnectionSummary;
  ruling: DeviceRuling;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Events must be one device's, without credential-message events, sorted by (at, line). */
export function analyseTimeline(events: ConnEvent[]): TimelineResult {
  const isStart = (e: ConnEvent) => e.type === 'unauthorized' || e.type === 'renewal';
  const isReconnect = (e: ConnEvent) => e.type === 'connected' || e.type === 'reauthorized';
  const hasConnects = events.some(isReconnect);
  const episodes: Episode[] = [];
  let trailing: ConnEvent[] = [];
  let prevStartAt: number | undefined;
  const usedClose = new Set<ConnEvent>();
  let recovered = 0;
  let spacedPairs = 0;
  const retries: ConnEvent[] = [];
  const intervals: number[] = [];
  let lastCountedAt: number | undefined;

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (isReconnect(e)) {
      trailing = [];
      continue;
    }
    if (!isStart(e)) continue;
    // Look ahead to the next start for a reconnect and a 404104.
    let reconnect: ConnEvent | undefined;
    let closed: ConnEvent | undefined;
    for (let j = i + 1; j < events.length && !isStart(events[j]); j++) {
      const f = events[j];
      if (!reconnect && isReconnect(f)) reconnect = f;
      if (!closed && f.type === 'closed-remotely' && near(e, f)) closed = f;
    }
    // A 404104 logged just before the 401003 (same second, different order) also counts.
    for (let j = i - 1; !closed && j >= 0 && j >= i - 3; j--) {
      const f = events[j];
      if (f.type === 'closed-remotely' && !usedClose.has(f) && f.at !== undefined && e.at !== undefined && e.at - f.at <= CLOSE_BEFORE_MS) closed = f;
      if (isStart(f)) break;
    }
    if (closed) usedClose.add(closed);
    const gapOk = prevStartAt === undefined || e.at === undefined || e.at - prevStartAt >= RETRY_GAP_MS;
    if (e.at !== undefined && prevStartAt !== undefined && !gapOk) retries.push(e);
    if (e.at !== undefined && closed && gapOk) spacedPairs++;
    if (reconnect) recovered++;
    if (e.at !== undefined && (reconnect || (closed && gapOk))) {
      if (lastCountedAt !== undefined) intervals.push((e.at - lastCountedAt) / 60_000);
      lastCountedAt = e.at;
    }
    if (reconnect) {
      episodes.push({ start: e, closed, reconnect, reconnectMs: e.at !== undefined && reconnect.at !== undefined ? reconnect.at - e.at : undefined });
    } else if (!hasConnects && (closed || e.type === 'renewal') && e.at !== undefined && gapOk) {
      episodes.push({ start: e, closed });
    } else {
      trailing.push(e);
    }
    if (e.at !== undefined) prevStartAt = e.at;
    if (reconnect || (episodes.length && episodes[episodes.length - 1].start === e)) trailing = [];
  }

  const starts = events.filter(isStart);
  let lastConnect = -1;
  events.forEach((e, k) => {
    if (isReconnect(e)) lastConnect = k;
  });
  const summary: DeviceConnectionSummary = {
    deviceId: events.find((e) => e.deviceId)?.deviceId ?? '',
    unauthorized: starts.length,
    closedRemotely: events.filter((e) => e.type === 'closed-remotely').length,
    connected: events.filter(isReconnect).length,
    recovered,
    trailing: events.filter((e, k) => k > lastConnect && isStart(e)).length,
    spacedPairs,
    retries: retries.length,
    medianIntervalMinutes: median(intervals),
    medianReconnectSeconds: undefined,
  };
  const ruling = ruleOnDevice(summary);
  // Error-only churn needs a rhythm: one unconfirmed 401003+404104 pair proves nothing.
  if (!hasConnects && !ruling.churn) episodes.length = 0;
  if (!hasConnects) trailing = retries;

  const gaps: (number | undefined)[] = episodes.map((ep, k) => {
    const next = episodes[k + 1];
    return ep.start.at !== undefined && next?.start.at !== undefined ? Math.round((next.start.at - ep.start.at) / 60_000) : undefined;
  });
  const lifetime = summary.medianIntervalMinutes;
  const reconnectSecs = median(episodes.map((ep) => ep.reconnectMs).filter((m): m is number => m !== undefined && m >= 0).map((m) => m / 1000));
  summary.medianReconnectSeconds = reconnectSecs;

  const last = events[events.length - 1];
  const endsWith: DeviceEnding = !last
    ? 'unknown'
    : isReconnect(last)
      ? 'connected'
      : isStart(last)
        ? 'unauthorized'
        : last.type === 'closed-remotely'
          ? 'closed-remotely'
          : last.type === 'disconnected'
            ? 'disconnected'
            : 'unknown';

  return {
    episodes,
    trailingFailures: trailing,
    hasConnects,
    reconnectsMissing: ruling.reconnectsMissing,
    tokenLifetimeMinutes: lifetime !== undefined ? Math.round(lifetime) : undefined,
    medianReconnectSeconds: reconnectSecs !== undefined ? Math.round(reconnectSecs * 10) / 10 : undefined,
    gapsMinutes: gaps,
    endsWith,
    sdkRenewal: episodes.some((ep) => ep.start.type === 'renewal'),
    summary,
    ruling,
  };
}

function near(a: ConnEvent, b: ConnEvent): boolean {
  if (a.at === undefined || b.at === undefined) return true; // order is all we have
  const d = b.at - a.at;
  return d >= -CLOSE_BEFORE_MS && d <= CLOSE_AFTER_MS;
}
