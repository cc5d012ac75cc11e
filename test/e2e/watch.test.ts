// Watching a hub end to end: the real restify + CloudAdapter server, Teams-shaped activities over HTTP,
// a real Azurite for the watches, the real Log Analytics client (its HTTPS calls answered by nock), and
// the proactive posts captured on a local connector. Rounds are driven by the running server's scheduler
// (tick) on a test clock, never by waiting.
import nock from 'nock';
import { createServices } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogAnalyticsFleetSource } from '../../src/fleet/logAnalytics';
import { startServer, type RunningServer } from '../../src/server';
import { watchCommandStrings } from '../../src/watch/commandStrings';
import { watchStrings } from '../../src/watch/strings';
import { AZURITE_KEY } from '../../scripts/azurite';
import { visibleText } from '../cards/cardCheck';
import { captureLogs, cardAction, teamsMessage, TENANT, type CapturedLogs } from '../bot/fakes';
import { fleetStrings } from '../../src/cards/fleetStrings';
import { FAKE_TOKEN, fakeCredential } from '../fleet/helpers';
import type { SynthEvent } from '../triage/synth';
import { churner, HUB, laPayload, lockedOutDevice, thumbprint } from '../watch/fleets';
import { useAzurite } from '../watch/azurite';
import { startConnector, type CapturedActivity, type LocalConnector, postActivity } from './connector';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const API = 'https://api.loganalytics.io';
const CHANNEL = '19:incident-channel@thread.tacv2';
const GROUP = '19:group-chat@thread.v2';
const PERSONAL = 'a:1personal-chat';

const churnOnly = (): SynthEvent[] => [...churner('pump-1'), ...churner('pump-2')];
const twoLockedOut = (): SynthEvent[] => [...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')];

const post = postActivity;

/** What Log Analytics answers now; every query is checked for the real path, api, window and token. */
function logAnalytics() {
  let events: SynthEvent[] = churnOnly();
  let queries = 0;
  nock(API)
    .persist()
    .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
    .post(`/v1/workspaces/${WS}/query`, (b: { timespan?: string; query?: string }) => b.timespan === 'PT6H' && typeof b.query === 'string' && b.query.includes(HUB))
    .reply(() => {
      queries++;
      return [200, laPayload(events)];
    });
  return {
    answer(e: SynthEvent[]) {
      events = e;
    },
    queries: () => queries,
  };
}

const clock = { t: Date.parse('2026-05-01T06:00:00Z') };
/** Past the next due time of every watch (a watch runs at most 1.5 periods after its last run). */
const later = () => {
  clock.t += 2 * 3_600_000;
};

describe('watch a hub from its incident channel (real server, Azurite, nock’d Log Analytics)', () => {
  const azurite = useAzurite();
  let connector: LocalConnector;
  let server: RunningServer | undefined;
  let la: ReturnType<typeof logAnalytics>;
  const logs: CapturedLogs = captureLogs();

  async function start(): Promise<RunningServer> {
    const config = loadConfig({
      BOT_ALLOW_ANONYMOUS: 'true',
      PORT: '0',
      ALLOWED_TENANT_IDS: TENANT,
      WATCH_STORAGE_CONNECTION_STRING: azurite.connectionString,
      LOG_ANALYTICS_WORKSPACE_ID: WS,
    });
    const services = await createServices(config, logs.logger);
    const fleet = createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS, timeoutMs: 10_000 });
    return startServer(config, { ...services, fleet }, { watch: { clock: () => new Date(clock.t), tickMs: 0, staggerMs: 0 }, bot: { dedupe: { sharedBudgetMs: 15_000 } } });
  }

  const running = (): RunningServer => {
    if (!server) throw new Error('server not started');
    return server;
  };
  const tick = async () => {
    const scheduler = running().watchScheduler;
    if (!scheduler) throw new Error('the server did not start the watch scheduler');
    return scheduler.tick();
  };
  /** The bot's text reply to a message (a reply to it, in its thread). */
  async function say(text: string, opts: Parameters<typeof teamsMessage>[1] = {}): Promise<string> {
    connector.captured.splice(0);
    const activity = teamsMessage(text, { ...opts, serviceUrl: connector.serviceUrl });
    expect(await post(running().port, activity)).toBe(200);
    const replies = connector.captured.filter((c) => c.replyToId === activity.id);
    expect(replies).toHaveLength(1);
    connector.captured.splice(0);
    return String(replies[0].body.text ?? '');
  }
  /** Proactive posts: new messages, not replies to anything. */
  const proactive = (): CapturedActivity[] => connector.captured.filter((c) => c.replyToId === undefined && c.body.type === 'message');

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    connector = await startConnector();
    la = logAnalytics();
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('`watch contoso-iot-prod` in a channel thread: the channel watches the hub', async () => {
    const reply = await say(`watch ${HUB}`, { kind: 'channel' });
    expect(reply).toBe(watchCommandStrings('en').added(HUB, watchCommandStrings('en').every(60), watchCommandStrings('en').where.channel));
    expect(await say('watching', { kind: 'channel' })).toContain(`**${HUB}**, every hour, not checked yet`);
    expect(await (await fetch(`http://127.0.0.1:${running().port}/healthz`)).json()).toMatchObject({ status: 'ok', storage: 'table', fleet: true, watches: true });
  });

  it('churn only: the round asks Log Analytics and posts nothing', async () => {
    la.answer(churnOnly());
    const before = la.queries();
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'quiet' }]);
    expect(la.queries()).toBe(before + 1);
    expect(connector.captured).toEqual([]);
  });

  it('two devices locked out: exactly one card, a new thread in the channel, naming both', async () => {
    later();
    la.answer(twoLockedOut());
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'posted' }]);
    const posts = proactive();
    expect(posts).toHaveLength(1);
    expect(connector.captured).toHaveLength(1);
    // The channel itself, without ;messageid=: Teams starts a new thread.
    expect(posts[0].conversationId).toBe(CHANNEL);
    const attachments = posts[0].body.attachments as Array<{ contentType: string; content: unknown }>;
    expect(attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = visibleText(attachments[0].content);
    expect(text).toContain(watchStrings('en').title(HUB));
    expect(text).toContain('pump-7');
    expect(text).toContain('cam-9');
    expect(text).not.toContain('pump-1');
  });

  it('the next round with the same answer posts nothing', async () => {
    later();
    connector.captured.splice(0);
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'quiet' }]);
    expect(connector.captured).toEqual([]);
  });

  it('after a restart (a new server over the same Azurite): no duplicate post, and the watch is still listed', async () => {
    await running().close();
    server = await start();
    later();
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'quiet' }]);
    expect(connector.captured).toEqual([]);
    const listed = await say('watching', { kind: 'channel' });
    expect(listed).toContain(`**${HUB}**, every hour, last checked`);
  });

  it('a restart between the post and its acknowledgement: the new server resends with the same key, and the dedupe keeps it from the channel', async () => {
    // As if the process died right after Teams took the card: the state still holds the post as pending.
    const posted = logs.lines().filter((l) => l.msg === 'watch posted' && l.post === 'worse');
    expect(posted).toHaveLength(1);
    const key = String(posted[0].key).replace(/^[0-9a-f]{12}:/, '');
    const { store } = await azurite.storage();
    const stored = await store.getState(CHANNEL, HUB);
    if (!stored) throw new Error('no state stored');
    const state = JSON.parse(stored.json) as Record<string, unknown>;
    expect(state.pending).toBeUndefined();
    const pending = { kind: 'worse', hub: HUB, since: '6h', at: new Date(clock.t).toISOString(), changes: [], devices: { shown: [], total: 0 }, kinds: [], credential: 2, idempotencyKey: key };
    expect(await store.saveState(CHANNEL, HUB, JSON.stringify({ ...state, pending }), stored.etag)).toBe(true);

    await running().close();
    server = await start();
    later();
    connector.captured.splice(0);
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'quiet' }]);
    expect(connector.captured).toEqual([]);
    expect(logs.lines().filter((l) => l.event === 'watch-post-duplicate' && l.key === posted[0].key)).toHaveLength(1);
    expect(JSON.parse((await store.getState(CHANNEL, HUB))?.json ?? '{}').pending).toBeUndefined();
  });

  it('recovery posts once, then the channel hears nothing more', async () => {
    later();
    la.answer(churnOnly());
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'posted' }]);
    const posts = proactive();
    expect(posts).toHaveLength(1);
    expect(posts[0].conversationId).toBe(CHANNEL);
    const text = visibleText((posts[0].body.attachments as Array<{ content: unknown }>)[0].content);
    expect(text).toContain(watchStrings('en').recoveredStatus);
    expect(text).toContain('pump-7');
    connector.captured.splice(0);
    later();
    expect(await tick()).toEqual([{ conversationId: CHANNEL, hub: HUB, outcome: 'quiet' }]);
    expect(connector.captured).toEqual([]);
  });

  it('Dutch: `bewaak` in a personal chat, a Dutch reply, and a Dutch card when devices get locked out', async () => {
    expect(await say(`unwatch ${HUB}`, { kind: 'channel' })).toBe(watchCommandStrings('en').removed(HUB));
    const nl = watchCommandStrings('nl');
    expect(await say(`bewaak ${HUB} elke 15m`, { kind: 'personal', locale: 'nl-NL' })).toBe(nl.added(HUB, nl.every(15), nl.where.personal));
    expect(await say('wat bewaak je', { kind: 'personal', locale: 'nl-NL' })).toContain(`**${HUB}**, elke 15 minuten, nog niet gecontroleerd`);
    la.answer(churnOnly());
    later();
    expect(await tick()).toEqual([{ conversationId: PERSONAL, hub: HUB, outcome: 'quiet' }]);
    la.answer(twoLockedOut());
    later();
    expect(await tick()).toEqual([{ conversationId: PERSONAL, hub: HUB, outcome: 'posted' }]);
    const posts = proactive();
    expect(posts).toHaveLength(1);
    expect(posts[0].conversationId).toBe(PERSONAL);
    const text = visibleText((posts[0].body.attachments as Array<{ content: unknown }>)[0].content);
    expect(text).toContain(watchStrings('nl').title(HUB));
    expect(text).toContain('pump-7');
    expect(await say(`stop bewaken ${HUB}`, { kind: 'personal', locale: 'nl-NL' })).toBe(nl.removed(HUB));
  });

  it('the connector answers 404 to the proactive post: the watch is turned off, and `watching` says so', async () => {
    expect(await say(`watch ${HUB} every 30m`, { kind: 'groupChat' })).toContain(`Watching **${HUB}** every 30 minutes in this chat`);
    la.answer(churnOnly());
    later();
    expect(await tick()).toEqual([{ conversationId: GROUP, hub: HUB, outcome: 'quiet' }]);
    la.answer(twoLockedOut());
    later();
    connector.failWith = 404;
    try {
      expect(await tick()).toEqual([{ conversationId: GROUP, hub: HUB, outcome: 'removed' }]);
    } finally {
      connector.failWith = undefined;
    }
    expect(connector.captured).toEqual([]);
    const off = logs.lines().filter((l) => l.status === 404 && l.deactivated === 1);
    expect(off).toHaveLength(1);
    // Off: no more rounds, no more queries.
    later();
    const before = la.queries();
    expect(await tick()).toEqual([]);
    expect(la.queries()).toBe(before);
    expect(await say('watching', { kind: 'groupChat' })).toContain('**off**');
  });

  it('the fleet card’s "Watch this hub" button: the channel watches the hub, answered in place (en, nl)', async () => {
    // `hub <name>` in the channel: the fleet card carries the Watch button (Action.Execute watchHub {hub}).
    la.answer(churnOnly());
    connector.captured.splice(0);
    expect(await post(running().port, teamsMessage(`hub ${HUB} 6h`, { kind: 'channel', serviceUrl: connector.serviceUrl }))).toBe(200);
    const card = JSON.stringify((connector.captured[0].body.attachments as Array<{ content: unknown }>)[0].content);
    expect(card).toContain(`"verb":"watchHub","title":"${fleetStrings('en').watchHub}","data":{"hub":"${HUB}"}`);
    for (const [lang, locale] of [
      ['nl', 'nl-NL'],
      ['en', 'en-US'],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${running().port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...cardAction('watchHub', { hub: HUB }, { kind: 'channel', locale }), serviceUrl: connector.serviceUrl }),
      });
      expect(res.status).toBe(200);
      const s = watchCommandStrings(lang);
      // The first click adds the watch; the second one (already watched) only re-times it.
      const expected = lang === 'nl' ? s.added(HUB, s.every(60), s.where.channel) : s.changed(HUB, s.every(60));
      expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expected });
    }
    expect(await say('watching', { kind: 'channel' })).toContain(`**${HUB}**, every hour`);
    expect(await say(`unwatch ${HUB}`, { kind: 'channel' })).toBe(watchCommandStrings('en').removed(HUB));
  });

  it('no secret reaches a log line', () => {
    expect(logs.raw()).not.toContain(AZURITE_KEY);
    expect(logs.raw()).not.toContain(FAKE_TOKEN);
  });
});

describe('watch commands without what they need', () => {
  let connector: LocalConnector;
  let server: RunningServer;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    connector = await startConnector();
    // A workspace, but no watch storage.
    const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', ALLOWED_TENANT_IDS: TENANT, LOG_ANALYTICS_WORKSPACE_ID: WS });
    const services = await createServices(config, captureLogs().logger);
    server = await startServer(config, { ...services, fleet: createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS }) });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    nock.enableNetConnect();
  });

  it.each([
    ['en', 'en-US', `watch ${HUB}`],
    ['nl', 'nl-NL', `bewaak ${HUB}`],
  ] as const)('say plainly that watch storage is missing (%s), and no scheduler runs', async (lang, locale, text) => {
    connector.captured.splice(0);
    expect(await post(server.port, teamsMessage(text, { kind: 'channel', locale, serviceUrl: connector.serviceUrl }))).toBe(200);
    expect(connector.captured).toHaveLength(1);
    expect(connector.captured[0].body.text).toBe(watchCommandStrings(lang).noStorage);
    expect(server.watchScheduler).toBeUndefined();
    expect(await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()).toMatchObject({ status: 'ok', fleet: true, watches: false });
  });
});
