// The three tables of the watch store, created on first use (the Bicep creates them in Azure; Azurite
// starts empty), and the status codes the store branches on.
import type { TableClient } from '@azure/data-tables';

export const TABLE_NAMES = {
  /** Watches and their state, one partition per conversation. */
  watches: 'watches',
  /** Scheduler leases, one row per lease name. */
  leases: 'watchleases',
  /** Activity ids already answered by some instance (Teams resends), with an expiry. */
  dedupe: 'activitydedupe',
} as const;
export type TableName = (typeof TABLE_NAMES)[keyof typeof TABLE_NAMES];

export type TableClientFactory = (table: TableName) => TableClient;

export interface Tables {
  /** The client for `table`, after one attempt to create the table. */
  get(table: TableName): Promise<TableClient>;
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** True for the status codes listed; anything else is rethrown by the caller. */
export function isStatus(err: unknown, ...codes: number[]): boolean {
  const s = statusOf(err);
  return s !== undefined && codes.includes(s);
}

export function createTables(factory: TableClientFactory): Tables {
  const clients = new Map<TableName, TableClient>();
  const ensured = new Map<TableName, Promise<void>>();
  return {
    async get(table) {
      let client = clients.get(table);
      if (!client) {
        client = factory(table);
        clients.set(table, client);
      }
      let ready = ensured.get(table);
      if (!ready) {
        const c = client;
        ready = c.createTable().catch((err: unknown) => {
          // 403: the identity may use rows but not create tables (the Bicep made them): fine.
          // Anything else (unreachable, throttled): try again on the next call; the row operation reports it.
          if (!isStatus(err, 403, 409)) ensured.delete(table);
        });
        ensured.set(table, ready);
      }
      await ready;
      return client;
    },
  };
}
