// The server's composition root with several hubs and DPS: each Azure SDK is loaded only when its setting
// is present (snapshot files alone load none), as test/e2e/startup.test.ts checks for the single hub.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const HUBS = join(ROOT, 'samples/hubs');

function packagesLoaded(env: Record<string, string>): string[] {
  const script = `
    const { loadConfig } = require('./src/config.ts');
    const { createServices } = require('./src/app.ts');
    const { createLogger } = require('./src/logger.ts');
    const config = loadConfig(${JSON.stringify({ BOT_ALLOW_ANONYMOUS: 'true', LOG_LEVEL: 'silent', ...env })});
    createServices(config, createLogger({ level: 'silent' })).then((s) => {
      const pkgs = new Set(Object.keys(require.cache).map((k) => (k.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
      process.stdout.write(JSON.stringify({ pkgs: [...pkgs], hubs: s.directory ? s.directory.hubs() : null }));
    });`;
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { encoding: 'utf8', cwd: ROOT });
  expect(res.stderr).toBe('');
  const out = JSON.parse(res.stdout) as { pkgs: string[]; hubs: string[] | null };
  return [...out.pkgs.filter((p) => /^@azure\/|^azure-/.test(p)), `hubs:${out.hubs?.join(',') ?? 'none'}`];
}

test('snapshot files for several hubs and DPS: no Azure SDK is loaded', () => {
  expect(packagesLoaded({ IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-prod.json,${HUBS}/contoso-test.json`, DPS_REGISTRATION_SNAPSHOT: `${HUBS}/dps-registrations.json` })).toEqual([
    'hubs:contoso-prod,contoso-test',
  ]);
});

test('IOTHUB_HOSTNAMES: azure-iothub and identity, not the DPS or Resource Graph clients', () => {
  const loaded = packagesLoaded({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' });
  expect(loaded).toEqual(expect.arrayContaining(['azure-iothub', '@azure/identity', 'hubs:contoso-prod,contoso-test']));
  expect(loaded).not.toContain('azure-iot-provisioning-service');
  expect(loaded).not.toContain('@azure/arm-resourcegraph');
});

test('DPS_HOSTNAME alone: the provisioning client, not azure-iothub', () => {
  const loaded = packagesLoaded({ DPS_HOSTNAME: 'contoso-dps' });
  expect(loaded).toContain('azure-iot-provisioning-service');
  expect(loaded).not.toContain('azure-iothub');
  expect(loaded).not.toContain('@azure/arm-resourcegraph');
});
