// The hub directory: "which of our hubs has these devices?" over N DeviceRegistry adapters (live hubs or
// snapshot files), with DPS asked alongside. Throttle-aware, because every hub has its own budget:
//  - hubs in a fixed order (the hubs the paste names first, then configuration order), at most
//    MAX_HUBS_PER_LOOKUP per lookup, a few at a time per request and a bounded number per process;
//  - a device found in one hub is not looked up in the hubs after it, and every (hub, device) answer is
//    cached for a while, so no call is made twice within the window (a SAS signature check, which needs
//    the keys, is the one exception: keys are never cached);
//  - a hub that answered 429 is left alone until its Retry-After has passed, and says so in its answer;
//  - a deadline per call: what has not answered by then is listed in `notAsked`, never waited for.
import { LRUCache } from 'lru-cache';
import type { DpsLookup, HubLookup, HubsLookup } from '../triage/hubs';
import type { DeviceRecord } from '../triage/types';
import { forEachLimited } from './concurrency';
import { withoutKeys } from './deviceRecord';
import type { HubDirectory, LocateOptions } from './directoryPort';
import { HubBackoff } from './hubBackoff';
import { namesHub } from './hubNames';
import { processHubLimiter, type Limiter } from './limiter';
import type { DeviceRegistry } from './port';

/** Hubs asked in one lookup at most; the rest are listed in `notAsked`. */
export const MAX_HUBS_PER_LOOKUP = 10;
/** Devices located in one call at most (a paste names a handful; more is a fleet question). */
export const MAX_DEVICES_PER_LOCATE = 50;

export interface DirectoryHub {
  /** Short name, e.g. "contoso-prod". */
  name: string;
  /** Host name, when the hub is live. */
  host?: string;
  registry: DeviceRegistry;
  /** Shared with the hub's adapter (its onThrottled), so a Retry-After the adapter saw is honoured here. */
  backoff?: HubBackoff;
}

/** DPS as the directory sees it: never rejects, failures in `failure`. */
export interface DpsSource {
  readonly source: 'dps' | 'snapshot';
  /** Host name(s), for the description. */
  readonly host?: string;
  describe(): string;
  lookup(deviceIds: string[]): Promise<DpsLookup>;
}

export interface HubDirectoryOptions {
  hubs: DirectoryHub[];
  /** Hubs found at run time (Resource Graph discovery); configured hubs of the same name win. */
  discovered?: () => DirectoryHub[];
  /** Names of the discovered hubs, for /healthz. */
  discoveredNames?: () => string[];
  dps?: DpsSource;
  /** Hubs asked at once within one lookup (default 3). */
  concurrency?: number;
  /** Bounds hub lookups across the process (default: the process-wide limiter). */
  limiter?: Limiter;
  maxHubsPerLookup?: number;
  /** How long an answer per (hub, device) is reused (default 60 000 ms). */
  cacheTtlMs?: number;
  /** Cached (hub, device) answers at most (default 10 000). */
  cacheMax?: number;
  /** Deadline when the caller gives none (default 8000 ms: inside a chat turn). */
  defaultDeadlineMs?: number;
  /** Stops background work (discovery refresh). */
  stop?: () => void;
  clock?: () => number;
}

interface Cached {
  record: DeviceRecord | null;
}

const DEFAULTS = { concurrency: 3, cacheTtlMs: 60_000, cacheMax: 10_000, defaultDeadlineMs: 8000 };

function copyFor(record: DeviceRecord | null, options: LocateOptions): DeviceRecord | null {
  if (!record) return null;
  const copy = { ...record };
  if (options.modules) copy.modules = [...(record.modules ?? [])];
  else delete copy.modules;
  return copy;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function createHubDirectory(opts: HubDirectoryOptions): HubDirectory {
  const clock = opts.clock ?? Date.now;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
  const limiter = opts.limiter ?? processHubLimiter;
  const maxHubs = Math.max(1, opts.maxHubsPerLookup ?? MAX_HUBS_PER_LOOKUP);
  const ttl = opts.cacheTtlMs ?? DEFAULTS.cacheTtlMs;
  const cacheMax = Math.max(1, opts.cacheMax ?? DEFAULTS.cacheMax);
  // lru-cache's TTL clock is performance.now(); the entries only need "recent enough".
  const answers = ttl > 0 ? new LRUCache<string, Cached>({ max: cacheMax, ttl }) : undefined;
  /** deviceId -> the hub it was found in, within the cache window. */
  const homes = ttl > 0 ? new LRUCache<string, string>({ max: cacheMax, ttl }) : undefined;
  const backoffs = new Map<string, HubBackoff>();
  const dps = opts.dps;

  const backoffOf = (hub: DirectoryHub): HubBackoff => {
    let b = hub.backoff ?? backoffs.get(hub.name);
    if (!b) {
      b = new HubBackoff(clock);
      backoffs.set(hub.name, b);
    }
    return b;
  };

  function allHubs(): DirectoryHub[] {
    const out = [...opts.hubs];
    const names = new Set(out.map((h) => h.name));
    for (const h of opts.discovered?.() ?? []) {
      if (!names.has(h.name)) {
        names.add(h.name);
        out.push(h);
      }
    }
    return out;
  }

  const key = (hub: string, id: string): string => `${hub}\u0000${id}`;

  async function askHub(hub: DirectoryHub, ids: string[], found: Map<string, string>, options: LocateOptions): Promise<HubLookup> {
    const devices = new Map<string, DeviceRecord | null>();
    const toAsk: string[] = [];
    for (const id of ids) {
      const home = found.get(id);
      const cached = answers?.get(key(hub.name, id));
      // Found in another hub: not looked up again here; an answer this hub gave before is still told.
      if (home !== undefined && home !== hub.name) {
        if (cached) devices.set(id, copyFor(cached.record, options));
        continue;
      }
      const needsKeys = options.withKeys && cached?.record;
      const needsModules = options.modules && cached?.record && cached.record.modules === undefined;
      if (cached && !needsKeys && !needsModules) devices.set(id, copyFor(cached.record, options));
      else toAsk.push(id);
    }
    const base = { hub: hub.name, source: hub.registry.source } as const;
    if (toAsk.length === 0) return { ...base, devices };

    const backoff = backoffOf(hub);
    const waitMs = backoff.remainingMs();
    if (waitMs > 0) {
      return {
        ...base,
        devices,
        failure: {
          reason: 'throttled',
          message: `IoT Hub ${hub.name} is throttling registry reads (HTTP 429); not asking it again for ${Math.ceil(waitMs / 1000)} s. ${plural(toAsk.length, 'device')} not looked up there.`,
        },
      };
    }

    let lookup;
    try {
      lookup = await limiter.run(() => hub.registry.lookup(toAsk, { withKeys: options.withKeys, modules: options.modules }));
    } catch {
      // The port never rejects; an adapter that does anyway is one failed hub, not a failed lookup.
      return { ...base, devices, failure: { reason: 'error', message: `The registry lookup on IoT Hub ${hub.name} failed unexpectedly.` } };
    }
    for (const [id, record] of lookup.devices) {
      devices.set(id, record);
      answers?.set(key(hub.name, id), { record: record && withoutKeys(record) });
      if (record) {
        if (!found.has(id)) found.set(id, hub.name);
        homes?.set(id, hub.name);
      }
    }
    if (lookup.failure?.reason === 'throttled' && backoff.remainingMs() === 0) backoff.throttled();
    return { ...lookup, ...base, devices };
  }

  function dpsUnanswered(deadlineMs: number): DpsLookup | undefined {
    if (!dps) return undefined;
    return {
      registrations: new Map(),
      source: dps.source,
      ...(dps.host ? { dpsHost: dps.host } : {}),
      failure: { reason: 'timeout', message: `DPS did not answer within ${deadlineMs} ms.` },
    };
  }

  return {
    hubs: () => allHubs().map((h) => h.name),

    describe(): string {
      const names = allHubs().map((h) => h.name);
      const hubs = names.length === 0 ? 'no hubs' : names.length === 1 ? `1 hub: ${names[0]}` : `${names.length} hubs: ${names.join(', ')}`;
      return dps ? `${hubs}; ${dps.describe()}` : hubs;
    },

    discovered: () => opts.discoveredNames?.() ?? [],

    stop: () => opts.stop?.(),

    async locate(deviceIds: string[], options: LocateOptions = {}): Promise<HubsLookup> {
      const ids = [...new Set((Array.isArray(deviceIds) ? deviceIds : []).filter((id) => typeof id === 'string' && id.trim() !== ''))].slice(
        0,
        MAX_DEVICES_PER_LOCATE,
      );
      const all = allHubs();
      const unknownHubs: string[] = [];
      const noteUnknown = (name: string): void => {
        const n = name.trim();
        if (n !== '' && !unknownHubs.some((u) => u.toLowerCase() === n.toLowerCase())) unknownHubs.push(n);
      };

      let order: DirectoryHub[];
      if (options.onlyHub !== undefined) {
        const only = all.find((h) => namesHub(options.onlyHub as string, h));
        if (!only) noteUnknown(options.onlyHub);
        order = only ? [only] : [];
      } else {
        const preferred: DirectoryHub[] = [];
        for (const p of options.preferredHubs ?? []) {
          const h = all.find((c) => namesHub(p, c));
          if (!h) noteUnknown(p);
          else if (!preferred.includes(h)) preferred.push(h);
        }
        order = [...preferred, ...all.filter((h) => !preferred.includes(h))];
      }
      const planned = order.slice(0, maxHubs);
      const notAsked = order.slice(maxHubs).map((h) => h.name);
      if (ids.length === 0) return { answers: [], notAsked: [], unknownHubs, ...(dps ? { dps: { registrations: new Map(), source: dps.source, ...(dps.host ? { dpsHost: dps.host } : {}) } } : {}) };

      // Where each device was found: earlier in this lookup, or (within the cache window) before.
      const found = new Map<string, string>();
      for (const id of ids) {
        const home = homes?.get(id);
        if (home !== undefined && planned.some((h) => h.name === home)) found.set(id, home);
      }

      const deadlineMs = Math.max(1, options.deadlineMs ?? opts.defaultDeadlineMs ?? DEFAULTS.defaultDeadlineMs);
      let expired = false;
      const results = new Map<string, HubLookup>();
      let dpsResult: DpsLookup | undefined;

      const hubsWork = forEachLimited(planned, concurrency, async (hub) => {
        if (expired) return;
        const answer = await askHub(hub, ids, found, options);
        if (!expired) results.set(hub.name, answer);
      });
      const dpsWork = dps
        ? dps.lookup(ids).then(
            (d) => {
              if (!expired) dpsResult = d;
            },
            () => {
              if (!expired) dpsResult = { registrations: new Map(), source: dps.source, failure: { reason: 'error', message: 'The DPS lookup failed unexpectedly.' } };
            },
          )
        : Promise.resolve();

      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      try {
        await Promise.race([Promise.all([hubsWork, dpsWork]).then(() => undefined, () => undefined), deadline]);
      } finally {
        expired = true;
        clearTimeout(timer);
      }

      const lookup: HubsLookup = {
        answers: planned.filter((h) => results.has(h.name)).map((h) => results.get(h.name) as HubLookup),
        notAsked: [...planned.filter((h) => !results.has(h.name)).map((h) => h.name), ...notAsked],
        unknownHubs,
      };
      if (dps) lookup.dps = dpsResult ?? dpsUnanswered(deadlineMs);
      return lookup;
    },
  };
}
