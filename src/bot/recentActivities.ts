// Teams resends a message when the reply takes longer than ~15 s. Remember recent activity ids for a
// while and ignore repeats. Bounded in size and age. Per process: with several instances, activityDedupe.ts
// puts the shared table-storage dedupe behind this one.

export interface RecentActivitiesOptions {
  /** How many ids to remember at most (oldest are forgotten first). */
  max?: number;
  /** How long an id is remembered. */
  ttlMs?: number;
  clock?: () => number;
}

export class RecentActivities {
  private readonly seenAt = new Map<string, number>();
  /*
   * Keys in the order they were remembered, oldest from `head` on, with the time each was remembered.
   * Not the Map's own order: a Map keeps a deleted entry's slot until it grows again, and iterating from
   * its start walks every such slot, so forgetting the oldest id cost a scan of all earlier deletions
   * (about 30 µs a turn on the benchmark VM once 10 000 ids are remembered, against 1 µs at 100).
   */
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(options: RecentActivitiesOptions = {}) {
    this.max = Math.max(1, options.max ?? 10_000);
    this.ttlMs = Math.max(1, options.ttlMs ?? 10 * 60_000);
    this.clock = options.clock ?? Date.now;
  }

  /** True when `key` was seen within the TTL; otherwise remembers it and returns false. */
  checkAndRemember(key: string): boolean {
    const now = this.clock();
    this.evict(now);
    const at = this.seenAt.get(key);
    if (at !== undefined && now - at < this.ttlMs) return true;
    this.seenAt.set(key, now);
    this.keys.push(key);
    this.times.push(now);
    while (this.seenAt.size > this.max && this.head < this.keys.length) this.forgetOldest();
    return false;
  }

  get size(): number {
    return this.seenAt.size;
  }

  // Entries are appended with the current time: expired ones are at the front.
  private evict(now: number): void {
    while (this.head < this.keys.length && now - this.times[this.head] >= this.ttlMs) this.forgetOldest();
  }

  /** Drops the oldest queue entry; its key too, unless the key was remembered again since (a later entry). */
  private forgetOldest(): void {
    const key = this.keys[this.head];
    if (this.seenAt.get(key) === this.times[this.head]) this.seenAt.delete(key);
    this.head++;
    // Keep the arrays at most twice the live entries: copy the rest down once half is spent.
    if (this.head >= 1024 && this.head * 2 >= this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/** Dedupe key for an activity, or undefined when it has no id (then it cannot be a resend we can spot). */
export function activityKey(activity: { id?: string; conversation?: { id?: string } | null }): string | undefined {
  if (!activity.id) return undefined;
  return `${activity.conversation?.id ?? ''}|${activity.id}`;
}
