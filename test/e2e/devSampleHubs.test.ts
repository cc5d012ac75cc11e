// The hubs `npm run dev` gives the Playground (scripts/sampleHubs.ts), through the real server: the examples
// card's "not registered" paste gets the wrong-hub finding, and the single-hub sample's devices still answer.
import { join } from 'node:path';
import { createServices } from '../../src/app';
import { EXAMPLE_PASTES } from '../../src/cards/examples';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { SAMPLE_DPS, SAMPLE_SNAPSHOTS } from '../../scripts/sampleHubs';
import { visibleText } from '../cards/cardCheck';
import { expectCardSays } from '../bot/cardSays';
import { captureLogs, teamsMessage, TENANT } from '../bot/fakes';
import { startConnector, type LocalConnector, postActivity } from './connector';

const ROOT = join(__dirname, '../..');
const fromRoot = (list: string) =>
  list
    .split(',')
    .map((p) => join(ROOT, p))
    .join(',');

const post = postActivity;

describe('npm run dev sample hubs', () => {
  let server: RunningServer;
  let connector: LocalConnector;

  beforeAll(async () => {
    connector = await startConnector();
    const config = loadConfig({
      BOT_ALLOW_ANONYMOUS: 'true',
      PORT: '0',
      ALLOWED_TENANT_IDS: TENANT,
      IOTHUB_REGISTRY_SNAPSHOT: fromRoot(SAMPLE_SNAPSHOTS),
      DPS_REGISTRATION_SNAPSHOT: fromRoot(SAMPLE_DPS),
    });
    const services = await createServices(config, captureLogs().logger);
    expect(services.directory?.hubs()).toEqual(['contoso-prod', 'contoso-test', 'contoso-hub']);
    server = await startServer(config, services);
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });
  beforeEach(() => connector.captured.splice(0));

  const cardOfReply = () => {
    expect(connector.captured).toHaveLength(1);
    return (connector.captured[0].body.attachments as Array<{ content: unknown }>)[0].content;
  };

  it.each(['en', 'nl'] as const)('the examples card\'s "not registered" paste: pump-0043 lives in contoso-test, where DPS put it (%s)', async (lang) => {
    const example = EXAMPLE_PASTES.find((e) => e.key === 'notRegistered');
    expect(await post(server.port, teamsMessage(example!.lines.join('\n'), { serviceUrl: connector.serviceUrl, locale: lang === 'nl' ? 'nl-NL' : 'en-US' }))).toBe(200);
    const card = cardOfReply();
    expectCardSays(card, { verdict: 'credential-problem', devices: ['pump-0043'], fixesFor: ['device-in-other-hub'], lang });
    expect(visibleText(card)).toContain('contoso-test');
  });

  it('a device only the single-hub sample has (pump-0107, disabled) is still found', async () => {
    expect(await post(server.port, teamsMessage('pump-0107 keeps failing with 401003, why?', { serviceUrl: connector.serviceUrl }))).toBe(200);
    expectCardSays(cardOfReply(), { verdict: 'credential-problem', devices: ['pump-0107'], fixesFor: ['device-disabled'], lang: 'en' });
  });
});
