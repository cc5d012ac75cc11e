// The real azure-iothub client, its HTTPS traffic intercepted by nock: what it sends, and what we make
// of each answer the hub can give.
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { createIotHubRegistry, type IotHubRegistryOptions } from '../../src/registry/iothubRegistry';

const HOST = 'contoso-hub.azure-devices.net';
const BASE = `https://${HOST}`;
const API = { 'api-version': '2021-04-12' };
const POLICY_KEY = Buffer.alloc(32, 42).toString('base64'); // fake registryRead policy key
const CONNECTION_STRING = `HostName=${HOST};SharedAccessKeyName=registryRead;SharedAccessKey=${POLICY_KEY}`;
const DEVICE_KEY = Buffer.from('FAKE pump-0042 primary key......').toString('base64');

const twin = (deviceId: string, extra: Record<string, unknown> = {}) => ({
  deviceId,
  etag: 'AAAAAAAAAAE=',
  status: 'enabled',
  statusReason: null,
  statusUpdateTime: '0001-01-01T00:00:00Z',
  connectionState: 'Connected',
  lastActivityTime: '2025-06-02T09:14:51.2036711Z',
  authenticationType: 'sas',
  x509Thumbprint: { primaryThumbprint: null, secondaryThumbprint: null },
  version: 3,
  properties: { desired: {}, reported: {} },
  ...extra,
});
const notFound = (id: string) => ({ Message: `ErrorCode:DeviceNotFound;Device ${id} not registered`, ExceptionMessage: 'Tracking ID:0123abcd-G:0-TimeStamp:06/02/2025 09:30:00' });

let sleeps: number[] = [];
const fastSleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
};
const registry = (extra: Partial<IotHubRegistryOptions> = {}) =>
  createIotHubRegistry({ connectionString: CONNECTION_STRING, sleep: fastSleep, backoffBaseMs: 10, timeoutMs: 2000, ...extra });

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  sleeps = [];
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('requests the SDK sends', () => {
  it('reads the twin with api-version and a SharedAccessSignature signed by the policy key', async () => {
    let auth = '';
    nock(BASE)
      .get('/twins/pump-0042')
      .query(API)
      .reply(function () {
        auth = String(this.req.headers.authorization);
        return [200, twin('pump-0042'), { 'content-type': 'application/json; charset=utf-8' }];
      });
    const lookup = await registry().lookup(['pump-0042']);

    expect(auth).toMatch(/^SharedAccessSignature /);
    const params = new URLSearchParams(auth.slice('SharedAccessSignature '.length));
    expect([...params.keys()].sort()).toEqual(['se', 'sig', 'skn', 'sr']);
    const [sr, sig, se] = [params.get('sr') as string, params.get('sig') as string, params.get('se') as string];
    expect(sr).toBe(HOST);
    expect(params.get('skn')).toBe('registryRead');
    expect(Number(se) * 1000).toBeGreaterThan(Date.now()); // not yet expired
    const expected = createHmac('sha256', Buffer.from(POLICY_KEY, 'base64')).update(`${encodeURIComponent(HOST.toLowerCase())}\n${se}`).digest('base64');
    expect(sig).toBe(expected); // URLSearchParams already decoded it

    expect(lookup).toEqual({
      source: 'iothub',
      hub: HOST,
      devices: new Map([
        ['pump-0042', { deviceId: 'pump-0042', hub: HOST, status: 'enabled', authType: 'sas', connectionState: 'Connected', lastActivityTime: '2025-06-02T09:14:51.2036711Z' }],
      ]),
    });
  });

  it('uses an Entra ID bearer token for the IoT Hub scope when built from a host name', async () => {
    const scopes: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: async (scope: string | string[], _o?: GetTokenOptions): Promise<AccessToken> => {
        scopes.push(scope);
        return { token: 'fake-entra-token', expiresOnTimestamp: Date.now() + 3600_000 };
      },
    };
    nock(BASE).get('/twins/pump-0042').query(API).matchHeader('authorization', 'Bearer fake-entra-token').reply(200, twin('pump-0042'));
    const r = createIotHubRegistry({ hostName: HOST, credential, sleep: fastSleep });
    const lookup = await r.lookup(['pump-0042']);
    expect(lookup.failure).toBeUndefined();
    expect(lookup.devices.get('pump-0042')?.status).toBe('enabled');
    expect(scopes).toEqual(['https://iothubs.azure.net/.default']);
    expect(r.describe()).toBe(`IoT Hub ${HOST}`);
  });

  it('fetches the identity (with keys) only when asked, and never caches the keys', async () => {
    let requests = 0;
    nock(BASE)
      .get('/devices/pump-0042')
      .query(API)
      .times(2)
      .reply(() => {
        requests++;
        return [
          200,
          {
            deviceId: 'pump-0042',
            status: 'enabled',
            connectionState: 'Disconnected',
            statusUpdatedTime: '2025-05-01T10:00:00Z',
            connectionStateUpdatedTime: '2025-06-02T08:00:00Z',
            authentication: { type: 'sas', symmetricKey: { primaryKey: DEVICE_KEY, secondaryKey: null }, x509Thumbprint: { primaryThumbprint: null, secondaryThumbprint: null } },
          },
        ];
      });
    const r = registry();
    const withKeys = await r.lookup(['pump-0042'], { withKeys: true });
    expect(withKeys.devices.get('pump-0042')).toMatchObject({ primaryKey: DEVICE_KEY, statusUpdatedTime: '2025-05-01T10:00:00Z', connectionStateUpdatedTime: '2025-06-02T08:00:00Z' });
    // Served from the cache (no twin interceptor exists), without the key.
    const cached = await r.lookup(['pump-0042']);
    expect(cached.failure).toBeUndefined();
    expect(cached.devices.get('pump-0042')?.primaryKey).toBeUndefined();
    // Keys are not cached: a second signature check asks the hub again.
    await r.lookup(['pump-0042'], { withKeys: true });
    expect(requests).toBe(2);
  });

  it('lists modules only when asked (one extra call per found device)', async () => {
    nock(BASE).get('/twins/edge-1').query(API).reply(200, twin('edge-1'));
    nock(BASE)
      .get('/devices/edge-1/modules')
      .query(API)
      .reply(200, [{ moduleId: '$edgeAgent', deviceId: 'edge-1' }, { moduleId: 'opcPublisher', deviceId: 'edge-1' }]);
    const lookup = await registry().lookup(['edge-1'], { modules: true });
    expect(lookup.devices.get('edge-1')?.modules).toEqual(['$edgeAgent', 'opcPublisher']);
  });
});

describe('Entra ID failures', () => {
  it("says the bot has no usable identity, without calling the hub", async () => {
    const credential: TokenCredential = {
      getToken: async () => {
        throw Object.assign(new Error('ManagedIdentityCredential: no endpoint; EnvironmentCredential: AZURE_CLIENT_SECRET=... missing'), { name: 'CredentialUnavailableError' });
      },
    };
    const lookup = await createIotHubRegistry({ hostName: HOST, credential, sleep: fastSleep }).lookup(['pump-0042']);
    expect(lookup.failure?.reason).toBe('unauthorized');
    expect(lookup.failure?.message).toMatch(/could not get an Entra ID token.*CredentialUnavailableError.*not the device's problem/);
    expect(lookup.failure?.message).not.toContain('AZURE_CLIENT_SECRET');
  });
});

describe('what the answers become', () => {
  it('found, missing, disabled and X.509 devices', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).reply(200, twin('pump-0042'));
    nock(BASE).get('/twins/pump-9999').query(API).reply(404, notFound('pump-9999'));
    nock(BASE)
      .get('/twins/pump-0107')
      .query(API)
      .reply(200, twin('pump-0107', { status: 'disabled', statusReason: 'Decommissioned', statusUpdateTime: '2025-05-30T16:05:47Z', connectionState: 'Disconnected' }));
    nock(BASE)
      .get('/twins/gateway-eu-01')
      .query(API)
      .reply(200, twin('gateway-eu-01', { authenticationType: 'selfSigned', x509Thumbprint: { primaryThumbprint: 'AA'.repeat(20), secondaryThumbprint: 'BB'.repeat(20) } }));
    const lookup = await registry().lookup(['pump-0042', 'pump-9999', 'pump-0107', 'gateway-eu-01']);
    expect(lookup.failure).toBeUndefined();
    expect(lookup.devices.get('pump-0042')?.status).toBe('enabled');
    expect(lookup.devices.get('pump-9999')).toBeNull();
    expect(lookup.devices.get('pump-0107')).toMatchObject({ status: 'disabled', statusReason: 'Decommissioned', statusUpdatedTime: '2025-05-30T16:05:47Z', connectionState: 'Disconnected' });
    expect(lookup.devices.get('gateway-eu-01')).toMatchObject({ authType: 'selfSigned', primaryThumbprint: 'AA'.repeat(20), secondaryThumbprint: 'BB'.repeat(20) });
  });

  it('encodes device ids in the path', async () => {
    nock(BASE).get('/twins/line%2F3%20pump').query(API).reply(200, twin('line/3 pump'));
    expect((await registry().lookup(['line/3 pump'])).devices.get('line/3 pump')?.deviceId).toBe('line/3 pump');
  });
});

describe('throttling, faults and limits', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).reply(429, { Message: 'ErrorCode:ThrottlingException;Throttled' }, { 'Retry-After': '2' });
    nock(BASE).get('/twins/pump-0042').query(API).reply(200, twin('pump-0042'));
    const lookup = await registry().lookup(['pump-0042']);
    expect(sleeps).toEqual([2000]);
    expect(lookup.failure).toBeUndefined();
    expect(lookup.devices.get('pump-0042')?.status).toBe('enabled');
  });

  it('gives up as throttled after a few tries', async () => {
    let requests = 0;
    nock(BASE)
      .get('/twins/pump-0042')
      .query(API)
      .times(10)
      .reply(() => {
        requests++;
        return [429, { Message: 'ErrorCode:ThrottlingException;Throttled' }];
      });
    const lookup = await registry({ maxRetries: 2 }).lookup(['pump-0042']);
    expect(requests).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0]); // backoff grows (base doubles; jitter < base)
    expect(lookup.failure).toEqual({ reason: 'throttled', message: expect.stringMatching(/HTTP 429 ThrottlingException.*Gave up after 3 attempts.*1 of 1 device could not be looked up/) });
    expect(lookup.devices.size).toBe(0);
  });

  it('does not sit out a Retry-After longer than the chat can wait', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).reply(429, {}, { 'Retry-After': '120' });
    const lookup = await registry({ maxRetryAfterMs: 5000 }).lookup(['pump-0042']);
    expect(sleeps).toEqual([]);
    expect(lookup.failure?.reason).toBe('throttled');
    expect(lookup.failure?.message).toContain('wait 120 s');
  });

  it('retries a 500 with backoff', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).reply(500, { Message: 'ErrorCode:ServerError;Internal' });
    nock(BASE).get('/twins/pump-0042').query(API).reply(200, twin('pump-0042'));
    const lookup = await registry().lookup(['pump-0042']);
    expect(sleeps).toHaveLength(1);
    expect(lookup.failure).toBeUndefined();
  });

  it('reports a 5xx that persists as an error', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).times(4).reply(503, { Message: 'ErrorCode:ServiceUnavailable;x' });
    const lookup = await registry({ maxRetries: 3 }).lookup(['pump-0042']);
    expect(lookup.failure?.reason).toBe('error');
    expect(lookup.failure?.message).toContain('HTTP 503');
    expect(nock.isDone()).toBe(true);
  });

  it("says the bot lacks RegistryRead on 401, once, without asking for the other devices", async () => {
    let requests = 0;
    nock(BASE)
      .get(/\/twins\/.*/)
      .query(API)
      .times(3)
      .reply(() => {
        requests++;
        return [401, { Message: 'ErrorCode:IotHubUnauthorizedAccess;Unauthorized', ExceptionMessage: 'Tracking ID:secret-ish-tracking' }];
      });
    const lookup = await registry({ concurrency: 1 }).lookup(['a', 'b', 'c']);
    expect(requests).toBe(1);
    expect(sleeps).toEqual([]);
    expect(lookup.failure?.reason).toBe('unauthorized');
    expect(lookup.failure?.message).toMatch(/HTTP 401 IotHubUnauthorizedAccess.*RegistryRead.*not the device's problem.*3 of 3 devices/);
    expect(lookup.failure?.message).not.toContain('Tracking');
    expect(lookup.failure?.message).not.toContain(POLICY_KEY);
  });

  it('times out a slow hub', async () => {
    nock(BASE).get('/twins/pump-0042').query(API).delay(1000).reply(200, twin('pump-0042'));
    const lookup = await registry({ timeoutMs: 50 }).lookup(['pump-0042']);
    expect(lookup.failure).toEqual({ reason: 'timeout', message: expect.stringContaining('did not answer within 50 ms') });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND'])('reports %s as unreachable without retrying', async (code) => {
    // nock 14 only emits an Error instance (a plain object leaves the request hanging).
    nock(BASE).get('/twins/pump-0042').query(API).replyWithError(Object.assign(new Error(`connect ${code}`), { code }));
    const lookup = await registry().lookup(['pump-0042']);
    expect(lookup.failure).toEqual({ reason: 'unreachable', message: expect.stringContaining(`could not be reached (${code})`) });
    expect(sleeps).toEqual([]);
  });

  it('serves a repeat lookup from the cache (no second request)', async () => {
    let requests = 0;
    nock(BASE)
      .get(/\/twins\/.*/)
      .query(API)
      .times(5)
      .reply((uri) => {
        requests++;
        return uri.includes('pump-9999') ? [404, notFound('pump-9999')] : [200, twin('pump-0042')];
      });
    const r = registry();
    const first = await r.lookup(['pump-0042', 'pump-9999']);
    const second = await r.lookup(['pump-9999', 'pump-0042']);
    expect(requests).toBe(2);
    expect(second.devices).toEqual(first.devices);
    // cacheTtlMs 0 turns the cache off.
    const uncached = registry({ cacheTtlMs: 0 });
    await uncached.lookup(['pump-0042']);
    await uncached.lookup(['pump-0042']);
    expect(requests).toBe(4);
  });

  it('makes at most one request per distinct device, with bounded concurrency', async () => {
    let requests = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    nock(BASE)
      .get(/\/twins\/.*/)
      .query(API)
      .times(20)
      .reply((uri, _body, cb) => {
        requests++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const id = decodeURIComponent(uri.split('/twins/')[1].split('?')[0]);
        setTimeout(() => {
          inFlight--;
          cb(null, [200, twin(id)]);
        }, 5);
      });
    const ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];
    const lookup = await registry({ concurrency: 3 }).lookup([...ids, 'd1', 'd3', '']);
    expect(requests).toBe(ids.length);
    expect(maxInFlight).toBe(3);
    expect([...lookup.devices.keys()].sort()).toEqual(ids);
  });
});

describe('configuration', () => {
  it('refuses a device connection string, without quoting its key', () => {
    const device = `HostName=${HOST};DeviceId=pump-0042;SharedAccessKey=${DEVICE_KEY}`;
    expect(() => createIotHubRegistry({ connectionString: device })).toThrow(/device connection string.*RegistryRead/);
    expect(() => createIotHubRegistry({ connectionString: device })).not.toThrow(DEVICE_KEY);
    expect(() => createIotHubRegistry({ connectionString: `HostName=${HOST};SharedAccessKey=${DEVICE_KEY}` })).toThrow('lacks SharedAccessKeyName');
    expect(() => createIotHubRegistry({})).toThrow('needs a connection string, or a host name');
  });
});
