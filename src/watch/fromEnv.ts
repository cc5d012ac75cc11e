// Builds the table-backed watch store and shared dedupe from the validated settings. Loaded by the
// composition root only when storage is configured, so @azure/data-tables (and, for the endpoint,
// @azure/identity) load only then.
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { SharedDedupe, WatchStore } from './port';
import { describeWatchStorage, type WatchStorageSettings } from './storageSettings';
import { TableDedupe } from './tableDedupe';
import { TableWatchStore, type TableWatchStoreOptions } from './tableStore';
import { TABLE_NAMES, createTables, type TableClientFactory, type TableName } from './tables';

export interface WatchStorage {
  store: WatchStore;
  dedupe: SharedDedupe;
  /** Where the tables are (never a key). */
  describe(): string;
  /** Creates the tables (once) ahead of the first turn, so it does not pay for that; never rejects. */
  warmUp(): Promise<void>;
}

export interface WatchStorageOptions extends TableWatchStoreOptions {
  /** For WATCH_STORAGE_ENDPOINT (default DefaultAzureCredential: the managed identity in Azure). */
  credential?: TokenCredential;
}

// Few, quick retries: the dedupe sits in the path of every message, and a scheduler round is retried by
// the next round anyway. The SDK's default (3 retries, growing delays) would hold a turn for seconds.
const RETRY = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };

export async function clientFactory(settings: WatchStorageSettings, options: WatchStorageOptions = {}): Promise<TableClientFactory> {
  if (settings.kind === 'connection-string') {
    const { connectionString, loopback } = settings;
    // Azurite speaks http on loopback; the SDK refuses plain http unless told.
    return (table: TableName) => TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: loopback, retryOptions: RETRY });
  }
  const credential = options.credential ?? new (await import('@azure/identity')).DefaultAzureCredential();
  return (table: TableName) => new TableClient(settings.endpoint, table, credential, { retryOptions: RETRY });
}

export async function createWatchStorage(settings: WatchStorageSettings, options: WatchStorageOptions = {}): Promise<WatchStorage> {
  const tables = createTables(await clientFactory(settings, options));
  return {
    store: new TableWatchStore(tables, options),
    dedupe: new TableDedupe(tables, { clock: options.clock }),
    describe: () => describeWatchStorage(settings),
    warmUp: () => Promise.all(Object.values(TABLE_NAMES).map((t) => tables.get(t))).then(
      () => undefined,
      () => undefined,
    ),
  };
}
