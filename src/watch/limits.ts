// How many watches a conversation and a tenant may have (WATCH_MAX_PER_CONVERSATION, WATCH_MAX_PER_TENANT).
// Each watch is a Log Analytics query per round, so the limits cap the load one channel or one tenant
// can put on the workspace. Pure: the bot asks before adding one, the scheduler before running them.
import type { Watch } from './port';

export interface WatchLimits {
  maxPerConversation: number;
  maxPerTenant: number;
}

export type NewWatchCheck = { ok: true } | { ok: false; limit: 'conversation' | 'tenant'; max: number };

/** May a conversation that has `conversationWatches` (tenant: `tenantWatches`) add one more? */
export function checkNewWatch(counts: { conversationWatches: number; tenantWatches: number; replacing?: boolean }, limits: WatchLimits): NewWatchCheck {
  // Changing the schedule of a hub already watched adds nothing.
  if (counts.replacing) return { ok: true };
  if (counts.conversationWatches >= limits.maxPerConversation) return { ok: false, limit: 'conversation', max: limits.maxPerConversation };
  if (counts.tenantWatches >= limits.maxPerTenant) return { ok: false, limit: 'tenant', max: limits.maxPerTenant };
  return { ok: true };
}

/**
 * The watches that may run, oldest first within each conversation and tenant; the rest are returned
 * apart (e.g. after a limit was lowered) so the scheduler can say why they did not run.
 */
export function withinLimits(watches: readonly Watch[], limits: WatchLimits): { run: Watch[]; over: Watch[] } {
  const sorted = [...watches].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const perConversation = new Map<string, number>();
  const perTenant = new Map<string, number>();
  const run: Watch[] = [];
  const over: Watch[] = [];
  for (const w of sorted) {
    const c = perConversation.get(w.conversationId) ?? 0;
    const t = perTenant.get(w.tenantId) ?? 0;
    if (c >= limits.maxPerConversation || t >= limits.maxPerTenant) {
      over.push(w);
      continue;
    }
    perConversation.set(w.conversationId, c + 1);
    perTenant.set(w.tenantId, t + 1);
    run.push(w);
  }
  return { run, over };
}
