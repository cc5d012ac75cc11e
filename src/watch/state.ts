// A watch's memory between rounds: what the hub looked like last time and what the channel has been
// told. Compact and bounded (device ids are kept as short hashes, lists are capped) because the store
// keeps it as one JSON value; the watch logic alone reads it, so its shape can change with `v`.
import { createHash } from 'node:crypto';
import { FLEET_MAX_DEVICES } from '../triage/fleetKql';
import { FINDING_KINDS, type FindingKind } from '../triage/types';

export const WATCH_STATE_VERSION = 1;

/** Hashed ids kept per list: a fleet result never lists more devices than this. */
export const STATE_MAX_HASHES = FLEET_MAX_DEVICES;
/** Device names kept for the recovered card ("first ten, with a count"). */
export const STATE_MAX_NAMES = 10;
/** Longest device id kept by name (IoT Hub allows 128). */
export const STATE_MAX_ID_CHARS = 128;

/** One device of a post: its id, why it is there, and what it has. */
export interface WatchPostDevice {
  deviceId: string;
  /** new: newly a credential problem; churn-to-unrecovered: was churning, now refused and not back;
   *  listed: among the devices with a credential problem (the count rose, the list cannot say which);
   *  churn / healthy / unlisted: where a device of the closed problem is now (recovered posts). */
  change: 'new' | 'churn-to-unrecovered' | 'listed' | 'churn' | 'healthy' | 'unlisted';
  kinds: FindingKind[];
}

export type WatchChange =
  | { type: 'new-problem'; devices: number }
  | { type: 'churn-to-unrecovered'; devices: number }
  | { type: 'count-rose'; from: number; to: number }
  | { type: 'recovered'; devices: number };

/** A post without its texts: what is stored while it waits to be acknowledged. */
export interface WatchPostCore {
  kind: 'worse' | 'recovered';
  hub: string;
  since: string;
  /** The round that decided it (ISO-8601). */
  at: string;
  changes: WatchChange[];
  /** The first ten devices, and how many there are in all. */
  devices: { shown: WatchPostDevice[]; total: number };
  /** Finding kinds of the devices that changed, with how many devices have each. */
  kinds: { kind: FindingKind; devices: number }[];
  /** Devices with a credential problem in the whole hub now. */
  credential: number;
  /** Recovered posts: when the problem was first posted (ISO-8601). */
  openSince?: string;
  idempotencyKey: string;
}

export interface WatchState {
  v: typeof WATCH_STATE_VERSION;
  hub: string;
  since: string;
  /** The round this state came from (ISO-8601). */
  at: string;
  /** Short hashes of the listed devices with a credential problem, sorted. */
  problems: string[];
  /** Short hashes of the listed devices that churn (benign), sorted. */
  churn: string[];
  /** Devices with a credential problem in the whole hub (the workspace's count). */
  count: number;
  /** Every device with a credential problem was listed: a device missing from `problems` had none. */
  complete: boolean;
  /** SHA-256 of the credential picture (ids, kinds, count): the same hash is the same answer. */
  hash: string;
  /** Posts decided so far; numbers each post's idempotency key. */
  posts: number;
  /** The problem the channel was told about and has not yet seen recover. */
  open?: {
    since: string;
    /** The highest credential count posted while open. */
    count: number;
    /** Hashes of every device posted while open (capped). */
    told: string[];
    /** The first devices posted while open, by name, for the recovered card. */
    names: string[];
  };
  /** Decided but not yet acknowledged: delivered again (same key) before the next round. */
  pending?: WatchPostCore;
}

/** A device id's short, stable stand-in (40 bits: no collision in a list of 500). */
export function idHash(deviceId: string): string {
  return createHash('sha256').update(deviceId, 'utf8').digest('hex').slice(0, 10);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const HASH = /^[0-9a-f]{10}$/;
const KINDS = new Set<string>(FINDING_KINDS);

function isIso(v: unknown): v is string {
  return typeof v === 'string' && Number.isFinite(Date.parse(v));
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function hashes(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= STATE_MAX_HASHES && v.every((h) => typeof h === 'string' && HASH.test(h));
}

function isDevice(v: unknown): v is WatchPostDevice {
  const d = v as WatchPostDevice;
  return (
    !!d &&
    typeof d.deviceId === 'string' &&
    d.deviceId.length <= STATE_MAX_ID_CHARS &&
    ['new', 'churn-to-unrecovered', 'listed', 'churn', 'healthy', 'unlisted'].includes(d.change) &&
    Array.isArray(d.kinds) &&
    d.kinds.every((k) => KINDS.has(k))
  );
}

function isChange(v: unknown): v is WatchChange {
  const c = v as Record<string, unknown>;
  if (!c || typeof c !== 'object') return false;
  if (c.type === 'count-rose') return isCount(c.from) && isCount(c.to);
  return ['new-problem', 'churn-to-unrecovered', 'recovered'].includes(String(c.type)) && isCount(c.devices);
}

function isPost(v: unknown): v is WatchPostCore {
  const p = v as WatchPostCore;
  return (
    !!p &&
    (p.kind === 'worse' || p.kind === 'recovered') &&
    typeof p.hub === 'string' &&
    typeof p.since === 'string' &&
    isIso(p.at) &&
    Array.isArray(p.changes) &&
    p.changes.every(isChange) &&
    !!p.devices &&
    Array.isArray(p.devices.shown) &&
    p.devices.shown.length <= STATE_MAX_NAMES &&
    p.devices.shown.every(isDevice) &&
    isCount(p.devices.total) &&
    Array.isArray(p.kinds) &&
    p.kinds.every((k) => !!k && KINDS.has(k.kind) && isCount(k.devices)) &&
    isCount(p.credential) &&
    (p.openSince === undefined || isIso(p.openSince)) &&
    typeof p.idempotencyKey === 'string' &&
    p.idempotencyKey.length > 0
  );
}

/**
 * The stored JSON back as a state, or undefined when it is not one this version wrote (corrupt, or an
 * older shape): the caller then starts afresh rather than act on a misread.
 */
export function parseWatchState(json: string | undefined): WatchState | undefined {
  if (typeof json !== 'string' || json === '') return undefined;
  let o: WatchState;
  try {
    o = JSON.parse(json) as WatchState;
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object' || o.v !== WATCH_STATE_VERSION) return undefined;
  if (typeof o.hub !== 'string' || typeof o.since !== 'string' || !isIso(o.at)) return undefined;
  if (!hashes(o.problems) || !hashes(o.churn) || !isCount(o.count) || typeof o.complete !== 'boolean') return undefined;
  if (typeof o.hash !== 'string' || !isCount(o.posts)) return undefined;
  if (o.open !== undefined) {
    const open = o.open;
    if (!open || !isIso(open.since) || !isCount(open.count) || !hashes(open.told)) return undefined;
    if (!Array.isArray(open.names) || open.names.length > STATE_MAX_NAMES || !open.names.every((n) => typeof n === 'string')) return undefined;
  }
  if (o.pending !== undefined && !isPost(o.pending)) return undefined;
  return o;
}

export function serializeWatchState(state: WatchState): string {
  return JSON.stringify(state);
}

/** The state once its pending post is acknowledged. */
export function acknowledged(state: WatchState): WatchState {
  const { pending: _pending, ...rest } = state;
  return rest;
}
