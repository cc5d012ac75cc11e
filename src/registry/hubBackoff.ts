// Per-hub throttling memory: after a hub answered 429, later lookups leave it alone until its
// Retry-After has passed, so one throttled hub does not keep spending its budget (or the chat's time).
export const DEFAULT_THROTTLE_BACKOFF_MS = 10_000;
/** A Retry-After beyond this is capped: a hub is asked again at the latest after this long. */
export const MAX_THROTTLE_BACKOFF_MS = 5 * 60_000;

export class HubBackoff {
  private until = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** The hub answered 429: back off for its Retry-After (or a default when it gave none). */
  throttled(retryAfterMs?: number): void {
    const wait = Math.min(MAX_THROTTLE_BACKOFF_MS, retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : DEFAULT_THROTTLE_BACKOFF_MS);
    this.until = Math.max(this.until, this.clock() + wait);
  }

  /** Milliseconds left before the hub may be asked again; 0 when it may be asked now. */
  remainingMs(): number {
    return Math.max(0, this.until - this.clock());
  }
}
