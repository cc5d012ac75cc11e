// TEST DOUBLE: an in-memory WatchStore for the scheduler's unit tests. It keeps the port's promises
// (ETags on state, leases that expire on the test's clock) so the scheduler's concurrency rules can be
// exercised; the real adapter (Azure Table Storage) is tested against Azurite on its own branch.
import type { StoredState, Watch, WatchStore } from '../../src/watch/port';

const key = (conversationId: string, hub: string) => `${conversationId}\u0000${hub}`;

export interface MemoryStore extends WatchStore {
  watches: Map<string, Watch>;
  states: Map<string, StoredState>;
  leases: Map<string, { holder: string; until: number }>;
  calls: string[];
  /** Runs before each saveState (e.g. another instance writing first). */
  beforeSave?: (conversationId: string, hub: string) => void;
  /** Throws from saveState when it returns true for this call (a crash between steps). */
  failSave?: (json: string) => boolean;
  watch(conversationId: string, hub: string): Watch | undefined;
  state(conversationId: string, hub: string): string | undefined;
}

export function memoryStore(clock: () => Date): MemoryStore {
  let etags = 0;
  const store: MemoryStore = {
    watches: new Map(),
    states: new Map(),
    leases: new Map(),
    calls: [],
    watch: (c, h) => store.watches.get(key(c, h)),
    state: (c, h) => store.states.get(key(c, h))?.json,
    async putWatch(w) {
      store.calls.push('putWatch');
      store.watches.set(key(w.conversationId, w.hub), { ...w });
    },
    async removeWatch(c, h) {
      store.calls.push('removeWatch');
      return store.watches.delete(key(c, h));
    },
    async listWatches(c) {
      store.calls.push('listWatches');
      return [...store.watches.values()].filter((w) => w.conversationId === c).map((w) => ({ ...w }));
    },
    async listActiveWatches() {
      store.calls.push('listActiveWatches');
      return [...store.watches.values()].filter((w) => w.active).map((w) => ({ ...w }));
    },
    async countWatchesForTenant(t) {
      return [...store.watches.values()].filter((w) => w.tenantId === t).length;
    },
    async deactivateConversation(c) {
      store.calls.push(`deactivateConversation`);
      let n = 0;
      for (const w of store.watches.values()) {
        if (w.conversationId === c && w.active) {
          w.active = false;
          n++;
        }
      }
      return n;
    },
    async markRun(c, h, at) {
      store.calls.push('markRun');
      const w = store.watches.get(key(c, h));
      if (w) w.lastRunAt = at;
    },
    async getState(c, h) {
      const s = store.states.get(key(c, h));
      return s ? { ...s } : undefined;
    },
    async saveState(c, h, json, ifMatch) {
      store.calls.push('saveState');
      store.beforeSave?.(c, h);
      const current = store.states.get(key(c, h));
      if ((current?.etag ?? undefined) !== ifMatch) return false;
      if (store.failSave?.(json)) throw Object.assign(new Error('store went away'), { name: 'RestError', statusCode: 503 });
      store.states.set(key(c, h), { json, etag: `W/"${++etags}"` });
      return true;
    },
    async tryAcquireLease(name, holder, ttlMs) {
      store.calls.push('tryAcquireLease');
      const now = clock().getTime();
      const l = store.leases.get(name);
      if (l && l.holder !== holder && l.until > now) return false;
      store.leases.set(name, { holder, until: now + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      store.calls.push('releaseLease');
      if (store.leases.get(name)?.holder === holder) store.leases.delete(name);
    },
  };
  return store;
}
