// Sliding-window rate limiter for outbound replies. Teams throttles a bot per conversation thread
// (7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour) and per app per tenant (50 per second); a bot that
// ignores this gets 429s and, worse, drops replies. Each send reserves the earliest slot that keeps every
// window within its limit, in arrival order per key, so callers just wait `delay` ms and send.
// Memory is bounded: short windows keep exact timestamps (at most `limit` per key), long windows keep
// 60 coarse buckets counted conservatively, and the number of keys is capped (least recently used out).

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams: per bot per conversation thread. */
export const TEAMS_THREAD_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Teams: per app per tenant. */
export const TEAMS_TENANT_LIMITS: readonly RateWindow[] = [{ limit: 50, windowMs: 1_000 }];

/** Windows with a limit above this are tracked in buckets instead of exact timestamps. */
const EXACT_LIMIT_MAX = 100;
const BUCKETS_PER_WINDOW = 60;

export interface RateLimiterOptions {
  windows: readonly RateWindow[];
  /** Keys remembered at most (least recently used are forgotten). Default 5000. */
  maxKeys?: number;
  clock?: () => number;
}

interface Bucketed {
  window: RateWindow;
  bucketMs: number;
}

interface KeyState {
  /** Reserved send times, ascending; only the last `keep` are kept. */
  times: number[];
  /** Per bucketed window: bucket index -> count, oldest first. */
  buckets: Array<Map<number, number>>;
  /** Latest reserved slot (sends leave in arrival order). */
  last: number;
  /** No send before this (the service said 429). */
  pausedUntil: number;
  /** When the key stops mattering: its last slot plus the longest window. */
  staleAt: number;
}

export class SlidingWindowLimiter {
  private readonly exact: RateWindow[];
  private readonly bucketed: Bucketed[];
  private readonly keep: number;
  private readonly longestMs: number;
  private readonly maxKeys: number;
  private readonly clock: () => number;
  private readonly keys = new Map<string, KeyState>();

  constructor(options: RateLimiterOptions) {
    const windows = options.windows.filter((w) => w.limit >= 1 && w.windowMs > 0);
    this.exact = windows.filter((w) => w.limit <= EXACT_LIMIT_MAX);
    this.bucketed = windows.filter((w) => w.limit > EXACT_LIMIT_MAX).map((w) => ({ window: w, bucketMs: Math.max(1, Math.ceil(w.windowMs / BUCKETS_PER_WINDOW)) }));
    this.keep = Math.max(0, ...this.exact.map((w) => w.limit));
    this.longestMs = Math.max(0, ...windows.map((w) => w.windowMs));
    this.maxKeys = Math.max(1, options.maxKeys ?? 5_000);
    this.clock = options.clock ?? Date.now;
  }

  /** Keys currently remembered. */
  get size(): number {
    return this.keys.size;
  }

  /** How long a send for `key` would wait now, without reserving anything. */
  peek(key: string): number {
    const now = this.clock();
    return this.earliestAt(key, now) - now;
  }

  /** When the last send for `key` was (or is scheduled), if it is remembered. */
  lastAt(key: string): number | undefined {
    const last = this.keys.get(key)?.last;
    return last === undefined || last === -Infinity ? undefined : last;
  }

  /** The earliest time at or after `notBefore` (default now) a send for `key` may leave; reserves nothing. */
  earliestAt(key: string, notBefore?: number): number {
    const now = this.clock();
    const state = this.keys.get(key);
    const from = Math.max(now, notBefore ?? now);
    return state ? this.earliest(state, from) : from;
  }

  /** Record a send for `key` at `at` (a time from `earliestAt`, so the windows stay within their limits). */
  commit(key: string, at: number): void {
    const state = this.stateFor(key, this.clock());
    this.record(state, Math.max(at, state.last));
  }

  /**
   * Reserve the earliest allowed slot for `key` and return how long to wait for it (0 = send now).
   * With `maxDelayMs`, a slot further away is not reserved and `undefined` is returned.
   */
  reserve(key: string, maxDelayMs?: number): number | undefined {
    const now = this.clock();
    const at = this.earliestAt(key, now);
    if (maxDelayMs !== undefined && at - now > maxDelayMs) return undefined;
    this.commit(key, at);
    return at - now;
  }

  /** The service throttled `key`: nothing more for it until `ms` from now. */
  pause(key: string, ms: number): void {
    const now = this.clock();
    const state = this.stateFor(key, now);
    state.pausedUntil = Math.max(state.pausedUntil, now + Math.max(0, ms));
    state.staleAt = Math.max(state.staleAt, state.pausedUntil + this.longestMs);
  }

  private stateFor(key: string, now: number): KeyState {
    let state = this.keys.get(key);
    // Out of the map while pruning (so it cannot be pruned itself), then back in as most recently used.
    if (state) this.keys.delete(key);
    else state = { times: [], buckets: this.bucketed.map(() => new Map()), last: -Infinity, pausedUntil: -Infinity, staleAt: -Infinity };
    this.prune(now, this.maxKeys - 1);
    this.keys.set(key, state);
    return state;
  }

  /** Forget keys whose history no longer constrains anything, then the least recently used beyond the cap. */
  private prune(now: number, max: number): void {
    for (const [k, s] of this.keys) {
      if (this.keys.size <= max && s.staleAt > now) break;
      this.keys.delete(k);
    }
  }

  private earliest(state: KeyState, now: number): number {
    let t = Math.max(now, state.pausedUntil, state.last);
    // Each constraint only ever pushes t later, and a later t never breaks a satisfied one: iterate to a fixed point.
    for (let guard = 0; guard < 200; guard++) {
      const before = t;
      const times = state.times;
      for (const w of this.exact) {
        if (times.length >= w.limit) t = Math.max(t, times[times.length - w.limit] + w.windowMs);
      }
      this.bucketed.forEach((b, i) => {
        t = Math.max(t, this.bucketEarliest(state.buckets[i], b, t));
      });
      if (t === before) break;
    }
    return t;
  }

  /** Earliest time >= t at which the bucketed window holds fewer than `limit` sends (counting whole buckets, so never over). */
  private bucketEarliest(buckets: Map<number, number>, b: Bucketed, t: number): number {
    const { limit, windowMs } = b.window;
    for (;;) {
      let count = 0;
      let oldest: number | undefined;
      for (const [index, n] of buckets) {
        // A bucket counts while any part of it lies inside (t - windowMs, t].
        if ((index + 1) * b.bucketMs > t - windowMs) {
          count += n;
          oldest ??= index;
        }
      }
      if (count < limit || oldest === undefined) return t;
      t = (oldest + 1) * b.bucketMs + windowMs;
    }
  }

  private record(state: KeyState, at: number): void {
    state.last = at;
    state.staleAt = Math.max(state.staleAt, at + this.longestMs);
    if (this.keep > 0) {
      state.times.push(at);
      if (state.times.length > this.keep) state.times.splice(0, state.times.length - this.keep);
    }
    this.bucketed.forEach((b, i) => {
      const buckets = state.buckets[i];
      const index = Math.floor(at / b.bucketMs);
      buckets.set(index, (buckets.get(index) ?? 0) + 1);
      // Drop buckets that can no longer count for any slot at or after `at`.
      for (const k of buckets.keys()) {
        if ((k + 1) * b.bucketMs > at - b.window.windowMs) break;
        buckets.delete(k);
      }
    });
  }
}
