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

/** Drops this close together are one drop reported in several words. */
const SAME_DROP_MS = 60_000;
/** A drop followed by a reconnect this soon is the SDK coming back by itself. */
export const QUICK_RECONNECT_MS = 120_000;
const MIN_RHYTHM_DROPS = 3;

/**
 * Churn without a 401003 in sight: some SDKs report the hub's token-expiry disconnect in their own words
 * (the Java SDK said NO_NETWORK until Azure/azure-iot-sdk-java#1405). A drop that the SDK itself reported,
 * followed within two minutes by a reconnect, at least three times at a steady interval (each within 15 % of
 * the median, the median at least 10 minutes) is the token lifetime showing. Anything less decides nothing.
 */
function rhythmEpisodes(events: ConnEvent[]): Episode[] {
  const drops: ConnEvent[] = [];
  for (const e of events) {
    if (!e.sdkDrop || e.at === undefined) continue;
    const prev = drops[drops.length - 1];
    if (prev && e.at - prev.at! < SAME_DROP_MS) continue;
    drops.push(e);
  }
  if (drops.length < MIN_RHYTHM_DROPS) return [];
  const episodes: Episode[] = [];
  for (const d of drops) {
    const back = events.find((e) => (e.type === 'connected' || e.type === 'reauthorized') && e.at !== undefined && e.at >= d.at! && e.at - d.at! <= QUICK_RECONNECT_MS);
    if (!back) return [];
    episodes.push({ start: d, reconnect: back, reconnectMs: back.at! - d.at! });
  }
  const gaps = episodes.slice(1).map((ep, k) => ep.start.at! - episodes[k].start.at!);
  const mid = median(gaps)!;
  if (mid < 10 * 60_000 || gaps.some((g) => Math.abs(g - mid) > 0.15 * mid)) return [];
  return episodes;
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
  /** Churn was read from the rhythm of SDK-reported drops and reconnects (no 401003 or renewal seen). */
  fromRhythm: boolean;
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
  let fromRhythm = false;
  // The SDK announcing its own renewal, never followed by a refusal, is the design at work even when the
  // reconnect is not in the paste (the C SDK's EXPIRED_SAS_TOKEN, Python's SasTokenStage).
  if (!ruling.churn && starts.some((e) => e.selfRenewal) && starts.every((e) => e.type === 'renewal') && !ruling.unrecovered) {
    ruling.churn = true;
    for (const s of starts) if (!episodes.some((ep) => ep.start === s)) episodes.push({ start: s });
    episodes.sort((a, b) => (a.start.at ?? 0) - (b.start.at ?? 0) || a.start.line - b.start.line);
  }
  if (starts.length === 0 && !ruling.churn) {
    const rhythm = rhythmEpisodes(events);
    if (rhythm.length) {
      episodes.push(...rhythm);
      ruling.churn = true;
      fromRhythm = true;
      const gaps = rhythm.slice(1).map((ep, k) => (ep.start.at! - rhythm[k].start.at!) / 60_000);
      summary.medianIntervalMinutes = median(gaps);
    }
  }
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
    fromRhythm,
    summary,
    ruling,
  };
}

function near(a: ConnEvent, b: ConnEvent): boolean {
  if (a.at === undefined || b.at === undefined) return true; // order is all we have
  const d = b.at - a.at;
  return d >= -CLOSE_BEFORE_MS && d <= CLOSE_AFTER_MS;
}
