// The telemetry property bags: only allow-listed values and numbers, never pasted text or secrets;
// and the Telemetry object: a no-op without a connection string, never throwing.
import fc from 'fast-check';
import {
  FEEDBACK_EVENT,
  TRIAGE_EVENT,
  createTelemetry,
  noopTelemetry,
  toFeedbackEvent,
  toSafeException,
  toTelemetryEvent,
  type TelemetryClientLike,
  type TriageEvent,
} from '../../src/telemetry';
import { containsSecret } from '../../src/triage/redact';
import { FINDING_KINDS, VERDICTS } from '../../src/triage/types';
import { SECRET, SECRET_KEY, USER_TEXT } from './fixtures/leaks';

const base: TriageEvent = { verdict: 'mixed', kinds: ['token-expiry-churn', 'device-disabled'], devices: 3, findings: 4, ms: 7.25, source: 'file' };

describe('toTelemetryEvent', () => {
  it('carries verdict, source, sorted kinds and the counts', () => {
    expect(toTelemetryEvent(base)).toEqual({
      name: TRIAGE_EVENT,
      properties: { verdict: 'mixed', source: 'file', kinds: 'device-disabled,token-expiry-churn' },
      measurements: { devices: 3, findings: 4, kinds: 2, ms: 7.3 },
    });
  });

  it('says "none" for a triage without findings, so it still counts', () => {
    expect(toTelemetryEvent({ ...base, kinds: [] }).properties.kinds).toBe('none');
  });

  it('replaces anything not on the allow lists, so free text cannot ride along', () => {
    const e = toTelemetryEvent({ ...base, verdict: USER_TEXT, kinds: [SECRET, 'sas-token-expired'], source: 'sms' as never });
    expect(e.properties).toEqual({ verdict: 'unknown', source: 'unknown', kinds: 'other,sas-token-expired' });
  });

  it('turns bad numbers into 0 rather than NaN or negatives', () => {
    expect(toTelemetryEvent({ ...base, devices: Number.NaN, findings: -2, ms: Infinity }).measurements).toEqual({ devices: 0, findings: 0, kinds: 2, ms: 0 });
  });

  it('never contains a string that is not an allow-listed value (property)', () => {
    const allowedValues = new Set<string>([...VERDICTS, ...FINDING_KINDS, 'message', 'file', 'action', 'cli', 'hub', 'unknown', 'other', 'none']);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...VERDICTS)),
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...FINDING_KINDS), fc.constant(SECRET)), { maxLength: 8 }),
        fc.oneof(fc.string(), fc.constantFrom('message', 'file', 'action', 'cli', 'hub')),
        fc.double(),
        (verdict, kinds, source, n) => {
          const e = toTelemetryEvent({ verdict, kinds, source: source as TriageEvent['source'], devices: n, findings: n, ms: n });
          expect(allowedValues.has(e.properties.verdict)).toBe(true);
          expect(allowedValues.has(e.properties.source)).toBe(true);
          for (const k of e.properties.kinds.split(',')) expect(allowedValues.has(k)).toBe(true);
          for (const v of Object.values(e.measurements)) expect(Number.isFinite(v) && v >= 0).toBe(true);
          expect(containsSecret(JSON.stringify(e))).toBe(false);
        },
      ),
    );
  });
});

describe('toFeedbackEvent', () => {
  it('sends helpful and an allow-listed verdict', () => {
    expect(toFeedbackEvent({ helpful: false, verdict: 'token-expiry-churn' })).toEqual({
      name: FEEDBACK_EVENT,
      properties: { helpful: 'false', verdict: 'token-expiry-churn' },
      measurements: {},
    });
    expect(toFeedbackEvent({ helpful: true, verdict: USER_TEXT }).properties.verdict).toBe('unknown');
  });
});

describe('toSafeException', () => {
  it('keeps name, code and place; drops the message, which may quote the paste', () => {
    const err = Object.assign(new TypeError(`bad input: ${USER_TEXT} ${SECRET}`), { code: 'ERR_BAD' });
    const safe = toSafeException(err, 'bot.onMessage');
    expect(safe).toEqual(expect.objectContaining({ name: 'TypeError', code: 'ERR_BAD', where: 'bot.onMessage', message: 'TypeError (ERR_BAD) in bot.onMessage' }));
    const all = JSON.stringify(safe);
    expect(all).not.toContain('paste-marker-7Q3Z');
    expect(all).not.toContain(SECRET_KEY);
    expect(safe.stack.split('\n').length).toBeGreaterThan(1);
    expect(safe.stack.split('\n').slice(1).every((l) => /^\s+at\s/.test(l))).toBe(true);
  });

  it('uses an HTTP status code when there is no code (SDK RestError)', () => {
    expect(toSafeException(Object.assign(new Error('x'), { name: 'RestError', statusCode: 429 }), 'registry').code).toBe('429');
  });

  it('handles thrown non-errors and refuses free-text names, codes and places', () => {
    expect(toSafeException('a string with ' + SECRET, 'x').message).toBe('string in x');
    expect(toSafeException({ name: USER_TEXT, code: USER_TEXT }, USER_TEXT)).toEqual(
      expect.objectContaining({ name: 'Error', code: undefined, where: 'unknown', message: 'Error in unknown' }),
    );
    expect(toSafeException(null, 'x').name).toBe('object');
  });

  it('redacts a secret that shows up in a stack frame', () => {
    const err = new Error('x');
    err.stack = `Error: x\n    at parse (SharedAccessKey=${SECRET_KEY}:1:2)`;
    expect(toSafeException(err, 'x').stack).not.toContain(SECRET_KEY);
  });
});

function fakeClient(): TelemetryClientLike & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    trackEvent: (t) => calls.push(['event', t]),
    trackException: (t) => calls.push(['exception', t]),
    trackRequest: (t) => calls.push(['request', t]),
    flush: () => Promise.resolve(),
  };
}

describe('createTelemetry', () => {
  it('is a no-op without APPLICATIONINSIGHTS_CONNECTION_STRING', async () => {
    const t = createTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' });
    expect(t).toBe(noopTelemetry);
    expect(t.enabled).toBe(false);
    t.trackTriage(base);
    t.trackFeedback({ helpful: true, verdict: 'mixed' });
    t.trackException(new Error('x'), 'x');
    t.trackRequest?.({ name: 'GET /', durationMs: 1, resultCode: 200, success: true });
    await expect(t.flush()).resolves.toBeUndefined();
  });

  it('sends the built events through the client', () => {
    const client = fakeClient();
    const t = createTelemetry({}, { client });
    expect(t.enabled).toBe(true);
    t.trackTriage(base);
    t.trackFeedback({ helpful: true, verdict: 'mixed' });
    expect(client.calls).toEqual([
      ['event', toTelemetryEvent(base)],
      ['event', toFeedbackEvent({ helpful: true, verdict: 'mixed' })],
    ]);
  });

  it('sends a scrubbed exception: the client never sees the raw message', () => {
    const client = fakeClient();
    createTelemetry({}, { client }).trackException(new Error(`oops ${SECRET}`), 'bot.onTurnError');
    const [kind, payload] = client.calls[0] as [string, { exception: Error; properties: Record<string, string> }];
    expect(kind).toBe('exception');
    expect(payload.exception.message).toBe('Error in bot.onTurnError');
    expect(payload.exception.stack).not.toContain(SECRET_KEY);
    expect(payload.properties).toEqual({ where: 'bot.onTurnError' });
  });

  it('drops query strings from request URLs', () => {
    const client = fakeClient();
    createTelemetry({}, { client }).trackRequest?.({ name: 'POST /api/messages', url: `https://bot/api/messages?sig=${SECRET_KEY}`, durationMs: 5, resultCode: 202, success: true });
    expect(client.calls[0]).toEqual([
      'request',
      { name: 'POST /api/messages', url: 'https://bot/api/messages', duration: 5, resultCode: '202', success: true, properties: { 'http.request.method': 'POST' } },
    ]);
  });

  it('never throws when the client does', async () => {
    const boom = (): never => {
      throw new Error('ingestion down');
    };
    const t = createTelemetry({}, { client: { trackEvent: boom, trackException: boom, trackRequest: boom, flush: () => Promise.reject(new Error('down')) } });
    expect(() => t.trackTriage(base)).not.toThrow();
    expect(() => t.trackException(new Error('x'), 'x')).not.toThrow();
    await expect(t.flush()).resolves.toBeUndefined();
  });
});
