// One watch round: the previous state and a fresh whole-hub result in, the next state and at most one
// post out. Pure (now is a parameter). The channel hears only when the picture gets worse — a device
// newly has a credential problem, a churning device stops coming back, the count of devices with
// credential problems rises above what it was told — and once when all of it has recovered. Churn
// alone never posts, and the same answer twice never posts twice.
import { bucketOf } from '../fleet/summaries';
import type { FleetDevice, FleetResult } from '../fleet/types';
import type { FindingKind, Lang } from '../triage/types';
import { kindCategory } from '../triage/verdict';
import { withFindings, type WatchPost } from './findings';
import {
  idHash,
  sha256,
  STATE_MAX_HASHES,
  STATE_MAX_ID_CHARS,
  STATE_MAX_NAMES,
  WATCH_STATE_VERSION,
  type WatchChange,
  type WatchPostCore,
  type WatchPostDevice,
  type WatchState,
} from './state';

/** Devices named in a post; the rest are counted. */
export const POST_MAX_DEVICES = 10;

export interface RoundDecision {
  state: WatchState;
  post?: WatchPost;
  /** The round was not judged: a partial result could miss reconnects and misjudge devices. */
  skipped?: 'partial';
}

export interface DecideOptions {
  /** Language of the findings' fix texts (default en). */
  lang?: Lang;
}

function credentialKinds(d: FleetDevice): FindingKind[] {
  return d.kinds.filter((k) => kindCategory(k) === 'credential');
}

function clipId(id: string): string {
  return id.length > STATE_MAX_ID_CHARS ? id.slice(0, STATE_MAX_ID_CHARS) : id;
}

function sortedHashes(ids: Iterable<string>): string[] {
  return [...new Set([...ids].map(idHash))].sort().slice(0, STATE_MAX_HASHES);
}

function kindCounts(devices: readonly FleetDevice[]): { kind: FindingKind; devices: number }[] {
  const counts = new Map<FindingKind, number>();
  for (const d of devices) for (const k of credentialKinds(d)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([kind, n]) => ({ kind, devices: n })).sort((a, b) => b.devices - a.devices || (a.kind < b.kind ? -1 : 1));
}

function postDevice(d: FleetDevice, change: WatchPostDevice['change']): WatchPostDevice {
  return { deviceId: clipId(d.deviceId), change, kinds: credentialKinds(d) };
}

/** The state of a hub nobody has looked at yet. */
export function emptyState(hub: string, since: string, at: string): WatchState {
  return { v: WATCH_STATE_VERSION, hub, since, at, problems: [], churn: [], count: 0, complete: true, hash: sha256(JSON.stringify([hub, 0, []])), posts: 0 };
}

export function decideRound(previous: WatchState | undefined, result: FleetResult, now: Date, opts: DecideOptions = {}): RoundDecision {
  const at = now.toISOString();
  // A state of another hub says nothing about this one.
  const prev = previous && previous.hub === result.hub ? previous : undefined;
  if (result.partial) return { state: prev ?? emptyState(result.hub, result.since, at), skipped: 'partial' };

  const listed = result.devices.filter((d) => bucketOf(d.verdict) === 'credential');
  const churning = result.devices.filter((d) => bucketOf(d.verdict) === 'churn');
  // Beyond the returned rows only the workspace's totals know how many there are.
  const count = Math.max(result.totals.credential, listed.length);
  const complete = listed.length >= count;
  const picture = listed.map((d) => [d.deviceId, [...credentialKinds(d)].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const base: WatchState = {
    v: WATCH_STATE_VERSION,
    hub: result.hub,
    since: result.since,
    at,
    problems: sortedHashes(listed.map((d) => d.deviceId)),
    churn: sortedHashes(churning.map((d) => d.deviceId)),
    count,
    complete,
    hash: sha256(JSON.stringify([result.hub, count, picture])),
    posts: prev?.posts ?? 0,
    ...(prev?.open ? { open: prev.open } : {}),
  };

  const prevProblems = new Set(prev?.problems ?? []);
  const prevChurn = new Set(prev?.churn ?? []);
  // With nothing before, every problem is news. After a cut list, a device missing from it may have been
  // a problem all along: only one last seen churning is known to be new.
  const prevComplete = prev ? prev.complete : true;
  const fresh: WatchPostDevice[] = [];
  const freshDevices: FleetDevice[] = [];
  for (const d of listed) {
    const h = idHash(d.deviceId);
    if (prevProblems.has(h)) continue;
    const wasChurn = prevChurn.has(h);
    if (!prevComplete && !wasChurn) continue;
    fresh.push(postDevice(d, wasChurn && d.kinds.includes('unrecovered-unauthorized') ? 'churn-to-unrecovered' : 'new'));
    freshDevices.push(d);
  }
  const told = prev?.open?.count ?? 0;

  if (fresh.length > 0 || count > told) {
    const changes: WatchChange[] = [];
    const turned = fresh.filter((d) => d.change === 'churn-to-unrecovered').length;
    if (fresh.length - turned > 0) changes.push({ type: 'new-problem', devices: fresh.length - turned });
    if (turned > 0) changes.push({ type: 'churn-to-unrecovered', devices: turned });
    // A rise the named devices do not account for (the list was cut): say it as a count.
    if (count - told > fresh.length) changes.push({ type: 'count-rose', from: told, to: count });
    const named = fresh.length > 0;
    // Lock-outs that were churn first, then the rest, each in the result's order (worst first).
    const order = named ? [...fresh].sort((a, b) => Number(b.change === 'churn-to-unrecovered') - Number(a.change === 'churn-to-unrecovered')) : listed.map((d) => postDevice(d, 'listed'));
    const about = named ? freshDevices : listed;
    const posts = base.posts + 1;
    const core: WatchPostCore = {
      kind: 'worse',
      hub: result.hub,
      since: result.since,
      at,
      changes,
      devices: { shown: order.slice(0, POST_MAX_DEVICES), total: named ? fresh.length : count },
      kinds: kindCounts(about),
      credential: count,
      idempotencyKey: `watch:${result.hub}:${posts}:worse:${base.hash.slice(0, 16)}`,
    };
    const toldNow = new Set(prev?.open?.told ?? []);
    for (const d of about) if (toldNow.size < STATE_MAX_HASHES) toldNow.add(idHash(d.deviceId));
    const names = [...(prev?.open?.names ?? [])];
    for (const d of order) if (names.length < STATE_MAX_NAMES && !names.includes(d.deviceId)) names.push(d.deviceId);
    const state: WatchState = {
      ...base,
      posts,
      open: { since: prev?.open?.since ?? at, count: Math.max(told, count), told: [...toldNow].sort(), names },
      pending: core,
    };
    return { state, post: withFindings(core, opts.lang) };
  }

  // Every device of the posted problem is back to churn or healthy: the whole hub has none left.
  if (prev?.open && count === 0) {
    const byId = new Map(result.devices.map((d) => [d.deviceId, d]));
    const shown: WatchPostDevice[] = prev.open.names.slice(0, POST_MAX_DEVICES).map((id) => {
      const d = byId.get(id);
      const change = !d ? 'unlisted' : bucketOf(d.verdict) === 'churn' ? 'churn' : 'healthy';
      return { deviceId: id, change, kinds: [] };
    });
    const total = Math.max(prev.open.told.length, shown.length);
    const posts = base.posts + 1;
    const core: WatchPostCore = {
      kind: 'recovered',
      hub: result.hub,
      since: result.since,
      at,
      changes: [{ type: 'recovered', devices: total }],
      devices: { shown, total },
      kinds: [],
      credential: 0,
      openSince: prev.open.since,
      idempotencyKey: `watch:${result.hub}:${posts}:recovered:${base.hash.slice(0, 16)}`,
    };
    const { open: _closed, ...rest } = base;
    return { state: { ...rest, posts, pending: core }, post: withFindings(core, opts.lang) };
  }

  return { state: base };
}
