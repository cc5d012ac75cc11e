// The device card: registry state in words, never a key, a clear line when the lookup failed.
import { deviceCard, VERBS } from '../../src/cards';
import { strings } from '../../src/cards/strings';
import { knowledge, noteText } from '../../src/triage/knowledge';
import { containsSecret } from '../../src/triage/redact';
import { cardProblems, executeActions, findAll, markdownTexts, visibleText } from './cardCheck';
import * as fx from './fixtures';

describe('deviceCard', () => {
  test('shows status, reason, auth type, connection and times, but never a key', () => {
    for (const lang of ['en', 'nl'] as const) {
      const card = deviceCard('pump-0042', fx.record, { lang, registrySource: 'IoT Hub contoso-hub.azure-devices.net' });
      const text = visibleText(card);
      const s = strings(lang);
      expect(text).toContain('pump-0042');
      expect(text).toContain(s.disabled);
      expect(text).toContain('decommissioned by ops');
      expect(text).toContain(s.authType.sas);
      expect(text).toContain(s.disconnected);
      expect(text).toContain('2024-04-30 08:00:00');
      expect(text).toContain('edgeAgent, edgeHub');
      expect(text).toContain('IoT Hub contoso-hub.azure-devices.net');
      const json = JSON.stringify(card);
      expect(json).not.toContain(fx.RAW_KEY);
      expect(json).not.toContain(fx.record.secondaryKey as string);
      expect(containsSecret(json)).toBe(false);
      expect(cardProblems(card)).toEqual([]);
    }
  });

  test('a device missing from the registry says so and how to fix it', () => {
    const card = deviceCard('sensor-19', null, { lang: 'en' });
    const text = visibleText(card);
    expect(text).toContain(strings('en').notFound());
    const fix = knowledge('device-not-registered', 'en').fix;
    if (fix.length) expect(text).toContain(fix[0].slice(0, 30));
  });

  test('a failed lookup gives the reason in words (via noteText), the message, and a retry', () => {
    const card = deviceCard('sensor-19', null, { lang: 'nl', failure: { reason: 'throttled', message: 'ThrottlingError: slow down' } });
    const text = visibleText(card);
    expect(text).toContain(strings('nl').lookupFailed);
    expect(text).toContain(noteText({ code: 'registry-throttled', params: { reason: 'throttled' } }, 'nl'));
    expect(text).toContain('ThrottlingError: slow down');
    expect(text).not.toContain(strings('nl').notFound());
    expect(executeActions(card).map((a) => a.verb)).toEqual([VERBS.showKql, VERBS.lookupDevice]);
  });

  test('no retry when the registry is not configured at all', () => {
    const card = deviceCard('sensor-19', null, { lang: 'en', failure: { reason: 'not-configured', message: '' } });
    expect(executeActions(card).map((a) => a.verb)).toEqual([VERBS.showKql]);
  });

  test('actions carry the exact device id', () => {
    const card = deviceCard('dev/with spaces', null, { lang: 'en' });
    expect(executeActions(card)[0].data).toEqual({ deviceId: 'dev/with spaces' });
  });

  test('registry text cannot inject Markdown: facts hold only our labels and dates', () => {
    const card = deviceCard(fx.INJECTION, { ...fx.record, statusReason: fx.INJECTION, modules: [fx.INJECTION] }, { lang: 'en' });
    expect(markdownTexts(card).join('\n')).not.toContain('evil.example');
    expect(findAll(card, 'TextRun').some((r) => String(r.text).includes('[click me](https://evil.example/x)'))).toBe(true);
    expect(cardProblems(card)).toEqual([]);
  });
});
