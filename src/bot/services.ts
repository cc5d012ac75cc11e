// What the bot needs from the outside world, injected so tests pass fakes. Everything optional
// degrades: no registry -> no lookups (cards say so), no explainer -> no "Explain" button.
import type { Logger } from 'pino';
import type { Explainer } from '../explain/types';
import type { FileDownloader } from './attachments/fileDownloader';
import type { HubDirectory } from '../registry/directoryPort';
import type { DeviceRegistry } from '../registry/port';
import type { Telemetry } from '../telemetry';
import type { FleetSource } from '../fleet/types';
import type { WatchLimits } from '../watch/limits';
import type { SharedDedupe, WatchStore } from '../watch/port';

/** The telemetry calls the bot makes (src/telemetry.ts fits; tests pass a recording fake). No text, no secrets. */
export type BotTelemetry = Pick<Telemetry, 'trackTriage' | 'trackFeedback' | 'trackException' | 'trackRequest'>;

export interface BotServices {
  registry?: DeviceRegistry;
  /** Several hubs and DPS: when set, lookups and cross-checks ask it instead of `registry`. */
  directory?: HubDirectory;
  explainer?: Explainer;
  /** Whole-hub check from Log Analytics (`hub <name>`, "Check the whole hub"). */
  fleet?: FleetSource;
  telemetry?: BotTelemetry;
  /** Downloads files sent in personal chat; the production policy (Microsoft hosts over https) when absent. */
  files?: FileDownloader;
  /** Activity-id dedupe shared by every instance (table storage); absent = this process only. */
  activityDedupe?: SharedDedupe;
  /** Hub watches (`watch <hub>`), when WATCH_STORAGE_* is set; absent = the watch commands say what is missing. */
  watchStore?: WatchStore;
  clock: () => Date;
  logger: Logger;
}

export interface BotOptions {
  /** Lower-case tenant ids; empty = every tenant. */
  allowedTenantIds: readonly string[];
  /** Time the registry lookup may take before the reply goes out without it. */
  registryBudgetMs?: number;
  /** Time an LLM explanation may take before the reply goes out without it. */
  explainBudgetMs?: number;
  /** WATCH_MAX_PER_CONVERSATION / WATCH_MAX_PER_TENANT (defaults when absent). */
  watchLimits?: WatchLimits;
  /** Time a whole-hub Log Analytics query may take. */
  fleetBudgetMs?: number;
  /** A reply slower than this is preceded by a typing indicator in personal chat (default 1 s; 0 = always). */
  typingAfterMs?: number;
  /**
   * Dedupe window for Teams' resends; sharedBudgetMs: how long a turn waits for the shared store (default 2 s);
   * sharedRetryAfterMs: how long after a store failure turns dedupe in memory only (default 30 s).
   */
  dedupe?: { max?: number; ttlMs?: number; sharedBudgetMs?: number; sharedRetryAfterMs?: number };
}

export const DEFAULT_REGISTRY_BUDGET_MS = 4_000;
// Registry + explanation budgets together stay well under the ~15 s after which Teams resends.
export const DEFAULT_EXPLAIN_BUDGET_MS = 7_000;
/** A Log Analytics query over a hub can be slow; the reply still has to beat Teams' ~15 s resend. */
export const DEFAULT_FLEET_BUDGET_MS = 12_000;
