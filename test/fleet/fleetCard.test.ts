// The fleet card: totals, the worst devices with their finding kinds and drill-down actions, the window,
// the query; one device's summary; a clear card for every failure. Valid Adaptive Card 1.5, < 80 KB,
// user-derived text never in Markdown.
import { CARD_SIZE_LIMIT, cardByteSize, fleetCard, VERBS } from '../../src/cards';
import { fleetStrings } from '../../src/cards/fleetStrings';
import { strings } from '../../src/cards/strings';
import { fleetResultFromTables } from '../../src/fleet/summaries';
import type { FleetFailure, FleetOutcome, FleetResult } from '../../src/fleet/types';
import { knowledge } from '../../src/triage/knowledge';
import { fleetKql } from '../../src/triage/fleetKql';
import { containsSecret } from '../../src/triage/redact';
import { executeActions, findAll, markdownTexts, visibleText } from '../cards/cardCheck';
import { INJECTION } from '../cards/fixtures';
import { churn, connect, lockedOut } from '../triage/synth';
import { fleetCardProblems } from './helpers';
import { referenceTable } from './kqlReference';
import { CREDENTIAL_MESSAGES, HUB, laRow } from './synthFleet';

const t0 = new Date('2026-05-01T00:00:00Z');

function result(events: Parameters<typeof laRow>[0][], deviceId?: string, maxDevices?: number): FleetResult {
  const query = fleetKql({ hub: HUB, since: '24h', deviceId });
  return fleetResultFromTables([referenceTable(events.map(laRow), HUB, { deviceId, maxDevices })], { hub: HUB, since: '24h', query, deviceId });
}

const mixedFleet = () => [
  ...churn('pump-0001', t0, 6),
  ...churn('pump-0002', t0, 6, 60, 3),
  connect('pump-0042', t0),
  ...lockedOut('pump-0042', new Date(t0.getTime() + 60_000), 7),
  ...lockedOut('cam-7', t0, 3, 90, CREDENTIAL_MESSAGES[0]),
  connect('quiet-1', t0),
];

describe('fleetCard, whole hub', () => {
  test('says how many devices churn, which have credential problems (worst first, with kinds) and how many are fine', () => {
    for (const lang of ['en', 'nl'] as const) {
      const s = fleetStrings(lang);
      const card = fleetCard({ ok: true, result: result(mixedFleet()) }, { lang });
      expect(fleetCardProblems(card)).toEqual([]);
      const text = visibleText(card);
      expect(text).toContain(s.headline.credential(2));
      expect(text).toContain(`${HUB}`);
      expect(text).toContain(s.window('24h'));
      for (const [title, value] of [[s.totals.credential, '2'], [s.totals.churn, '2'], [s.totals.fine, '1'], [s.totals.devices, '5']]) {
        const fact = findAll(card, 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]).find((f) => f.title === title);
        expect(fact?.value).toBe(value);
      }
      expect(text.indexOf('pump-0042')).toBeLessThan(text.indexOf('cam-7'));
      expect(text).toContain(knowledge('unrecovered-unauthorized', lang).title);
      expect(text).toContain(knowledge('thumbprint-mismatch', lang).title);
      expect(text).toContain(s.churnTitle);
      expect(text).toMatch(/≈ 63 min/); // median of the two devices' 65 and 60 min
      // The query is there to open in Log Analytics, behind a toggle.
      expect(text).toContain('AzureDiagnostics');
      expect(findAll(card, 'Action.ToggleVisibility')).toHaveLength(1);
    }
  });

  test('each listed device drills down (fleetDevice) and looks up (lookupDevice) with its exact id', () => {
    const card = fleetCard({ ok: true, result: result(mixedFleet()) }, { lang: 'en' });
    const actions = executeActions(card);
    expect(actions.filter((a) => a.verb === 'fleetDevice').map((a) => a.data)).toEqual([
      { hub: HUB, since: '24h', deviceId: 'pump-0042' },
      { hub: HUB, since: '24h', deviceId: 'cam-7' },
    ]);
    expect(actions.filter((a) => a.verb === VERBS.lookupDevice).map((a) => a.data)).toEqual([{ deviceId: 'pump-0042' }, { deviceId: 'cam-7' }]);
    expect(actions.find((a) => a.verb === VERBS.checkHub)?.data).toEqual({ hub: HUB });
  });

  test('only churn: a calm headline, no device list', () => {
    const card = fleetCard({ ok: true, result: result([...churn('a-1', t0, 4), ...churn('a-2', t0, 4)]) }, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('en').headline.churn(2));
    expect(executeActions(card).filter((a) => a.verb === 'fleetDevice')).toEqual([]);
  });

  test('an empty window says where the logs should come from', () => {
    const card = fleetCard({ ok: true, result: result([]) }, { lang: 'nl' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('nl').headline.empty);
    expect(visibleText(card)).toContain(fleetStrings('nl').emptyHint);
  });

  test('500 locked-out devices with long ids and messages: capped list, stated truncation, under 80 KB', () => {
    const events = [];
    for (let i = 0; i < 600; i++) events.push(...lockedOut(`device-${'x'.repeat(100)}-${i}`, t0, 3, 60, `${CREDENTIAL_MESSAGES[2]} ${'detail '.repeat(40)}`));
    const r = result(events);
    expect(r.truncated).toBe(true);
    const card = fleetCard({ ok: true, result: r }, { lang: 'en' });
    expect(cardByteSize(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT);
    expect(fleetCardProblems(card)).toEqual([]);
    const text = visibleText(card);
    expect(text).toContain(fleetStrings('en').truncated(500, 600));
    expect(text).toContain(fleetStrings('en').more(590));
  });

  test('device ids and messages are text, never Markdown; secrets never reach the card', () => {
    const key = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0xcv=';
    const events = [...lockedOut(INJECTION, t0, 4, 60, `${CREDENTIAL_MESSAGES[2]} SharedAccessKey=${key} ${INJECTION}`)];
    const card = fleetCard({ ok: true, result: result(events) }, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain('[click me](https://evil.example/x)');
    for (const md of markdownTexts(card)) expect(md).not.toContain('evil.example');
    const json = JSON.stringify(card);
    expect(json).not.toContain(key);
    expect(containsSecret(json)).toBe(false);
  });
});

describe('fleetCard, one device', () => {
  test('its own summary, findings, messages, a registry look-up and the way back', () => {
    const r = result(mixedFleet(), 'cam-7');
    for (const lang of ['en', 'nl'] as const) {
      const s = fleetStrings(lang);
      const card = fleetCard({ ok: true, result: r }, { lang });
      expect(fleetCardProblems(card)).toEqual([]);
      const text = visibleText(card);
      expect(text).toContain(strings(lang).status['credential-problem']);
      expect(text).toContain('cam-7');
      expect(text).toContain(knowledge('thumbprint-mismatch', lang).title);
      expect(text).toContain(s.descriptions);
      expect(text).toContain('Thumbprint does not match configuration');
      const facts = findAll(card, 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
      expect(facts.find((f) => f.title === s.facts.unauthorized)?.value).toBe('0');
      expect(executeActions(card).map((a) => [a.verb, a.data])).toEqual([
        [VERBS.lookupDevice, { deviceId: 'cam-7' }],
        [VERBS.checkHub, { hub: HUB }],
      ]);
    }
  });

  test('a churning device shows its rhythm', () => {
    const card = fleetCard({ ok: true, result: result(mixedFleet(), 'pump-0001') }, { lang: 'en' });
    const facts = findAll(card, 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    const s = fleetStrings('en');
    expect(facts.find((f) => f.title === s.facts.lifetime)?.value).toBe('65 min');
    expect(facts.find((f) => f.title === s.facts.reconnect)?.value).toBe('20 s');
    expect(facts.find((f) => f.title === s.facts.recovered)?.value).toBe('6');
  });

  test('a device without logs in the window says so', () => {
    const card = fleetCard({ ok: true, result: result(mixedFleet(), 'nope') }, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('en').deviceEmpty('nope'));
  });
});

describe('fleetCard, failures', () => {
  const reasons: FleetFailure[] = ['not-configured', 'unauthorized', 'throttled', 'timeout', 'bad-request', 'error'];
  test.each(reasons)('%s: what happened and what to do, with the query when there is one', (reason) => {
    for (const lang of ['en', 'nl'] as const) {
      const outcome: FleetOutcome = { ok: false, reason, message: `detail for ${reason} ${INJECTION}`, query: reason === 'not-configured' ? undefined : fleetKql({ hub: HUB }) };
      const card = fleetCard(outcome, { lang });
      expect(fleetCardProblems(card)).toEqual([]);
      const text = visibleText(card);
      const f = fleetStrings(lang).failure[reason];
      expect(text).toContain(f.title);
      expect(text).toContain(f.hint);
      expect(text).toContain(`detail for ${reason}`);
      expect(text.includes('AzureDiagnostics')).toBe(reason !== 'not-configured');
      for (const md of markdownTexts(card)) expect(md).not.toContain('evil.example');
    }
  });

  test('garbage in: still a card', () => {
    const card = fleetCard(undefined as unknown as FleetOutcome, { lang: 'en' });
    expect(fleetCardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(fleetStrings('en').failedTitle);
  });
});
