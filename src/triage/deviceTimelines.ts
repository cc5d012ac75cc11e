// Stage "timelines": events grouped per device, each device's timeline judged by the shared device
// rules (deviceRules.ts), and one summary row per device.
import { emptyDeviceSummary } from './deviceSummary';
import type { ConnEvent } from './events';
import { timelineFindings, type FindingSet } from './findings';
import { isoUtc } from './isoTime';
import { analyseTimeline } from './timeline';
import { MAX_EPISODES_PER_DEVICE, type ChurnEpisode, type DeviceSummary } from './types';

export const MAX_DEVICES = 5000;

function byTime(a: ConnEvent, b: ConnEvent): number {
  if (a.at !== undefined && b.at !== undefined && a.at !== b.at) return a.at - b.at;
  return a.line - b.line;
}

function countsOf(all: ConnEvent[]): DeviceSummary['counts'] {
  const counts = { unauthorized: 0, closedRemotely: 0, connected: 0, otherErrors: 0 };
  for (const e of all) {
    if (e.code === '401003') counts.unauthorized++;
    if (e.type === 'closed-remotely') counts.closedRemotely++;
    else if (e.type === 'connected' || e.type === 'reauthorized') counts.connected++;
    if (e.kind === 'other-iothub-error') counts.otherErrors++;
  }
  return counts;
}

function inOrder(list: ConnEvent[]): boolean {
  for (let i = 1; i < list.length; i++) if (byTime(list[i - 1], list[i]) > 0) return false;
  return true;
}

export interface TimelineOutcome {
  devices: DeviceSummary[];
  untimedUnauthorized: boolean;
  reconnectsMissing: boolean;
  /** Devices whose churn was read from the rhythm of drops and reconnects alone. */
  fromRhythm: string[];
}

export function deviceTimelines(events: ConnEvent[], findings: FindingSet): TimelineOutcome {
  // Credential-message events are findings of their own; the rest make up the timelines.
  const byDevice = new Map<string, ConnEvent[]>();
  const allByDevice = new Map<string, ConnEvent[]>();
  for (const e of events) {
    const key = e.deviceId ?? '';
    if (!e.kind) {
      const list = byDevice.get(key);
      if (list) list.push(e);
      else if (byDevice.size < MAX_DEVICES) byDevice.set(key, [e]);
    }
    if (e.deviceId) {
      const all = allByDevice.get(e.deviceId);
      if (all) all.push(e);
      else if (allByDevice.size < MAX_DEVICES) allByDevice.set(e.deviceId, [e]);
    }
  }
  const devices: DeviceSummary[] = [];
  let untimedUnauthorized = false;
  let reconnectsMissing = false;
  const fromRhythm: string[] = [];
  for (const [deviceId, list] of byDevice) {
    // A log is mostly in time order already: checking is linear, sorting is not.
    if (!inOrder(list)) list.sort(byTime);
    const t = analyseTimeline(list);
    const first = list.find((e) => e.hub) ?? list[0];
    const where = { deviceId: deviceId || undefined, moduleId: list.find((e) => e.moduleId)?.moduleId, hub: first?.hub };
    timelineFindings(findings, where, t);
    if (t.reconnectsMissing) reconnectsMissing = true;
    if (t.fromRhythm && t.ruling.churn) fromRhythm.push(deviceId);
    if (list.some((e) => e.type === 'unauthorized' && e.at === undefined)) untimedUnauthorized = true;
    // A 404104 with no 401003 around it decides nothing on its own (churn tail, network drop, keep-alive).
    if (!deviceId) continue;
    const all = allByDevice.get(deviceId) ?? list;
    const episodes: ChurnEpisode[] = t.episodes
      .map((ep, k) => ({ ep, gap: t.gapsMinutes[k] }))
      .filter(({ ep }) => ep.start.at !== undefined)
      .slice(0, MAX_EPISODES_PER_DEVICE)
      .map(({ ep, gap }) => ({
        at: isoUtc(ep.start.at!),
        line: ep.start.line,
        closedRemotelyAt: ep.closed?.at !== undefined ? isoUtc(ep.closed.at) : undefined,
        reconnectedAt: ep.reconnect?.at !== undefined ? isoUtc(ep.reconnect.at) : undefined,
        reconnectSeconds: ep.reconnectMs !== undefined ? Math.round(ep.reconnectMs / 100) / 10 : undefined,
        gapToNextMinutes: gap,
      }));
    let minAt = Infinity;
    let maxAt = -Infinity;
    for (const e of all) {
      const at = e.at;
      if (at === undefined) continue;
      if (at < minAt) minAt = at;
      if (at > maxAt) maxAt = at;
    }
    devices.push({
      deviceId,
      moduleId: where.moduleId,
      hub: where.hub,
      verdict: 'inconclusive',
      kinds: [],
      counts: countsOf(all),
      firstSeen: Number.isFinite(minAt) ? isoUtc(minAt) : undefined,
      lastSeen: Number.isFinite(maxAt) ? isoUtc(maxAt) : undefined,
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
  return { devices, untimedUnauthorized, reconnectsMissing, fromRhythm };
}
