// Runs the watches: every tick, each due active watch (within the limits) takes its lease, runs the
// whole-hub check and decides its round. The state is saved (with the store's ETag) before the post is
// sent, and the post carries an idempotency key, so a restart mid-round neither loses the post (it is
// sent again, same key, before the next round) nor posts twice; an instance that loses the save race
// does not post. Log Analytics faults and partial results skip the round with a log line.
import { createHash } from 'node:crypto';
import { watchCard } from '../cards/watchCard';
import type { AdaptiveCard } from '../cards/types';
import type { FleetSource } from '../fleet/types';
import type { Logger } from '../logger';
import type { FleetSince } from '../triage/fleetKql';
import type { Lang } from '../triage/types';
import { decideRound, emptyState } from './decideRound';
import { withinLimits, type WatchLimits } from './limits';
import type { Watch, WatchStore } from './port';
import { isDue, nextRunAt } from './schedule';
import { acknowledged, parseWatchState, serializeWatchState, type WatchPostCore } from './state';

/** Posts a card to a conversation; resolves when Teams acknowledged it, rejects with a status otherwise. */
export type WatchPoster = (
  conversationReference: Record<string, unknown>,
  card: AdaptiveCard,
  meta: { idempotencyKey: string; conversationId: string; hub: string },
) => Promise<void>;

export interface WatchSchedulerOptions {
  store: WatchStore;
  source: FleetSource;
  post: WatchPoster;
  clock: () => Date;
  /** This process's id, the lease holder. */
  instanceId: string;
  limits: WatchLimits;
  logger?: Logger;
  /** The window each round reads (default 6h: long enough to see hourly renewals as churn). */
  since?: FleetSince;
  /** How long a watch's lease lasts: longer than a query and a post (default 5 min). */
  leaseMs?: number;
  /** Queries of one tick start this far apart (default 2 s)… */
  staggerMs?: number;
  /** …and at most this many run at once (default 4). */
  concurrency?: number;
  /** A post not acknowledged for this long is dropped instead of sent late (default 24 h). */
  pendingMaxAgeMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type RoundOutcome =
  | 'posted'
  | 'quiet'
  | 'skipped'
  | 'busy'
  | 'not-due'
  | 'gone'
  | 'lost-race'
  | 'removed'
  | 'post-failed'
  | 'error';

export interface RoundReport {
  conversationId: string;
  hub: string;
  outcome: RoundOutcome;
}

export interface WatchScheduler {
  /** One pass over the due watches; resolves when their rounds are done. */
  tick(): Promise<RoundReport[]>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export const DEFAULT_WATCH_SINCE: FleetSince = '6h';

/** A conversation id's short stand-in, for logs and keys (ids are long and not for log lines). */
export function conversationTag(conversationId: string): string {
  return createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 12);
}

export function leaseName(w: Pick<Watch, 'conversationId' | 'hub'>): string {
  return `watch-${conversationTag(w.conversationId)}-${w.hub}`;
}

function langOf(reference: Record<string, unknown>): Lang {
  const locale = reference?.locale;
  return typeof locale === 'string' && /^nl\b/i.test(locale) ? 'nl' : 'en';
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown; statusCode?: unknown } } | undefined;
  for (const v of [e?.statusCode, e?.status, e?.response?.status, e?.response?.statusCode]) if (typeof v === 'number') return v;
  return undefined;
}

function errorType(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as Logger;

export function createWatchScheduler(options: WatchSchedulerOptions): WatchScheduler {
  const { store, source, clock, instanceId, limits } = options;
  const log = options.logger ?? silent;
  const since = options.since ?? DEFAULT_WATCH_SINCE;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const staggerMs = options.staggerMs ?? 2_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pendingMaxAgeMs = options.pendingMaxAgeMs ?? 24 * 3_600_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));

  /** Sends one post; 'removed' when the bot is no longer in the conversation. */
  async function deliver(w: Watch, post: WatchPostCore, lang: Lang): Promise<'ok' | 'removed' | 'failed'> {
    const idempotencyKey = `${conversationTag(w.conversationId)}:${post.idempotencyKey}`;
    const fields = { hub: w.hub, conversation: conversationTag(w.conversationId), post: post.kind, key: idempotencyKey };
    try {
      await options.post(w.conversationReference, watchCard(post, { lang }), { idempotencyKey, conversationId: w.conversationId, hub: w.hub });
      log.info(fields, 'watch posted');
      return 'ok';
    } catch (err) {
      const status = statusOf(err);
      if (status === 403 || status === 404) {
        const n = await store.deactivateConversation(w.conversationId);
        log.warn({ ...fields, status, deactivated: n }, 'watch: the bot is no longer in the conversation; its watches are off');
        return 'removed';
      }
      log.warn({ ...fields, status, errType: errorType(err) }, 'watch post failed; it is sent again (same key) before the next round');
      return 'failed';
    }
  }

  async function round(w: Watch): Promise<RoundOutcome> {
    const now = clock();
    const at = now.toISOString();
    const tag = { hub: w.hub, conversation: conversationTag(w.conversationId) };
    // A fresh look: another instance may have run it since the list was read.
    const fresh = (await store.listWatches(w.conversationId)).find((x) => x.hub === w.hub);
    if (!fresh || !fresh.active) return 'gone';
    if (!isDue(fresh, now)) return 'not-due';
    const lang = langOf(fresh.conversationReference);

    let stored = await store.getState(w.conversationId, w.hub);
    let previous = parseWatchState(stored?.json);
    if (stored && !previous) log.warn(tag, 'watch state unreadable; starting afresh');

    // A post decided before a restart (or a failed send) goes out first, with its own key.
    if (previous?.pending && stored) {
      const age = now.getTime() - Date.parse(previous.pending.at);
      let cleared = acknowledged(previous);
      if (age > pendingMaxAgeMs) {
        // Too old to send as it was; the channel never heard it, so this round tells the current picture afresh.
        log.warn({ ...tag, key: previous.pending.idempotencyKey }, 'watch: dropped a post never acknowledged for too long; posting the current picture afresh');
        cleared = { ...emptyState(previous.hub, previous.since, previous.at), posts: previous.posts };
      } else {
        const sent = await deliver(fresh, previous.pending, lang);
        if (sent === 'removed') return 'removed';
        if (sent === 'failed') {
          await store.markRun(w.conversationId, w.hub, at);
          return 'post-failed';
        }
      }
      if (!(await store.saveState(w.conversationId, w.hub, serializeWatchState(cleared), stored.etag))) return 'lost-race';
      stored = await store.getState(w.conversationId, w.hub);
      previous = parseWatchState(stored?.json);
    }

    const outcome = await source.check({ hub: w.hub, since });
    if (!outcome.ok) {
      log.warn({ ...tag, reason: outcome.reason, detail: outcome.message }, `watch round skipped: Log Analytics ${outcome.reason}`);
      await store.markRun(w.conversationId, w.hub, at);
      return 'skipped';
    }
    if (outcome.result.partial) {
      log.warn({ ...tag, reason: 'partial', detail: outcome.result.partial.message }, 'watch round skipped: Log Analytics returned a partial result');
      await store.markRun(w.conversationId, w.hub, at);
      return 'skipped';
    }

    const decision = decideRound(previous, outcome.result, now, { lang });
    const json = serializeWatchState(decision.state);
    // Written before the post: if another instance got there first, it posts, not us.
    if (!(await store.saveState(w.conversationId, w.hub, json, stored?.etag))) {
      log.info(tag, 'watch round lost to another instance; not posting');
      return 'lost-race';
    }
    if (decision.post) {
      const sent = await deliver(fresh, decision.post, lang);
      if (sent === 'removed') return 'removed';
      if (sent === 'failed') {
        await store.markRun(w.conversationId, w.hub, at);
        return 'post-failed';
      }
      const now2 = await store.getState(w.conversationId, w.hub);
      if (now2 && now2.json === json) await store.saveState(w.conversationId, w.hub, serializeWatchState(acknowledged(decision.state)), now2.etag);
    }
    await store.markRun(w.conversationId, w.hub, at);
    return decision.post ? 'posted' : 'quiet';
  }

  async function runWatch(w: Watch): Promise<RoundReport> {
    const report = (outcome: RoundOutcome): RoundReport => ({ conversationId: w.conversationId, hub: w.hub, outcome });
    const name = leaseName(w);
    try {
      if (!(await store.tryAcquireLease(name, instanceId, leaseMs))) return report('busy');
    } catch (err) {
      log.warn({ hub: w.hub, errType: errorType(err) }, 'watch lease unavailable; round not run');
      return report('error');
    }
    try {
      return report(await round(w));
    } catch (err) {
      // A store or bug fault ends this round only; the next tick tries again.
      log.error({ hub: w.hub, conversation: conversationTag(w.conversationId), err }, 'watch round failed');
      return report('error');
    } finally {
      await store.releaseLease(name, instanceId).catch(() => undefined);
    }
  }

  async function tick(): Promise<RoundReport[]> {
    const now = clock();
    let watches: Watch[];
    try {
      watches = await store.listActiveWatches();
    } catch (err) {
      log.warn({ errType: errorType(err) }, 'watch store unavailable; no rounds this tick');
      return [];
    }
    const { run, over } = withinLimits(
      watches.filter((w) => w.active),
      limits,
    );
    for (const w of over) {
      if (!isDue(w, now)) continue;
      log.warn({ hub: w.hub, conversation: conversationTag(w.conversationId) }, 'watch over the watch limits; not run');
      // Counted as its round, so the line comes once a period, not every tick.
      await store.markRun(w.conversationId, w.hub, now.toISOString()).catch(() => undefined);
    }
    const due = run.filter((w) => isDue(w, now)).sort((a, b) => (nextRunAt(a) ?? 0) - (nextRunAt(b) ?? 0));
    const reports: RoundReport[] = [];
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < due.length; i++) {
      if (i > 0) await sleep(staggerMs);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const p: Promise<void> = runWatch(due[i]).then((r) => {
        reports.push(r);
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    return reports;
  }

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  return {
    tick,
    start(intervalMs = 60_000) {
      if (timer) return;
      timer = setInterval(() => {
        // One tick at a time: a slow tick is not stacked on.
        if (current) return;
        current = tick()
          .catch(() => undefined)
          .finally(() => {
            current = undefined;
          });
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await current;
    },
  };
}
