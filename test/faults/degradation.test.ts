// Faults in what the bot depends on, through the real server: the IoT Hub registry slow, throttled or
// down (the real azure-iothub client, its HTTPS intercepted by nock); Azure OpenAI slow or failing (the
// real openai client against a loopback fake); a turn that throws. Each still gets a useful reply, the
// failure is logged, and the server keeps serving.
import nock from 'nock';
import type { BotServices } from '../../src/bot/services';
import { knowledgeAnswer } from '../../src/bot/commands/questionCommand';
import { createExplainer } from '../../src/explain';
import { failureMessage } from '../../src/explain/messages';
import { createIotHubRegistry } from '../../src/registry/iothubRegistry';
import { verdictText } from '../../src/triage/knowledge';
import { captureLogs, cardAction, teamsMessage } from '../bot/fakes';
import { CHURN_LOG } from '../bot/samples';
import { startFakeAzureOpenAI, type FakeAzureOpenAI, type Reply } from '../explain/fakeAzureOpenAI';
import { messages, startBot, type BotUnderTest } from './harness';
import { startScriptedConnector, type ScriptedConnector } from './scriptedConnector';

const HUB = 'contoso-hub.azure-devices.net';
const POLICY_KEY = Buffer.alloc(32, 7).toString('base64');
const CHURN = verdictText('token-expiry-churn', 'en').headline;
const REGISTRY_NOT_DONE = 'Registry lookup not done: ';
const QUESTION = 'why do my devices get 401003 every hour?';

let connector: ScriptedConnector;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  connector = await startScriptedConnector();
});
afterAll(async () => {
  await connector.close();
  nock.enableNetConnect();
});
beforeEach(() => connector.reset());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

async function withBot(services: Partial<BotServices>, run: (bot: BotUnderTest) => Promise<void>): Promise<void> {
  const bot = await startBot({ services });
  try {
    await run(bot);
  } finally {
    await bot.close();
  }
}

async function pasteChurn(bot: BotUnderTest, id: string): Promise<Record<string, unknown>> {
  const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id }));
  expect(res.status).toBe(200);
  const replies = messages(connector.delivered()).filter((r) => r.replyToId === id);
  expect(replies).toHaveLength(1);
  return replies[0].body;
}

describe('IoT Hub registry faults: the verdict still arrives, with the lookup marked as not done', () => {
  const registry = () => createIotHubRegistry({ connectionString: `HostName=${HUB};SharedAccessKeyName=registryRead;SharedAccessKey=${POLICY_KEY}`, timeoutMs: 300, maxRetries: 1, backoffBaseMs: 5, cacheTtlMs: 0 });

  it('slow (no answer within its timeout)', async () => {
    nock(`https://${HUB}`).get(/\/twins\//).query(true).delay(3_000).reply(200, { deviceId: 'thermostat-042', status: 'enabled' }).persist();
    await withBot({ registry: registry() }, async (bot) => {
      const reply = await pasteChurn(bot, 'reg-slow');
      expect(reply.summary).toBe(CHURN);
      expect(JSON.stringify(reply)).toContain(REGISTRY_NOT_DONE);
    });
  });

  it('throttled (429 with Retry-After, every time)', async () => {
    const scope = nock(`https://${HUB}`)
      .get(/\/twins\//)
      .query(true)
      .reply(429, { Message: 'ErrorCode:ThrottlingException;Throttled' }, { 'Retry-After': '0' })
      .persist();
    await withBot({ registry: registry() }, async (bot) => {
      const reply = await pasteChurn(bot, 'reg-429');
      expect(reply.summary).toBe(CHURN);
      expect(JSON.stringify(reply)).toContain(REGISTRY_NOT_DONE);
      expect(scope.isDone()).toBe(true);
    });
  });

  it('down (connection refused)', async () => {
    nock(`https://${HUB}`).get(/\/twins\//).query(true).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).persist();
    await withBot({ registry: registry() }, async (bot) => {
      const reply = await pasteChurn(bot, 'reg-down');
      expect(reply.summary).toBe(CHURN);
      expect(JSON.stringify(reply)).toContain(REGISTRY_NOT_DONE);
    });
  });

  it('a registry that breaks its contract (rejects): the verdict still arrives', async () => {
    const broken = { source: 'iothub' as const, describe: () => 'broken', lookup: () => Promise.reject(new Error('SharedAccessKey=leak')) };
    await withBot({ registry: broken }, async (bot) => {
      const reply = await pasteChurn(bot, 'reg-reject');
      expect(reply.summary).toBe(CHURN);
      expect(bot.logs.raw()).not.toContain('leak');
    });
  });
});

describe('Azure OpenAI faults: the knowledge base answers instead', () => {
  let fake: FakeAzureOpenAI;
  let script: () => Reply = () => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } });
  beforeAll(async () => {
    fake = await startFakeAzureOpenAI(() => script());
  });
  afterAll(() => fake.close());

  const explainer = () => createExplainer({ endpoint: fake.endpoint, deployment: 'triage', credential: { apiKey: 'test-openai-key' }, timeoutMs: 400, maxRetries: 0 });

  async function ask(bot: BotUnderTest, id: string): Promise<string> {
    const res = await bot.post(teamsMessage(QUESTION, { kind: 'channel', serviceUrl: connector.serviceUrl, id }));
    expect(res.status).toBe(200);
    const replies = messages(connector.delivered()).filter((r) => r.replyToId === id);
    expect(replies).toHaveLength(1);
    return String(replies[0].body.text);
  }

  it.each([
    ['slow (never answers)', (): Reply => ({ hang: true }), 'timeout' as const],
    ['failing (500)', (): Reply => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } }), 'error' as const],
    ['throttled (429)', (): Reply => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: { code: '429', message: 'Rate limit' } } }), 'throttled' as const],
  ])('%s', async (_name, reply, reason) => {
    script = reply;
    await withBot({ explainer: explainer() }, async (bot) => {
      const text = await ask(bot, `ai-${reason}`);
      expect(text).toContain(knowledgeAnswer(QUESTION, 'en'));
      expect(text).toContain(failureMessage(reason, 'en'));
    });
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('"Explain" on a card while OpenAI fails: a short message, the card stays', async () => {
    script = () => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } });
    await withBot({ explainer: explainer() }, async (bot) => {
      const paste = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'to-explain' }));
      expect(paste.status).toBe(200);
      const card = messages(connector.delivered())[0].body.attachments as Array<{ content: unknown }>;
      const explain = findAction(card[0].content, 'explain');
      expect(explain).toBeDefined();
      const res = await bot.post(cardAction('explain', explain, { kind: 'channel', serviceUrl: connector.serviceUrl }));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    });
  });
});

describe('a turn that throws', () => {
  it('inside the bot: a friendly error card, logged, and the next turn is served', async () => {
    let calls = 0;
    const clock = () => {
      if (calls++ === 0) throw new Error('clock exploded with SharedAccessKey=abc');
      return new Date();
    };
    const logs = captureLogs();
    await withBot({ clock, logger: logs.logger }, async (bot) => {
      const first = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'throws' }));
      expect(first.status).toBe(200);
      const errorReply = messages(connector.delivered())[0];
      expect((errorReply.body.attachments as Array<{ contentType: string }>)[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(errorReply.raw).not.toContain('SharedAccessKey');
      expect(logs.lines().some((l) => l.event === 'turn-error')).toBe(true);
      expect(logs.raw()).not.toContain('SharedAccessKey=abc');
      const reply = await pasteChurn(bot, 'after-throw');
      expect(reply.summary).toBe(CHURN);
    });
  });

  it('in the adapter pipeline (outside the bot): logged by onTurnError, the process stays up', async () => {
    const logs = captureLogs();
    const bot = await startBot({
      logs,
      server: {
        handler: async () => {
          throw new Error('handler exploded');
        },
      },
    });
    try {
      const res = await bot.post(teamsMessage('help', { serviceUrl: connector.serviceUrl }));
      expect(res.status).toBe(200);
      expect(logs.lines().some((l) => l.event === 'adapter-turn-error')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${bot.server.port}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});

/** The data of the card's Action.Execute with `verb`, wherever it sits. */
function findAction(card: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === verb) {
      found = (o.data ?? {}) as Record<string, unknown>;
      return;
    }
    for (const child of Object.values(o)) walk(child);
  };
  walk(card);
  return found;
}
