// End to end with several hubs: the real restify + CloudAdapter server, Teams-shaped activities over HTTP,
// replies captured on a local connector. The bot's HubDirectory reads the test's hub and DPS snapshot files.
import nock from 'nock';
import { createServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { strings } from '../../src/cards/strings';
import { knowledge } from '../../src/triage/knowledge';
import { visibleText } from '../cards/cardCheck';
import { expectCardSays } from '../bot/cardSays';
import { captureLogs, teamsMessage, TENANT } from '../bot/fakes';
import { fixtureDirectory, WRONG_HUB_PASTE, IN_TEST, DPS_PUT_IT_THERE } from '../bot/hubs/directory';
import { startConnector, type LocalConnector, postActivity } from './connector';

const post = postActivity;


describe('server with several hubs and DPS (snapshots)', () => {
  let server: RunningServer;
  let connector: LocalConnector;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    connector = await startConnector();
    const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', ALLOWED_TENANT_IDS: TENANT });
    const services = await createServices(config, captureLogs().logger);
    server = await startServer(config, { ...services, directory: fixtureDirectory() });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    nock.enableNetConnect();
  });
  beforeEach(() => connector.captured.splice(0));

  const cardOfReply = () => {
    expect(connector.captured).toHaveLength(1);
    const attachments = connector.captured[0].body.attachments as Array<{ content: unknown }>;
    return attachments[0].content;
  };

  it.each([
    ['en', 'en-US'],
    ['nl', 'nl-NL'],
  ] as const)('a paste from contoso-prod about pump-0043, which lives in contoso-test: the wrong-hub finding on the card (%s)', async (lang, locale) => {
    expect(await post(server.port, teamsMessage(WRONG_HUB_PASTE, { serviceUrl: connector.serviceUrl, locale }))).toBe(200);
    const card = cardOfReply();
    expectCardSays(card, { verdict: 'credential-problem', devices: ['pump-0043'], fixesFor: ['device-in-other-hub'], lang });
    const text = visibleText(card);
    expect(text).toContain(knowledge('device-in-other-hub', lang).title);
    expect(text).toContain(IN_TEST(lang).text);
    expect(text).toContain(IN_TEST(lang).fix[0]);
    expect(text).toContain(DPS_PUT_IT_THERE(lang).text);
  });

  it('the same paste @mentioned in a channel is answered in the thread with the same finding', async () => {
    expect(await post(server.port, teamsMessage(WRONG_HUB_PASTE, { kind: 'channel', serviceUrl: connector.serviceUrl }))).toBe(200);
    expect(visibleText(cardOfReply())).toContain(IN_TEST('en').text);
  });

  it('lookup pump-0043 in Dutch: the device card lists each hub and DPS', async () => {
    expect(await post(server.port, teamsMessage('opzoeken pump-0043', { serviceUrl: connector.serviceUrl, locale: 'nl-NL' }))).toBe(200);
    const text = visibleText(cardOfReply());
    const s = strings('nl');
    expect(text).toContain(`contoso-prod: \n${s.hubNotRegistered}`);
    expect(text).toContain(`contoso-test: \n${s.hubRegistered(s.enabled, s.authType.sas)}`);
    expect(text).toContain(s.dpsAssigned('contoso-test', '2026-10-02'));
  });
});
