// Structured logs (pino, JSON lines). What users paste is never logged: call sites log verdicts, finding
// kinds, counts and timings only. The redact paths are a second net for secrets that could slip into
// error objects or request metadata.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'text',
  '*.text',
  'value',
  '*.value',
  'req.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'connectionString',
  '*.connectionString',
  'err.config',
  'err.request',
  'err.response',
];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (tests pass a capturing stream); default stdout. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'iothub-triage',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // Error messages can quote a request body or connection string: keep type and stack frames only.
      serializers: { err: safeErrorSerializer },
    },
    options.destination,
  );
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Keeps the error's type, code and stack frames. The message is dropped: messages such as JSON.parse's quote
 * the input, which may be the user's paste or a secret.
 */
export function safeErrorSerializer(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8)
    .map((l) => l.trim());
  const out: Record<string, unknown> = { type: err.name, frames };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') out.statusCode = status;
  return out;
}
