// The watch store port: what the watch scheduler and the bot need from storage. One adapter, Azure Table
// Storage (tableStore.ts; Azurite locally and in tests). Watch state is opaque JSON to the store: the watch
// logic owns its shape, the store only keeps it with an ETag so two instances never both win a round.

/** How often a watch runs, in minutes. */
export type WatchEveryMinutes = 15 | 30 | 60;

export interface Watch {
  /** Teams conversation id (a channel thread root, a group chat or a personal chat). */
  conversationId: string;
  tenantId: string;
  /** Short hub name, lower case ("contoso-prod"). */
  hub: string;
  everyMinutes: WatchEveryMinutes;
  /** The Bot Framework ConversationReference, as JSON, for proactive posts. */
  conversationReference: Record<string, unknown>;
  /** Who asked for the watch (display name or AAD object id; no secrets). */
  createdBy?: string;
  createdAt: string;
  active: boolean;
  /** When the last round ran (ISO-8601), whatever its outcome. */
  lastRunAt?: string;
}

export interface StoredState {
  /** The watch logic's state, serialised by it (opaque here). */
  json: string;
  /** Optimistic-concurrency token from the store. */
  etag: string;
}

export interface WatchStore {
  /** Adds or replaces the watch of this conversation on this hub. */
  putWatch(watch: Watch): Promise<void>;
  /** False when there was no such watch. */
  removeWatch(conversationId: string, hub: string): Promise<boolean>;
  listWatches(conversationId: string): Promise<Watch[]>;
  /** Every active watch (for the scheduler). */
  listActiveWatches(): Promise<Watch[]>;
  countWatchesForTenant(tenantId: string): Promise<number>;
  /** The bot was removed from the conversation: mark its watches inactive; returns how many. */
  deactivateConversation(conversationId: string): Promise<number>;
  markRun(conversationId: string, hub: string, at: string): Promise<void>;

  getState(conversationId: string, hub: string): Promise<StoredState | undefined>;
  /**
   * Writes the state only if it is still at `ifMatch` (undefined = must not exist yet). False when another
   * writer got there first: the caller must not post.
   */
  saveState(conversationId: string, hub: string, json: string, ifMatch: string | undefined): Promise<boolean>;

  /** Takes or renews the named lease for `holder` until now + ttlMs; false when another live holder has it. */
  tryAcquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/** Activity-id dedupe shared by all instances: true only for the first instance that sees the key within ttl. */
export interface SharedDedupe {
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a key (a send that failed after claiming it), so it may be claimed again. */
  release?(key: string): Promise<void>;
}
