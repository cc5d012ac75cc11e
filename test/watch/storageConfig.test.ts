// WATCH_STORAGE_ENDPOINT / WATCH_STORAGE_CONNECTION_STRING at start: one clear line per bad value, never the
// account key; a connection string (account key) beyond loopback is refused in production.
import { ConfigError, loadConfig, type Env } from '../../src/config';
import { describeWatchStorage } from '../../src/watch/storageSettings';
import { AZURITE_KEY, azuriteConnectionString } from '../../scripts/azurite';

const APP_ID = '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const KEY = 'c2VjcmV0LWtleS1tdXN0LW5ldmVyLWJlLXByaW50ZWQ=';
const production: Env = { NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT };
const local: Env = { BOT_ALLOW_ANONYMOUS: 'true' };
const REAL_ACCOUNT = `DefaultEndpointsProtocol=https;AccountName=contosowatch;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

function problems(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('watch storage settings', () => {
  it('nothing set: no watch storage (per-process dedupe)', () => {
    expect(loadConfig(local).watchStorage).toBeUndefined();
  });

  it('reads the table endpoint for the managed identity, in production', () => {
    const config = loadConfig({ ...production, WATCH_STORAGE_ENDPOINT: 'https://contosowatch.table.core.windows.net/' });
    expect(config.watchStorage).toEqual({ kind: 'endpoint', endpoint: 'https://contosowatch.table.core.windows.net' });
  });

  it('refuses an endpoint that is not an https table endpoint, and never echoes one carrying a SAS', () => {
    for (const bad of ['http://contosowatch.table.core.windows.net', 'https://contosowatch.blob.core.windows.net', 'contosowatch', 'https://contosowatch.table.core.windows.net/watches']) {
      const list = problems({ ...production, WATCH_STORAGE_ENDPOINT: bad });
      expect(list).toHaveLength(1);
      expect(list[0]).toMatch(/^WATCH_STORAGE_ENDPOINT must be the storage account's table endpoint/);
    }
    const sas = problems({ ...production, WATCH_STORAGE_ENDPOINT: `https://contosowatch.table.core.windows.net/?sv=2022&sig=${KEY}` });
    expect(sas.join('\n')).not.toContain(KEY);
    expect(sas.join('\n')).not.toContain('sig=');
  });

  it('accepts an Azurite connection string anywhere, even in production (loopback only)', () => {
    const config = loadConfig({ ...production, WATCH_STORAGE_CONNECTION_STRING: azuriteConnectionString(10002) });
    expect(config.watchStorage).toMatchObject({ kind: 'connection-string', loopback: true, tableEndpoint: 'http://127.0.0.1:10002/devstoreaccount1' });
    expect(loadConfig({ ...local, WATCH_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).watchStorage).toMatchObject({ loopback: true });
  });

  it('accepts a real account’s connection string in development, refuses it in production without echoing the key', () => {
    expect(loadConfig({ ...local, WATCH_STORAGE_CONNECTION_STRING: REAL_ACCOUNT }).watchStorage).toMatchObject({
      kind: 'connection-string',
      loopback: false,
      tableEndpoint: 'https://contosowatch.table.core.windows.net',
    });
    const list = problems({ ...production, WATCH_STORAGE_CONNECTION_STRING: REAL_ACCOUNT });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^WATCH_STORAGE_CONNECTION_STRING .* NODE_ENV=production: in Azure set WATCH_STORAGE_ENDPOINT/);
    expect(list[0]).not.toContain(KEY);
  });

  it('one clear line per bad connection string, never the key', () => {
    const cases: Array<[string, RegExp]> = [
      [`AccountName=contosowatch;AccountKey=${KEY}`, /needs DefaultEndpointsProtocol/],
      [`DefaultEndpointsProtocol=https;AccountKey=${KEY}`, /missing: AccountName/],
      ['DefaultEndpointsProtocol=https;AccountName=contosowatch', /missing: AccountKey/],
      ['DefaultEndpointsProtocol=https;AccountName=contosowatch;AccountKey=not base64!', /AccountKey that is not base64/],
      [`DefaultEndpointsProtocol=http;AccountName=contosowatch;AccountKey=${KEY}`, /must use https unless it points to a local emulator/],
      [`DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${KEY};TableEndpoint=::nope`, /TableEndpoint that is not a URL/],
    ];
    for (const [value, expected] of cases) {
      const list = problems({ ...local, WATCH_STORAGE_CONNECTION_STRING: value });
      expect(list).toHaveLength(1);
      expect(list[0]).toMatch(expected);
      expect(list[0]).not.toContain(KEY);
      expect(list[0]).not.toContain(AZURITE_KEY);
    }
  });

  it('refuses both at once', () => {
    const list = problems({ ...local, WATCH_STORAGE_ENDPOINT: 'https://contosowatch.table.core.windows.net', WATCH_STORAGE_CONNECTION_STRING: azuriteConnectionString(10002) });
    expect(list).toEqual(['Set WATCH_STORAGE_ENDPOINT (Azure, managed identity) or WATCH_STORAGE_CONNECTION_STRING (Azurite), not both.']);
  });

  it('describes where the tables are without the key', () => {
    const config = loadConfig({ ...local, WATCH_STORAGE_CONNECTION_STRING: azuriteConnectionString(10002) });
    const text = describeWatchStorage(config.watchStorage!);
    expect(text).toBe('table http://127.0.0.1:10002/devstoreaccount1 (connection string, local emulator)');
    expect(text).not.toContain(AZURITE_KEY);
  });
});
