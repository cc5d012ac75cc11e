// Help, welcome, examples, error, thanks, KQL: right words, right language, nothing unsafe.
import { errorCard, examplesCard, feedbackThanksCard, helpCard, kqlCard, welcomeCard } from '../../src/cards';
import { EXAMPLE_PASTES } from '../../src/cards/examples';
import { strings } from '../../src/cards/strings';
import { containsSecret } from '../../src/triage/redact';
import { cardProblems, markdownTexts, visibleText } from './cardCheck';
import * as fx from './fixtures';

describe('help and welcome', () => {
  test('help shows the command lines it is given and what can be pasted, in each language', () => {
    const lines = [
      { command: 'lookup <deviceId>', text: 'show a device' },
      { command: 'kql [deviceId]', text: 'a query' },
    ];
    for (const lang of ['en', 'nl'] as const) {
      const text = visibleText(helpCard({ lang }, lines));
      for (const c of lines) expect(text).toContain(`${c.command}\n  ${c.text}`);
      for (const p of strings(lang).helpPaste) expect(text).toContain(p);
    }
    expect(visibleText(helpCard({ lang: 'nl' }, lines))).not.toEqual(visibleText(helpCard({ lang: 'en' }, lines)));
  });

  test('welcome says what to paste and how to get help', () => {
    const text = visibleText(welcomeCard({ lang: 'en' }));
    expect(text).toContain(strings('en').welcomeBody);
    expect(text).toContain('help');
  });
});

describe('examples', () => {
  test('3–4 sample pastes, shown line by line, with no real-looking secrets', () => {
    expect(EXAMPLE_PASTES.length).toBeGreaterThanOrEqual(3);
    expect(EXAMPLE_PASTES.length).toBeLessThanOrEqual(4);
    const card = examplesCard({ lang: 'en' });
    const text = visibleText(card);
    for (const e of EXAMPLE_PASTES) for (const l of e.lines) expect(text).toContain(l);
    for (const e of EXAMPLE_PASTES) expect(containsSecret(e.lines.join('\n'))).toBe(false);
    expect(containsSecret(JSON.stringify(card))).toBe(false);
    // sample lines are shown verbatim in plain runs, never as Markdown
    const md = markdownTexts(card);
    for (const e of EXAMPLE_PASTES) for (const l of e.lines) expect(md).not.toContain(l);
  });
});

describe('errorCard', () => {
  test('is friendly: no stack frames, no file paths, no secrets', () => {
    const err = new Error(`Registry said no for SharedAccessKey=${fx.RAW_KEY}`);
    const card = errorCard(String(err.stack), { lang: 'en' });
    const text = visibleText(card);
    expect(text).toContain(strings('en').errorTitle);
    expect(text).toContain('Registry said no');
    expect(text).not.toMatch(/\n?\s+at\s+\S+\s+\(/);
    expect(text).not.toContain('.ts:');
    expect(JSON.stringify(card)).not.toContain(fx.RAW_KEY);
    expect(cardProblems(card)).toEqual([]);
  });

  test('an empty or hostile message still gives a clean card', () => {
    expect(cardProblems(errorCard('', { lang: 'nl' }))).toEqual([]);
    const card = errorCard(fx.INJECTION, { lang: 'en' });
    expect(markdownTexts(card).join('\n')).not.toContain('evil.example');
  });
});

describe('kqlCard', () => {
  test('shows every query line in monospace, and the device', () => {
    const kql = 'AzureDiagnostics\n| where Category == "Connections"\n| where DeviceId == "sensor-19"';
    const text = visibleText(kqlCard(kql, { lang: 'en' }, 'sensor-19'));
    for (const line of kql.split('\n')) expect(text).toContain(line);
    expect(text).toContain(strings('en').kqlHowTo);
  });

  test('an empty query explains what to do instead', () => {
    expect(visibleText(kqlCard('', { lang: 'nl' }))).toContain(strings('nl').kqlEmpty);
  });

  test('a very long query is capped', () => {
    const card = kqlCard(Array.from({ length: 500 }, (_, i) => `| where x == ${i}`).join('\n'), { lang: 'en' });
    expect(visibleText(card)).not.toContain('| where x == 499');
    expect(cardProblems(card)).toEqual([]);
  });
});

test('feedback thanks in both languages', () => {
  expect(visibleText(feedbackThanksCard({ lang: 'en' }))).toContain(strings('en').thanksTitle);
  expect(visibleText(feedbackThanksCard({ lang: 'nl' }))).toContain(strings('nl').thanksTitle);
});

