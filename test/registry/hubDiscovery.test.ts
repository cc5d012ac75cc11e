// Hub discovery with the REAL @azure/arm-resourcegraph client against nock: the query it posts, paging
// with $skipToken, the bearer token for Azure Resource Manager, and a subscription the identity may not read.
import nock from 'nock';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createHubDiscovery, DISCOVERY_QUERY, type DiscoveryEvent } from '../../src/registry/hubDiscovery';
import { createHubDirectoryFromEnv } from '../../src/registry/directoryFromEnv';
import { createHubDirectory } from '../../src/registry/hubDirectory';
import { Limiter } from '../../src/registry/limiter';
import { createSnapshotRegistry } from '../../src/registry/snapshot';

const ARM = 'https://management.azure.com';
const PATH = '/providers/Microsoft.ResourceGraph/resources';
const API = { 'api-version': '2021-03-01' };
const SUB_A = '11111111-2222-3333-4444-555555555555';
const SUB_B = '66666666-7777-8888-9999-000000000000';

const scopes: string[] = [];
const credential: TokenCredential = {
  getToken: async (scope: string | string[]): Promise<AccessToken> => {
    scopes.push(...(Array.isArray(scope) ? scope : [scope]));
    return { token: 'fake-arm-token', expiresOnTimestamp: Date.now() + 3600_000 };
  },
};

const page = (rows: { name: string; host: string }[], skipToken?: string) => ({
  totalRecords: 3,
  count: rows.length,
  resultTruncated: 'false',
  ...(skipToken ? { $skipToken: skipToken } : {}),
  data: rows.map((r) => ({ name: r.name, properties_hostName: r.host })),
});

const unmatched: string[] = [];
const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', onNoMatch);
});
beforeEach(() => {
  scopes.length = 0;
  unmatched.length = 0;
});
afterEach(() => {
  nock.cleanAll();
  expect(unmatched).toEqual([]);
});
afterAll(() => nock.emitter.removeListener('no match', onNoMatch));

describe('Resource Graph discovery', () => {
  it('posts the IoT hub query with a bearer token and follows $skipToken to the last page', async () => {
    const bodies: unknown[] = [];
    const first = nock(ARM)
      .post(PATH, (b) => {
        bodies.push(b);
        return b.query === DISCOVERY_QUERY && b.options?.$skipToken === undefined;
      })
      .query(API)
      .matchHeader('authorization', 'Bearer fake-arm-token')
      .times(1)
      .reply(200, page([{ name: 'contoso-prod', host: 'contoso-prod.azure-devices.net' }, { name: 'contoso-test', host: 'contoso-test.azure-devices.net' }], 'page-2-token'));
    const second = nock(ARM)
      .post(PATH, (b) => {
        bodies.push(b);
        return b.query === DISCOVERY_QUERY && b.options?.$skipToken === 'page-2-token';
      })
      .query(API)
      .matchHeader('authorization', 'Bearer fake-arm-token')
      .times(1)
      .reply(200, page([{ name: 'Contoso-EU', host: 'Contoso-EU.azure-devices.net' }]));

    const events: DiscoveryEvent[] = [];
    const discovery = createHubDiscovery(credential, { observe: (e) => events.push(e) });
    await discovery.refresh();
    expect(first.isDone() && second.isDone()).toBe(true);
    expect(bodies[0]).toEqual({ query: DISCOVERY_QUERY });
    expect(discovery.hubs()).toEqual([
      { name: 'contoso-eu', hostName: 'contoso-eu.azure-devices.net' },
      { name: 'contoso-prod', hostName: 'contoso-prod.azure-devices.net' },
      { name: 'contoso-test', hostName: 'contoso-test.azure-devices.net' },
    ]);
    expect(events).toEqual([{ kind: 'refreshed', hubs: 3 }]);
    expect(scopes).toContain('https://management.azure.com/.default');
  });

  it('skips a subscription without access (403) and keeps the others', async () => {
    nock(ARM)
      .post(PATH, (b) => JSON.stringify(b.subscriptions) === JSON.stringify([SUB_A]))
      .query(API)
      .times(1)
      .reply(403, { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action.' } });
    nock(ARM)
      .post(PATH, (b) => JSON.stringify(b.subscriptions) === JSON.stringify([SUB_B]) && b.query === DISCOVERY_QUERY)
      .query(API)
      .times(1)
      .reply(200, page([{ name: 'fabrikam-hub', host: 'fabrikam-hub.azure-devices.net' }]));
    const events: DiscoveryEvent[] = [];
    const discovery = createHubDiscovery(credential, { subscriptions: [SUB_A, SUB_B], observe: (e) => events.push(e) });
    await discovery.refresh();
    expect(discovery.hubs().map((h) => h.name)).toEqual(['fabrikam-hub']);
    expect(events).toEqual([
      { kind: 'subscription-skipped', subscription: SUB_A, status: 403 },
      { kind: 'refreshed', hubs: 1 },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a failed refresh keeps the last good list', async () => {
    nock(ARM).post(PATH).query(API).times(1).reply(200, page([{ name: 'contoso-prod', host: 'contoso-prod.azure-devices.net' }]));
    nock(ARM).post(PATH).query(API).times(1).reply(400, { error: { code: 'BadRequest', message: 'bad' } });
    const events: DiscoveryEvent[] = [];
    const discovery = createHubDiscovery(credential, { observe: (e) => events.push(e) });
    await discovery.refresh();
    await discovery.refresh();
    expect(discovery.hubs().map((h) => h.name)).toEqual(['contoso-prod']);
    expect(events[1]).toEqual({ kind: 'failed', reason: 'HTTP 400' });
  });

  it('the directory lists discovered hubs after the configured ones, a configured name once', async () => {
    nock(ARM)
      .post(PATH)
      .query(API)
      .times(1)
      .reply(200, page([{ name: 'contoso-prod', host: 'contoso-prod.azure-devices.net' }, { name: 'contoso-lab', host: 'contoso-lab.azure-devices.net' }]));
    const discovery = createHubDiscovery(credential);
    await discovery.start();
    discovery.stop();
    const prod = { name: 'contoso-prod', host: 'contoso-prod.azure-devices.net', registry: createSnapshotRegistry([], 'prod.json') };
    const d = createHubDirectory({
      hubs: [prod],
      discovered: () => discovery.hubs().map((h) => ({ name: h.name, host: h.hostName, registry: createSnapshotRegistry([], h.hostName) })),
      discoveredNames: () => discovery.hubs().map((h) => h.name),
    });
    expect(d.hubs()).toEqual(['contoso-prod', 'contoso-lab']);
    expect(d.discovered?.()).toEqual(['contoso-lab', 'contoso-prod']);
  });

  it('IOTHUB_DISCOVER=true: the directory searches a discovered hub with the real registry client', async () => {
    const arm = nock(ARM)
      .post(PATH, (b) => b.query === DISCOVERY_QUERY)
      .query(API)
      .times(1)
      .reply(200, page([{ name: 'contoso-lab', host: 'contoso-lab.azure-devices.net' }]));
    const twin = nock('https://contoso-lab.azure-devices.net')
      .get('/twins/pump-0043')
      .query({ 'api-version': '2021-04-12' })
      .matchHeader('authorization', 'Bearer fake-arm-token')
      .times(1)
      .reply(200, { deviceId: 'pump-0043', status: 'enabled', authenticationType: 'sas', connectionState: 'Connected' });
    const d = await createHubDirectoryFromEnv({ IOTHUB_HOSTNAMES: 'contoso-prod', IOTHUB_DISCOVER: 'true' }, { credential, directory: { limiter: new Limiter(2) } });
    nock('https://contoso-prod.azure-devices.net').get('/twins/pump-0043').query(true).times(1).reply(404, { Message: 'ErrorCode:DeviceNotFound;not registered' });
    // Discovery runs in the background: wait for its first refresh (bounded), then look up.
    for (let i = 0; i < 200 && !(arm.isDone() && d?.discovered?.().length); i++) await new Promise((r) => setTimeout(r, 10));
    expect(d?.hubs()).toEqual(['contoso-prod', 'contoso-lab']);
    expect(d?.discovered?.()).toEqual(['contoso-lab']);
    const lookup = await d!.locate(['pump-0043'], { onlyHub: 'contoso-lab' });
    expect(lookup.answers.map((a) => [a.hub, a.devices.get('pump-0043')?.deviceId])).toEqual([['contoso-lab', 'pump-0043']]);
    expect(twin.isDone()).toBe(true);
    d?.stop?.();
  });

  it('waitForDiscovery (the CLI): the directory comes back with the discovered hubs already listed', async () => {
    const arm = nock(ARM)
      .post(PATH, (b) => b.query === DISCOVERY_QUERY)
      .query(API)
      .matchHeader('authorization', 'Bearer fake-arm-token')
      .times(1)
      .reply(200, page([{ name: 'contoso-lab', host: 'contoso-lab.azure-devices.net' }]));
    const d = await createHubDirectoryFromEnv({ IOTHUB_DISCOVER: 'true' }, { credential, waitForDiscovery: true });
    expect(arm.isDone()).toBe(true);
    expect(d?.hubs()).toEqual(['contoso-lab']);
    d?.stop?.();
  });
});
