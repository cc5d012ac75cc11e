// "Triage with IoT Hub Triage" (message extension action on messages): fetchTask opens the verdict in a
// dialog with a "Post" button; submitAction posts the card into the conversation (the thread, in a
// channel), or offers the just-in-time install when the bot is not a member. Invoke shapes follow the
// Teams docs (composeExtension/fetchTask and composeExtension/submitAction with value.commandId,
// commandContext 'message', messagePayload.body {contentType 'html', content}, data from the dialog).
import { expectCardSays } from './cardSays';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import nock from 'nock';
import { createServices } from '../../src/app';
import { compactTriage, verdictCard, type AdaptiveCard } from '../../src/cards';
import { CARD_SIZE_LIMIT } from '../../src/cards/types';
import { botText } from '../../src/bot/messages';
import {
  isBotNotInConversation,
  messagePayloadText,
  POST_TO_THREAD,
  threadConversationId,
  withPostButton,
} from '../../src/bot/messageAction';
import { TriageBot } from '../../src/bot/teamsBot';
import type { BotServices } from '../../src/bot/services';
import { tenantRefusal } from '../../src/bot/tenant';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { triage } from '../../src/triage';
import { BOT, captureLogs, FakeTelemetry, NOW, OTHER_TENANT, TENANT, USER } from './fakes';
import { CHURN_LOG, CONNECTION_STRING, DEVICE_KEY, THUMBPRINT_LOG } from './samples';

const CARD = 'application/vnd.microsoft.card.adaptive';
const CHANNEL = '19:incident-channel@thread.tacv2';
const ROOT_MESSAGE = '1700000000000';
const SNAPSHOT = join(__dirname, '../../samples/registry-snapshot.json');

const asHtml = (text: string) =>
  text
    .split('\n')
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');

type Kind = 'channel' | 'groupChat' | 'personal';

/** A message-extension invoke as Teams sends it for a command run from a message's "…" menu. */
function extensionInvoke(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: Record<string, unknown>,
  opts: { kind?: Kind; tenant?: string; serviceUrl?: string; conversationId?: string } = {},
): Partial<Activity> {
  const kind = opts.kind ?? 'channel';
  const tenant = opts.tenant ?? TENANT;
  const conversationId = opts.conversationId ?? (kind === 'channel' ? CHANNEL : kind === 'groupChat' ? '19:group-chat@thread.v2' : 'a:1personal-chat');
  return {
    type: 'invoke',
    name,
    id: `f:${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl ?? 'https://smba.trafficmanager.net/emea/',
    from: USER,
    recipient: BOT,
    locale: 'en-US',
    conversation: { id: conversationId, conversationType: kind, tenantId: tenant, isGroup: kind !== 'personal' } as Activity['conversation'],
    channelData: { tenant: { id: tenant }, ...(kind === 'channel' ? { channel: { id: CHANNEL }, team: { id: '19:team' } } : {}), source: { name: 'message' } },
    value: { commandContext: 'message', context: { theme: 'default' }, ...value },
  };
}

function payload(text: string, extra: Record<string, unknown> = {}) {
  return { id: ROOT_MESSAGE, replyToId: null, messageType: 'message', body: { contentType: 'html', content: asHtml(text) }, ...extra };
}

const fetchTask = (text: string, opts: Parameters<typeof extensionInvoke>[2] = {}) =>
  extensionInvoke('composeExtension/fetchTask', { commandId: 'triageMessage', messagePayload: payload(text) }, opts);

const submit = (data: unknown, messagePayload: unknown, opts: Parameters<typeof extensionInvoke>[2] = {}) =>
  extensionInvoke('composeExtension/submitAction', { commandId: 'triageMessage', data, ...(messagePayload ? { messagePayload } : {}) }, opts);

interface TaskBody {
  task?: { type: string; value: string | { card: { contentType: string; content: AdaptiveCard }; title: string } };
  composeExtension?: unknown;
}

function cardOfTask(body: TaskBody): AdaptiveCard {
  expect(body.task?.type).toBe('continue');
  const value = body.task?.value as { card: { contentType: string; content: AdaptiveCard } };
  expect(value.card.contentType).toBe(CARD);
  return value.card.content;
}

interface SubmitAction {
  type: string;
  title: string;
  data: Record<string, unknown>;
}

function submitActions(card: AdaptiveCard): SubmitAction[] {
  return ((card.actions ?? []) as SubmitAction[]).filter((a) => a.type === 'Action.Submit');
}

describe('message action: plain parts', () => {
  it('reads the HTML body of the message as text lines', () => {
    expect(messagePayloadText(payload(CHURN_LOG))).toBe(CHURN_LOG);
    expect(messagePayloadText({ body: { contentType: 'text', content: 'a\r\nb' } })).toBe('a\nb');
    expect(messagePayloadText(undefined)).toBe('');
    expect(messagePayloadText({ body: null })).toBe('');
  });

  it('addresses a channel post to the thread of the message, and leaves chats alone', () => {
    expect(threadConversationId({ id: CHANNEL, conversationType: 'channel' }, { id: ROOT_MESSAGE })).toBe(`${CHANNEL};messageid=${ROOT_MESSAGE}`);
    // A reply in a thread: the thread's root is its replyToId.
    expect(threadConversationId({ id: CHANNEL, conversationType: 'channel' }, { id: '1700000000999', replyToId: ROOT_MESSAGE })).toBe(
      `${CHANNEL};messageid=${ROOT_MESSAGE}`,
    );
    expect(threadConversationId({ id: `${CHANNEL};messageid=42`, conversationType: 'channel' }, { id: ROOT_MESSAGE })).toBe(`${CHANNEL};messageid=42`);
    expect(threadConversationId({ id: '19:group@thread.v2', conversationType: 'groupChat' }, { id: ROOT_MESSAGE })).toBe('19:group@thread.v2');
    // A message id that is not an id is not pasted into the address.
    expect(threadConversationId({ id: CHANNEL, conversationType: 'channel' }, { id: '1/../x' })).toBe(CHANNEL);
    expect(threadConversationId(undefined, undefined)).toBeUndefined();
  });

  it('recognises the connector error for "bot not in the conversation" and nothing else', () => {
    expect(isBotNotInConversation({ code: 'BotNotInConversationRoster', statusCode: 403 })).toBe(true);
    expect(isBotNotInConversation({ statusCode: 403, body: { error: { code: 'BotNotInConversationRoster' } } })).toBe(true);
    expect(isBotNotInConversation(new Error('BotNotInConversationRoster: The bot is not part of the conversation roster.'))).toBe(true);
    expect(isBotNotInConversation({ code: 'ConversationBlockedByUser', statusCode: 403 })).toBe(false);
    expect(isBotNotInConversation(new Error('socket hang up'))).toBe(false);
    expect(isBotNotInConversation(undefined)).toBe(false);
  });

  it('the post button carries the compact triage, or only its marker when the card would grow too large', () => {
    const t = triage(CHURN_LOG, { now: NOW });
    const card = verdictCard(t, { lang: 'en' });
    const withButton = withPostButton(card, t, 'en', 'channel');
    const [post] = submitActions(withButton);
    expect(post).toMatchObject({ title: 'Post to thread', data: { iothubTriage: POST_TO_THREAD, triage: compactTriage(t) } });
    expect(submitActions(withPostButton(card, t, 'nl', 'personal'))[0].title).toBe('Plaats in de chat');
    const huge: AdaptiveCard = { ...card, body: [{ type: 'TextBlock', text: 'x'.repeat(CARD_SIZE_LIMIT - 2_000) }] };
    expect(submitActions(withPostButton(huge, t, 'en', 'channel'))[0].data).toEqual({ iothubTriage: POST_TO_THREAD });
  });
});

describe('message action through the bot (TestAdapter)', () => {
  function harness() {
    const logs = captureLogs();
    const telemetry = new FakeTelemetry();
    const services: BotServices = { clock: () => NOW, logger: logs.logger, telemetry };
    const bot = new TriageBot(services, { allowedTenantIds: [TENANT] });
    const adapter = new TestAdapter(async (context) => bot.run(context));
    const send = async (activity: Partial<Activity>) => {
      await adapter.processActivity(activity);
      const replies = adapter.activeQueue.splice(0);
      const invoke = replies.find((r) => r.type === 'invokeResponse')?.value as { status: number; body: TaskBody };
      return { invoke, posted: replies.filter((r) => r.type === 'message') };
    };
    return { services, send, telemetry, logs };
  }

  it('fetchTask: the verdict card in a dialog, with "Post to thread" first', async () => {
    const h = harness();
    const { invoke } = await h.send(fetchTask(THUMBPRINT_LOG));
    expect(invoke.status).toBe(200);
    const card = cardOfTask(invoke.body);
    expectCardSays(card, { verdict: 'credential-problem', devices: ['camera-7'], fixesFor: ['thumbprint-mismatch'] });
    expect(submitActions(card)[0].title).toBe('Post to thread');
    expect(h.telemetry.triages).toEqual([expect.objectContaining({ source: 'action', verdict: 'credential-problem' })]);
    // The dialog's turn line carries the triage; there is no second line for it.
    const lines = h.logs.lines();
    expect(lines.filter((l) => l.event === 'turn')).toEqual([expect.objectContaining({ name: 'composeExtension/fetchTask', verdict: 'credential-problem', kinds: ['thumbprint-mismatch'] })]);
    expect(lines.find((l) => l.event === 'triage')).toBeUndefined();
  });

  it('submitAction posts the card as a new message in the thread of the message and closes the dialog', async () => {
    const h = harness();
    const { invoke, posted } = await h.send(submit({ iothubTriage: POST_TO_THREAD }, payload(CHURN_LOG)));
    expect(invoke).toEqual({ status: 200, body: {} });
    expect(posted).toHaveLength(1);
    expect(posted[0].conversation?.id).toBe(`${CHANNEL};messageid=${ROOT_MESSAGE}`);
    expect(posted[0].replyToId).toBeUndefined();
    expectCardSays(posted[0].attachments?.[0].content, { verdict: 'token-expiry-churn', devices: ['thermostat-042'] });
    // Posting is not a second triage for the counters.
    expect(h.telemetry.triages).toEqual([]);
  });

  it('without the message payload, posts from the compact triage the button carried', async () => {
    const h = harness();
    const t = triage(THUMBPRINT_LOG, { now: NOW });
    const { invoke, posted } = await h.send(submit({ iothubTriage: POST_TO_THREAD, triage: compactTriage(t) }, undefined, { kind: 'groupChat' }));
    expect(invoke.body).toEqual({});
    expect(posted[0].conversation?.id).toBe('19:group-chat@thread.v2');
    expectCardSays(posted[0].attachments?.[0].content, { verdict: 'credential-problem', devices: ['camera-7'], fixesFor: ['thumbprint-mismatch'] });
  });

  it('refuses a carried triage that is not one, or that holds a secret, and posts nothing', async () => {
    const h = harness();
    const bogus = await h.send(submit({ iothubTriage: POST_TO_THREAD, triage: { verdict: 'all-good' } }, undefined));
    expect(bogus.invoke.body).toEqual({ task: { type: 'message', value: botText('badActionData', 'en') } });
    const t = compactTriage(triage(CHURN_LOG, { now: NOW }));
    const tampered = await h.send(submit({ iothubTriage: POST_TO_THREAD, triage: { ...t, kql: CONNECTION_STRING } }, undefined));
    expect(tampered.invoke.body).toEqual({ task: { type: 'message', value: botText('badActionData', 'en') } });
    expect([...bogus.posted, ...tampered.posted]).toEqual([]);
  });

  it('a secret in the source message never reaches the posted card', async () => {
    const h = harness();
    const { posted } = await h.send(submit({ iothubTriage: POST_TO_THREAD }, payload(`${THUMBPRINT_LOG}\n${CONNECTION_STRING}`)));
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).not.toContain(DEVICE_KEY);
  });

  it('other submits, other commands and other tenants get a message, not a post', async () => {
    const h = harness();
    const other = await h.send(submit({ something: 'else' }, payload(CHURN_LOG)));
    expect(other.invoke.body).toEqual({ task: { type: 'message', value: botText('unknownAction', 'en') } });
    const wrongCommand = await h.send(extensionInvoke('composeExtension/submitAction', { commandId: 'launch', data: { iothubTriage: POST_TO_THREAD } }));
    expect(wrongCommand.invoke.body.task?.type).toBe('message');
    const foreign = await h.send(submit({ iothubTriage: POST_TO_THREAD }, payload(CHURN_LOG), { tenant: OTHER_TENANT }));
    expect(foreign.invoke.body).toEqual({ task: { type: 'message', value: tenantRefusal('en') } });
    expect([...other.posted, ...wrongCommand.posted, ...foreign.posted]).toEqual([]);
  });
});

/** A Bot Connector stand-in that can answer 403 BotNotInConversationRoster, like Teams when the bot is not installed. */
async function startRosterConnector() {
  const posts: Array<{ path: string; body: Record<string, unknown> }> = [];
  let installed = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        res.statusCode = 404;
        res.end('{}');
        return;
      }
      if (!installed) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
        return;
      }
      posts.push({ path: decodeURIComponent(req.url ?? ''), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.statusCode = 201;
      res.end(JSON.stringify({ id: `posted-${posts.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posts,
    install: () => {
      installed = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('message action end to end (real server, connector on loopback)', () => {
  let server: RunningServer;
  let connector: Awaited<ReturnType<typeof startRosterConnector>>;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    connector = await startRosterConnector();
    const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', IOTHUB_REGISTRY_SNAPSHOT: SNAPSHOT, LOG_LEVEL: 'silent' });
    server = await startServer(config, await createServices(config, captureLogs().logger));
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    nock.enableNetConnect();
  });

  async function invoke(activity: Partial<Activity>): Promise<{ status: number; body: TaskBody }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as TaskBody };
  }

  it('not in the conversation: the just-in-time install; after it, Teams repeats the submit and the card is posted in the thread', async () => {
    const opts = { serviceUrl: connector.serviceUrl };
    const dialog = await invoke(fetchTask(THUMBPRINT_LOG, opts));
    expect(dialog.status).toBe(200);
    const [post] = submitActions(cardOfTask(dialog.body));

    // The user presses the dialog's button: the bot is not in the channel yet.
    const first = await invoke(submit(post.data, payload(THUMBPRINT_LOG), opts));
    expect(first.status).toBe(200);
    const install = cardOfTask(first.body);
    const [jit] = submitActions(install);
    expect(jit.data).toMatchObject({ msteams: { justInTimeInstall: true } });
    expect(connector.posts).toEqual([]);

    // Teams installs the app, then sends submitAction again with the install card's data.
    connector.install();
    const second = await invoke(submit({ msteams: { justInTimeInstall: true } }, payload(THUMBPRINT_LOG), opts));
    expect(second).toEqual({ status: 200, body: {} });
    expect(connector.posts).toHaveLength(1);
    expect(connector.posts[0].path).toBe(`/v3/conversations/${CHANNEL};messageid=${ROOT_MESSAGE}/activities`);
    const attachments = connector.posts[0].body.attachments as Array<{ contentType: string; content: AdaptiveCard }>;
    expect(attachments[0].contentType).toBe(CARD);
    const posted = JSON.stringify(attachments[0].content);
    expect(posted).toContain('camera-7');
    expect(posted).toContain('"verdict":"credential-problem"');
  });
});
