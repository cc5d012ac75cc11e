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
    this.seenAt.delete(key);
    this.seenAt.set(key, now);
    while (this.seenAt.size > this.max) {
      const oldest = this.seenAt.keys().next().value as string;
      this.seenAt.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.seenAt.size;
  }

  // Map keeps insertion order, and entries are only ever appended with the current time: expired ones are at the front.
  private evict(now: number): void {
    for (const [key, at] of this.seenAt) {
      if (now - at < this.ttlMs) break;
      this.seenAt.delete(key);
    }
  }
}

/** Dedupe key for an activity, or undefined when it has no id (then it cannot be a resend we can spot). */
export function activityKey(activity: { id?: string; conversation?: { id?: string } | null }): string | undefined {
  if (!activity.id) return undefined;
  return `${activity.conversation?.id ?? ''}|${activity.id}`;
}
