// Structured logs (pino, JSON lines). What users paste is never logged: call sites log verdicts, finding
// kinds, counts and timings only. The censored fields are a second net for secrets that could slip into
// error objects or request metadata.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

export const CENSOR = '[REDACTED]';

/**
 * The fields censored, as pino redact paths. `censorSecrets` applies exactly these (a test holds it to
 * pino's own redaction); pino's redaction cloned every logged object on every call, which cost more
 * per turn than the card. `err.*` needs nothing here: the err serializer keeps type, code and frames only.
 */
export const REDACT_PATHS = [
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

const TOP_LEVEL = new Set(['text', 'value', 'authorization', 'password', 'apiKey', 'connectionString']);
const ONE_DOWN = ['text', 'value', 'password', 'apiKey', 'connectionString'];
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A copy with the same prototype and own enumerable fields (what pino's redaction cloned). */
function copyOf<T extends object>(o: T): Record<string, unknown> {
  return Object.assign(Object.create(Object.getPrototypeOf(o) as object | null) as Record<string, unknown>, o);
}

/** `*.x` and `*.headers.authorization` (and `headers.authorization` when the key is `headers`) on one top-level value. */
function censorOneDown(key: string, v: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const k of ONE_DOWN) if (hasOwn(v, k)) (out ??= copyOf(v))[k] = CENSOR;
  if (key === 'headers' && hasOwn(v, 'authorization')) (out ??= copyOf(v)).authorization = CENSOR;
  const h = 'headers' in v ? v.headers : undefined;
  if (typeof h === 'object' && h !== null && hasOwn(h, 'authorization')) {
    const headers = copyOf(h);
    headers.authorization = CENSOR;
    (out ??= copyOf(v)).headers = headers;
  }
  return out ?? v;
}

/** pino's `formatters.log`: the logged object, or a copy of it with REDACT_PATHS censored. */
export function censorSecrets(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in obj) {
    if (!hasOwn(obj, key) || key === 'err') continue;
    const v = obj[key];
    let next = v;
    if (TOP_LEVEL.has(key)) {
      // pino leaves out undefined and functions; anything else becomes the censor.
      if (v !== undefined && typeof v !== 'function') next = CENSOR;
    } else if (typeof v === 'object' && v !== null) {
      next = censorOneDown(key, v as Record<string, unknown>);
    }
    if (next !== v) (out ??= { ...obj })[key] = next;
  }
  return out ?? obj;
}

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
      formatters: { log: censorSecrets },
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
