// How a Watch and its state sit in the `watches` table. PartitionKey = the conversation (so one
// conversation's watches are one partition query); RowKey = "watch." or "state." + the hub. The state is
// its own row so that putWatch and markRun never change the ETag a saveState(ifMatch) is waiting on.
import type { Watch, WatchEveryMinutes } from './port';
import { encodeKey } from './tableKeys';

export const WATCH_PREFIX = 'watch.';
export const STATE_PREFIX = 'state.';
/** The first string after every "watch.…" key ('/' follows '.'), for a RowKey range query. */
export const WATCH_PREFIX_END = 'watch/';
/** Table Storage holds at most 64 KiB (32K UTF-16 characters) in one string property. */
export const MAX_PROPERTY_CHARS = 32_000;

const EVERY: readonly number[] = [15, 30, 60];

export interface WatchEntity {
  partitionKey: string;
  rowKey: string;
  kind: 'watch';
  conversationId: string;
  tenantId: string;
  hub: string;
  everyMinutes: number;
  conversationReference: string;
  createdBy?: string;
  createdAt: string;
  active: boolean;
  lastRunAt?: string;
}

export const partitionOf = (conversationId: string) => encodeKey(conversationId, 'conversationId');
export const watchRowOf = (hub: string) => WATCH_PREFIX + encodeKey(hub, 'hub');
export const stateRowOf = (hub: string) => STATE_PREFIX + encodeKey(hub, 'hub');

export function toEntity(w: Watch): WatchEntity {
  const conversationReference = JSON.stringify(w.conversationReference);
  if (conversationReference.length > MAX_PROPERTY_CHARS) throw new RangeError('The conversation reference is too large to store.');
  return {
    partitionKey: partitionOf(w.conversationId),
    rowKey: watchRowOf(w.hub),
    kind: 'watch',
    conversationId: w.conversationId,
    tenantId: w.tenantId,
    hub: w.hub,
    everyMinutes: w.everyMinutes,
    conversationReference,
    ...(w.createdBy !== undefined ? { createdBy: w.createdBy } : {}),
    createdAt: w.createdAt,
    active: w.active,
    ...(w.lastRunAt !== undefined ? { lastRunAt: w.lastRunAt } : {}),
  };
}

const str = (v: unknown): v is string => typeof v === 'string';

/** The Watch in a row, or undefined when the row is not a well-formed watch (written by something else). */
export function fromEntity(e: Record<string, unknown>): Watch | undefined {
  if (!str(e.conversationId) || !str(e.tenantId) || !str(e.hub) || !str(e.createdAt) || typeof e.active !== 'boolean') return undefined;
  if (typeof e.everyMinutes !== 'number' || !EVERY.includes(e.everyMinutes)) return undefined;
  if (!str(e.conversationReference)) return undefined;
  let ref: unknown;
  try {
    ref = JSON.parse(e.conversationReference);
  } catch {
    return undefined;
  }
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) return undefined;
  return {
    conversationId: e.conversationId,
    tenantId: e.tenantId,
    hub: e.hub,
    everyMinutes: e.everyMinutes as WatchEveryMinutes,
    conversationReference: ref as Record<string, unknown>,
    ...(str(e.createdBy) ? { createdBy: e.createdBy } : {}),
    createdAt: e.createdAt,
    active: e.active,
    ...(str(e.lastRunAt) ? { lastRunAt: e.lastRunAt } : {}),
  };
}
