// Every reply, typing indicator and card update the bot sends goes through the ConnectorClient that
// botbuilder's ConnectorFactory creates per turn. We wrap that factory (the public hook: ConnectorFactory
// and the client's conversations operations; ConnectorClientOptions.requestPolicyFactories cannot be used,
// ConnectorFactoryImpl overwrites it) and each send gets what botbuilder's own retry policy lacks. That
// policy retries 5xx with backoff and 429 only when the response carries Retry-After (3 times, however
// long it says). On top of it:
// - Teams' per-thread and per-tenant rate limits, so we do not earn 429s in the first place;
// - retries of a 429 WITHOUT Retry-After (exponential backoff with jitter), pausing that thread meanwhile;
// - a per-attempt timeout and a deadline for the whole send (botbuilder's waits included, through the
//   abort signal), so a hung connector or a huge Retry-After ends as a bounded, logged failure;
// - a bounded queue: a send that would wait longer than `maxQueueMs` fails at once;
// - a typing indicator is dropped, not queued, when its thread cannot take it right now or had a send in
//   the last few seconds (Teams shows one for about 3 s; slots are better spent on replies).
import type { Activity } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { retryAfterMs } from './retryAfter';
import { SlidingWindowLimiter, TEAMS_TENANT_LIMITS, TEAMS_THREAD_LIMITS, type RateWindow } from './rateLimiter';

export interface OutboundOptions {
  /** Per conversation thread; default Teams' limits. `false`: none. */
  threadLimits?: readonly RateWindow[] | false;
  /** Per tenant (from the activity's conversation.tenantId); default 50 per second. `false`: none. */
  tenantLimits?: readonly RateWindow[] | false;
  /** Added to every window, for timer lag and network jitter between our schedule and the service's count. Default 150 ms. */
  marginMs?: number;
  /** A send that would have to wait longer than this for a slot fails instead. Default 10 000 ms. */
  maxQueueMs?: number;
  /** Retries of a 429 without Retry-After. Default 3. */
  maxRetries?: number;
  /** First backoff step after such a 429; doubles per retry, with jitter. Default 1000 ms. */
  backoffBaseMs?: number;
  /** One HTTP attempt. Default 15 000 ms. */
  attemptTimeoutMs?: number;
  /** The whole send: waits, attempts and every retry (botbuilder's included). Default 30 000 ms. */
  deadlineMs?: number;
  /** Told about waits, throttling and failures (counts and times only, never content). */
  observe?: (event: OutboundEvent) => void;
  clock?: () => number;
  random?: () => number;
}

export type OutboundEvent =
  | { kind: 'waited'; ms: number }
  | { kind: 'throttled'; retryAfterMs?: number; attempt: number }
  | { kind: 'retry'; delayMs: number; attempt: number }
  | { kind: 'gave-up'; reason: 'queue-full' | 'throttled' | 'deadline'; status?: number }
  | { kind: 'typing-dropped' };

/** What a send leaves behind, for the bench and tests. */
export interface OutboundStats {
  sent: number;
  waited: number;
  waitedMs: number;
  throttled: number;
  retries: number;
  gaveUp: number;
  typingDropped: number;
}

/** The error a send fails with when it cannot get a slot or runs out of time. */
export class OutboundLimitError extends Error {
  constructor(readonly reason: 'queue-full' | 'deadline') {
    super(reason === 'queue-full' ? 'The conversation is over its rate limit; reply not queued.' : 'The reply could not be sent in time.');
    this.name = 'OutboundLimitError';
  }
}

/** Teams shows a typing indicator for about 3 s: one per thread per this interval is enough. */
const TYPING_SPACING_MS = 3_000;

interface HeadersLike {
  get(name: string): string | undefined | null;
}

/** What a wrapped operation passes to the real one: botbuilder's RequestOptionsBase, as far as we set it. */
interface SendOptions {
  abortSignal: AbortSignal;
  timeout: number;
}

/** The HTTP status on a RestError (@azure/core-rest-pipeline) or similar. */
function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return typeof e.response?.status === 'number' ? e.response.status : undefined;
}

function headersOf(err: unknown): HeadersLike | undefined {
  const h = (err as { response?: { headers?: unknown } } | null)?.response?.headers as HeadersLike | undefined;
  return h && typeof h.get === 'function' ? h : undefined;
}

function padded(windows: readonly RateWindow[] | false | undefined, fallback: readonly RateWindow[], marginMs: number): RateWindow[] {
  if (windows === false) return [];
  return (windows ?? fallback).map((w) => ({ limit: w.limit, windowMs: w.windowMs + marginMs }));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new OutboundLimitError('deadline'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new OutboundLimitError('deadline'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class OutboundThrottle {
  readonly stats: OutboundStats = { sent: 0, waited: 0, waitedMs: 0, throttled: 0, retries: 0, gaveUp: 0, typingDropped: 0 };
  private readonly threads?: SlidingWindowLimiter;
  private readonly tenants?: SlidingWindowLimiter;
  private readonly maxQueueMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly observe: (event: OutboundEvent) => void;

  constructor(options: OutboundOptions = {}) {
    const margin = Math.max(0, options.marginMs ?? 150);
    this.clock = options.clock ?? Date.now;
    const threadWindows = padded(options.threadLimits, TEAMS_THREAD_LIMITS, margin);
    const tenantWindows = padded(options.tenantLimits, TEAMS_TENANT_LIMITS, margin);
    if (threadWindows.length > 0) this.threads = new SlidingWindowLimiter({ windows: threadWindows, clock: this.clock });
    if (tenantWindows.length > 0) this.tenants = new SlidingWindowLimiter({ windows: tenantWindows, maxKeys: 1_000, clock: this.clock });
    this.maxQueueMs = Math.max(0, options.maxQueueMs ?? 10_000);
    this.maxRetries = Math.max(0, options.maxRetries ?? 3);
    this.backoffBaseMs = Math.max(1, options.backoffBaseMs ?? 1_000);
    this.attemptTimeoutMs = Math.max(1, options.attemptTimeoutMs ?? 15_000);
    this.deadlineMs = Math.max(1, options.deadlineMs ?? 30_000);
    this.random = options.random ?? Math.random;
    const observe = options.observe;
    this.observe = (event) => {
      try {
        observe?.(event);
      } catch {
        /* an observer must never break a send */
      }
    };
  }

  /** A ConnectorFactory whose clients send through this throttle. */
  wrapFactory(inner: ConnectorFactory): ConnectorFactory {
    return new ThrottledConnectorFactory(inner, this);
  }

  /** Route the client's reply, send and update operations through the limits, retries and deadline. */
  wrapClient(client: ConnectorClient): ConnectorClient {
    const ops = client.conversations;
    const reply = ops.replyToActivity.bind(ops) as (c: string, id: string, a: Partial<Activity>, o?: SendOptions) => Promise<unknown>;
    const send = ops.sendToConversation.bind(ops) as (c: string, a: Partial<Activity>, o?: SendOptions) => Promise<unknown>;
    const update = ops.updateActivity.bind(ops) as (c: string, id: string, a: Partial<Activity>, o?: SendOptions) => Promise<unknown>;
    Object.assign(ops, {
      replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) =>
        this.send(conversationId, activity, (o) => reply(conversationId, activityId, activity, o)),
      sendToConversation: (conversationId: string, activity: Partial<Activity>) => this.send(conversationId, activity, (o) => send(conversationId, activity, o)),
      updateActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) =>
        this.send(conversationId, activity, (o) => update(conversationId, activityId, activity, o)),
    });
    return client;
  }

  /** One send: wait for a slot, call, retry a 429 without Retry-After; all within the deadline. */
  async send<T>(conversationId: string, activity: Partial<Activity>, call: (options: SendOptions) => Promise<T>): Promise<T | { id?: string }> {
    const started = this.clock();
    if (activity?.type === 'typing' && this.threads && this.typingWouldCrowd(conversationId, started)) {
      this.stats.typingDropped++;
      this.observe({ kind: 'typing-dropped' });
      return {};
    }
    const tenantRaw = activity?.conversation?.tenantId;
    const tenantId = this.tenants && typeof tenantRaw === 'string' ? tenantRaw.toLowerCase() : undefined;
    // One deadline for everything below, botbuilder's own retry waits included (they honour the signal).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.deadlineMs);
    try {
      for (let attempt = 0; ; attempt++) {
        await this.waitForSlot(conversationId, tenantId, started, controller.signal);
        this.stats.sent++;
        try {
          return await call({ abortSignal: controller.signal, timeout: this.attemptTimeoutMs });
        } catch (err) {
          if (controller.signal.aborted) {
            this.giveUp('deadline');
            throw new OutboundLimitError('deadline');
          }
          if (statusOf(err) !== 429) throw err;
          this.stats.throttled++;
          const retryAfter = retryAfterMs(headersOf(err), this.clock());
          this.observe({ kind: 'throttled', retryAfterMs: retryAfter, attempt });
          if (retryAfter !== undefined) {
            // botbuilder's retry policy has already waited as told, three times: stop here, and keep the thread
            // quiet for a while (not for hours: a later send that is refused again is a bounded failure too).
            this.threads?.pause(conversationId, Math.min(retryAfter, this.maxQueueMs));
            this.giveUp('throttled', 429);
            throw err;
          }
          const delay = this.backoff(attempt);
          if (attempt >= this.maxRetries || this.clock() + delay - started > this.deadlineMs) {
            this.giveUp('throttled', 429);
            throw err;
          }
          this.stats.retries++;
          this.observe({ kind: 'retry', delayMs: delay, attempt: attempt + 1 });
          // The whole thread waits, not just this send: the service is telling us about the thread.
          if (this.threads) this.threads.pause(conversationId, delay);
          else await sleep(delay, controller.signal);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private typingWouldCrowd(conversationId: string, now: number): boolean {
    const threads = this.threads as SlidingWindowLimiter;
    const last = threads.lastAt(conversationId);
    return threads.peek(conversationId) > 0 || (last !== undefined && now - last < TYPING_SPACING_MS);
  }

  /** Wait for a slot in the thread (and tenant) windows; both are recorded at the same instant. */
  private async waitForSlot(conversationId: string, tenantId: string | undefined, started: number, signal: AbortSignal): Promise<void> {
    const now = this.clock();
    let at = now;
    // Alternate until both agree: each only ever moves the time later.
    for (let i = 0; i < 20; i++) {
      const before = at;
      if (this.threads) at = this.threads.earliestAt(conversationId, at);
      if (this.tenants && tenantId) at = this.tenants.earliestAt(tenantId, at);
      if (at === before) break;
    }
    const wait = at - now;
    if (wait > this.maxQueueMs || at - started > this.deadlineMs) {
      this.giveUp('queue-full');
      throw new OutboundLimitError('queue-full');
    }
    this.threads?.commit(conversationId, at);
    if (this.tenants && tenantId) this.tenants.commit(tenantId, at);
    if (wait > 0) {
      this.stats.waited++;
      this.stats.waitedMs += wait;
      this.observe({ kind: 'waited', ms: wait });
      await sleep(wait, signal);
    }
  }

  /** Exponential with equal jitter: half fixed, half random, so retries from many threads spread out. */
  private backoff(attempt: number): number {
    const step = this.backoffBaseMs * 2 ** attempt;
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  private giveUp(reason: 'queue-full' | 'throttled' | 'deadline', status?: number): void {
    this.stats.gaveUp++;
    this.observe({ kind: 'gave-up', reason, ...(status !== undefined ? { status } : {}) });
  }
}

/** botbuilder asks it for a ConnectorClient per turn; the client it hands out sends through the throttle. */
class ThrottledConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly throttle: OutboundThrottle,
  ) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.throttle.wrapClient(await this.inner.create(serviceUrl, audience));
  }
}
