// /healthz through the real restify server: the hub names the directory searches (configured and
// discovered), names only; the hubs' files and hosts' credentials never appear.
import { join } from 'node:path';
import { createServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createHubDirectory } from '../../src/registry/hubDirectory';
import { createSnapshotRegistry } from '../../src/registry/snapshot';
import { startServer, type RunningServer } from '../../src/server';

const HUBS = join(__dirname, '../../samples/hubs');
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function healthz(port: number): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

test('lists the configured hubs of a snapshot directory', async () => {
  const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', LOG_LEVEL: 'silent', IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-prod.json,${HUBS}/contoso-test.json` });
  const services = await createServices(config, createLogger({ level: 'silent' }));
  server = await startServer(config, services);
  const body = await healthz(server.port);
  expect(body).toMatchObject({ status: 'ok', registry: 'snapshot', hubs: ['contoso-prod', 'contoso-test'], discoveredHubs: [] });
  expect(JSON.stringify(body)).not.toContain('.json');
});

test('lists discovered hub names beside the configured ones; none without a directory', async () => {
  const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', LOG_LEVEL: 'silent' });
  const services = await createServices(config, createLogger({ level: 'silent' }));
  server = await startServer(config, services);
  expect(await healthz(server.port)).toMatchObject({ hubs: [], discoveredHubs: [] });
  await server.close();

  const lab = { name: 'contoso-lab', host: 'contoso-lab.azure-devices.net', registry: createSnapshotRegistry([], 'lab') };
  const directory = createHubDirectory({
    hubs: [{ name: 'contoso-prod', registry: createSnapshotRegistry([], 'prod') }],
    discovered: () => [lab],
    discoveredNames: () => ['contoso-lab'],
  });
  server = await startServer(config, { ...services, directory });
  expect(await healthz(server.port)).toMatchObject({ hubs: ['contoso-prod', 'contoso-lab'], discoveredHubs: ['contoso-lab'] });
});
