// What the verdict card says and offers, per verdict and language, and what it never shows.
import { CARD_SIZE_LIMIT, cardByteSize, compactTriage, verdictCard, VERBS } from '../../src/cards';
import { strings } from '../../src/cards/strings';
import * as knowledgeModule from '../../src/triage/knowledge';
import { knowledge, noteText, verdictText } from '../../src/triage/knowledge';
import { containsSecret } from '../../src/triage/redact';
import { VERDICTS, type Lang, type Triage } from '../../src/triage/types';
import { cardProblems, executeActions, findAll, markdownTexts, visibleText, visibleTexts } from './cardCheck';
import * as fx from './fixtures';

const LANGS: Lang[] = ['en', 'nl'];

function withVerdict(t: Triage, verdict: Triage['verdict']): Triage {
  return { ...t, verdict };
}

describe('headline and colour', () => {
  const cases = VERDICTS.flatMap((v) => LANGS.map((lang) => [v, lang] as const));
  test.each(cases)('%s in %s: the first lines state the verdict in words, coloured per verdict', (verdict, lang) => {
    const card = verdictCard(withVerdict(fx.churn, verdict), { lang });
    const texts = visibleTexts(card);
    const s = strings(lang);
    expect(texts[0]).toBe(s.status[verdict]);
    expect(texts[1]).toBe(verdictText(verdict, lang).headline);
    const header = (card.body as Array<{ style: string; items: Array<{ color?: string }> }>)[0];
    const expected = { 'token-expiry-churn': 'good', 'credential-problem': 'attention', mixed: 'warning', 'not-auth-related': 'accent', inconclusive: 'default' }[verdict];
    expect(header.style).toBe(expected);
    expect(header.items[0].color?.toLowerCase()).toBe(expected);
  });

  test('status words differ per verdict and per language (colour is never the only signal)', () => {
    for (const lang of LANGS) expect(new Set(Object.values(strings(lang).status)).size).toBe(VERDICTS.length);
    for (const v of VERDICTS) expect(strings('nl').status[v]).not.toBe(strings('en').status[v]);
  });

  test('the card declares its language', () => {
    expect(verdictCard(fx.churn, { lang: 'nl' }).lang).toBe('nl');
  });
});

describe('churn timeline', () => {
  test('shows each episode time, reconnect delay and gap to the next, and the token lifetime', () => {
    const card = verdictCard(fx.churn, { lang: 'en' });
    const text = visibleText(card);
    const s = strings('en');
    expect(text).toContain(s.timeline);
    expect(text).toContain('01:00:03'); // first 401003 of thermostat-07
    expect(text).toContain('02:05:03'); // 65 minutes later
    expect(text).toContain('2 s');
    expect(text).toContain('65 min');
    expect(text).toContain(s.timelineSummary(12, 65, 2));
    // 12 episodes, 8 shown: the rest is summarised
    expect(text).toContain(s.moreEpisodes(4));
  });

  test('a missing reconnect is flagged in words and colour', () => {
    const t: Triage = {
      ...fx.churn,
      devices: [{ ...fx.churn.devices[0], episodes: [{ at: '2024-05-01T01:00:03Z', line: 1 }], churnEpisodes: 1 }],
    };
    const card = verdictCard(t, { lang: 'en' });
    const cell = findAll(card, 'TextBlock').find((b) => b.text === strings('en').noReconnect);
    expect(cell?.color).toBe('Attention');
  });

  test('no timeline when no device has episodes', () => {
    expect(visibleText(verdictCard(fx.credential, { lang: 'en' }))).not.toContain(strings('en').timeline);
  });
});

describe('devices, evidence, what to do', () => {
  test('lists the devices with a lookup action carrying the exact device id', () => {
    const card = verdictCard(fx.churn, { lang: 'en' });
    const lookups = executeActions(card).filter((a) => a.verb === VERBS.lookupDevice);
    expect(lookups.map((a) => a.data)).toEqual([{ deviceId: 'thermostat-07' }, { deviceId: 'thermostat-08' }]);
  });

  test('most severe devices come first in a mixed paste', () => {
    const card = verdictCard(fx.mixed(10), { lang: 'en' });
    const first = executeActions(card).find((a) => a.verb === VERBS.lookupDevice);
    const t = fx.mixed(10);
    const firstDevice = t.devices.find((d) => d.deviceId === (first?.data as { deviceId: string }).deviceId);
    expect(firstDevice?.verdict).toBe('credential-problem');
  });

  test('key evidence is quoted with its line number', () => {
    const text = visibleText(verdictCard(fx.credential, { lang: 'en' }));
    expect(text).toContain(strings('en').keyEvidence);
    expect(text).toContain('Thumbprint does not match configuration');
    expect(text).toContain(strings('en').line(7));
  });

  test('what to do comes from the knowledge base, credential problems first', () => {
    const t = fx.mixed(4);
    const texts = visibleTexts(verdictCard(t, { lang: 'nl' }));
    const sigTitle = texts.indexOf(knowledge('sas-signature-invalid', 'nl').title);
    const churnTitle = texts.indexOf(knowledge('token-expiry-churn', 'nl').title);
    expect(sigTitle).toBeGreaterThan(-1);
    expect(churnTitle).toBeGreaterThan(sigTitle);
    for (const step of knowledge('sas-signature-invalid', 'nl').fix.slice(0, 6)) expect(texts.join('\n')).toContain(step.slice(0, 40));
  });

  test('a collapsible evidence section is toggled by Action.ToggleVisibility and starts hidden', () => {
    const card = verdictCard(fx.credential, { lang: 'en' });
    const toggle = findAll(card, 'Action.ToggleVisibility')[0];
    expect(toggle.targetElements).toEqual(['evidence']);
    const section = findAll(card, 'Container').find((c) => c.id === 'evidence');
    expect(section?.isVisible).toBe(false);
    expect(JSON.stringify(section)).toContain('Thumbprint does not match');
  });

  test('device state block shows connection, last activity, status and reason when registry state is present', () => {
    const text = visibleText(verdictCard(fx.credential, { lang: 'en' }));
    const s = strings('en');
    expect(text).toContain(s.deviceState);
    expect(text).toContain(s.disconnected);
    expect(text).toContain('2024-04-30 08:00:00');
    expect(text).toContain(`${s.status_} ${s.disabled} (decommissioned by ops)`);
    expect(text).toContain(`${s.statusChanged} 2024-04-29 10:00:00`);
  });

  test('a device missing from the registry says so', () => {
    expect(visibleText(verdictCard(fx.registryFailure, { lang: 'en' }))).toContain(strings('en').notInRegistry);
  });
});

describe('notes and registry', () => {
  test('a registry-* note is shown as "registry lookup not done" with its knowledge-base text', () => {
    for (const lang of LANGS) {
      const text = visibleText(verdictCard(fx.registryFailure, { lang }));
      expect(text).toContain(strings(lang).registryNotDone);
      expect(text).toContain(noteText(fx.registryFailure.notes[0], lang));
    }
  });

  test('other notes are rendered via noteText', () => {
    const text = visibleText(verdictCard(fx.inconclusive, { lang: 'nl' }));
    for (const n of fx.inconclusive.notes) expect(text).toContain(noteText(n, 'nl'));
  });

  test('the registry source is shown when given', () => {
    const text = visibleText(verdictCard(fx.churn, { lang: 'en', registrySource: 'snapshot devices.json' }));
    expect(text).toContain('snapshot devices.json');
  });
});

describe('actions', () => {
  test('every Action.Execute has a verb from VERBS', () => {
    const card = verdictCard(fx.mixed(6), { lang: 'en', explainAvailable: true, hubCheckAvailable: true });
    const verbs = Object.values(VERBS) as string[];
    for (const a of executeActions(card)) expect(verbs).toContain(a.verb);
  });

  test('Show KQL is always offered; with one device it carries that device', () => {
    const one = { ...fx.credential };
    expect(executeActions(verdictCard(one, { lang: 'en' })).find((a) => a.verb === VERBS.showKql)?.data).toEqual({ deviceId: 'pump-0042' });
    expect(executeActions(verdictCard(fx.inconclusive, { lang: 'en' })).find((a) => a.verb === VERBS.showKql)?.data).toEqual({});
  });

  test('feedback buttons carry helpful true/false and the verdict', () => {
    const data = executeActions(verdictCard(fx.credential, { lang: 'en' }))
      .filter((a) => a.verb === VERBS.feedback)
      .map((a) => a.data);
    expect(data).toEqual([
      { helpful: true, verdict: 'credential-problem' },
      { helpful: false, verdict: 'credential-problem' },
    ]);
  });

  test('Explain appears only when an explainer is configured, and carries the compact triage', () => {
    expect(executeActions(verdictCard(fx.churn, { lang: 'en' })).some((a) => a.verb === VERBS.explain)).toBe(false);
    const explain = executeActions(verdictCard(fx.churn, { lang: 'en', explainAvailable: true })).find((a) => a.verb === VERBS.explain);
    expect(explain?.data).toEqual({ triage: JSON.parse(JSON.stringify(compactTriage(fx.churn))) });
  });

  test('Check the whole hub appears only when available and a hub is known', () => {
    expect(executeActions(verdictCard(fx.churn, { lang: 'en' })).some((a) => a.verb === VERBS.checkHub)).toBe(false);
    const hub = executeActions(verdictCard(fx.churn, { lang: 'en', hubCheckAvailable: true })).find((a) => a.verb === VERBS.checkHub);
    expect(hub?.data).toEqual({ hub: 'contoso-hub' });
    const noHub: Triage = { ...fx.inconclusive, recognised: { ...fx.inconclusive.recognised, hubs: [] } };
    expect(executeActions(verdictCard(noHub, { lang: 'en', hubCheckAvailable: true })).some((a) => a.verb === VERBS.checkHub)).toBe(false);
  });
});

describe('AI explanation', () => {
  test('is shown in a clearly labelled section, with follow-up questions, and Explain is then not offered again', () => {
    const card = verdictCard(fx.churn, { lang: 'nl', explainAvailable: true, explanation: fx.explanationFor(fx.churn, 'nl') });
    const text = visibleText(card);
    const s = strings('nl');
    expect(text).toContain(s.explanationTitle);
    expect(text).toContain(s.explanationDisclaimer);
    expect(text).toContain('The device reconnects about every 65 minutes.');
    expect(text).toContain('Why every 65 minutes?');
    expect(executeActions(card).some((a) => a.verb === VERBS.explain)).toBe(false);
  });

  test('an explanation of a different verdict is not shown (the rules decide)', () => {
    const wrong = { ...fx.explanationFor(fx.churn), verdict: 'credential-problem' as const };
    const text = visibleText(verdictCard(fx.churn, { lang: 'en', explanation: wrong }));
    expect(text).not.toContain(strings('en').explanationTitle);
  });

  test('AI text cannot inject Markdown: it is rendered only as plain text runs', () => {
    const e = { ...fx.explanationFor(fx.churn), text: `Click ${fx.INJECTION}` };
    const card = verdictCard(fx.churn, { lang: 'en', explanation: e });
    expect(markdownTexts(card).join('\n')).not.toContain('evil.example');
    expect(findAll(card, 'TextRun').some((r) => String(r.text).includes('[click me](https://evil.example/x)'))).toBe(true);
  });
});

describe('secrets', () => {
  test('a pasted secret is announced, with rotation steps and only redacted forms', () => {
    for (const lang of LANGS) {
      const card = verdictCard(fx.secret, { lang, explainAvailable: true });
      const json = JSON.stringify(card);
      const s = strings(lang);
      expect(visibleText(card)).toContain(s.secretTitle);
      expect(visibleText(card)).toContain(s.secretBody(`${s.secretKind['shared-access-key']}, ${s.secretKind['connection-string']}`));
      const steps = knowledge('secret-exposed', lang).fix;
      expect(visibleText(card)).toContain((steps.length ? steps : s.secretRotate)[0].slice(0, 30));
      expect(json).toContain('SharedAccessKey=[REDACTED]');
      expect(json).not.toContain(fx.RAW_KEY);
      expect(json).not.toContain(fx.RAW_SIG);
      expect(containsSecret(json)).toBe(false);
    }
  });

  test('a secret that slipped past the engine into evidence is still redacted on the card', () => {
    const leaky: Triage = {
      ...fx.credential,
      findings: [{ ...fx.credential.findings[0], evidence: [{ line: 1, text: `HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=${fx.RAW_KEY}` }] }],
    };
    const json = JSON.stringify(verdictCard(leaky, { lang: 'en', explainAvailable: true }));
    expect(json).not.toContain(fx.RAW_KEY);
    expect(containsSecret(json)).toBe(false);
  });

  test('no secret section when nothing was redacted', () => {
    expect(visibleText(verdictCard(fx.churn, { lang: 'en' }))).not.toContain(strings('en').secretTitle);
  });
});

describe('injection in evidence', () => {
  const hostile: Triage = {
    ...fx.credential,
    findings: [{ ...fx.credential.findings[0], deviceId: `pump **x** [y](https://evil.example)`, evidence: [{ line: 7, text: fx.INJECTION }] }],
    devices: [{ ...fx.credential.devices[0], deviceId: '[dev](https://evil.example/d)', registry: { found: true, status: 'disabled', statusReason: fx.INJECTION } }],
  };

  test('pasted Markdown/HTML reaches no Markdown-rendered text (TextBlock, FactSet)', () => {
    const card = verdictCard(hostile, { lang: 'en', explainAvailable: true });
    const md = markdownTexts(card).join('\n');
    expect(md).not.toContain('evil.example');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('**bold**');
    expect(cardProblems(card)).toEqual([]);
  });

  test('it is still shown, literally, in plain text runs', () => {
    const card = verdictCard(hostile, { lang: 'en' });
    const runs = findAll(card, 'TextRun').map((r) => String(r.text));
    expect(runs.some((r) => r.includes(fx.INJECTION))).toBe(true);
    expect(runs).toContain('[dev](https://evil.example/d)');
  });

  test('control and bidi characters are stripped from quoted text', () => {
    const t: Triage = { ...fx.credential, findings: [{ ...fx.credential.findings[0], evidence: [{ line: 1, text: 'a\u202Eb\u0007c\u200Bd' }] }] };
    const runs = findAll(verdictCard(t, { lang: 'en' }), 'TextRun').map((r) => String(r.text));
    expect(runs).toContain('abcd');
  });

  test('a ${…} in evidence stays literal text and does not break expansion', () => {
    const t: Triage = { ...fx.credential, findings: [{ ...fx.credential.findings[0], evidence: [{ line: 1, text: "${headline} ${'x'}" }] }] };
    const card = verdictCard(t, { lang: 'en' });
    expect(findAll(card, 'TextRun').some((r) => r.text === "${headline} ${'x'}")).toBe(true);
    expect(cardProblems(card, { allowDollarBrace: true })).toEqual([]);
  });
});

describe('size', () => {
  test('10 000 devices and 10 000 findings with 300-char evidence stay under 80 KB, summarised', () => {
    const t = fx.mixed(10_000, 300);
    const card = verdictCard(t, { lang: 'en', explainAvailable: true, hubCheckAvailable: true, explanation: undefined });
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
    expect(cardProblems(card)).toEqual([]);
    const text = visibleText(card);
    const shownDevices = executeActions(card).filter((a) => a.verb === VERBS.lookupDevice).length;
    expect(shownDevices).toBeGreaterThan(0);
    expect(text).toContain(strings('en').moreDevices(10_000 - shownDevices));
    expect(text).toContain(strings('en').devices + ' (10000)');
    expect(text).toMatch(/… and \d+ more finding\(s\)/);
  });

  test('huge explanation and huge strings everywhere still fit', () => {
    const big = 'y'.repeat(50_000);
    const t = fx.mixed(2_000, 300);
    t.devices = t.devices.map((d) => ({ ...d, deviceId: d.deviceId + big.slice(0, 2000), registry: { found: true, status: 'disabled', statusReason: big } }));
    t.notes = Array.from({ length: 50 }, () => ({ code: 'paste-more-context' as const, params: { x: big } }));
    const explanation = { ...fx.explanationFor(t), text: Array.from({ length: 30 }, () => big).join('\n'), followUpQuestions: [big, big, big, big] };
    const card = verdictCard(t, { lang: 'nl', explainAvailable: true, explanation, registrySource: big });
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('faults degrade', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a throwing knowledge base still yields a card that states the verdict in words', () => {
    jest.spyOn(knowledgeModule, 'knowledge').mockImplementation(() => {
      throw new Error('kb broken');
    });
    jest.spyOn(knowledgeModule, 'verdictText').mockImplementation(() => {
      throw new Error('kb broken');
    });
    const card = verdictCard(fx.credential, { lang: 'en' });
    expect(visibleTexts(card)[0]).toBe(strings('en').status['credential-problem']);
    expect(cardProblems(card)).toEqual([]);
  });

  test('a triage with missing parts does not throw', () => {
    const partial = { verdict: 'inconclusive', now: fx.NOW } as unknown as Triage;
    const card = verdictCard(partial, { lang: 'en' });
    expect(visibleTexts(card)[0]).toBe(strings('en').status.inconclusive);
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('an explanation that was asked for but could not be had', () => {
  test.each(LANGS)('the card says the AI explanation is unavailable and why (%s), and still validates', (lang) => {
    const card = verdictCard(fx.churn, { lang, explainFailure: 'timeout' });
    const text = visibleText(card);
    expect(text).toContain(strings(lang).explainNotDone.trim());
    expect(cardProblems(card)).toEqual([]);
    expect(visibleText(verdictCard(fx.churn, { lang }))).not.toContain(strings(lang).explainNotDone.trim());
  });

  test('not-configured says nothing AI-shaped', () => {
    expect(visibleText(verdictCard(fx.churn, { lang: 'en', explainFailure: 'not-configured' }))).not.toContain(strings('en').explainNotDone.trim());
  });
});

test('long unbroken evidence runs get break opportunities so they wrap inside the card', async () => {
  const { breakable } = await import('../../src/cards/text');
  const hash = 'A'.repeat(64);
  const out = breakable(`SHA2Hash=${hash} rest`);
  expect(out.replace(/\u200b/g, '')).toBe(`SHA2Hash=${hash} rest`);
  expect(out.split(' ')[0].split('\u200b').every((part) => part.length <= 32)).toBe(true);
  expect(breakable('short words stay as they are')).toBe('short words stay as they are');
});
