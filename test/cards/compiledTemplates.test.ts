// Cards unchanged by the compiled templates: every card the bot builds (verdict, device, fleet, watch,
// KQL, help, welcome, examples, error, thanks; en and nl; every fixture and real paste) is expanded by the
// compiled template and by adaptivecards-templating's Template, and the two must be the same JSON, key
// order included. A property test feeds both arbitrary data, to hold the rules for missing values,
// nulls, non-boolean `$when` and `$data` of every type, not only the shapes today's views produce.
import { fc, test as propTest } from '@fast-check/jest';
import { Template } from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { deviceCard, examplesCard, feedbackThanksCard, fleetCard, helpCard, kqlCard, verdictCard, watchCard, welcomeCard } from '../../src/cards';
import { decideRound } from '../../src/watch/decideRound';
import { churner, churnThenLocked, fleet, lockedOutDevice, quiet, thumbprint } from '../watch/fleets';
import { helpLines } from '../../src/bot/commands/command';
import { COMMANDS } from '../../src/bot/commands/registry';
import { errorCard } from '../../src/cards/simpleCards';
import { compileTemplate } from '../../src/cards/compileTemplate';
import * as templates from '../../src/cards/templates';
import { fleetResultFromTables } from '../../src/fleet/summaries';
import { fleetKql } from '../../src/triage/fleetKql';
import { triage } from '../../src/triage';
import type { Lang } from '../../src/triage/types';
import { churn, connect, lockedOut } from '../triage/synth';
import { corpusCases, fixtureCases } from '../triage/expectations';
import { referenceTable } from '../fleet/kqlReference';
import { HUB, laRow } from '../fleet/synthFleet';
import { ALL, explanationFor, INJECTION, mixed, record } from './fixtures';

const now = new Date('2024-05-01T12:00:00Z');
const LANGS: Lang[] = ['en', 'nl'];

function libraryExpand(name: templates.TemplateName, data: unknown): string {
  return JSON.stringify(new Template(templates.templateSource(name)).expand({ $root: data }));
}

/** Every (template, data) pair the card builders expand while building `build()`'s cards. */
function captured(build: () => void): { name: templates.TemplateName; data: Record<string, unknown>; out: string }[] {
  const seen: { name: templates.TemplateName; data: Record<string, unknown>; out: string }[] = [];
  const real = jest.requireActual<typeof templates>('../../src/cards/templates').expand;
  const spy = jest.spyOn(templates, 'expand').mockImplementation((name, data) => {
    const card = real(name, data);
    seen.push({ name, data, out: JSON.stringify(card) });
    return card;
  });
  try {
    build();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

function expectSameAsLibrary(build: () => void): number {
  const seen = captured(build);
  expect(seen.length).toBeGreaterThan(0);
  for (const { name, data, out } of seen) expect(out).toBe(libraryExpand(name, data));
  return seen.length;
}

const pastes = (): [string, string][] => [...fixtureCases(), ...corpusCases()].map((c) => [c.name, readFileSync(c.path, 'utf8')]);

describe('compiled card templates give the same cards as adaptivecards-templating', () => {
  it.each(pastes())('verdict cards for %s (en, nl; with and without actions and explanation)', (_file, text) => {
    const t = triage(text, { now });
    expectSameAsLibrary(() => {
      for (const lang of LANGS) {
        verdictCard(t, { lang });
        verdictCard(t, { lang, explainAvailable: true, hubCheckAvailable: true, registrySource: 'IoT Hub contoso-hub.azure-devices.net' });
        verdictCard(t, { lang, explanation: explanationFor(t, lang) });
        verdictCard(t, { lang, explainFailure: 'timeout' });
      }
    });
  });

  it('verdict cards for the hand-built triages, a card at every cap, and hostile text', () => {
    const n = expectSameAsLibrary(() => {
      for (const lang of LANGS) {
        for (const t of Object.values(ALL)) verdictCard(t, { lang, explainAvailable: true, hubCheckAvailable: true, explanation: explanationFor(t, lang) });
        // Long device ids and a huge explanation: every section at its cap.
        const big = mixed(2_000, 300);
        big.devices = big.devices.map((d) => ({ ...d, deviceId: d.deviceId + 'y'.repeat(2000) }));
        verdictCard(big, { lang, hubCheckAvailable: true, explainAvailable: true, explanation: { ...explanationFor(big, lang), text: 'z '.repeat(40_000) } });
        verdictCard(triage(INJECTION, { now }), { lang });
      }
    });
    expect(n).toBeGreaterThanOrEqual(Object.keys(ALL).length * 2 + 4);
  });

  it('device cards: found, not found, each failure, refreshed', () => {
    expectSameAsLibrary(() => {
      for (const lang of LANGS) {
        deviceCard('pump-0042', record, { lang, registrySource: 'IoT Hub contoso-hub.azure-devices.net', checked: { at: now, refreshed: true } });
        deviceCard('pump-0042', { ...record, status: 'disabled', statusReason: INJECTION }, { lang });
        deviceCard('sensor-19', null, { lang });
        for (const reason of ['throttled', 'not-configured', 'unauthorized', 'timeout', 'unreachable', 'error']) {
          deviceCard('sensor-19', null, { lang, failure: { reason, message: 'ThrottlingError: slow down' } });
        }
      }
    });
  });

  it('fleet cards: a mixed fleet, one device, an empty window, each failure', () => {
    const t0 = new Date('2026-05-01T00:00:00Z');
    const events = [...churn('pump-0001', t0, 6), connect('pump-0042', t0), ...lockedOut('pump-0042', new Date(t0.getTime() + 60_000), 7)];
    const result = (deviceId?: string) =>
      fleetResultFromTables([referenceTable(events.map(laRow), HUB, { deviceId })], { hub: HUB, since: '24h', query: fleetKql({ hub: HUB, since: '24h', deviceId }), deviceId });
    expectSameAsLibrary(() => {
      for (const lang of LANGS) {
        fleetCard({ ok: true, result: result() }, { lang });
        fleetCard({ ok: true, result: result('pump-0042') }, { lang });
        fleetCard({ ok: true, result: { ...result(), devices: [], totals: { churn: 0, credential: 0, fine: 0, other: 0, devices: 0 } } }, { lang });
        for (const reason of ['not-configured', 'unauthorized', 'throttled', 'timeout', 'bad-request', 'error'] as const) {
          fleetCard({ ok: false, reason, message: 'the workspace said no', query: 'AzureDiagnostics | take 1' }, { lang });
        }
      }
    });
  });

  it('watch cards: a picture got worse, then recovered', () => {
    const at = (min: number) => new Date(Date.parse('2026-05-01T06:00:00Z') + min * 60_000);
    const first = decideRound(undefined, fleet([...churner('pump-1'), ...churner('pump-2')]), at(0));
    const worse = decideRound(first.state, fleet([...churnThenLocked('pump-1'), ...churner('pump-2'), ...lockedOutDevice('pump-7'), ...thumbprint(INJECTION)]), at(15));
    const recovered = decideRound(worse.state, fleet([...churner('pump-1'), ...churner('pump-2'), ...quiet('pump-7')]), at(30));
    expectSameAsLibrary(() => {
      for (const lang of LANGS) for (const post of [worse.post, recovered.post]) watchCard(post!, { lang });
    });
  });

  it('the KQL, help, welcome, examples, error and thanks cards', () => {
    expectSameAsLibrary(() => {
      for (const lang of LANGS) {
        kqlCard('AzureDiagnostics\n| where ResultType == "401003"', { lang }, 'pump-0042');
        kqlCard('AzureDiagnostics', { lang });
        helpCard({ lang }, helpLines(COMMANDS, { lang }));
        welcomeCard({ lang });
        examplesCard({ lang });
        errorCard(INJECTION, { lang });
        feedbackThanksCard({ lang });
      }
    });
  });
});

// Values of every kind, under the names the templates bind, so that present, missing, null, numbers,
// strings, arrays and objects all reach every binding, `$when` and `$data`.
function bindingNames(template: unknown): string[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(template).matchAll(/\$\{([^{}]*)\}/g)) for (const part of m[1].split('.')) if (!part.startsWith('$')) names.add(part);
  return [...names];
}

const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));

function dataFor(names: string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.constantFrom(...names);
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
  })).v;
  return fc.dictionary(key, value, { maxKeys: names.length });
}

function outcome(f: () => unknown): { ok: string } | { threw: true } {
  try {
    return { ok: JSON.stringify(f()) };
  } catch {
    return { threw: true };
  }
}

describe.each(templates.TEMPLATE_NAMES)('the compiled "%s" template on arbitrary data', (name) => {
  const source = templates.templateSource(name);
  const compiled = compileTemplate(source);
  const library = new Template(source);
  propTest.prop([dataFor(bindingNames(source))], { numRuns: 150, seed: 7 })('expands exactly as the library does (or both refuse)', (data) => {
    expect(outcome(() => compiled(data))).toEqual(outcome(() => library.expand({ $root: data })));
  });
});

test('a template that uses more than plain bindings is refused when compiled, not expanded wrongly', () => {
  expect(() => compileTemplate({ type: 'TextBlock', text: "${if(a, 'x', 'y')}" })).toThrow(/plain bindings/);
  expect(() => compileTemplate({ type: 'TextBlock', $when: '${a} ${b}' })).toThrow(/one binding/);
});
