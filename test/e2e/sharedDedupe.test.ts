// Scale-out: two real servers (restify + CloudAdapter, as in production) share one table store (a real
// Azurite). Teams may resend a message to either instance; exactly one reply must reach the conversation.
// With the store unreachable the bot still answers, deduping in its own memory, and says so in the log.
import nock from 'nock';
import { createServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { AZURITE_KEY, azuriteConnectionString, freePort } from '../../scripts/azurite';
import { captureLogs, teamsMessage, TENANT, type CapturedLogs } from '../bot/fakes';
import { useAzurite } from '../watch/azurite';
import { startConnector, type LocalConnector, postActivity } from './connector';

const CHURN = [
  '2025-06-02T07:00:03Z deviceDisconnect device=pump-0042 401003 IoTHubUnauthorized',
  '2025-06-02T07:00:03Z deviceDisconnect device=pump-0042 404104 DeviceConnectionClosedRemotely',
  '2025-06-02T07:00:05Z deviceConnect device=pump-0042 connected',
].join('\n');

const post = postActivity;

/**
 * sharedBudgetMs: on a loaded 2-core test machine a cold store can take longer than the production budget
 * (2 s); past it the bot rightly answers without the shared check, which is the fault case tested below,
 * not the one tested here.
 */
async function startBot(connectionString: string, logs: CapturedLogs, sharedBudgetMs?: number): Promise<RunningServer> {
  const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', ALLOWED_TENANT_IDS: TENANT, WATCH_STORAGE_CONNECTION_STRING: connectionString });
  return startServer(config, await createServices(config, logs.logger), { bot: { dedupe: { sharedBudgetMs } } });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('two instances over one table store', () => {
  const azurite = useAzurite();
  let connector: LocalConnector;
  let a: RunningServer;
  let b: RunningServer;
  const logs = captureLogs();

  beforeAll(async () => {
    connector = await startConnector();
    a = await startBot(azurite.connectionString, logs, 15_000);
    b = await startBot(azurite.connectionString, logs, 15_000);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await connector?.close();
  });
  beforeEach(() => connector.captured.splice(0));

  it('report the table store on /healthz', async () => {
    for (const s of [a, b]) expect(await (await fetch(`http://127.0.0.1:${s.port}/healthz`)).json()).toMatchObject({ status: 'ok', storage: 'table' });
  });

  it('the same activity delivered to both at once: exactly one reply reaches the conversation', async () => {
    for (let round = 0; round < 5; round++) {
      connector.captured.splice(0);
      const activity = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: `resend-${round}-${Date.now()}` });
      expect(await Promise.all([post(a.port, activity), post(b.port, activity)])).toEqual([200, 200]);
      expect(connector.captured.filter((c) => c.body.type === 'message')).toHaveLength(1);
      expect(connector.captured[0].replyToId).toBe(activity.id);
    }
    expect(logs.lines().filter((l) => l.event === 'dedupe-shared-unavailable')).toEqual([]);
    expect(logs.lines().filter((l) => l.event === 'duplicate-ignored').length).toBeGreaterThanOrEqual(5);
  });

  it('a resend to the other instance later is dropped too; a new message is answered by either', async () => {
    const first = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: `later-${Date.now()}` });
    await post(a.port, first);
    await post(b.port, first);
    await post(a.port, first);
    expect(connector.captured).toHaveLength(1);
    const second = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: `new-${Date.now()}` });
    await post(b.port, second);
    expect(connector.captured.map((c) => c.replyToId)).toEqual([first.id, second.id]);
    expect(logs.raw()).not.toContain(AZURITE_KEY);
  });
});

describe('table store unreachable', () => {
  let connector: LocalConnector;
  let server: RunningServer;
  const logs = captureLogs();

  beforeAll(async () => {
    connector = await startConnector();
    // A port nobody listens on: every storage request is refused.
    server = await startBot(azuriteConnectionString(await freePort()), logs);
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it('still answers, logs the fall-back once, and this instance still drops the resend', async () => {
    const activity = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: `down-${Date.now()}` });
    expect(await post(server.port, activity)).toBe(200);
    expect(connector.captured).toHaveLength(1);
    expect(await post(server.port, activity)).toBe(200);
    expect(connector.captured).toHaveLength(1);
    const another = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: `down-2-${Date.now()}` });
    expect(await post(server.port, another)).toBe(200);
    expect(connector.captured).toHaveLength(2);

    const fallbacks = logs.lines().filter((l) => l.event === 'dedupe-shared-unavailable');
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0].level).toBe(40);
    expect(logs.raw()).not.toContain(AZURITE_KEY);
  });
});
