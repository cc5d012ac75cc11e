// End to end with live hubs: the real restify + CloudAdapter server and the directory createServices builds
// from IOTHUB_HOSTNAMES and DPS_HOSTNAME (the real azure-iothub and provisioning clients, DefaultAzureCredential
// on a managed identity), their HTTPS requests answered by nock and asserted on path, api-version and bearer
// token, each at most once. Replies are captured on a local connector.
import nock from 'nock';
import { createServices, type AppServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { knowledge } from '../../src/triage/knowledge';
import { visibleText } from '../cards/cardCheck';
import { expectCardSays } from '../bot/cardSays';
import { captureLogs, teamsMessage, TENANT } from '../bot/fakes';
import { WRONG_HUB_PASTE, IN_TEST, DPS_PUT_IT_THERE } from '../bot/hubs/directory';
import { dpsAssigned, dpsOnce, managedIdentity, notFound, twin, twinOnce } from '../registry/liveHubs';
import { startConnector, type LocalConnector, postActivity } from './connector';

const post = postActivity;


describe('server with IOTHUB_HOSTNAMES=contoso-prod,contoso-test and DPS_HOSTNAME (live, nock)', () => {
  let server: RunningServer;
  let connector: LocalConnector;
  let services: AppServices;
  let identity: ReturnType<typeof managedIdentity>;
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; href?: string; path?: string }) => unmatched.push(`${req.method} ${req.href ?? req.path}`);

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', onNoMatch);
    identity = managedIdentity();
    connector = await startConnector();
    const config = loadConfig({
      BOT_ALLOW_ANONYMOUS: 'true',
      PORT: '0',
      ALLOWED_TENANT_IDS: TENANT,
      IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test',
      DPS_HOSTNAME: 'contoso-dps',
    });
    services = await createServices(config, captureLogs().logger);
    server = await startServer(config, services);
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    services?.directory?.stop?.();
    identity?.restore();
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(() => connector.captured.splice(0));
  afterEach(() => {
    // Unmatched: a second call for the same hub and device, a missing bearer token, a wrong path or api-version.
    expect(unmatched.filter((u) => !u.includes('127.0.0.1'))).toEqual([]);
  });

  const cardOfReply = () => {
    expect(connector.captured).toHaveLength(1);
    const attachments = connector.captured[0].body.attachments as Array<{ content: unknown }>;
    return attachments[0].content;
  };

  it('the bot searches the hubs the environment names, through the directory createServices built', () => {
    expect(services.directory?.hubs()).toEqual(['contoso-prod', 'contoso-test']);
    expect(services.directory?.describe()).toBe('2 hubs: contoso-prod, contoso-test; DPS contoso-dps.azure-devices-provisioning.net');
  });

  it('a paste from contoso-prod about pump-0043, which lives in contoso-test: the wrong-hub finding, in English then in Dutch, each hub and DPS asked once', async () => {
    const calls = [twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043')), twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043')), ...dpsAssigned('pump-0043', 'contoso-test')];
    for (const [lang, locale] of [
      ['en', 'en-US'],
      ['nl', 'nl-NL'],
    ] as const) {
      connector.captured.splice(0);
      expect(await post(server.port, teamsMessage(WRONG_HUB_PASTE, { serviceUrl: connector.serviceUrl, locale }))).toBe(200);
      const card = cardOfReply();
      expectCardSays(card, { verdict: 'credential-problem', devices: ['pump-0043'], fixesFor: ['device-in-other-hub'], lang });
      const text = visibleText(card);
      expect(text).toContain(knowledge('device-in-other-hub', lang).title);
      expect(text).toContain(IN_TEST(lang).text);
      expect(text).toContain(IN_TEST(lang).fix[0]);
      expect(text).toContain(DPS_PUT_IT_THERE(lang).text);
    }
    // Asked once each (the Dutch turn was answered from the directory's cache), with the bearer token.
    expect(calls.every((c) => c.isDone())).toBe(true);
    expect(new Set(identity.resources)).toEqual(new Set(['https://iothubs.azure.net', 'https://azure-devices-provisioning.net']));
  });

  it('contoso-prod answers 429 while contoso-test answers: still a card, and it says which hub could not be asked', async () => {
    const calls = [
      twinOnce('contoso-prod', 'pump-0044', 429, { Message: 'ErrorCode:ThrottlingException;Throttled' }, { 'Retry-After': '30' }),
      twinOnce('contoso-test', 'pump-0044', 200, twin('pump-0044')),
      dpsOnce('/registrations/pump-0044', 404, { errorCode: 404201, trackingId: 'abc', message: 'Device registration not found.' }),
    ];
    const paste = '2026-10-05T09:00:01Z pump-0044 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net';
    expect(await post(server.port, teamsMessage(paste, { serviceUrl: connector.serviceUrl }))).toBe(200);
    const text = visibleText(cardOfReply());
    expect(calls.every((c) => c.isDone())).toBe(true);
    expect(text).toContain('pump-0044');
    // The note names the hub that could not be asked (the 429), not "the registry".
    expect(text).toContain('IoT Hub contoso-prod throttled the registry lookup');
    expect(text).not.toContain('IoT Hub contoso-test throttled');
  });
});
