// `npm run dev` log lines: pino JSON made readable, anything else untouched, nothing lost that matters.
import { prettyLogLine } from '../../scripts/prettyLog';
import { createLogger } from '../../src/logger';

function pinoLine(write: (logger: ReturnType<typeof createLogger>) => void): string {
  let out = '';
  const logger = createLogger({ destination: { write: (s: string) => (out += s) } });
  write(logger);
  return out.trim();
}

test('a pino line becomes time, level, message and key=value pairs', () => {
  const line = pinoLine((l) => l.info({ event: 'triage', verdict: 'credential-problem', kinds: ['device-in-other-hub'], ms: { totalMs: 41 } }, 'triage'));
  const pretty = prettyLogLine(line);
  expect(pretty).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}triage event=triage verdict=credential-problem kinds=\[device-in-other-hub\] ms\.totalMs=41$/);
  expect(pretty).not.toContain('{');
  expect(pretty).not.toContain('hostname');
});

test('warnings and errors are labelled; values with spaces are quoted', () => {
  const line = pinoLine((l) => l.warn({ event: 'tenant-refused', reason: 'not in the list' }, 'tenant not allowed'));
  expect(prettyLogLine(line)).toMatch(/ WARN {2}tenant not allowed event=tenant-refused reason="not in the list"$/);
});

test('lines that are not pino JSON pass through unchanged', () => {
  for (const l of ['Server listening on 3978', '{not json', '{"a":1}', '']) expect(prettyLogLine(l)).toBe(l);
});

test('redaction still applies: the logger censors before the formatter sees the line', () => {
  const line = pinoLine((l) => l.info({ event: 'x', connectionString: 'HostName=h;SharedAccessKey=abc' }, 'm'));
  expect(prettyLogLine(line)).toContain('connectionString=[REDACTED]');
  expect(prettyLogLine(line)).not.toContain('SharedAccessKey');
});
