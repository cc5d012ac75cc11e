// Every template, expanded with representative data, is a clean Adaptive Card 1.5 under the size limit.
import { readdirSync } from 'fs';
import { join } from 'path';
import { helpLines } from '../../src/bot/commands/command';
import { COMMANDS } from '../../src/bot/commands/registry';
import {
  CARD_SIZE_LIMIT,
  cardByteSize,
  deviceCard,
  errorCard,
  examplesCard,
  feedbackThanksCard,
  helpCard,
  kqlCard,
  verdictCard,
  welcomeCard,
  watchCard,
  VERBS,
  type AdaptiveCard,
  type CardContext,
} from '../../src/cards';
import { TEMPLATE_NAMES, templateSource } from '../../src/cards/templates';
import type { Lang } from '../../src/triage/types';
import { cardProblems } from './cardCheck';
import { ALL, explanationFor, record } from './fixtures';
import { decideRound } from '../../src/watch/decideRound';
import { churner, fleet, lockedOutDevice, thumbprint } from '../watch/fleets';

const watchAlert = decideRound(undefined, fleet([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]), new Date('2026-05-01T06:00:00Z'));
const watchRecovered = decideRound(watchAlert.state, fleet([...churner('pump-1'), ...churner('pump-7')]), new Date('2026-05-01T06:15:00Z'));

const LANGS: Lang[] = ['en', 'nl'];

function contexts(lang: Lang): Array<[string, CardContext]> {
  return [
    ['plain', { lang }],
    ['all options', { lang, explainAvailable: true, hubCheckAvailable: true, registrySource: 'IoT Hub contoso-hub.azure-devices.net' }],
  ];
}

const cards: Array<[string, () => AdaptiveCard]> = [];
for (const lang of LANGS) {
  for (const [ctxName, ctx] of contexts(lang)) {
    for (const [name, t] of Object.entries(ALL)) {
      cards.push([`verdict ${name} ${lang} ${ctxName}`, () => verdictCard(t, ctx)]);
      cards.push([`verdict ${name} ${lang} ${ctxName} + explanation`, () => verdictCard(t, { ...ctx, explanation: explanationFor(t, lang) })]);
    }
    cards.push([`device found ${lang} ${ctxName}`, () => deviceCard('pump-0042', record, ctx)]);
    cards.push([`device enabled ${lang} ${ctxName}`, () => deviceCard('pump-0042', { ...record, status: 'enabled', authType: 'selfSigned', primaryThumbprint: 'AB12', secondaryThumbprint: undefined }, ctx)]);
    cards.push([`device not found ${lang} ${ctxName}`, () => deviceCard('sensor-19', null, ctx)]);
    cards.push([`device failure ${lang} ${ctxName}`, () => deviceCard('sensor-19', null, { ...ctx, failure: { reason: 'throttled', message: 'ThrottlingError: too many requests' } })]);
    cards.push([`kql ${lang} ${ctxName}`, () => kqlCard('AzureDiagnostics\n| where Category == "Connections"', ctx, 'sensor-19')]);
    cards.push([`kql empty ${lang} ${ctxName}`, () => kqlCard('', ctx)]);
    cards.push([`help ${lang} ${ctxName}`, () => helpCard(ctx, helpLines(COMMANDS, ctx))]);
    cards.push([`welcome ${lang} ${ctxName}`, () => welcomeCard(ctx)]);
    cards.push([`examples ${lang} ${ctxName}`, () => examplesCard(ctx)]);
    cards.push([`error ${lang} ${ctxName}`, () => errorCard('The paste could not be read.', ctx)]);
    cards.push([`feedback thanks ${lang} ${ctxName}`, () => feedbackThanksCard(ctx)]);
    cards.push([`watch alert ${lang} ${ctxName}`, () => watchCard(watchAlert.post!, ctx)]);
    cards.push([`watch recovered ${lang} ${ctxName}`, () => watchCard(watchRecovered.post!, ctx)]);
  }
}

describe('every card with representative data', () => {
  test.each(cards)('%s parses cleanly, declares ≤ 1.5, has no leftover ${…}, fits the limit', (_name, make) => {
    const card = make();
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
  });
});

describe('the card checker itself', () => {
  // Guards the guard: if cardProblems stopped seeing these, the suite above would prove nothing.
  test.each([
    ['unknown element', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'CodeBlock', codeSnippet: 'x' }] }],
    ['unknown property', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', colour: 'Good' }] }],
    ['invalid value', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', color: 'Purple' }] }],
    ['leftover binding', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }],
    ['version 1.6', { type: 'AdaptiveCard', version: '1.6', body: [] }],
    ['execute without verb', { type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.Execute', title: 't' }] }],
    ['toggle to nowhere', { type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.ToggleVisibility', title: 't', targetElements: ['nope'] }] }],
    ['number as text', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 3 }] }],
  ])('flags %s', (_name, card) => {
    expect(cardProblems(card as unknown as AdaptiveCard).length).toBeGreaterThan(0);
  });
});

describe('template files', () => {
  test('every cards/*.json is a registered template, and every template is designer-compatible JSON at 1.5', () => {
    const files = readdirSync(join(__dirname, '../../cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect([...files].sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const name of TEMPLATE_NAMES) {
      const src = templateSource(name) as { type: string; version: string; $schema: string };
      expect(src.type).toBe('AdaptiveCard');
      expect(src.version).toBe('1.5');
      expect(src.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    }
  });

  test('Action.Execute verbs written in templates are all VERBS', () => {
    const verbs = new Set(Object.values(VERBS));
    for (const name of TEMPLATE_NAMES) {
      const json = JSON.stringify(templateSource(name));
      for (const m of json.matchAll(/"verb":"([^"]*)"/g)) expect(verbs).toContain(m[1]);
    }
  });
});
