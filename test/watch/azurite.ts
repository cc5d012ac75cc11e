// Test helper: a real Azurite Table service (in memory, loopback, its own free port) for one test file.
// Use: `const azurite = useAzurite();` at the top of a describe, then azurite.connectionString in tests.
import { TableClient } from '@azure/data-tables';
import { startAzuriteTables, type AzuriteTables } from '../../scripts/azurite';
import { loadConfig } from '../../src/config';
import { createWatchStorage, type WatchStorage, type WatchStorageOptions } from '../../src/watch/fromEnv';
import type { TableName } from '../../src/watch/tables';

export interface AzuriteFixture {
  readonly connectionString: string;
  readonly port: number;
  /** The store and dedupe as the app builds them (loadConfig -> createWatchStorage), each call a new set of clients. */
  storage(options?: WatchStorageOptions): Promise<WatchStorage>;
  /** A plain SDK client on one table, to look at rows behind the store's back. */
  raw(table: TableName): TableClient;
}

export function useAzurite(): AzuriteFixture {
  let azurite: AzuriteTables | undefined;
  beforeAll(async () => {
    azurite = await startAzuriteTables();
  }, 60_000);
  afterAll(async () => {
    await azurite?.stop();
  });
  const running = (): AzuriteTables => {
    if (!azurite) throw new Error('Azurite is not running (useAzurite() must be called inside a describe, before the tests).');
    return azurite;
  };
  return {
    get connectionString() {
      return running().connectionString;
    },
    get port() {
      return running().port;
    },
    async storage(options) {
      const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', WATCH_STORAGE_CONNECTION_STRING: running().connectionString });
      if (!config.watchStorage) throw new Error('loadConfig did not read WATCH_STORAGE_CONNECTION_STRING');
      return createWatchStorage(config.watchStorage, options);
    },
    raw(table) {
      return TableClient.fromConnectionString(running().connectionString, table, { allowInsecureConnection: true });
    },
  };
}
