// The watch commands' logic, without botbuilder: read `watch <hub> [every 15m|30m|1h]` (and Dutch), add,
// remove and list a conversation's watches within the limits, and say so in en/nl. The bot's command
// files only hand over the conversation (the edge reads it from the activity) and the store.
import type { Lang } from '../triage/types';
import { watchCommandStrings } from './commandStrings';
import { checkNewWatch, type WatchLimits } from './limits';
import type { Watch, WatchEveryMinutes, WatchStore } from './port';

/** Where a watch posts: the conversation as the Teams edge read it from the activity. */
export interface WatchConversation {
  /** A channel's id without the thread's `;messageid=` (posts start new threads); a chat's id as it is. */
  conversationId: string;
  conversationType: 'channel' | 'groupChat' | 'personal';
  tenantId: string;
  /** The Bot Framework ConversationReference (JSON), pointing at the same conversation id. */
  reference: Record<string, unknown>;
  createdBy?: string;
}

export interface WatchDeps {
  store?: WatchStore;
  /** Whether a whole-hub source is configured (a watch runs its query). */
  fleetAvailable: boolean;
  limits: WatchLimits;
  clock: () => Date;
  /** Told when the store fails (the user hears "nothing was changed"); the error, never a secret, goes to the log. */
  onStoreError?: (err: unknown) => void;
}

export const DEFAULT_WATCH_EVERY: WatchEveryMinutes = 60;

const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;
const EVERY_WORD = /^(?:every|elke|iedere|each)$/i;
const EVERY: Record<string, WatchEveryMinutes> = { '15m': 15, '15min': 15, '30m': 30, '30min': 30, '60m': 60, '60min': 60, '1h': 60, '1u': 60 };
const EVERY_LIKE = /^\d{1,4}\s*(?:s|m|mins?|minutes?|minuten|h|u|hrs?|hours?|uur|d|days?|dagen)$/i;

function shown(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069`*_]/g, '');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

export function hubNameOf(token: string): string | undefined {
  const name = token.replace(/^https?:\/\//i, '').replace(/\/+$/, '').replace(/\.azure-devices\.net$/i, '');
  return HUB_NAME.test(name) ? name.toLowerCase() : undefined;
}

export type WatchArgs = { ok: true; hub: string; everyMinutes: WatchEveryMinutes } | { ok: false; message: string };

/** `<hub> [every 15m|30m|1h]` (or `elke 15m|30m|1u`, or the period alone). */
export function parseWatchArgs(args: string, lang: Lang): WatchArgs {
  const s = watchCommandStrings(lang);
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, message: s.watchUsage };
  let hub: string | undefined;
  let every: WatchEveryMinutes | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (EVERY_WORD.test(t)) {
      const next = tokens[i + 1];
      if (next === undefined) return { ok: false, message: s.watchUsage };
      const m = EVERY[next.toLowerCase()];
      if (m === undefined) return { ok: false, message: `${s.badEvery(shown(next))} ${s.watchUsage}` };
      if (every !== undefined) return { ok: false, message: s.tooMany };
      every = m;
      i++;
    } else if (EVERY[t.toLowerCase()] !== undefined) {
      if (every !== undefined) return { ok: false, message: s.tooMany };
      every = EVERY[t.toLowerCase()];
    } else if (EVERY_LIKE.test(t)) {
      return { ok: false, message: `${s.badEvery(shown(t))} ${s.watchUsage}` };
    } else {
      if (hub !== undefined) return { ok: false, message: s.tooMany };
      hub = t;
    }
  }
  if (hub === undefined) return { ok: false, message: s.watchUsage };
  const name = hubNameOf(hub);
  if (!name) return { ok: false, message: s.badHub(shown(hub)) };
  return { ok: true, hub: name, everyMinutes: every ?? DEFAULT_WATCH_EVERY };
}

/** What is missing for watches, said plainly; undefined when both are there. */
export function watchUnavailable(deps: Pick<WatchDeps, 'store' | 'fleetAvailable' | 'onStoreError'>, lang: Lang): string | undefined {
  const s = watchCommandStrings(lang);
  if (!deps.store && !deps.fleetAvailable) return s.noBoth;
  if (!deps.fleetAvailable) return s.noFleet;
  if (!deps.store) return s.noStorage;
  return undefined;
}

async function orStoreDown(deps: Pick<WatchDeps, 'onStoreError'>, work: () => Promise<string>, lang: Lang): Promise<string> {
  try {
    return await work();
  } catch (err) {
    // The store is down or refused: nothing was changed, and the user hears so.
    deps.onStoreError?.(err);
    return watchCommandStrings(lang).storeDown;
  }
}

/** Adds (or re-times) this conversation's watch on `hub`, within the per-conversation and per-tenant limits. */
export async function addWatch(deps: WatchDeps, conversation: WatchConversation | undefined, hub: string, everyMinutes: WatchEveryMinutes, lang: Lang): Promise<string> {
  const s = watchCommandStrings(lang);
  const missing = watchUnavailable(deps, lang);
  if (missing) return missing;
  if (!conversation) return s.noConversation;
  const store = deps.store as WatchStore;
  return orStoreDown(deps, async () => {
    const existing = await store.listWatches(conversation.conversationId);
    const same = existing.find((w) => w.hub === hub);
    const replacing = same?.active === true;
    const check = checkNewWatch(
      { conversationWatches: existing.filter((w) => w.active).length, tenantWatches: await store.countWatchesForTenant(conversation.tenantId), replacing },
      deps.limits,
    );
    if (!check.ok) return check.limit === 'conversation' ? s.limitConversation(check.max) : s.limitTenant(check.max);
    const watch: Watch = {
      conversationId: conversation.conversationId,
      tenantId: conversation.tenantId,
      hub,
      everyMinutes,
      conversationReference: conversation.reference,
      ...(conversation.createdBy ? { createdBy: conversation.createdBy } : {}),
      // Re-timing keeps its place in the limits (oldest first) and its last run (no extra query now).
      createdAt: replacing && same ? same.createdAt : deps.clock().toISOString(),
      active: true,
      ...(replacing && same?.lastRunAt ? { lastRunAt: same.lastRunAt } : {}),
    };
    await store.putWatch(watch);
    return replacing ? s.changed(hub, s.every(everyMinutes)) : s.added(hub, s.every(everyMinutes), s.where[conversation.conversationType]);
  }, lang);
}

export async function removeWatch(deps: Pick<WatchDeps, 'store' | 'fleetAvailable' | 'onStoreError'>, conversation: WatchConversation | undefined, hub: string, lang: Lang): Promise<string> {
  const s = watchCommandStrings(lang);
  // Removing needs only the store: a watch can be stopped after the workspace setting went away.
  if (!deps.store) return watchUnavailable({ ...deps, fleetAvailable: deps.fleetAvailable }, lang) ?? s.noStorage;
  if (!conversation) return s.noConversation;
  const store = deps.store;
  return orStoreDown(deps, async () => ((await store.removeWatch(conversation.conversationId, hub)) ? s.removed(hub) : s.notWatched(hub)), lang);
}

export async function listWatchesText(deps: Pick<WatchDeps, 'store' | 'fleetAvailable' | 'onStoreError'>, conversation: WatchConversation | undefined, lang: Lang): Promise<string> {
  const s = watchCommandStrings(lang);
  if (!deps.store) return watchUnavailable({ ...deps, fleetAvailable: deps.fleetAvailable }, lang) ?? s.noStorage;
  if (!conversation) return s.noConversation;
  const store = deps.store;
  return orStoreDown(deps, async () => {
    const watches = (await store.listWatches(conversation.conversationId)).sort((a, b) => a.hub.localeCompare(b.hub));
    if (watches.length === 0) return s.none;
    const lines = watches.map((w) => `- ${s.listLine(w.hub, s.every(w.everyMinutes), w.lastRunAt?.slice(0, 16).replace('T', ' '), w.active)}`);
    return [s.list, ...lines].join('\n');
  }, lang);
}
