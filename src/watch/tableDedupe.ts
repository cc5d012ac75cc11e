// Activity-id dedupe shared by every instance, in the `activitydedupe` table: the first instance to insert
// a key's row answers; the others see the conflict. Table Storage has no TTL, so a row carries its expiry:
// an expired row may be taken over (replace at its ETag, so again only one wins), and a sweep now and then
// deletes expired rows. Keys are hashed: activity ids are never read back, and a hash bounds the key length.
import { odata } from '@azure/data-tables';
import type { SharedDedupe } from './port';
import { TABLE_NAMES, isStatus, type Tables } from './tables';
import { hashKey } from './tableKeys';

const ROW = 'seen';
const DEFAULT_SWEEP_EVERY_MS = 10 * 60_000;
const SWEEP_BATCH = 500;

export interface TableDedupeOptions {
  clock?: () => number;
  /** How often (at most) a firstSeen call starts a background sweep of expired rows; 0 = never. */
  sweepEveryMs?: number;
}

export class TableDedupe implements SharedDedupe {
  private readonly clock: () => number;
  private readonly sweepEveryMs: number;
  private lastSweep: number;

  constructor(
    private readonly tables: Tables,
    options: TableDedupeOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.sweepEveryMs = options.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS;
    this.lastSweep = this.clock();
  }

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    const table = await this.tables.get(TABLE_NAMES.dedupe);
    const now = this.clock();
    const row = { partitionKey: hashKey(key), rowKey: ROW, expiresAt: new Date(now + ttlMs) };
    this.maybeSweep(now);
    for (let round = 0; round < 2; round++) {
      try {
        await table.createEntity(row);
        return true;
      } catch (err) {
        if (!isStatus(err, 409)) throw err;
      }
      let current: { expiresAt?: unknown; etag: string };
      try {
        current = await table.getEntity<{ expiresAt?: unknown }>(row.partitionKey, ROW);
      } catch (err) {
        if (isStatus(err, 404)) continue; // swept between our insert and our read: insert again
        throw err;
      }
      const expires = current.expiresAt instanceof Date ? current.expiresAt.getTime() : Number.NaN;
      if (Number.isFinite(expires) && expires > now) return false;
      try {
        await table.updateEntity(row, 'Replace', { etag: current.etag });
        return true;
      } catch (err) {
        if (isStatus(err, 412, 404)) return false; // another instance took the expired row first
        throw err;
      }
    }
    return false;
  }

  async release(key: string): Promise<void> {
    const table = await this.tables.get(TABLE_NAMES.dedupe);
    try {
      await table.deleteEntity(hashKey(key), ROW);
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }

  /** Deletes up to one batch of expired rows (each at its own ETag, so a row just renewed stays). Returns how many. */
  async sweepExpired(): Promise<number> {
    const table = await this.tables.get(TABLE_NAMES.dedupe);
    const now = new Date(this.clock());
    let n = 0;
    for await (const row of table.listEntities({ queryOptions: { filter: odata`expiresAt lt ${now}` } })) {
      if (n >= SWEEP_BATCH || !row.partitionKey || !row.rowKey) break;
      try {
        await table.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag });
        n++;
      } catch (err) {
        if (!isStatus(err, 404, 412)) throw err;
      }
    }
    return n;
  }

  private maybeSweep(now: number): void {
    if (this.sweepEveryMs <= 0 || now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    // Housekeeping only: a failed sweep is retried at the next interval.
    this.sweepExpired().catch(() => undefined);
  }
}
