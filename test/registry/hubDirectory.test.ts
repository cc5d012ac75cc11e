// The hub directory over the REAL azure-iothub and azure-iot-provisioning-service clients (built by
// createHubDirectoryFromEnv, as the server builds them), their HTTPS traffic intercepted by nock: which hub
// is asked for which device, in what order, how often, with which path, api-version and bearer token.
import nock from 'nock';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createHubDirectoryFromEnv } from '../../src/registry/directoryFromEnv';
import type { HubDirectory } from '../../src/registry/directoryPort';
import { Limiter } from '../../src/registry/limiter';

const HUB_API = { 'api-version': '2021-04-12' };
const DPS_API = { 'api-version': '2021-10-01' };
const host = (name: string) => `https://${name}.azure-devices.net`;
const DPS = 'https://contoso-dps.azure-devices-provisioning.net';
const BEARER = 'Bearer fake-entra-token';

const twin = (deviceId: string, extra: Record<string, unknown> = {}) => ({
  deviceId,
  etag: 'AAAAAAAAAAE=',
  status: 'enabled',
  statusUpdateTime: '0001-01-01T00:00:00Z',
  connectionState: 'Connected',
  lastActivityTime: '2025-06-02T09:14:51.2036711Z',
  authenticationType: 'sas',
  x509Thumbprint: { primaryThumbprint: null, secondaryThumbprint: null },
  version: 3,
  properties: { desired: {}, reported: {} },
  ...extra,
});
const notFound = (id: string) => ({ Message: `ErrorCode:DeviceNotFound;Device ${id} not registered`, ExceptionMessage: 'Tracking ID:0123abcd-G:0' });

const scopes: string[] = [];
const credential: TokenCredential = {
  getToken: async (scope: string | string[]): Promise<AccessToken> => {
    scopes.push(...(Array.isArray(scope) ? scope : [scope]));
    return { token: 'fake-entra-token', expiresOnTimestamp: Date.now() + 3600_000 };
  },
};

/** A hub's twin endpoint for one device, answered once, with the bearer token required. */
function twinOnce(hub: string, id: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  return nock(host(hub)).get(`/twins/${id}`).query(HUB_API).matchHeader('authorization', BEARER).times(1).reply(status, body as nock.Body, headers);
}

async function directory(env: Record<string, string>, extra: { deadline?: number; concurrency?: number; maxHubs?: number; timeoutMs?: number } = {}): Promise<HubDirectory> {
  const d = await createHubDirectoryFromEnv(env, {
    credential,
    timeoutMs: extra.timeoutMs ?? 5000,
    directory: {
      limiter: new Limiter(4),
      concurrency: extra.concurrency,
      maxHubsPerLookup: extra.maxHubs,
      defaultDeadlineMs: extra.deadline ?? 10_000,
    },
  });
  if (!d) throw new Error('no directory');
  return d;
}

// Every request no interceptor matched (a second call for the same hub and device, a missing bearer token,
// a wrong path or api-version): each test ends by asserting there was none.
const unmatched: string[] = [];
const onNoMatch = (req: { method?: string; path?: string; href?: string }) => unmatched.push(`${req.method} ${req.href ?? req.path}`);

beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', onNoMatch);
});
beforeEach(() => {
  scopes.length = 0;
  unmatched.length = 0;
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  expect(unmatched).toEqual([]);
});
afterAll(() => {
  nock.emitter.removeListener('no match', onNoMatch);
});

describe('two hubs: the device lives in the other one', () => {
  it('asks the hub the paste names first, finds the device in the other, and asks nothing twice', async () => {
    const prod = twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'));
    const test = twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-test.azure-devices.net,contoso-prod.azure-devices.net' });
    expect(d.hubs()).toEqual(['contoso-test', 'contoso-prod']);

    const first = await d.locate(['pump-0043'], { preferredHubs: ['CONTOSO-PROD.azure-devices.net'] });
    expect(first.answers.map((a) => a.hub)).toEqual(['contoso-prod', 'contoso-test']);
    expect(first.answers[0].devices.get('pump-0043')).toBeNull();
    expect(first.answers[0].failure).toBeUndefined();
    expect(first.answers[1].devices.get('pump-0043')).toMatchObject({ deviceId: 'pump-0043', status: 'enabled', hub: 'contoso-test.azure-devices.net' });
    expect(first).toMatchObject({ notAsked: [], unknownHubs: [] });
    expect(prod.isDone() && test.isDone()).toBe(true);
    expect(scopes.every((s) => s === 'https://iothubs.azure.net/.default')).toBe(true);

    // Within the cache window: the same answer, and no request (every interceptor was for one call only).
    const again = await d.locate(['pump-0043'], { preferredHubs: ['contoso-prod'] });
    expect(again.answers.map((a) => [a.hub, a.devices.get('pump-0043')?.deviceId ?? null])).toEqual([
      ['contoso-prod', null],
      ['contoso-test', 'pump-0043'],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('found in none: every hub says null, no failure, one call per hub and device', async () => {
    const calls = [
      twinOnce('contoso-prod', 'pump-9999', 404, notFound('pump-9999')),
      twinOnce('contoso-test', 'pump-9999', 404, notFound('pump-9999')),
    ];
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' });
    const lookup = await d.locate(['pump-9999']);
    expect(lookup.answers.map((a) => [a.hub, a.devices.get('pump-9999'), a.failure])).toEqual([
      ['contoso-prod', null, undefined],
      ['contoso-test', null, undefined],
    ]);
    expect(calls.every((c) => c.isDone())).toBe(true);
  });
});

describe('three hubs', () => {
  it('never more calls than devices x hubs, and none again within the window', async () => {
    const ids = ['pump-0001', 'pump-0002', 'pump-0003'];
    const calls = ['contoso-prod', 'contoso-test', 'contoso-eu'].flatMap((hub) => ids.map((id) => twinOnce(hub, id, 404, notFound(id))));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test,contoso-eu' });
    const lookup = await d.locate(ids);
    expect(lookup.answers).toHaveLength(3);
    for (const a of lookup.answers) expect([...a.devices.values()]).toEqual([null, null, null]);
    expect(calls.every((c) => c.isDone())).toBe(true);
    await d.locate(ids);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('one hub at a time: a device found in the first hub is not looked up in the others', async () => {
    const prod = [twinOnce('contoso-prod', 'pump-0042', 200, twin('pump-0042')), twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'))];
    const test = twinOnce('contoso-test', 'pump-0043', 404, notFound('pump-0043'));
    const eu = twinOnce('contoso-eu', 'pump-0043', 200, twin('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test,contoso-eu' }, { concurrency: 1 });
    const lookup = await d.locate(['pump-0042', 'pump-0043']);
    const [a, b, c] = lookup.answers;
    expect([...a.devices.keys()].sort()).toEqual(['pump-0042', 'pump-0043']);
    // pump-0042 was found in contoso-prod: absent from the later hubs' answers (not looked up there).
    expect([...b.devices.keys()]).toEqual(['pump-0043']);
    expect([...c.devices.keys()]).toEqual(['pump-0043']);
    expect(c.devices.get('pump-0043')?.deviceId).toBe('pump-0043');
    expect([...prod, test, eu].every((s) => s.isDone())).toBe(true);
  });

  it('a device found earlier is not looked up in the other hubs on the next call either', async () => {
    twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'));
    twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    twinOnce('contoso-eu', 'pump-0043', 404, notFound('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test,contoso-eu' });
    await d.locate(['pump-0043']);
    expect(nock.pendingMocks()).toEqual([]);
    // A new device: asked everywhere once; the known one nowhere but from the cache.
    const news = ['contoso-prod', 'contoso-test', 'contoso-eu'].map((hub) => twinOnce(hub, 'pump-0050', 404, notFound('pump-0050')));
    const next = await d.locate(['pump-0043', 'pump-0050']);
    expect(news.every((s) => s.isDone())).toBe(true);
    expect(next.answers.find((a) => a.hub === 'contoso-test')?.devices.get('pump-0043')?.deviceId).toBe('pump-0043');
    // What the other hubs said before is still told (from the cache), so the wrong-hub check sees it.
    expect(next.answers.find((a) => a.hub === 'contoso-prod')?.devices.get('pump-0043')).toBeNull();
  });

  it('a hub answering 429 says so, the others still answer, and it is left alone for its Retry-After', async () => {
    const throttled = twinOnce('contoso-prod', 'pump-0043', 429, { Message: 'ErrorCode:ThrottlingException;Throttled' }, { 'Retry-After': '30' });
    twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    twinOnce('contoso-eu', 'pump-0043', 404, notFound('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test,contoso-eu' });
    const lookup = await d.locate(['pump-0043']);
    expect(throttled.isDone()).toBe(true);
    const prod = lookup.answers.find((a) => a.hub === 'contoso-prod');
    expect(prod?.failure).toEqual({ reason: 'throttled', message: expect.stringMatching(/HTTP 429/) });
    expect(prod?.devices.has('pump-0043')).toBe(false);
    expect(lookup.answers.find((a) => a.hub === 'contoso-test')?.devices.get('pump-0043')?.deviceId).toBe('pump-0043');

    // The next call within the 30 s: contoso-prod is not asked (no interceptor is left for it), and says why.
    twinOnce('contoso-test', 'pump-0044', 404, notFound('pump-0044'));
    twinOnce('contoso-eu', 'pump-0044', 200, twin('pump-0044'));
    const next = await d.locate(['pump-0044']);
    const prodAgain = next.answers.find((a) => a.hub === 'contoso-prod');
    expect(prodAgain?.failure).toEqual({ reason: 'throttled', message: expect.stringMatching(/not asking it again for (2\d|30) s/) });
    expect(next.answers.find((a) => a.hub === 'contoso-eu')?.devices.get('pump-0044')?.deviceId).toBe('pump-0044');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a hub that times out fails as a timeout while the others answer', async () => {
    nock(host('contoso-prod')).get('/twins/pump-0043').query(HUB_API).delay(3000).reply(200, twin('pump-0043'));
    twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' }, { timeoutMs: 200 });
    const lookup = await d.locate(['pump-0043']);
    expect(lookup.answers.map((a) => [a.hub, a.failure?.reason])).toEqual([
      ['contoso-prod', 'timeout'],
      ['contoso-test', undefined],
    ]);
    expect(lookup.answers[1].devices.get('pump-0043')?.deviceId).toBe('pump-0043');
  });

  it('a hub still unanswered at the deadline is listed in notAsked, not waited for', async () => {
    nock(host('contoso-prod')).get('/twins/pump-0043').query(HUB_API).delay(5000).reply(200, twin('pump-0043'));
    twinOnce('contoso-test', 'pump-0043', 404, notFound('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' });
    const lookup = await d.locate(['pump-0043'], { deadlineMs: 500 });
    expect(lookup.answers.map((a) => a.hub)).toEqual(['contoso-test']);
    expect(lookup.notAsked).toEqual(['contoso-prod']);
  });
});

describe('a connection-string hub beside Entra ID hubs', () => {
  it('the policy hub signs with SharedAccessSignature, the others send the bearer token', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    nock(host('contoso-legacy'))
      .get('/twins/pump-0043')
      .query(HUB_API)
      .matchHeader('authorization', /^SharedAccessSignature sr=contoso-legacy\.azure-devices\.net&sig=/)
      .times(1)
      .reply(404, notFound('pump-0043'));
    twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    const d = await directory({
      IOTHUB_CONNECTION_STRING: `HostName=contoso-legacy.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=${key}`,
      IOTHUB_HOSTNAMES: 'contoso-test',
    });
    expect(d.hubs()).toEqual(['contoso-legacy', 'contoso-test']);
    expect(d.describe()).not.toContain(key);
    const lookup = await d.locate(['pump-0043']);
    expect(lookup.answers.map((a) => [a.hub, a.devices.get('pump-0043')?.deviceId ?? null])).toEqual([
      ['contoso-legacy', null],
      ['contoso-test', 'pump-0043'],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('which hubs are asked', () => {
  it('onlyHub asks that hub alone; an unconfigured name is reported, never guessed', async () => {
    const test = twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test' });
    const only = await d.locate(['pump-0043'], { onlyHub: 'Contoso-Test' });
    expect(only.answers.map((a) => a.hub)).toEqual(['contoso-test']);
    expect(test.isDone()).toBe(true);

    const unknown = await d.locate(['pump-0043'], { onlyHub: 'contoso-prd' });
    expect(unknown).toMatchObject({ answers: [], unknownHubs: ['contoso-prd'], notAsked: [] });
    const preferred = await d.locate(['pump-0043'], { preferredHubs: ['fabrikam-hub.azure-devices.net', 'contoso-test'] });
    expect(preferred.unknownHubs).toEqual(['fabrikam-hub.azure-devices.net']);
    expect(preferred.answers[0].hub).toBe('contoso-test');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks at most maxHubsPerLookup hubs; the rest are listed in notAsked', async () => {
    twinOnce('contoso-eu', 'pump-0043', 404, notFound('pump-0043'));
    twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'));
    const d = await directory({ IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test,contoso-eu' }, { maxHubs: 2 });
    const lookup = await d.locate(['pump-0043'], { preferredHubs: ['contoso-eu'] });
    expect(lookup.answers.map((a) => a.hub)).toEqual(['contoso-eu', 'contoso-prod']);
    expect(lookup.notAsked).toEqual(['contoso-test']);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('DPS alongside the hubs', () => {
  const env = { IOTHUB_HOSTNAMES: 'contoso-prod', DPS_HOSTNAME: 'contoso-dps' };
  const registration = (id: string, extra: Record<string, unknown>) => ({
    registrationId: id,
    deviceId: id,
    createdDateTimeUtc: '2025-03-12T09:01:44.0312845Z',
    lastUpdatedDateTimeUtc: '2025-06-01T06:02:37.118Z',
    etag: 'IjAwMDAi',
    ...extra,
  });
  function dpsOnce(path: string, status: number, body: unknown) {
    return nock(DPS).get(path).query(DPS_API).matchHeader('authorization', BEARER).times(1).reply(status, body as nock.Body);
  }

  it('DPS assigned the device to another hub (a group enrollment): registration, then its group', async () => {
    twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'));
    const reg = dpsOnce('/registrations/pump-0043', 200, registration('pump-0043', { assignedHub: 'contoso-test.azure-devices.net', status: 'assigned', substatus: 'deviceDataMigrated', symmetricKey: { enrollmentGroupId: 'pumps-eu' } }));
    const group = dpsOnce('/enrollmentGroups/pumps-eu', 200, { enrollmentGroupId: 'pumps-eu', attestation: { type: 'symmetricKey' }, provisioningStatus: 'enabled' });
    const d = await directory(env);
    expect(d.describe()).toBe('1 hub: contoso-prod; DPS contoso-dps.azure-devices-provisioning.net');
    const lookup = await d.locate(['pump-0043']);
    expect(reg.isDone() && group.isDone()).toBe(true);
    expect(lookup.dps).toEqual({
      source: 'dps',
      dpsHost: 'contoso-dps.azure-devices-provisioning.net',
      registrations: new Map([
        [
          'pump-0043',
          {
            registrationId: 'pump-0043',
            deviceId: 'pump-0043',
            assignedHub: 'contoso-test',
            status: 'assigned',
            lastUpdated: '2025-06-01T06:02:37.118Z',
            attestation: 'symmetricKey',
            enrollment: { kind: 'group', groupId: 'pumps-eu', provisioningStatus: 'enabled' },
          },
        ],
      ]),
    });
    expect(scopes).toContain('https://azure-devices-provisioning.net/.default');
    // Cached: no DPS call the second time either.
    await d.locate(['pump-0043']);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('DPS disabled: an individual enrollment switched off', async () => {
    twinOnce('contoso-prod', 'pump-0107', 200, twin('pump-0107', { status: 'disabled' }));
    dpsOnce('/registrations/pump-0107', 200, registration('pump-0107', { assignedHub: 'contoso-prod.azure-devices.net', status: 'disabled' }));
    dpsOnce('/enrollments/pump-0107', 200, { registrationId: 'pump-0107', attestation: { type: 'x509' }, provisioningStatus: 'disabled' });
    const lookup = await (await directory(env)).locate(['pump-0107']);
    expect(lookup.dps?.registrations.get('pump-0107')).toMatchObject({
      status: 'disabled',
      assignedHub: 'contoso-prod',
      attestation: 'x509',
      enrollment: { kind: 'individual', provisioningStatus: 'disabled' },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('no enrollment matches (404): null, and no enrollment call', async () => {
    twinOnce('contoso-prod', 'ghost-01', 404, notFound('ghost-01'));
    dpsOnce('/registrations/ghost-01', 404, { errorCode: 404201, trackingId: 'abc', message: 'Device registration not found.' });
    const lookup = await (await directory(env)).locate(['ghost-01']);
    expect(lookup.dps?.registrations.get('ghost-01')).toBeNull();
    expect(lookup.dps?.failure).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('DPS throttling (429) is a DPS failure, not an answer about the device; the hub still answers', async () => {
    twinOnce('contoso-prod', 'pump-0042', 200, twin('pump-0042'));
    dpsOnce('/registrations/pump-0042', 429, { errorCode: 429001, message: 'Throttled' });
    const lookup = await (await directory(env)).locate(['pump-0042']);
    expect(lookup.dps?.failure).toEqual({ reason: 'throttled', message: expect.stringMatching(/DPS contoso-dps\.azure-devices-provisioning\.net .*HTTP 429/) });
    expect(lookup.dps?.registrations.has('pump-0042')).toBe(false);
    expect(lookup.answers[0].devices.get('pump-0042')?.deviceId).toBe('pump-0042');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('DPS refusing the bot (403) is a DPS failure naming the role; the hub still answers', async () => {
    twinOnce('contoso-prod', 'pump-0042', 200, twin('pump-0042'));
    dpsOnce('/registrations/pump-0042', 403, { errorCode: 403000, message: 'Forbidden' });
    const lookup = await (await directory(env)).locate(['pump-0042']);
    expect(lookup.answers[0].devices.get('pump-0042')?.deviceId).toBe('pump-0042');
    expect(lookup.dps?.failure).toEqual({ reason: 'unauthorized', message: expect.stringMatching(/HTTP 403.*Device Provisioning Service Data Reader/) });
    expect(lookup.dps?.registrations.size).toBe(0);
  });
});
