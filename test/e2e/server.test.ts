// End to end: the real restify + CloudAdapter server on a free port, Teams-shaped activities over HTTP,
// replies captured on a local connector (the activities' serviceUrl).
import { join } from 'node:path';
import nock from 'nock';
import { createServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { triage } from '../../src/triage';
import { verdictText } from '../../src/triage/knowledge';
import { BOT, captureLogs, teamsMessage, TENANT, type CapturedLogs } from '../bot/fakes';
import { asTeamsHtml, CONNECTION_STRING, DEVICE_KEY } from '../bot/samples';
import { startConnector, type LocalConnector } from './connector';

const CARD = 'application/vnd.microsoft.card.adaptive';
const SNAPSHOT = join(__dirname, '../../samples/registry-snapshot.json');

const CHURN = [
  '2025-06-02T07:00:03Z deviceDisconnect device=pump-0042 401003 IoTHubUnauthorized',
  '2025-06-02T07:00:03Z deviceDisconnect device=pump-0042 404104 DeviceConnectionClosedRemotely',
  '2025-06-02T07:00:05Z deviceConnect device=pump-0042 connected',
  '2025-06-02T08:05:03Z deviceDisconnect device=pump-0042 401003 IoTHubUnauthorized',
  '2025-06-02T08:05:03Z deviceDisconnect device=pump-0042 404104 DeviceConnectionClosedRemotely',
  '2025-06-02T08:05:06Z deviceConnect device=pump-0042 connected',
].join('\n');

const THUMBPRINT =
  '2025-06-02T09:00:00Z deviceConnect device=gateway-eu-01 401003 Thumbprint does not match configuration: Thumbprint: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=1111111111111111111111111111111111111111111111111111111111111111; Configuration: PrimaryThumbprint=96D972D270F88F182CFB6E55FA65F37BFC46AC86, SecondaryThumbprint=D46AB25A4FDA013FF4E7EA55D6B84C9630C39F0A';

async function post(port: number, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(() => {
  // Loopback only: anything else (token endpoints, OpenID metadata) must not be needed.
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('server without an app id (local, anonymous)', () => {
  let server: RunningServer;
  let connector: LocalConnector;
  let logs: CapturedLogs;

  beforeAll(async () => {
    connector = await startConnector();
    logs = captureLogs();
    const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT, ALLOWED_TENANT_IDS: TENANT });
    server = await startServer(config, await createServices(config, logs.logger));
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });
  beforeEach(() => connector.captured.splice(0));

  it('listens on loopback only and reports health', async () => {
    expect(server.host).toBe('127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', auth: 'anonymous', registry: 'snapshot' });
  });

  it('a churn log in personal chat: the verdict card at once (no typing for a fast answer), in that conversation', async () => {
    const activity = teamsMessage(CHURN, { serviceUrl: connector.serviceUrl, id: 'p-1' });
    const res = await post(server.port, activity);
    expect(res.status).toBe(200);
    expect(connector.captured.map((c) => c.body.type)).toEqual(['message']);
    const reply = connector.captured[0];
    expect(reply.conversationId).toBe('a:1personal-chat');
    expect(reply.replyToId).toBe('p-1');
    const attachments = reply.body.attachments as Array<{ contentType: string; content: { type: string } }>;
    expect(attachments[0].contentType).toBe(CARD);
    expect(attachments[0].content.type).toBe('AdaptiveCard');
    // The engine's verdict for this log, carried as the notification summary.
    expect(reply.body.summary).toBe(verdictText(triage(CHURN, { now: new Date() }).verdict, 'en').headline);
    expect(reply.body.summary).toBe(verdictText('token-expiry-churn', 'en').headline);
  });

  it('a thumbprint mismatch @mentioned in a channel: answered in the thread, lines rebuilt from the HTML', async () => {
    const { html, flat } = asTeamsHtml(THUMBPRINT, BOT.name);
    const activity = teamsMessage(flat, { kind: 'channel', html, serviceUrl: connector.serviceUrl, id: 'root-42' });
    expect((await post(server.port, activity)).status).toBe(200);
    expect(connector.captured).toHaveLength(1);
    const reply = connector.captured[0];
    expect(reply.conversationId).toBe('19:incident-channel@thread.tacv2;messageid=1700000000000');
    expect(reply.replyToId).toBe('root-42');
    expect((reply.body.attachments as Array<{ contentType: string }>)[0].contentType).toBe(CARD);
    expect(reply.body.summary).toBe(verdictText('credential-problem', 'en').headline);
    const logged = logs.lines().find((l) => l.event === 'turn' && (l.kinds as string[] | undefined)?.includes('thumbprint-mismatch'));
    expect(logged).toMatchObject({ verdict: 'credential-problem' });
  });

  it('a pasted connection string: a card comes back and the key appears nowhere', async () => {
    const activity = teamsMessage(`our device says unauthorized, using\n${CONNECTION_STRING}`, { kind: 'groupChat', serviceUrl: connector.serviceUrl });
    expect((await post(server.port, activity)).status).toBe(200);
    expect(connector.captured).toHaveLength(1);
    expect((connector.captured[0].body.attachments as Array<{ contentType: string }>)[0].contentType).toBe(CARD);
    expect(connector.captured[0].raw).not.toContain(DEVICE_KEY);
    expect(logs.raw()).not.toContain(DEVICE_KEY);
    expect(logs.raw()).not.toContain('our device says');
  });

  it('a Universal Action gets an invoke response in the HTTP body', async () => {
    const invoke = {
      ...teamsMessage('', { serviceUrl: connector.serviceUrl, mention: false }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'feedback', data: { helpful: true, verdict: 'token-expiry-churn' } } },
    };
    const res = await post(server.port, invoke);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });

  it('another tenant gets a polite refusal', async () => {
    const activity = teamsMessage('lookup pump-0042', { tenant: '11111111-2222-3333-4444-555555555555', serviceUrl: connector.serviceUrl });
    expect((await post(server.port, activity)).status).toBe(200);
    expect(connector.captured).toHaveLength(1);
    expect(connector.captured[0].body.attachments).toBeUndefined();
    expect(String(connector.captured[0].body.text)).toMatch(/isn't available/);
  });

  it('bad requests get 4xx and the server keeps serving', async () => {
    const notJson = await post(server.port, 'not json, SharedAccessKey=abc');
    expect(notJson.status).toBe(400);
    expect(notJson.text).not.toContain('SharedAccessKey');
    expect((await post(server.port, { hello: 'world' })).status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });
});

describe('server with an app id', () => {
  let server: RunningServer;
  let connector: LocalConnector;
  let errorSpy: jest.SpyInstance;

  beforeAll(async () => {
    // CloudAdapter prints rejected requests with console.error; keep the test output readable.
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    connector = await startConnector();
    const config = loadConfig({
      MicrosoftAppId: '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      PORT: '0',
    });
    // The config would listen on all interfaces; the test needs loopback only.
    server = await startServer({ ...config, host: '127.0.0.1' }, { clock: () => new Date(), logger: captureLogs().logger });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    errorSpy?.mockRestore();
  });

  it('rejects a request without a token with 401 and sends nothing', async () => {
    const res = await post(server.port, teamsMessage('help', { serviceUrl: connector.serviceUrl }));
    expect(res.status).toBe(401);
    expect(connector.captured).toEqual([]);
  });

  it('rejects a garbage token with 401', async () => {
    const res = await post(server.port, teamsMessage('help', { serviceUrl: connector.serviceUrl }), { authorization: 'Bearer garbage' });
    expect(res.status).toBe(401);
    expect(connector.captured).toEqual([]);
  });

  it('still answers health checks', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', auth: 'SingleTenant' });
  });
});
