// The real LogsQueryClient, its HTTPS calls intercepted by nock, a fake Entra ID credential: the request
// carries the KQL, the timespan and the bearer token; answers, partial answers and faults become outcomes
// (and cards) that say what happened.
import nock from 'nock';
import { fleetCard } from '../../src/cards';
import { fleetStrings } from '../../src/cards/fleetStrings';
import { createLogAnalyticsFleetSource } from '../../src/fleet/logAnalytics';
import { createFleetSourceFromEnv } from '../../src/fleet/fromEnv';
import { fleetKql } from '../../src/triage/fleetKql';
import { visibleText } from '../cards/cardCheck';
import { churn, connect, lockedOut } from '../triage/synth';
import { apiPayload, referenceTable } from './kqlReference';
import { FAKE_TOKEN, fakeCredential, fleetCardProblems } from './helpers';
import { CREDENTIAL_MESSAGES, HUB, laRow } from './synthFleet';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const API = 'https://api.loganalytics.io';
const PATH = `/v1/workspaces/${WS}/query`;

function sampleRows() {
  const t0 = new Date('2026-05-01T00:00:00Z');
  return [
    ...churn('pump-0001', t0, 6),
    ...churn('pump-0002', t0, 5, 60, 3),
    connect('pump-0042', t0),
    ...lockedOut('pump-0042', new Date(t0.getTime() + 60_000), 7),
    ...lockedOut('cam-7', t0, 3, 90, CREDENTIAL_MESSAGES[0]),
  ].map(laRow);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests(); // the delayed reply of the timeout test must not outlive it
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('Log Analytics fleet source', () => {
  test('POSTs the fleet KQL with the timespan and the bearer token, and judges each device', async () => {
    const credential = fakeCredential();
    let body: { query?: string; timespan?: string } = {};
    const scope = nock(API)
      .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
      .post(PATH, (b) => {
        body = b;
        return true;
      })
      .reply(200, apiPayload(referenceTable(sampleRows(), HUB)));
    const source = createLogAnalyticsFleetSource({ credential, workspaceId: WS, timeoutMs: 5000 });
    const outcome = await source.check({ hub: HUB, since: '24h' });
    expect(scope.isDone()).toBe(true);
    expect(body.query).toBe(fleetKql({ hub: HUB, since: '24h' }));
    expect(body.timespan).toBe('P1D');
    expect(credential.scopes).toContainEqual(['https://api.loganalytics.io/.default']);
    if (!outcome.ok) throw new Error(outcome.message);
    const r = outcome.result;
    expect(r.devices.map((d) => [d.deviceId, d.verdict])).toEqual([
      ['pump-0042', 'credential-problem'],
      ['cam-7', 'credential-problem'],
      ['pump-0001', 'token-expiry-churn'],
      ['pump-0002', 'token-expiry-churn'],
    ]);
    expect(r.devices.find((d) => d.deviceId === 'cam-7')!.kinds).toContain('thumbprint-mismatch');
    expect(r.devices.find((d) => d.deviceId === 'pump-0042')!.kinds).toEqual(['unrecovered-unauthorized']);
    expect(r.devices.find((d) => d.deviceId === 'pump-0001')!.summary.medianIntervalMinutes).toBe(65);
    expect(r.devices.find((d) => d.deviceId === 'pump-0001')!.summary.firstSeen).toBe('2026-05-01T00:00:00.000Z');
    expect(r.totals).toEqual({ churn: 2, credential: 2, fine: 0, other: 0, devices: 4 });
    expect(r.truncated).toBe(false);
    expect(r.partial).toBeUndefined();
    const card = fleetCard(outcome, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain('pump-0042');
  });

  test('a drill-down narrows the query to the device, escaped', async () => {
    let query = '';
    nock(API)
      .post(PATH, (b) => {
        query = b.query;
        return true;
      })
      .reply(200, apiPayload(referenceTable(sampleRows(), HUB, { deviceId: 'pump-0042' })));
    const source = createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS });
    const outcome = await source.check({ hub: `${HUB}.azure-devices.net`, since: '6h', deviceId: 'pump-0042' });
    expect(query).toBe(fleetKql({ hub: HUB, since: '6h', deviceId: 'pump-0042' }));
    expect(query).toContain('| where DeviceId == "pump-0042"');
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.deviceId).toBe('pump-0042');
    expect(outcome.result.devices.map((d) => d.deviceId)).toEqual(['pump-0042']);
  });

  test('a hostile device id from card data reaches the workspace only as one escaped literal', async () => {
    let query = '';
    nock(API)
      .post(PATH, (b) => {
        query = b.query;
        return true;
      })
      .reply(200, apiPayload(referenceTable([], HUB)));
    const evil = 'x" | union SigninLogs | take 1 //';
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '24h', deviceId: evil });
    expect(outcome.ok).toBe(true);
    expect(query).toContain('| where DeviceId == "x\\" | union SigninLogs | take 1 //"');
    expect(query.split('\n').filter((l) => l.includes('SigninLogs'))).toHaveLength(1);
  });

  test('a partial failure keeps the rows and says the counts may be low', async () => {
    nock(API)
      .post(PATH)
      .reply(
        200,
        apiPayload(referenceTable(sampleRows(), HUB), {
          error: { code: 'PartialError', message: 'There were some errors when processing your query.', details: [{ code: 'EngineError', message: 'Query exceeded memory limit on one shard' }] },
        }),
      );
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '7d' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.partial?.message).toMatch(/PartialError: There were some errors/);
    expect(outcome.result.devices).toHaveLength(4);
    const card = fleetCard(outcome, { lang: 'nl' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('nl').partial);
  });

  test('429 with Retry-After answers at once: throttled, with the wait', async () => {
    const scope = nock(API).post(PATH).reply(429, { error: { code: 'ThrottledError', message: 'Too many requests' } }, { 'Retry-After': '42' });
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '24h' });
    expect(scope.isDone()).toBe(true);
    expect(outcome).toMatchObject({ ok: false, reason: 'throttled' });
    if (outcome.ok) return;
    expect(outcome.message).toContain('42 s');
    expect(outcome.query).toBe(fleetKql({ hub: HUB, since: '24h' }));
    const card = fleetCard(outcome, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('en').failure.throttled.title);
    expect(visibleText(card)).toContain('42 s');
  });

  test('a slow workspace times out with a clear message instead of hanging', async () => {
    nock(API).post(PATH).delay(3000).reply(200, apiPayload(referenceTable([], HUB)));
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS, timeoutMs: 150 }).check({ hub: HUB, since: '24h' });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    const card = fleetCard(outcome, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('en').failure.timeout.hint);
  });

  test('an empty workspace: no devices, and the card says where the logs should come from', async () => {
    nock(API).post(PATH).reply(200, apiPayload(referenceTable([], HUB)));
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '1h' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.devices).toEqual([]);
    expect(outcome.result.totals).toEqual({ churn: 0, credential: 0, fine: 0, other: 0, devices: 0 });
    const card = fleetCard(outcome, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    const text = visibleText(card);
    expect(text).toContain(fleetStrings('en').headline.empty);
    expect(text).toContain(fleetStrings('en').emptyHint);
  });

  test('a workspace without the AzureDiagnostics table says to add the diagnostic setting', async () => {
    nock(API)
      .post(PATH)
      .reply(400, { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SemanticError', message: "'where' operator: Failed to resolve table or column expression named 'AzureDiagnostics'" } } });
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '24h' });
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-request' });
    if (!outcome.ok) expect(outcome.message).toMatch(/diagnostic setting/);
  });

  test.each([401, 403])('%i: the identity lacks the Log Analytics Reader role', async (status) => {
    nock(API).post(PATH).reply(status, { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access to perform the requested operation' } });
    const outcome = await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '24h' });
    expect(outcome).toMatchObject({ ok: false, reason: 'unauthorized' });
    if (!outcome.ok) expect(outcome.message).toMatch(/Log Analytics Reader/);
  });

  test('no sign-in available, a network error, a credential that throws: outcomes, never a rejection', async () => {
    const noLogin = { getToken: async () => Promise.reject(Object.assign(new Error('DefaultAzureCredential failed to retrieve a token'), { name: 'CredentialUnavailableError' })) };
    expect(await createLogAnalyticsFleetSource({ credential: noLogin, workspaceId: WS }).check({ hub: HUB, since: '24h' })).toMatchObject({ ok: false, reason: 'unauthorized' });
    nock(API).post(PATH).replyWithError('socket hang up');
    expect(await createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }).check({ hub: HUB, since: '24h' })).toMatchObject({ ok: false, reason: 'error' });
  });

  test('bad input never reaches the workspace', async () => {
    const source = createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS });
    for (const hub of ['x', 'a".."b', 'contoso iot', 'h'.repeat(51)]) expect(await source.check({ hub, since: '24h' })).toMatchObject({ ok: false, reason: 'bad-request' });
    expect(await source.check({ hub: HUB, since: '2h' as never })).toMatchObject({ ok: false, reason: 'bad-request' });
    expect(await source.check({ hub: HUB, since: '24h', deviceId: 'd'.repeat(129) })).toMatchObject({ ok: false, reason: 'bad-request' });
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('resource-centric: queries the hub resource and refuses another hub', async () => {
    const resourceId = `/subscriptions/1f2e3d4c-0000-4000-8000-00000000cafe/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/${HUB}`;
    let path = '';
    nock(API)
      .post(/\/query$/, () => true)
      .reply(function () {
        path = this.req.path;
        return [200, apiPayload(referenceTable(sampleRows(), HUB))];
      });
    const source = createFleetSourceFromEnv({ IOTHUB_RESOURCE_ID: resourceId }, { credential: fakeCredential() })!;
    const outcome = await source.check({ hub: HUB, since: '24h' });
    expect(outcome.ok).toBe(true);
    expect(path).toBe(`/v1${resourceId}/query`);
    expect(await source.check({ hub: 'other-hub', since: '24h' })).toMatchObject({ ok: false, reason: 'bad-request' });
  });
});

describe('createFleetSourceFromEnv', () => {
  test('needs a workspace GUID or a hub resource id', () => {
    const credential = fakeCredential();
    expect(createFleetSourceFromEnv({}, { credential })).toBeUndefined();
    expect(createFleetSourceFromEnv({ LOG_ANALYTICS_WORKSPACE_ID: 'not-a-guid' }, { credential })).toBeUndefined();
    expect(createFleetSourceFromEnv({ IOTHUB_RESOURCE_ID: '/subscriptions/x/resourceGroups/y' }, { credential })).toBeUndefined();
    expect(createFleetSourceFromEnv({ LOG_ANALYTICS_WORKSPACE_ID: WS }, { credential })).toBeDefined();
  });
});
