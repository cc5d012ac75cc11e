// The server's composition root loads an Azure SDK only when its settings are present: a bot without a
// hub, a workspace or Azure OpenAI (or with only a registry snapshot, as `npm run dev`) starts without them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SNAPSHOT = join(ROOT, 'samples/registry-snapshot.json');

function packagesLoaded(env: Record<string, string>): string[] {
  const script = `
    const { loadConfig } = require('./src/config.ts');
    const { createServices } = require('./src/app.ts');
    const { createLogger } = require('./src/logger.ts');
    const config = loadConfig(${JSON.stringify({ BOT_ALLOW_ANONYMOUS: 'true', LOG_LEVEL: 'silent', ...env })});
    createServices(config, createLogger({ level: 'silent' })).then(() => {
      const pkgs = new Set(Object.keys(require.cache).map((k) => (k.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
      process.stdout.write(JSON.stringify([...pkgs]));
    });`;
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { encoding: 'utf8', cwd: ROOT });
  expect(res.stderr).toBe('');
  return (JSON.parse(res.stdout) as string[]).filter((p) => /^@azure\/|^azure-iothub$|^openai$|^applicationinsights$/.test(p));
}

test('nothing configured, or only a registry snapshot: no Azure SDK is loaded', () => {
  expect(packagesLoaded({})).toEqual([]);
  expect(packagesLoaded({ IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT })).toEqual([]);
});

test('Azure OpenAI configured: the openai client is loaded', () => {
  expect(packagesLoaded({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini', AZURE_OPENAI_API_KEY: 'k'.repeat(32) })).toContain('openai');
});

test('watch storage configured: @azure/data-tables is loaded (with identity only for the managed-identity endpoint)', () => {
  const azurite = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1';
  const withKey = packagesLoaded({ WATCH_STORAGE_CONNECTION_STRING: azurite });
  expect(withKey).toContain('@azure/data-tables');
  expect(withKey).not.toContain('@azure/identity');
  expect(packagesLoaded({ WATCH_STORAGE_ENDPOINT: 'https://contosowatch.table.core.windows.net' })).toEqual(expect.arrayContaining(['@azure/data-tables', '@azure/identity']));
});
