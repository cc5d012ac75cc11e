// censorSecrets replaced pino's own redaction for speed; it must censor exactly what those redact paths
// censored. The reference is pino configured with REDACT_PATHS, fed the same objects.
import fc from 'fast-check';
import pino from 'pino';
import { CENSOR, createLogger, REDACT_PATHS, safeErrorSerializer } from '../../src/logger';

function sink(): { write(s: string): void; take(): string } {
  let out = '';
  return {
    write: (s: string) => void (out += s),
    take: () => {
      const s = out;
      out = '';
      return s;
    },
  };
}

const ours = sink();
const theirs = sink();
const logger = createLogger({ level: 'info', destination: ours });
const reference = pino(
  { name: 'iothub-triage', level: 'info', redact: { paths: REDACT_PATHS, censor: CENSOR }, serializers: { err: safeErrorSerializer } },
  theirs,
);
const withoutTime = (line: string) => line.replace(/"time":\d+,/, '');

const KEYS = ['text', 'value', 'authorization', 'password', 'apiKey', 'connectionString', 'headers', 'req', 'err', 'event', 'ms', 'kinds', 'config', 'x'];
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.double({ noDefaultInfinity: false }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
}));
const logged = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 });

describe('censorSecrets (the logger censor)', () => {
  it('writes exactly the line pino wrote with REDACT_PATHS, for any logged object', () => {
    fc.assert(
      fc.property(logged, (obj) => {
        logger.info(obj, 'm');
        reference.info(obj, 'm');
        expect(withoutTime(ours.take())).toBe(withoutTime(theirs.take()));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches pino on the shapes the bot logs and on each censored path', () => {
    const cases: Record<string, unknown>[] = [
      { event: 'triage', verdict: 'benign-churn', kinds: ['token-expiry-churn'], ms: { triageMs: 1, totalMs: 2 } },
      { text: 'HostName=h;SharedAccessKey=abc', value: 0, authorization: false, password: 'p', apiKey: 'k', connectionString: 'c' },
      { req: { headers: { authorization: 'Bearer a.b.c', host: 'h' }, text: 't' }, headers: { authorization: 'Bearer x', accept: '*/*' } },
      { body: { password: 'p', apiKey: 'k', connectionString: 'c', value: 'v', text: 't', keep: 1 }, list: [{ text: 'in an array' }] },
      { err: Object.assign(new Error('HostName=x;SharedAccessKey=secret'), { config: { headers: { authorization: 'a' } } }) },
      { text: undefined, value: () => 1, nested: { headers: { authorization: undefined } } },
      // The err serializer sees the logged error itself (its stack frames), not a censored copy.
      { err: Object.assign(new Error('m'), { text: 'pasted', value: 'v' }) },
    ];
    for (const obj of cases) {
      logger.info(obj, 'm');
      reference.info(obj, 'm');
      expect(withoutTime(ours.take())).toBe(withoutTime(theirs.take()));
    }
  });

  it('does not change the object that was logged', () => {
    const obj = { text: 'pasted', req: { headers: { authorization: 'Bearer a' } } };
    logger.info(obj, 'm');
    expect(ours.take()).not.toContain('Bearer a');
    expect(obj).toEqual({ text: 'pasted', req: { headers: { authorization: 'Bearer a' } } });
  });
});
