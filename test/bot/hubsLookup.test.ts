// Several hubs in the bot: `lookup <device> [in <hub>]` (en, nl), the "Look up device" button and a paste
// all ask the HubDirectory (snapshot files through the real adapters) and the cards say where the device is.
import { TestAdapter, type Activity } from 'botbuilder';
import { TriageBot } from '../../src/bot/teamsBot';
import type { BotServices } from '../../src/bot/services';
import { hubFactText } from '../../src/triage/hubFactTexts';
import { knowledge } from '../../src/triage/knowledge';
import { strings } from '../../src/cards/strings';
import { visibleText } from '../cards/cardCheck';
import { expectCardSays } from './cardSays';
import { captureLogs, cardAction, FakeRegistry, NOW, teamsMessage } from './fakes';
import { fixtureDirectory, WRONG_HUB_PASTE } from './hubs/directory';

function harness(overrides: Partial<BotServices> = {}) {
  const logs = captureLogs();
  const services: BotServices = { clock: () => NOW, logger: logs.logger, directory: fixtureDirectory(), ...overrides };
  const bot = new TriageBot(services, { allowedTenantIds: [] });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0).filter((a) => a.type === 'message' || a.type === 'invokeResponse');
  };
  return { send, logs };
}

function cardText(reply: Partial<Activity> | undefined): string {
  const card = reply?.attachments?.[0]?.content;
  expect(card).toBeDefined();
  return visibleText(card);
}

describe('lookup with several hubs', () => {
  test('lookup pump-0043: contoso-prod has it not, contoso-test has it, and DPS assigned it there', async () => {
    const h = harness();
    const text = cardText((await h.send(teamsMessage('lookup pump-0043')))[0]);
    const s = strings('en');
    expect(text).toContain(s.hubsTitle);
    expect(text).toContain(`contoso-prod: \n${s.hubNotRegistered}`);
    expect(text).toContain(`contoso-test: \n${s.hubRegistered(s.enabled, s.authType.sas)}`);
    expect(text).toContain('assigned to contoso-test on 2026-10-02');
    expect(text).not.toContain(s.notFound());
  });

  test('opzoeken pump-0043 in contoso-prod (Dutch, one hub): not registered there, and the other hub is not asked', async () => {
    const h = harness();
    const replies = await h.send(teamsMessage('zoek pump-0043 op in contoso-prod', { locale: 'nl-NL' }));
    const text = cardText(replies[0]);
    const s = strings('nl');
    expect(text).toContain(`contoso-prod: \n${s.hubNotRegistered}`);
    expect(text).not.toContain('contoso-test:');
    expect(text).toContain(s.notFound());
    expect(text).toContain(knowledge('device-not-registered', 'nl').fix[0]);
  });

  test('a hub that is not configured is said plainly', async () => {
    const h = harness();
    const text = cardText((await h.send(teamsMessage('opzoeken pump-0043 in contoso-eu', { locale: 'nl-NL' })))[0]);
    expect(text).toContain(`contoso-eu: \n${strings('nl').hubNotConfigured}`);
    expect(text).not.toContain(strings('nl').notFound());
  });

  test('a bad hub name gets a friendly line, not a lookup', async () => {
    const h = harness();
    const replies = await h.send(teamsMessage('lookup pump-0043 in contoso_prod!'));
    expect(replies[0].text).toMatch(/doesn't look like an IoT Hub name/);
  });

  test('a failed DPS registration is said with DPS\'s own error and its fix', async () => {
    const h = harness();
    const text = cardText((await h.send(teamsMessage('lookup pump-0099')))[0]);
    expect(text).toContain('The DPS registration failed on 2026-10-03: Custom allocation failed with status code: 400.');
    expect(text).toContain(hubFactText({ code: 'dps-registration-failed', params: {} }, 'en').fix[0]);
  });

  test('the "Look up device" button takes the same path', async () => {
    const h = harness();
    const replies = await h.send(cardAction('lookupDevice', { deviceId: 'pump-0043', refresh: true }));
    const body = replies[0].value as { body: { value: unknown } };
    const text = visibleText(body.body.value);
    expect(text).toContain(`contoso-test: \n${strings('en').hubRegistered(strings('en').enabled, strings('en').authType.sas)}`);
  });

  test('without a directory the single registry is used as before', async () => {
    const registry = new FakeRegistry({ 'pump-0043': { deviceId: 'pump-0043', status: 'enabled', authType: 'sas' } });
    const h = harness({ directory: undefined, registry });
    const text = cardText((await h.send(teamsMessage('lookup pump-0043')))[0]);
    expect(registry.calls.map((c) => c.ids)).toEqual([['pump-0043']]);
    expect(text).not.toContain(`${strings('en').hubsTitle}\n`);
  });
});

describe('a paste from one hub about a device living in another', () => {
  test.each(['en', 'nl'] as const)('the verdict card says the device is in contoso-test, with DPS, and the fixes (%s)', async (lang) => {
    const h = harness();
    const replies = await h.send(teamsMessage(WRONG_HUB_PASTE, { locale: lang === 'nl' ? 'nl-NL' : 'en-US' }));
    const card = replies[0].attachments?.[0]?.content;
    expectCardSays(card, { verdict: 'credential-problem', devices: ['pump-0043'], fixesFor: ['device-in-other-hub'], lang });
    const text = visibleText(card);
    expect(text).toContain(knowledge('device-in-other-hub', lang).title);
    const registered = hubFactText({ code: 'registered-in-other-hub', params: { deviceId: 'pump-0043', pastedHub: 'contoso-prod', hub: 'contoso-test', status: 'enabled', auth: 'SAS' } }, lang);
    const dps = hubFactText({ code: 'dps-assigned-elsewhere', params: { assignedHub: 'contoso-test', when: '2026-10-02', pastedHub: 'contoso-prod' } }, lang);
    expect(text).toContain(registered.text);
    expect(text).toContain(dps.text);
    expect(text).toContain(registered.fix[0]);
    expect(text).toContain(dps.fix[0]);
    // the device row says which hub has it and which not
    const st = strings(lang);
    expect(text).toContain(`contoso-prod: ${st.hubNotRegistered} · contoso-test: ${st.hubRegistered(st.enabled, st.authType.sas)}`);
  });
});

describe('examples', () => {
  test('the "not registered" example, pasted with several hubs configured, shows the wrong-hub case (en, nl)', async () => {
    const { EXAMPLE_PASTES } = await import('../../src/cards/examples');
    const example = EXAMPLE_PASTES.find((e) => e.key === 'notRegistered');
    expect(example).toBeDefined();
    for (const lang of ['en', 'nl'] as const) {
      const h = harness();
      const examples = cardText((await h.send(teamsMessage('voorbeelden', { locale: lang === 'nl' ? 'nl-NL' : 'en-US' })))[0]);
      expect(examples).toContain(strings(lang).exampleTitles.notRegistered);
      const replies = await h.send(teamsMessage(example!.lines.join('\n'), { locale: lang === 'nl' ? 'nl-NL' : 'en-US' }));
      const card = replies[0].attachments?.[0]?.content;
      expectCardSays(card, { verdict: 'credential-problem', devices: ['pump-0043'], fixesFor: ['device-in-other-hub'], lang });
      expect(visibleText(card)).toContain(knowledge('device-in-other-hub', lang).title);
    }
  });
});

describe('the help card names the hubs a lookup searches', () => {
  test.each(['en', 'nl'] as const)('%s: configured hubs, and those discovery found, by name only', async (lang) => {
    const directory = fixtureDirectory();
    const hubs = directory.hubs();
    const h = harness({ directory: { ...directory, hubs: () => [...hubs, 'contoso-lab'], discovered: () => ['contoso-lab'] } });
    const text = cardText((await h.send(teamsMessage(lang === 'en' ? 'help' : 'hulp', { locale: lang === 'en' ? 'en-US' : 'nl-NL' })))[0]);
    expect(text).toContain(strings(lang).helpHubs(hubs.join(', '), 'contoso-lab'));
  });

  test('without several hubs the card says nothing about hubs', async () => {
    const h = harness({ directory: undefined });
    expect(cardText((await h.send(teamsMessage('help')))[0])).not.toContain(strings('en').helpHubs('', '').slice(0, 10));
  });
});
