import {
  DOC_URLS,
  KB_VERSION,
  allFixSteps,
  errorCodeText,
  knowledge,
  noteText,
  verdictText,
} from '../../src/triage/knowledge';
import { containsSecret } from '../../src/triage/redact';
import { FINDING_KINDS, VERDICTS, type FindingKind, type Lang, type NoteCode } from '../../src/triage/types';
import { kindCategory } from '../../src/triage/verdict';

const LANGS: Lang[] = ['en', 'nl'];

// Every NoteCode in types.ts; the Record type makes the compiler fail here when one is added.
const NOTE_CODES_RECORD: Record<NoteCode, true> = {
  'empty-input': true,
  'binary-input': true,
  'input-truncated': true,
  'no-timestamps': true,
  'reconnects-missing': true,
  'secrets-redacted': true,
  'paste-more-context': true,
  'run-kql': true,
  'look-up-device': true,
  'registry-unavailable': true,
  'registry-unauthorized': true,
  'registry-throttled': true,
  'registry-not-configured': true,
  'too-many-devices': true,
  'device-inferred-from-position': true,
  'dates-day-first': true,
  'chat-prefix-ignored': true,
  'times-undated': true,
  'unread-evidence': true,
  'registry-miss-connected': true,
  'registry-hubs-not-asked': true,
  'registry-dps-unavailable': true,
  'hub-not-configured': true,
  'registered-in-other-hubs': true,
  'churn-from-rhythm': true,
  'expiry-drop-unconfirmed': true,
};
const NOTE_CODES = Object.keys(NOTE_CODES_RECORD) as NoteCode[];

const CODES = ['400027', '404104', '404001', '409002', '429001', '500001', '500008', '503003', '403002', '403004', '404103', '504101', '401000', '401001', '401002', '401004'];

// A fake 32-byte key (base64) and a fake signature, shaped like the real ones.
const FAKE_KEY = Buffer.from('fake-key-for-tests-only-00000000').toString('base64');
const FAKE_SIG = encodeURIComponent(Buffer.from('fake-signature-for-tests-0000000').toString('base64'));

describe('knowledge base version', () => {
  it('is version 1', () => {
    expect(KB_VERSION).toBe(1);
  });
});

describe('knowledge(kind, lang)', () => {
  it.each(FINDING_KINDS.flatMap((k) => LANGS.map((l) => [k, l] as const)))('%s has %s text', (kind, lang) => {
    const e = knowledge(kind, lang);
    expect(e.title.trim()).not.toBe('');
    expect(e.title).not.toBe(kind);
    expect(e.explanation.trim().length).toBeGreaterThan(40);
    expect(e.docUrl).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    for (const step of e.fix) expect(step.trim()).not.toBe('');
  });

  it.each(FINDING_KINDS)('%s is really translated, with the same number of steps and action', (kind) => {
    const en = knowledge(kind, 'en');
    const nl = knowledge(kind, 'nl');
    expect(nl.title).not.toBe(en.title);
    expect(nl.explanation).not.toBe(en.explanation);
    expect(nl.fix).toHaveLength(en.fix.length);
    nl.fix.forEach((step, i) => expect(step).not.toBe(en.fix[i]));
    expect(nl.action).toBe(en.action);
    expect(nl.docUrl).toBe(en.docUrl);
  });

  it('marks churn as needing no action, the secret and other-error kinds as advisory, every credential kind as a fix', () => {
    expect(knowledge('token-expiry-churn', 'en').action).toBe('none');
    expect(knowledge('secret-exposed', 'en').action).toBe('info');
    expect(knowledge('other-iothub-error', 'en').action).toBe('info');
    const credential = FINDING_KINDS.filter((k) => kindCategory(k) === 'credential');
    expect(credential.length).toBeGreaterThan(10);
    for (const kind of credential) {
      const e = knowledge(kind, 'en');
      expect({ kind, action: e.action }).toEqual({ kind, action: 'fix' });
      expect(e.fix.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('says churn needs nothing and gives the article\'s options if the volume matters', () => {
    const e = knowledge('token-expiry-churn', 'en');
    const text = [e.explanation, ...e.fix].join(' ');
    expect(text).toMatch(/60 minutes/);
    expect(text).toMatch(/No action needed/);
    expect(text).toMatch(/C SDK/);
    expect(text).toMatch(/AMQP/);
    expect(text).toMatch(/lengthen the SAS token lifetime/);
    expect(e.docUrl).toBe(DOC_URLS.unauthorized401003);
    const nl = knowledge('token-expiry-churn', 'nl');
    expect([nl.explanation, ...nl.fix].join(' ')).toMatch(/Geen actie nodig/);
  });

  it('gives concrete thumbprint steps: compare with az ... show, then secondary first and swap', () => {
    const fix = knowledge('thumbprint-mismatch', 'en').fix.join('\n');
    expect(fix).toContain('az iot hub device-identity show -n <hub> -d <device>');
    expect(fix).toMatch(/SHA-1\/SHA-256/);
    expect(fix).toMatch(/secondary first, then swap/);
    expect(knowledge('thumbprint-mismatch', 'en').docUrl).toBe(DOC_URLS.x509);
  });

  it('tells how to rotate an exposed key and to delete the message', () => {
    const fix = knowledge('secret-exposed', 'en').fix.join('\n');
    expect(fix).toContain('az iot hub device-identity renew-key');
    expect(fix).toContain('az iot hub policy renew-key');
    expect(fix).toMatch(/Delete the original message/);
    expect(fix).toMatch(/expire/);
  });

  it('names the 5-minute clock limit and NTP, and the RBAC data roles', () => {
    const clock = knowledge('clock-skew', 'en');
    expect(clock.explanation).toMatch(/5 minutes/);
    expect(clock.fix.join(' ')).toMatch(/NTP/);
    const rbac = knowledge('rbac-permission-missing', 'en');
    expect(rbac.fix.join(' ')).toMatch(/IoT Hub Data Contributor/);
    expect(rbac.fix.join(' ')).toMatch(/IoT Hub Data Reader/);
    expect(rbac.docUrl).toBe(DOC_URLS.rbac);
  });

  it('returns a copy: changing one answer does not change the next', () => {
    const first = knowledge('sas-signature-invalid', 'en');
    const n = first.fix.length;
    first.fix.push('invented step');
    first.title = 'changed';
    const second = knowledge('sas-signature-invalid', 'en');
    expect(second.fix).toHaveLength(n);
    expect(second.title).not.toBe('changed');
  });

  it('degrades for an unknown kind or language instead of throwing', () => {
    const unknown = knowledge('no-such-kind' as FindingKind, 'en');
    expect(unknown.action).toBe('info');
    expect(unknown.fix).toEqual([]);
    expect(knowledge('sas-token-expired', 'fr' as Lang)).toEqual(knowledge('sas-token-expired', 'en'));
    expect(knowledge('toString' as FindingKind, 'en').title).toBe(unknown.title);
  });

  it('holds no secret-shaped text', () => {
    for (const kind of FINDING_KINDS)
      for (const lang of LANGS) {
        const e = knowledge(kind, lang);
        expect(containsSecret([e.title, e.explanation, ...e.fix].join('\n'))).toBe(false);
      }
  });
});

describe('verdictText(verdict, lang)', () => {
  it.each(VERDICTS.flatMap((v) => LANGS.map((l) => [v, l] as const)))('%s has %s text', (verdict, lang) => {
    const t = verdictText(verdict, lang);
    expect(t.headline.trim()).not.toBe('');
    expect(t.summary.length).toBeGreaterThan(40);
    expect(t.headline).not.toBe(verdict);
  });

  it('says the verdict in words', () => {
    expect(verdictText('token-expiry-churn', 'en').headline).toBe('Benign token-expiry churn — no action needed');
    expect(verdictText('credential-problem', 'en').headline).toBe('Credential problem — action needed');
    expect(verdictText('mixed', 'en').headline).toBe('Mixed: some devices churn, some have credential problems');
    expect(verdictText('not-auth-related', 'en').headline).toBe('Not an authentication problem');
    expect(verdictText('inconclusive', 'en').headline).toBe('Inconclusive — need more evidence');
  });

  it('headlines differ per verdict and per language', () => {
    for (const lang of LANGS) expect(new Set(VERDICTS.map((v) => verdictText(v, lang).headline)).size).toBe(VERDICTS.length);
    for (const v of VERDICTS) expect(verdictText(v, 'nl').headline).not.toBe(verdictText(v, 'en').headline);
    expect(verdictText('token-expiry-churn', 'nl').headline).toMatch(/geen actie nodig/);
    expect(verdictText('credential-problem', 'nl').headline).toMatch(/actie nodig/);
  });

  it('churn is said to come once per token lifetime, not always hourly (the C SDK renews after ~48 minutes, azure-iot-sdk-c#2274)', () => {
    expect(verdictText('token-expiry-churn', 'en').summary).not.toMatch(/about once an hour/);
    expect(verdictText('token-expiry-churn', 'en').summary).toMatch(/token lifetime.*48 minutes/);
    expect(verdictText('token-expiry-churn', 'nl').summary).toMatch(/tokenlevensduur.*48 minuten/);
  });
});

describe('allFixSteps(lang)', () => {
  it.each(LANGS)('holds exactly the %s fix steps of every kind', (lang) => {
    const all = allFixSteps(lang);
    const expected = new Set(FINDING_KINDS.flatMap((k) => knowledge(k, lang).fix));
    expect(all).toEqual(expected);
    expect(all.size).toBeGreaterThan(30);
  });

  it('keeps the languages apart and is not affected by callers mutating it', () => {
    const en = allFixSteps('en');
    const nl = allFixSteps('nl');
    for (const step of nl) expect(en.has(step)).toBe(false);
    en.add('invented step');
    expect(allFixSteps('en').has('invented step')).toBe(false);
  });
});

describe('errorCodeText(code, lang)', () => {
  it.each(CODES.flatMap((c) => LANGS.map((l) => [c, l] as const)))('explains %s in %s', (code, lang) => {
    const t = errorCodeText(code, lang);
    expect(t).toBeDefined();
    expect(t!.length).toBeGreaterThan(30);
  });

  it('gives different texts per code and per language', () => {
    for (const lang of LANGS) expect(new Set(CODES.map((c) => errorCodeText(c, lang))).size).toBe(CODES.length);
    for (const c of CODES) expect(errorCodeText(c, 'nl')).not.toBe(errorCodeText(c, 'en'));
  });

  it('explains what the codes mean', () => {
    expect(errorCodeText('400027', 'en')).toMatch(/same device identity/);
    expect(errorCodeText('429001', 'en')).toMatch(/throttl/i);
    expect(errorCodeText('403004', 'en')).toMatch(/50/);
    expect(errorCodeText('404104', 'en')).toMatch(/401003/);
  });

  it('accepts the code name as well as the number', () => {
    expect(errorCodeText('ThrottlingException', 'en')).toBe(errorCodeText('429001', 'en'));
    expect(errorCodeText('devicenotfound', 'nl')).toBe(errorCodeText('404001', 'nl'));
    expect(errorCodeText(' 500008 ', 'en')).toBe(errorCodeText('500008', 'en'));
  });

  it('covers other server errors by family and returns undefined for unknown codes', () => {
    expect(errorCodeText('500123', 'en')).toMatch(/transient/);
    expect(errorCodeText('503999', 'nl')).toMatch(/tijdelijk/);
    expect(errorCodeText('123456', 'en')).toBeUndefined();
    expect(errorCodeText('', 'en')).toBeUndefined();
    expect(errorCodeText('constructor', 'en')).toBeUndefined();
  });
});

describe('noteText(note, lang)', () => {
  const FULL_PARAMS = {
    reason: 'timeout',
    message: 'socket hang up',
    query: 'AzureDiagnostics\n| where Category == "Connections"',
    minutes: 3,
    count: 7,
    max: 50,
    deviceId: 'pump-0042',
    hub: 'contoso-iot-prod',
    maxBytes: 1048576,
  };

  it.each(NOTE_CODES.flatMap((c) => LANGS.map((l) => [c, l] as const)))('%s renders in %s, with and without params', (code, lang) => {
    const bare = noteText({ code }, lang);
    const full = noteText({ code, params: FULL_PARAMS }, lang);
    for (const text of [bare, full]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/undefined|null|\{\w+\}|NaN/);
    }
  });

  it.each(NOTE_CODES)('%s is translated', (code) => {
    expect(noteText({ code, params: FULL_PARAMS }, 'nl')).not.toBe(noteText({ code, params: FULL_PARAMS }, 'en'));
  });

  it('renders its params', () => {
    expect(noteText({ code: 'registry-unavailable', params: { reason: 'timeout', message: 'no answer in 5 s' } }, 'en')).toContain(
      '(timeout: no answer in 5 s)',
    );
    const kql = noteText({ code: 'run-kql', params: { query: 'AzureDiagnostics\n| take 10' } }, 'nl');
    expect(kql).toContain('AzureDiagnostics\n| take 10');
    expect(noteText({ code: 'registry-throttled', params: { minutes: 2 } }, 'en')).toContain('in 2 minutes');
    expect(noteText({ code: 'registry-throttled', params: { minutes: 1 } }, 'nl')).toContain('over 1 minuut');
    expect(noteText({ code: 'secrets-redacted', params: { count: 1 } }, 'en')).toContain('1 secret value was');
    expect(noteText({ code: 'secrets-redacted', params: { count: 3 } }, 'nl')).toContain('3 geheime waarden zijn');
    expect(noteText({ code: 'too-many-devices', params: { count: 120, max: 50 } }, 'en')).toContain('120 devices; only the first 50');
    expect(noteText({ code: 'look-up-device', params: { deviceId: 'pump-0042', hub: 'contoso-iot-prod' } }, 'en')).toContain(
      'az iot hub device-identity show -n contoso-iot-prod -d pump-0042',
    );
    expect(noteText({ code: 'reconnects-missing', params: { deviceId: 'gateway-eu-01' } }, 'en')).toContain('for gateway-eu-01');
  });

  it('never shows a secret that reached a param', () => {
    const message = `HostName=contoso-iot-prod.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${FAKE_KEY}`;
    const text = noteText({ code: 'registry-unauthorized', params: { message } }, 'en');
    expect(text).not.toContain(FAKE_KEY);
    expect(containsSecret(text)).toBe(false);
    const sas = `SharedAccessSignature sr=contoso-iot-prod.azure-devices.net&sig=${FAKE_SIG}&se=1764403200&skn=iothubowner`;
    const unavailable = noteText({ code: 'registry-unavailable', params: { reason: 'error', message: sas } }, 'nl');
    expect(unavailable).not.toContain(FAKE_SIG);
  });

  it('keeps a hostile param on one line and short', () => {
    const text = noteText({ code: 'registry-unavailable', params: { reason: 'error', message: `line1\nline2\r\n\u0007${'x'.repeat(5000)}` } }, 'en');
    expect(text).not.toMatch(/[\r\n\u0007]/);
    expect(text.length).toBeLessThan(500);
  });

  it('degrades for an unknown note code instead of throwing', () => {
    expect(noteText({ code: 'no-such-note' as NoteCode }, 'en')).toMatch(/note/i);
    expect(noteText({ code: 'no-such-note' as NoteCode }, 'nl').length).toBeGreaterThan(5);
  });
});
