// The watch store on Azure Table Storage (Azurite locally and in tests). Watches and their state live in
// the `watches` table (watchRows.ts), leases in `watchleases` (tableLeases.ts); the activity dedupe is
// tableDedupe.ts. State writes are conditional on the ETag the caller read, so of two instances finishing
// the same round only one saves, and only that one posts.
import { odata } from '@azure/data-tables';
import type { StoredState, Watch, WatchStore } from './port';
import { TableLeases } from './tableLeases';
import { TABLE_NAMES, isStatus, type Tables } from './tables';
import { MAX_PROPERTY_CHARS, WATCH_PREFIX, WATCH_PREFIX_END, fromEntity, partitionOf, stateRowOf, toEntity, watchRowOf } from './watchRows';

export interface TableWatchStoreOptions {
  /** Milliseconds since the epoch; leases expire by it (default Date.now). */
  clock?: () => number;
  /** Told about rows that are not well-formed watches (skipped, never fatal). */
  onBadRow?: (info: { table: string; partitionKey: string; rowKey: string }) => void;
}

export class TableWatchStore implements WatchStore {
  private readonly leases: TableLeases;
  private readonly onBadRow: NonNullable<TableWatchStoreOptions['onBadRow']>;

  constructor(
    private readonly tables: Tables,
    options: TableWatchStoreOptions = {},
  ) {
    this.leases = new TableLeases(tables, options.clock ?? Date.now);
    this.onBadRow = options.onBadRow ?? (() => undefined);
  }

  async putWatch(watch: Watch): Promise<void> {
    const table = await this.watches();
    await table.upsertEntity(toEntity(watch), 'Replace');
  }

  async removeWatch(conversationId: string, hub: string): Promise<boolean> {
    const table = await this.watches();
    const pk = partitionOf(conversationId);
    try {
      await table.deleteEntity(pk, watchRowOf(hub));
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
    // A watch added again later starts from a clean state.
    await table.deleteEntity(pk, stateRowOf(hub)).catch((err: unknown) => {
      if (!isStatus(err, 404)) throw err;
    });
    return true;
  }

  async listWatches(conversationId: string): Promise<Watch[]> {
    const pk = partitionOf(conversationId);
    return this.query(odata`PartitionKey eq ${pk} and RowKey ge ${WATCH_PREFIX} and RowKey lt ${WATCH_PREFIX_END}`);
  }

  async listActiveWatches(): Promise<Watch[]> {
    return this.query(odata`kind eq 'watch' and active eq ${true}`);
  }

  /** Active watches only: a watch whose conversation removed the bot costs nothing and does not count. */
  async countWatchesForTenant(tenantId: string): Promise<number> {
    const table = await this.watches();
    let n = 0;
    const rows = table.listEntities({ queryOptions: { filter: odata`kind eq 'watch' and active eq ${true} and tenantId eq ${tenantId}`, select: ['RowKey'] } });
    for await (const _row of rows) n++;
    return n;
  }

  async deactivateConversation(conversationId: string): Promise<number> {
    const table = await this.watches();
    const pk = partitionOf(conversationId);
    let n = 0;
    for (const w of await this.listWatches(conversationId)) {
      if (!w.active) continue;
      try {
        await table.updateEntity({ partitionKey: pk, rowKey: watchRowOf(w.hub), active: false }, 'Merge');
        n++;
      } catch (err) {
        if (!isStatus(err, 404)) throw err; // removed meanwhile: nothing to deactivate
      }
    }
    return n;
  }

  async markRun(conversationId: string, hub: string, at: string): Promise<void> {
    const table = await this.watches();
    try {
      // Merge at any ETag, and never an upsert: a watch removed meanwhile must not come back as a stub.
      await table.updateEntity({ partitionKey: partitionOf(conversationId), rowKey: watchRowOf(hub), lastRunAt: at }, 'Merge');
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }

  async getState(conversationId: string, hub: string): Promise<StoredState | undefined> {
    const table = await this.watches();
    try {
      const row = await table.getEntity<{ json?: unknown }>(partitionOf(conversationId), stateRowOf(hub));
      if (typeof row.json !== 'string' || !row.etag) return undefined;
      return { json: row.json, etag: row.etag };
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  async saveState(conversationId: string, hub: string, json: string, ifMatch: string | undefined): Promise<boolean> {
    if (json.length > MAX_PROPERTY_CHARS) throw new RangeError(`Watch state is ${json.length} characters; a table property holds ${MAX_PROPERTY_CHARS}.`);
    const table = await this.watches();
    const row = { partitionKey: partitionOf(conversationId), rowKey: stateRowOf(hub), json };
    try {
      if (ifMatch === undefined) await table.createEntity(row);
      else await table.updateEntity(row, 'Replace', { etag: ifMatch });
      return true;
    } catch (err) {
      // 409: created by another writer; 412: changed since ifMatch; 404: removed since it was read.
      if (isStatus(err, 409, 412, 404)) return false;
      throw err;
    }
  }

  tryAcquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.tryAcquire(name, holder, ttlMs);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.leases.release(name, holder);
  }

  private watches() {
    return this.tables.get(TABLE_NAMES.watches);
  }

  private async query(filter: string): Promise<Watch[]> {
    const table = await this.watches();
    const out: Watch[] = [];
    for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const watch = fromEntity(row);
      if (watch) out.push(watch);
      else this.onBadRow({ table: TABLE_NAMES.watches, partitionKey: row.partitionKey ?? '', rowKey: row.rowKey ?? '' });
    }
    return out;
  }
}
