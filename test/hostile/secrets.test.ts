// Secrets pasted in every shape (connection strings, bare keys, SAS tokens), embedded in random text,
// sent as pastes, questions, HTML messages and "Explain" card actions through the real server with a live
// registry (azure-iothub over nock) and explainer (openai against a loopback fake). Everything that leaves
// the bot is captured: connector replies, HTTP responses, log lines, telemetry, registry and OpenAI
// requests. No generated key or signature appears in any of them, whole, URL-encoded, or in part.
import fc from 'fast-check';
import nock from 'nock';
import { createExplainer } from '../../src/explain';
import { createIotHubRegistry } from '../../src/registry/iothubRegistry';
import { FakeTelemetry, cardAction, teamsMessage, type ConversationKind } from '../bot/fakes';
import { startFakeAzureOpenAI, type FakeAzureOpenAI } from '../explain/fakeAzureOpenAI';
import { messages, startBot, type BotUnderTest } from '../faults/harness';
import { startScriptedConnector, type ScriptedConnector } from '../faults/scriptedConnector';

const HUB = 'contoso-hub.azure-devices.net';
const POLICY_KEY = Buffer.alloc(32, 9).toString('base64'); // the bot's own registryRead key (not a pasted secret)

let connector: ScriptedConnector;
let openai: FakeAzureOpenAI;
let bot: BotUnderTest;
const telemetry = new FakeTelemetry();
const hubRequests: string[] = [];
const responses: string[] = [];
let n = 0;

function twin(id: string) {
  return { deviceId: id, status: 'enabled', connectionState: 'Disconnected', authenticationType: 'sas', x509Thumbprint: { primaryThumbprint: null, secondaryThumbprint: null }, properties: { desired: {}, reported: {} } };
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const record = function (this: { req: { headers: Record<string, unknown>; path?: string } }, uri: string, body: unknown) {
    hubRequests.push(`${uri} ${JSON.stringify(this.req.headers)} ${typeof body === 'string' ? body : JSON.stringify(body ?? '')}`);
  };
  nock(`https://${HUB}`)
    .persist()
    .get(/\/twins\/[^/?]+/)
    .query(true)
    .reply(function (uri, body) {
      record.call(this, uri, body);
      return [200, twin(decodeURIComponent(uri.split('/twins/')[1].split('?')[0]))];
    })
    .get(/\/devices\/[^/?]+/)
    .query(true)
    .reply(function (uri, body) {
      record.call(this, uri, body);
      const id = decodeURIComponent(uri.split('/devices/')[1].split('?')[0]);
      // The registry's key for the device differs from anything pasted: the signature check fails, as it should.
      return [200, { deviceId: id, status: 'enabled', authentication: { type: 'sas', symmetricKey: { primaryKey: Buffer.alloc(32, 3).toString('base64'), secondaryKey: Buffer.alloc(32, 4).toString('base64') } } }];
    });
  connector = await startScriptedConnector();
  openai = await startFakeAzureOpenAI(() => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'no' } } }));
  const registry = createIotHubRegistry({ connectionString: `HostName=${HUB};SharedAccessKeyName=registryRead;SharedAccessKey=${POLICY_KEY}`, timeoutMs: 1_000, maxRetries: 0, cacheTtlMs: 0 });
  const explainer = createExplainer({ endpoint: openai.endpoint, deployment: 'triage', credential: { apiKey: 'test-openai-key' }, timeoutMs: 1_000, maxRetries: 0 });
  bot = await startBot({ services: { registry, explainer, telemetry } });
});

afterAll(async () => {
  await bot.close();
  await connector.close();
  await openai.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64'));
const deviceId = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/);
const noise = fc.string({ unit: 'grapheme-ascii', maxLength: 120 }).map((s) => s.replace(/[\r\n]/g, ' '));

interface Secret {
  text: string;
  /** The values that must not leave the bot. */
  values: string[];
}

const secret: fc.Arbitrary<Secret> = fc.oneof(
  fc.tuple(deviceId, key32).map(([d, k]) => ({ text: `HostName=${HUB};DeviceId=${d};SharedAccessKey=${k}`, values: [k] })),
  fc.tuple(key32).map(([k]) => ({ text: `HostName=${HUB};SharedAccessKeyName=iothubowner;SharedAccessKey=${k}`, values: [k] })),
  fc.tuple(deviceId, key32, fc.integer({ min: 1_700_000_000, max: 1_900_000_000 })).map(([d, sig, se]) => ({
    text: `SharedAccessSignature sr=${encodeURIComponent(`${HUB}/devices/${d}`)}&sig=${encodeURIComponent(sig)}&se=${se}`,
    values: [sig],
  })),
  fc.tuple(key32, key32).map(([p, s]) => ({ text: `"authentication": {"symmetricKey": {"primaryKey": "${p}", "secondaryKey": "${s}"}}`, values: [p, s] })),
  fc.tuple(key32).map(([k]) => ({ text: `az iot hub device-identity show: primaryKey ${k}`, values: [k] })),
);

const evidence = fc.tuple(deviceId, secret, noise, noise).map(([d, s, before, after]) => ({
  secret: s,
  text: [`${before}`, `2026-03-02T07:00:03Z deviceConnect device=${d} 401003 IoTHubUnauthorized ${s.text}`, `${after} ${s.text} ${after}`].join('\n'),
}));

type Mode = 'paste' | 'question' | 'html' | 'explain';

async function run(text: string, mode: Mode, kind: ConversationKind): Promise<void> {
  const id = `secret-${++n}`;
  const body = mode === 'question' ? `why does this fail? ${text.split('\n')[1]}` : text;
  const activity = teamsMessage(mode === 'html' ? body.replace(/\n/g, ' ') : body, {
    kind,
    id,
    serviceUrl: connector.serviceUrl,
    html: mode === 'html' ? body.split('\n').map((l) => `<div>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`).join('') : undefined,
  });
  activity.conversation = { ...activity.conversation, id: `${activity.conversation?.id}-${id}` } as typeof activity.conversation;
  const res = await bot.post(activity);
  responses.push(res.text);
  if (mode !== 'explain') return;
  // Click "Explain" on the card the paste produced: its data goes back to the bot, and to the LLM.
  const reply = messages(connector.requests).find((r) => r.replyToId === id);
  const action = JSON.stringify(reply?.body ?? {}).match(/"verb":"explain","data":(\{.*?\})\}/);
  if (!action) return;
  let data: unknown;
  try {
    data = JSON.parse(action[1]);
  } catch {
    return;
  }
  const invoke = cardAction('explain', data, { kind, serviceUrl: connector.serviceUrl });
  invoke.conversation = activity.conversation;
  responses.push((await bot.post(invoke)).text);
}

function everythingThatLeft(): string {
  return [
    ...connector.requests.map((r) => r.raw),
    ...responses,
    bot.logs.raw(),
    JSON.stringify(telemetry),
    ...hubRequests,
    ...openai.requests.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`),
  ].join('\n');
}

/** The forms a leaked value could take: whole, URL-encoded, JSON-escaped, or a 16-character piece of it. */
function forms(value: string): string[] {
  const mid = Math.floor(value.length / 2) - 8;
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), value.slice(mid, mid + 16)])];
}

describe('secrets never leave the bot', () => {
  it('in pastes, questions, HTML messages and Explain actions; replies, logs, telemetry, registry and LLM requests', async () => {
    await fc.assert(
      fc.asyncProperty(evidence, fc.constantFrom<Mode>('paste', 'question', 'html', 'explain'), fc.constantFrom<ConversationKind>('personal', 'channel'), async (e, mode, kind) => {
        await run(e.text, mode, kind);
        const out = everythingThatLeft();
        for (const v of e.secret.values) for (const f of forms(v)) expect(out.includes(f) ? f : 'absent').toBe('absent');
      }),
      { seed: 8675309, numRuns: 30 },
    );
    // The run did reach every party it claims to have checked.
    expect(connector.requests.length).toBeGreaterThan(0);
    expect(hubRequests.length).toBeGreaterThan(0);
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(telemetry.triages.length).toBeGreaterThan(0);
  });
});
