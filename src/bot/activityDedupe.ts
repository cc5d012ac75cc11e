// Dropping Teams' resends (it resends a message when the reply takes longer than ~15 s, possibly to
// another instance). This process's memory answers first, at no cost; when table storage is configured,
// the shared dedupe then decides across instances (a conditional insert: one instance wins). A store
// that fails or is slow must not stop the bot answering: the turn goes on with memory-only dedupe, the
// store is left alone for a while (so an outage does not slow every turn), and the switch is logged once
// each way.
import type { Logger } from 'pino';
import type { SharedDedupe } from '../watch/port';
import { RecentActivities } from './recentActivities';

export const DEFAULT_DEDUPE_TTL_MS = 10 * 60_000;
/** Longest a turn waits for the shared store before going on as if the activity were new. */
export const DEFAULT_SHARED_DEDUPE_BUDGET_MS = 2_000;
/** After a failure, how long turns skip the shared store before trying it again. */
export const DEFAULT_SHARED_RETRY_AFTER_MS = 30_000;

export interface ActivityDedupeOptions {
  max?: number;
  ttlMs?: number;
  sharedBudgetMs?: number;
  sharedRetryAfterMs?: number;
  shared?: SharedDedupe;
  logger: Pick<Logger, 'warn' | 'info'>;
}

class TimedOut extends Error {
  override name = 'TimedOut';
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export class ActivityDedupe {
  private readonly memory: RecentActivities;
  private readonly ttlMs: number;
  private readonly budgetMs: number;
  private readonly retryAfterMs: number;
  private sharedDown = false;
  private skipSharedUntil = 0;

  constructor(private readonly options: ActivityDedupeOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
    this.budgetMs = options.sharedBudgetMs ?? DEFAULT_SHARED_DEDUPE_BUDGET_MS;
    this.retryAfterMs = options.sharedRetryAfterMs ?? DEFAULT_SHARED_RETRY_AFTER_MS;
    // Wall-clock time on purpose: services.clock is the triage's "now", which tests and replays may fix.
    this.memory = new RecentActivities({ max: options.max, ttlMs: this.ttlMs, clock: Date.now });
  }

  /** True when this activity was already taken by this process or, with a shared store, by any instance. */
  async isRepeat(key: string): Promise<boolean> {
    if (this.memory.checkAndRemember(key)) return true;
    const shared = this.options.shared;
    if (!shared || Date.now() < this.skipSharedUntil) return false;
    try {
      const first = await within(shared.firstSeen(key, this.ttlMs), this.budgetMs);
      if (this.sharedDown) {
        this.sharedDown = false;
        this.options.logger.info({ event: 'dedupe-shared-restored' }, 'shared activity dedupe is back');
      }
      return !first;
    } catch (err) {
      this.skipSharedUntil = Date.now() + this.retryAfterMs;
      if (!this.sharedDown) {
        this.sharedDown = true;
        // The error's kind and status only: a storage error message may quote the request.
        const e = err as { name?: unknown; statusCode?: unknown; code?: unknown };
        this.options.logger.warn(
          { event: 'dedupe-shared-unavailable', error: typeof e?.name === 'string' ? e.name : 'Error', statusCode: e?.statusCode, code: typeof e?.code === 'string' ? e.code : undefined },
          'shared activity dedupe unavailable; deduping in this process only',
        );
      }
      return false;
    }
  }
}
