import { TestAdapter, type Activity } from 'botbuilder';
import { deviceCard, errorCard, examplesCard, fleetCard, kqlCard, verdictCard, welcomeCard, type AdaptiveCard } from '../../src/cards';
import { TriageBot } from '../../src/bot/teamsBot';
import { handlerContext } from '../../src/bot/reply';
import { botText } from '../../src/bot/messages';
import { tenantRefusal } from '../../src/bot/tenant';
import type { BotOptions, BotServices } from '../../src/bot/services';
import { compactTriage } from '../../src/cards';
import { triage } from '../../src/triage';
import { verdictText, knowledge } from '../../src/triage/knowledge';
import { connectionsKql } from '../../src/triage/kql';
import type { DeviceRecord, Lang } from '../../src/triage/types';
import { BOT, captureLogs, cardAction, emptyFleet, fakeExplainer, FakeFleet, FakeRegistry, FakeTelemetry, NOW, OTHER_TENANT, TENANT, teamsMessage, USER } from './fakes';
import { asTeamsHtml, CHURN_LOG, CONNECTION_STRING, DEVICE_KEY, THUMBPRINT_LOG } from './samples';
import { expectCardSays, expectHelpCard } from './cardSays';
import type { DeviceRegistry } from '../../src/registry/port';

const CARD = 'application/vnd.microsoft.card.adaptive';
const THERMOSTAT: DeviceRecord = { deviceId: 'thermostat-042', status: 'enabled', authType: 'sas', connectionState: 'Connected' };

function harness(overrides: Partial<BotServices> = {}, options: Partial<BotOptions> = {}) {
  const logs = captureLogs();
  const telemetry = new FakeTelemetry();
  const services: BotServices = { clock: () => NOW, logger: logs.logger, telemetry, ...overrides };
  const bot = new TriageBot(services, { allowedTenantIds: [], ...options });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  const cardCtx = (lang: Lang = 'en') => handlerContext(lang, services, { allowedTenantIds: [] }).card;
  return { services, send, logs, telemetry, cardCtx };
}

function messages(replies: Partial<Activity>[]): Partial<Activity>[] {
  return replies.filter((r) => r.type === 'message');
}

function cardOf(reply: Partial<Activity> | undefined): AdaptiveCard {
  expect(reply?.attachments?.[0]?.contentType).toBe(CARD);
  return reply?.attachments?.[0]?.content as AdaptiveCard;
}

function invokeBody(replies: Partial<Activity>[]): { status: number; body: { statusCode: number; type: string; value: unknown } } {
  const r = replies.find((a) => a.type === 'invokeResponse');
  expect(r).toBeDefined();
  return r?.value as { status: number; body: { statusCode: number; type: string; value: unknown } };
}

describe('TriageBot: conversation kinds', () => {
  it('personal chat: a churn paste gets the verdict card at once, with no typing indicator before it', async () => {
    const h = harness();
    const replies = await h.send(teamsMessage(CHURN_LOG));
    expect(replies.map((r) => r.type)).toEqual(['message']);
    const expected = triage(CHURN_LOG, { now: NOW });
    expectCardSays(cardOf(replies[0]), { verdict: 'token-expiry-churn', devices: ['thermostat-042'] });
    expect(replies[0].summary).toBe(verdictText(expected.verdict, 'en').headline);
    expect(h.telemetry.triages).toEqual([expect.objectContaining({ verdict: expected.verdict, source: 'message' })]);
  });

  it('personal chat: a reply slower than typingAfterMs is preceded by typing, never overtaken by it', async () => {
    const registry = new FakeRegistry();
    const slowRegistry: DeviceRegistry = {
      source: 'snapshot',
      describe: () => registry.describe(),
      lookup: async (ids, options) => {
        await new Promise((r) => setTimeout(r, 150));
        return registry.lookup(ids, options);
      },
    };
    const h = harness({ registry: slowRegistry }, { typingAfterMs: 30 });
    const replies = await h.send(teamsMessage(CHURN_LOG));
    expect(replies.map((r) => r.type)).toEqual(['typing', 'message']);
    const fast = harness({}, { typingAfterMs: 30 });
    expect((await fast.send(teamsMessage(CHURN_LOG))).map((r) => r.type)).toEqual(['message']);
  });

  it('group chat: the @mention is stripped and the command runs', async () => {
    const h = harness();
    const replies = await h.send(teamsMessage('help', { kind: 'groupChat' }));
    expect(replies).toHaveLength(1);
    expectHelpCard(cardOf(replies[0]), h.cardCtx());
  });

  it('channel: a multi-line paste is rebuilt from the HTML and answered in the same thread, without typing', async () => {
    const h = harness();
    const { html, flat } = asTeamsHtml(THUMBPRINT_LOG + '\n' + CHURN_LOG, BOT.name);
    const incoming = teamsMessage(flat, { kind: 'channel', html, id: 'root-msg-1' });
    const replies = await h.send(incoming);
    expect(replies).toHaveLength(1);
    expect(replies[0].conversation?.id).toBe('19:incident-channel@thread.tacv2;messageid=1700000000000');
    expect(replies[0].replyToId).toBe('root-msg-1');
    // The lines reached the engine as lines (the flat text alone reads differently).
    const expected = triage(THUMBPRINT_LOG + '\n' + CHURN_LOG, { now: NOW });
    expect(expected.verdict).toBe('mixed');
    expectCardSays(cardOf(replies[0]), { verdict: 'mixed', devices: ['camera-7', 'thermostat-042'], fixesFor: ['thumbprint-mismatch'] });
    // One log line for the turn, carrying the triage's verdict and counts (not a second 'triage' line).
    const lines = h.logs.lines();
    expect(lines.filter((l) => l.event === 'turn')).toHaveLength(1);
    expect(lines.find((l) => l.event === 'triage')).toBeUndefined();
    expect(lines.find((l) => l.event === 'turn')).toMatchObject({ intent: 'paste', conversationType: 'channel', verdict: expected.verdict, lines: expected.input.lines, kinds: expect.arrayContaining(['thumbprint-mismatch']) });
  });

  it('a message that is only the mention gets the help card', async () => {
    const h = harness();
    const replies = await h.send(teamsMessage('', { kind: 'channel' }));
    expectHelpCard(cardOf(replies[0]), h.cardCtx());
  });

  it('answers in Dutch for nl-* locales and in English otherwise', async () => {
    const h = harness();
    const nl = await h.send(teamsMessage('help', { locale: 'nl-NL' }));
    const de = await h.send(teamsMessage('help', { locale: 'de-DE' }));
    expectHelpCard(cardOf(nl[0]), h.cardCtx('nl'));
    expectHelpCard(cardOf(de[0]), h.cardCtx('en'));
    expect(cardOf(nl[0])).not.toEqual(cardOf(de[0]));
  });

  it('welcomes on install (the bot added), not when someone else joins', async () => {
    const h = harness();
    const update = (members: Array<{ id: string; name: string }>): Partial<Activity> => ({
      ...teamsMessage('', { kind: 'groupChat', mention: false }),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: members,
    });
    expect(cardOf((await h.send(update([BOT])))[0])).toEqual(welcomeCard(h.cardCtx()));
    expect(await h.send(update([USER]))).toEqual([]);
  });
});

describe('TriageBot: commands', () => {
  it('lookup <deviceId> asks the registry for that device and shows its card', async () => {
    const registry = new FakeRegistry({ 'thermostat-042': THERMOSTAT });
    const h = harness({ registry });
    const replies = messages(await h.send(teamsMessage('lookup thermostat-042')));
    expect(registry.calls.map((c) => c.ids)).toEqual([['thermostat-042']]);
    expect(cardOf(replies[0])).toEqual(deviceCard('thermostat-042', THERMOSTAT, { ...h.cardCtx(), failure: undefined }));
  });

  it('lookup without a registry says it is not configured, and without an id asks which device', async () => {
    const h = harness();
    const replies = messages(await h.send(teamsMessage('lookup thermostat-042')));
    expect(cardOf(replies[0])).toEqual(
      deviceCard('thermostat-042', null, { ...h.cardCtx(), failure: { reason: 'not-configured', message: 'No device registry is configured for this bot.' } }),
    );
    const usage = await h.send(teamsMessage('lookup'));
    expect(usage[0].text).toBe(botText('lookupUsage', 'en'));
    const bad = await h.send(teamsMessage('lookup not/valid'));
    expect(bad[0].text).toBe(botText('invalidDeviceId', 'en'));
  });

  it('kql [deviceId] gives the ready query, per device when named', async () => {
    const h = harness();
    const all = await h.send(teamsMessage('kql'));
    expect(cardOf(all[0])).toEqual(kqlCard(connectionsKql({ deviceIds: [] }), h.cardCtx(), undefined));
    const one = await h.send(teamsMessage('kql camera-7', { kind: 'channel' }));
    expect(cardOf(one[0])).toEqual(kqlCard(connectionsKql({ deviceIds: ['camera-7'] }), h.cardCtx(), 'camera-7'));
  });

  it('examples shows the examples card', async () => {
    const h = harness();
    expect(cardOf((await h.send(teamsMessage('examples')))[0])).toEqual(examplesCard(h.cardCtx()));
  });

  it('a question without evidence and without an explainer is answered from the knowledge base', async () => {
    const h = harness();
    const replies = messages(await h.send(teamsMessage('why do we get 401003 every hour?')));
    expect(replies[0].text).toContain(knowledge('token-expiry-churn', 'en').title);
  });

  it('a question goes to the explainer when there is one', async () => {
    const explainer = fakeExplainer('Tokens expire; the SDK renews them.');
    const h = harness({ explainer });
    const replies = messages(await h.send(teamsMessage('why do we get 401003 every hour?')));
    expect(explainer.calls).toEqual(['answer:why do we get 401003 every hour?']);
    const text = replies[0].text ?? JSON.stringify(replies[0].attachments);
    expect(text).toContain('Tokens expire; the SDK renews them.');
  });

  it('a paste goes on without the registry when it does not answer in time', async () => {
    const registry = new FakeRegistry({}, 'hang');
    const h = harness({ registry }, { registryBudgetMs: 30 });
    const replies = messages(await h.send(teamsMessage(CHURN_LOG)));
    expect(registry.calls).toHaveLength(1);
    cardOf(replies[0]);
    expect(h.logs.lines().find((l) => l.event === 'turn')).toMatchObject({ verdict: triage(CHURN_LOG, { now: NOW }).verdict, lookedUp: 1, lookupMs: expect.any(Number) });
  });
});

describe('TriageBot: whole-hub check', () => {
  it('hub <name> [window] runs the fleet query and shows the fleet card', async () => {
    const fleet = new FakeFleet(emptyFleet);
    const h = harness({ fleet });
    const replies = messages(await h.send(teamsMessage('hub contoso-hub.azure-devices.net 6h', { kind: 'channel' })));
    expect(fleet.calls).toEqual([{ hub: 'contoso-hub', since: '6h' }]);
    expect(cardOf(replies[0])).toEqual(fleetCard(emptyFleet({ hub: 'contoso-hub', since: '6h' }), h.cardCtx()));
  });

  it('explains usage, and says when the check is not set up', async () => {
    const fleet = new FakeFleet(emptyFleet);
    const h = harness({ fleet });
    expect(messages(await h.send(teamsMessage('hub')))[0].text).toMatch(/hub <hub-name>/);
    expect(fleet.calls).toEqual([]);
    const none = harness();
    expect(messages(await none.send(teamsMessage('hub contoso-hub')))[0].text).toBe(botText('hubCheckUnavailable', 'en'));
  });

  it('a slow query ends as a timeout card, not a hung turn', async () => {
    const fleet: FakeFleet = Object.assign(new FakeFleet(emptyFleet), { check: () => new Promise<never>(() => undefined) });
    const h = harness({ fleet }, { fleetBudgetMs: 20 });
    const replies = messages(await h.send(teamsMessage('hub contoso-hub')));
    expect(cardOf(replies[0])).toEqual(fleetCard({ ok: false, reason: 'timeout', message: 'Log Analytics did not answer in time.' }, h.cardCtx()));
  });

  it('"Check the whole hub" and the per-device drill-down post the fleet card in the thread', async () => {
    const fleet = new FakeFleet(emptyFleet);
    const h = harness({ fleet });
    const hubReplies = await h.send(cardAction('checkHub', { hub: 'contoso-hub' }));
    expect(cardOf(messages(hubReplies)[0])).toEqual(fleetCard(emptyFleet({ hub: 'contoso-hub', since: '24h' }), h.cardCtx()));
    expect(invokeBody(hubReplies).body.type).toBe('application/vnd.microsoft.activity.message');
    await h.send(cardAction('fleetDevice', { hub: 'contoso-hub', since: '1h', deviceId: 'pump-0042' }));
    expect(fleet.calls).toEqual([
      { hub: 'contoso-hub', since: '24h' },
      { hub: 'contoso-hub', since: '1h', deviceId: 'pump-0042' },
    ]);
    const bad = invokeBody(await h.send(cardAction('checkHub', { hub: 'x; drop table' })));
    expect(bad.status).toBe(400);
    expect(fleet.calls).toHaveLength(2);
  });
});

describe('TriageBot: tenant allow-list', () => {
  it('refuses another tenant politely, before any lookup', async () => {
    const registry = new FakeRegistry({ 'thermostat-042': THERMOSTAT });
    const h = harness({ registry }, { allowedTenantIds: [TENANT] });
    const replies = await h.send(teamsMessage('lookup thermostat-042', { tenant: OTHER_TENANT, locale: 'nl-NL' }));
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(tenantRefusal('nl'));
    expect(registry.calls).toEqual([]);
    expect(h.logs.lines().some((l) => l.event === 'tenant-refused')).toBe(true);
  });

  it('refuses an activity without a tenant when a list is set, and card actions from another tenant', async () => {
    const registry = new FakeRegistry({ 'thermostat-042': THERMOSTAT });
    const h = harness({ registry }, { allowedTenantIds: [TENANT] });
    expect((await h.send(teamsMessage(CHURN_LOG, { tenant: null })))[0].text).toBe(tenantRefusal('en'));
    const invoke = await h.send(cardAction('lookupDevice', { deviceId: 'thermostat-042' }, { tenant: OTHER_TENANT }));
    expect(invokeBody(invoke).body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: tenantRefusal('en') });
    expect(registry.calls).toEqual([]);
  });

  it('serves the allowed tenant', async () => {
    const h = harness({}, { allowedTenantIds: [TENANT] });
    expectHelpCard(cardOf((await h.send(teamsMessage('help')))[0]), h.cardCtx());
  });
});

describe('TriageBot: card actions (Action.Execute)', () => {
  it('lookupDevice posts the device card in the thread and acknowledges the invoke', async () => {
    const registry = new FakeRegistry({ 'thermostat-042': THERMOSTAT });
    const h = harness({ registry });
    const replies = await h.send(cardAction('lookupDevice', { deviceId: 'thermostat-042' }, { kind: 'channel' }));
    const posted = messages(replies);
    expect(posted).toHaveLength(1);
    expect(cardOf(posted[0])).toEqual(deviceCard('thermostat-042', THERMOSTAT, { ...h.cardCtx(), failure: undefined }));
    const inv = invokeBody(replies);
    expect(inv.status).toBe(200);
    expect(inv.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });

  it('showKql posts the query card', async () => {
    const h = harness();
    const replies = await h.send(cardAction('showKql', { deviceId: 'camera-7' }));
    expect(cardOf(messages(replies)[0])).toEqual(kqlCard(connectionsKql({ deviceIds: ['camera-7'] }), h.cardCtx(), 'camera-7'));
    expect(invokeBody(replies).status).toBe(200);
  });

  it('feedback is logged and counted, and the card stays', async () => {
    const h = harness();
    const replies = await h.send(cardAction('feedback', { helpful: false, verdict: 'credential-problem' }, { locale: 'nl-BE' }));
    expect(messages(replies)).toEqual([]);
    expect(invokeBody(replies).body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: botText('feedbackThanks', 'nl') });
    expect(h.logs.lines().find((l) => l.event === 'feedback')).toMatchObject({ helpful: false, verdict: 'credential-problem' });
    expect(h.telemetry.feedback).toEqual([{ helpful: false, verdict: 'credential-problem' }]);
  });

  it('explain replaces the card with the same verdict plus the explanation', async () => {
    const explainer = fakeExplainer('Because tokens expire.');
    const h = harness({ explainer });
    const compact = compactTriage(triage(CHURN_LOG, { now: NOW }));
    const replies = await h.send(cardAction('explain', { triage: compact }));
    const inv = invokeBody(replies);
    expect(inv.body.type).toBe(CARD);
    expect(inv.body.value).toEqual(
      verdictCard(compact, { ...h.cardCtx(), explanation: { verdict: compact.verdict, text: 'Because tokens expire.', followUpQuestions: [], lang: 'en' } }),
    );
  });

  it('explain without an explainer, or with a secret slipped into the data, does not call out', async () => {
    const noExplainer = harness();
    const compact = compactTriage(triage(CHURN_LOG, { now: NOW }));
    expect(invokeBody(await noExplainer.send(cardAction('explain', { triage: compact }))).body.value).toBe(botText('explainUnavailable', 'en'));
    const explainer = fakeExplainer();
    const h = harness({ explainer });
    const tampered = { ...compact, kql: CONNECTION_STRING };
    expect(invokeBody(await h.send(cardAction('explain', { triage: tampered }))).body.value).toBe(botText('secretInAction', 'en'));
    expect(explainer.calls).toEqual([]);
  });

  it('answers unknown verbs, missing verbs and bad data with Universal Actions errors', async () => {
    const h = harness();
    const unknown = invokeBody(await h.send(cardAction('launchRockets', {})));
    expect(unknown).toMatchObject({ status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotSupported' } } });
    const bad = invokeBody(await h.send(cardAction('lookupDevice', { deviceId: 'has spaces' })));
    expect(bad).toMatchObject({ status: 400, body: { type: 'application/vnd.microsoft.error' } });
    const noAction = { ...cardAction('x', {}), value: {} };
    expect(invokeBody(await h.send(noAction)).status).toBe(400);
  });
});

describe('TriageBot: message action "Triage with IoT Hub Triage"', () => {
  const fetchTask = (commandId: string, content: string, opts: { tenant?: string } = {}): Partial<Activity> => ({
    ...teamsMessage('', { kind: 'channel', mention: false, tenant: opts.tenant }),
    type: 'invoke',
    name: 'composeExtension/fetchTask',
    text: undefined,
    value: { commandId, commandContext: 'message', messagePayload: { id: 'm-1', body: { contentType: 'html', content } } },
  });

  it("triages someone else's message (its HTML body) and opens the verdict card in a dialog", async () => {
    const h = harness();
    const html = CHURN_LOG.split('\n')
      .map((l) => `<p>${l}</p>`)
      .join('');
    const body = invokeBody(await h.send(fetchTask('triageMessage', html))) as unknown as {
      status: number;
      body: { task: { type: string; value: { card: { contentType: string; content: unknown } } } };
    };
    expect(body.status).toBe(200);
    expect(body.body.task.type).toBe('continue');
    expect(body.body.task.value.card.contentType).toBe(CARD);
    // The verdict card, with the dialog's "Post to thread" button (test/bot/messageAction.test.ts covers it).
    expectCardSays(body.body.task.value.card.content, { verdict: 'token-expiry-churn', devices: ['thermostat-042'] });
    expect(JSON.stringify(body.body.task.value.card.content)).toContain('Post to thread');
    expect(h.telemetry.triages).toEqual([expect.objectContaining({ source: 'action' })]);
  });

  it('says so when the message has no text, and refuses other tenants', async () => {
    const h = harness({}, { allowedTenantIds: [TENANT] });
    const empty = invokeBody(await h.send(fetchTask('triageMessage', '<p> </p>'))) as unknown as { body: { task: { type: string } } };
    expect(empty.body.task.type).toBe('message');
    const other = invokeBody(await h.send(fetchTask('triageMessage', `<p>${CHURN_LOG}</p>`, { tenant: OTHER_TENANT }))) as unknown as {
      body: { task: { type: string; value: string } };
    };
    expect(other.body.task).toEqual({ type: 'message', value: tenantRefusal('en') });
    expect(h.telemetry.triages).toEqual([]);
  });
});

describe('TriageBot: robustness', () => {
  it('ignores a repeated activity id (Teams resends after ~15 s)', async () => {
    const h = harness();
    const first = await h.send(teamsMessage('help', { id: 'same-id' }));
    const again = await h.send(teamsMessage('help', { id: 'same-id' }));
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(h.logs.lines().some((l) => l.event === 'duplicate-ignored')).toBe(true);
  });

  it('a turn that fails after the triage logs the verdict on its error line, and no turn line', async () => {
    const h = harness();
    const adapterSend = jest.spyOn(TestAdapter.prototype, 'sendActivities').mockRejectedValueOnce(new Error('connector down'));
    try {
      const replies = messages(await h.send(teamsMessage(THUMBPRINT_LOG)));
      expect(cardOf(replies[0])).toEqual(errorCard(botText('turnFailed', 'en'), h.cardCtx()));
    } finally {
      adapterSend.mockRestore();
    }
    const lines = h.logs.lines();
    expect(lines.find((l) => l.event === 'turn-error')).toMatchObject({ where: 'message', verdict: triage(THUMBPRINT_LOG, { now: NOW }).verdict, kinds: expect.arrayContaining(['thumbprint-mismatch']) });
    expect(lines.filter((l) => l.event === 'turn' || l.event === 'triage')).toEqual([]);
  });

  it('a turn that throws replies with the error card, logs without the message text, and the bot keeps working', async () => {
    const marker = 'UNIQUE-PASTE-MARKER-7781';
    let fail = true;
    const h = harness({
      clock: () => {
        if (fail) throw new Error(`cannot read ${marker}`);
        return NOW;
      },
    });
    const replies = messages(await h.send(teamsMessage(`${marker} 401003 IoTHubUnauthorized`)));
    expect(cardOf(replies[0])).toEqual(errorCard(botText('turnFailed', 'en'), h.cardCtx()));
    expect(JSON.stringify(replies)).not.toContain('at ');
    expect(h.logs.lines().some((l) => l.event === 'turn-error')).toBe(true);
    expect(h.logs.raw()).not.toContain(marker);
    expect(h.telemetry.exceptions).toHaveLength(1);
    fail = false;
    expectHelpCard(cardOf(messages(await h.send(teamsMessage('help')))[0]), h.cardCtx());
  });

  it('a pasted connection string: the key reaches neither the reply nor the logs nor telemetry', async () => {
    const registry = new FakeRegistry({ 'thermostat-042': THERMOSTAT });
    const h = harness({ registry });
    const replies = await h.send(teamsMessage(`device fails with:\n${CONNECTION_STRING}`));
    cardOf(messages(replies)[0]);
    expect(JSON.stringify(replies)).not.toContain(DEVICE_KEY);
    expect(h.logs.raw()).not.toContain(DEVICE_KEY);
    expect(h.logs.raw()).not.toContain('device fails with');
    expect(JSON.stringify(h.telemetry.triages)).not.toContain(DEVICE_KEY);
    expect(h.logs.lines().find((l) => l.event === 'turn')).toMatchObject({ kinds: expect.arrayContaining(['secret-exposed']), secretsRedacted: 1 });
  });
});
