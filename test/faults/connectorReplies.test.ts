// Replies to the Bot Connector through the real server: 429 with and without Retry-After, a failing then
// recovering connector, one that never answers, and Teams' per-thread rate limits on a burst.
import nock from 'nock';
import { verdictText } from '../../src/triage/knowledge';
import { teamsMessage } from '../bot/fakes';
import { CHURN_LOG, THUMBPRINT_LOG } from '../bot/samples';
import { messages, startBot, type BotUnderTest } from './harness';
import { maxInWindow, OK, startScriptedConnector, type ScriptedConnector } from './scriptedConnector';

const CHURN = verdictText('token-expiry-churn', 'en').headline;
const CREDENTIAL = verdictText('credential-problem', 'en').headline;

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

function outboundEvents(bot: BotUnderTest): Array<Record<string, unknown>> {
  return bot.logs.lines().filter((l) => l.event === 'outbound');
}

describe('429 and failing connectors', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    // Short backoff and deadlines so the bounded failures finish quickly; the logic is the production one.
    bot = await startBot({ server: { outbound: { backoffBaseMs: 80, attemptTimeoutMs: 600, deadlineMs: 1_500 } } });
  });
  afterAll(() => bot.close());

  it('429 without Retry-After: retried with backoff, and the reply arrives once', async () => {
    connector.setScript((_req, i) => (i < 2 ? { status: 429 } : { status: 200 }));
    const res = await bot.post(teamsMessage(THUMBPRINT_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'ra-none' }));
    expect(res.status).toBe(200);
    expect(connector.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    const delivered = messages(connector.delivered());
    expect(delivered).toHaveLength(1);
    expect(delivered[0].body.summary).toBe(CREDENTIAL);
    expect(delivered[0].replyToId).toBe('ra-none');
    expect(outboundEvents(bot).filter((e) => e.kind === 'retry')).toHaveLength(2);
  });

  it('429 with Retry-After: the retry waits as told, and the reply arrives once', async () => {
    connector.setScript((_req, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'ra-1s' }));
    expect(res.status).toBe(200);
    expect(connector.requests.map((r) => r.status)).toEqual([429, 200]);
    // Not sooner than the service asked (a lower bound on behaviour, not a speed check).
    expect(connector.requests[1].at - connector.requests[0].at).toBeGreaterThanOrEqual(950);
    expect(messages(connector.delivered()).map((r) => r.body.summary)).toEqual([CHURN]);
  });

  it('a connector that keeps answering 429: a bounded number of attempts, a logged failure, and the server keeps serving', async () => {
    connector.setScript(() => ({ status: 429 }));
    const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'ra-never' }));
    expect(res.status).toBe(200);
    // The card (1 + 3 retries), then the error card and a plain-text fallback: each bounded the same way.
    expect(connector.requests.length).toBeGreaterThanOrEqual(4);
    expect(connector.requests.length).toBeLessThanOrEqual(12);
    expect(connector.delivered()).toEqual([]);
    expect(outboundEvents(bot).some((e) => e.kind === 'gave-up' && e.reason === 'throttled')).toBe(true);
    expect(bot.logs.lines().some((l) => l.event === 'turn-error')).toBe(true);

    connector.setScript(OK);
    connector.requests.splice(0);
    await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'after-429s' }));
    expect(messages(connector.delivered()).map((r) => r.body.summary)).toEqual([CHURN]);
  });

  it('a 429 asking for a very long wait ends at the deadline, not an hour later', async () => {
    connector.setScript(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const started = Date.now();
    const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'ra-hour' }), { boundMs: 14_000 });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(14_000);
    expect(connector.delivered()).toEqual([]);
    expect(outboundEvents(bot).some((e) => e.kind === 'gave-up')).toBe(true);
  });

  it('a connector failing with 503 then recovering: the reply arrives once (botbuilder retries 5xx)', async () => {
    connector.setScript((_req, i) => (i < 1 ? { status: 503 } : { status: 200 }));
    const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'recover' }));
    expect(res.status).toBe(200);
    expect(connector.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(messages(connector.delivered()).map((r) => r.body.summary)).toEqual([CHURN]);
  });

  it('a connector that never answers: the turn ends within its deadline and the next one is delivered', async () => {
    connector.setScript(() => ({ hang: true }));
    const res = await bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'hang' }), { boundMs: 14_000 });
    expect(res.status).toBe(200);
    expect(connector.delivered()).toEqual([]);
    connector.setScript(OK);
    connector.requests.splice(0);
    await bot.post(teamsMessage(THUMBPRINT_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id: 'after-hang' }));
    expect(messages(connector.delivered()).map((r) => r.body.summary)).toEqual([CREDENTIAL]);
  });
});

describe("Teams' per-thread rate limits (default limits)", () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  it('a burst of 12 pastes into one channel thread: every reply arrives once, never more than 7 per second or 8 per 2 seconds', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `burst-${i}`);
    const results = await Promise.all(ids.map((id) => bot.post(teamsMessage(CHURN_LOG, { kind: 'channel', serviceUrl: connector.serviceUrl, id }))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const delivered = messages(connector.delivered());
    expect(delivered.map((r) => r.replyToId).sort()).toEqual([...ids].sort());
    expect(new Set(delivered.map((r) => r.conversationId)).size).toBe(1);
    const times = connector.requests.map((r) => r.at);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2_000)).toBeLessThanOrEqual(8);
  });

  it('a burst in a personal chat: typing indicators give way, every verdict arrives, the thread stays within its limits', async () => {
    // Typing at once (typingAfterMs 0), so the burst has indicators for the throttle to drop.
    const eager = await startBot({ server: { bot: { typingAfterMs: 0 } }, logs: bot.logs });
    const ids = Array.from({ length: 8 }, (_, i) => `personal-${i}`);
    await Promise.all(ids.map((id) => eager.post(teamsMessage(CHURN_LOG, { kind: 'personal', serviceUrl: connector.serviceUrl, id }))));
    const delivered = messages(connector.delivered());
    expect(delivered.map((r) => r.replyToId).sort()).toEqual([...ids].sort());
    const typing = connector.requests.filter((r) => r.body.type === 'typing');
    expect(typing.length).toBeLessThan(ids.length);
    expect(bot.logs.lines().filter((l) => l.event === 'outbound' && l.kind === 'typing-dropped').length).toBe(ids.length - typing.length);
    const times = connector.requests.map((r) => r.at);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2_000)).toBeLessThanOrEqual(8);
    await eager.close();
  });
});
