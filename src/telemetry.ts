// Application Insights telemetry: requests and failures, plus one custom event per triage so a team can chart
// how often churn vs credential problems come up. Off (a no-op) unless APPLICATIONINSIGHTS_CONNECTION_STRING
// is set. What leaves the process is built only from allow-listed values (verdicts, finding kinds, counts,
// timings, error names/codes): never message text, never an error message (it may echo user input), never a
// secret. Telemetry faults never break a turn: every call swallows its own errors.
import { redact } from './triage/redact';
import { FINDING_KINDS, VERDICTS } from './triage/types';

export const TRIAGE_SOURCES = ['message', 'file', 'action', 'cli', 'hub'] as const;
export type TriageSource = (typeof TRIAGE_SOURCES)[number];

/** Event names as they appear in Application Insights (customEvents.name). */
export const TRIAGE_EVENT = 'IotHubTriage';
export const FEEDBACK_EVENT = 'IotHubTriageFeedback';

export interface TriageEvent {
  verdict: string;
  kinds: string[];
  devices: number;
  findings: number;
  /** How long the triage took, in milliseconds. */
  ms: number;
  source: TriageSource;
}

export interface FeedbackEvent {
  helpful: boolean;
  verdict: string;
}

/** For hosts whose HTTP requests are not collected automatically (see createTelemetry). */
export interface RequestEvent {
  /** e.g. 'POST /api/messages'. */
  name: string;
  /** HTTP method; taken from the start of `name` when absent. */
  method?: string;
  url?: string;
  durationMs: number;
  resultCode: number | string;
  success: boolean;
}

export interface Telemetry {
  /** False when telemetry is off (no connection string) or could not start. */
  readonly enabled: boolean;
  trackTriage(e: TriageEvent): void;
  trackFeedback(e: FeedbackEvent): void;
  /** `where` names the place (e.g. 'bot.onTurnError'); only the error's name and code are sent. */
  trackException(err: unknown, where: string): void;
  trackRequest?(e: RequestEvent): void;
  flush(): Promise<void>;
}

/** A custom event as sent: string properties, numeric measurements. */
export interface TelemetryEvent {
  name: string;
  properties: Record<string, string>;
  measurements: Record<string, number>;
}

/** What is sent for an exception: no raw message, only name, code and where. */
export interface SafeException {
  name: string;
  code?: string;
  where: string;
  message: string;
  /** Stack frames only ("at …" lines), redacted, capped. */
  stack: string;
}

const MAX_FRAMES = 30;
const MAX_FRAME_CHARS = 300;

function allowed<T extends string>(list: readonly T[], value: unknown, fallback: string): string {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? value : fallback;
}

function count(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : 0;
}

/** Milliseconds to 0.1 ms; absurd values (not finite, negative) become 0. */
function millis(n: unknown): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return 0;
  const tenths = Math.round(n * 10) / 10;
  return Number.isFinite(tenths) ? tenths : Math.round(n);
}

/** The custom event for one triage. Pure: every property is an allow-listed value or a number. */
export function toTelemetryEvent(e: TriageEvent): TelemetryEvent {
  const kinds = [...new Set((Array.isArray(e.kinds) ? e.kinds : []).map((k) => allowed(FINDING_KINDS, k, 'other')))].sort();
  return {
    name: TRIAGE_EVENT,
    properties: {
      verdict: allowed(VERDICTS, e.verdict, 'unknown'),
      source: allowed(TRIAGE_SOURCES, e.source, 'unknown'),
      // Comma list so a KQL query can split(kinds, ',') | mv-expand; 'none' keeps empty results countable.
      kinds: kinds.length > 0 ? kinds.join(',') : 'none',
    },
    measurements: {
      devices: count(e.devices),
      findings: count(e.findings),
      kinds: kinds.length,
      ms: millis(e.ms),
    },
  };
}

export function toFeedbackEvent(e: FeedbackEvent): TelemetryEvent {
  return {
    name: FEEDBACK_EVENT,
    properties: { helpful: e.helpful === true ? 'true' : 'false', verdict: allowed(VERDICTS, e.verdict, 'unknown') },
    measurements: {},
  };
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$/;
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
const WHERE = /^[A-Za-z0-9_.:/-]{1,64}$/;

/**
 * Reduce any thrown value to what is safe to send. The message is rebuilt from the error's name and code:
 * raw messages are dropped because they can quote the paste (parse errors, SDK errors echoing input).
 */
export function toSafeException(err: unknown, where: string): SafeException {
  const e = err !== null && typeof err === 'object' ? (err as { name?: unknown; code?: unknown; statusCode?: unknown; stack?: unknown }) : {};
  const rawName = err instanceof Error ? err.name : typeof e.name === 'string' ? e.name : typeof err;
  const name = NAME.test(rawName) ? rawName : 'Error';
  const rawCode = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : typeof e.statusCode === 'number' ? String(e.statusCode) : undefined;
  const code = rawCode !== undefined && CODE.test(rawCode) ? rawCode : undefined;
  const place = WHERE.test(where) ? where : 'unknown';
  const message = `${name}${code ? ` (${code})` : ''} in ${place}`;
  const frames = (typeof e.stack === 'string' ? e.stack.split('\n') : [])
    .filter((line) => /^\s+at\s/.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => redact(line.slice(0, MAX_FRAME_CHARS)).text);
  return { name, code, where: place, message, stack: [`${name}: ${message}`, ...frames].join('\n') };
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Drop the query string and fragment: they may carry tokens. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return redact(url.split(/[?#]/, 1)[0].slice(0, 512)).text;
}

/** The few TelemetryClient methods we use (applicationinsights 3.x shim), so tests can pass a fake. */
export interface TelemetryClientLike {
  trackEvent(t: { name: string; properties?: Record<string, string>; measurements?: Record<string, number> }): void;
  trackException(t: { exception: Error; properties?: Record<string, string> }): void;
  trackRequest(t: { name: string; url: string; duration: number; resultCode: string; success: boolean; properties?: Record<string, string> }): void;
  flush(): Promise<void>;
}

export interface TelemetryOptions {
  /**
   * true (default): also collect HTTP requests and dependencies automatically through the Azure Monitor
   * OpenTelemetry distro's global providers. Call createTelemetry before restify/http are imported.
   * false: an isolated client that sends only what is tracked by hand (CLI, tests).
   */
  autoCollect?: boolean;
  /** Inject a client (tests); otherwise one is built from the connection string. */
  client?: TelemetryClientLike;
}

export const noopTelemetry: Telemetry = Object.freeze({
  enabled: false,
  trackTriage: () => undefined,
  trackFeedback: () => undefined,
  trackException: () => undefined,
  trackRequest: () => undefined,
  flush: () => Promise.resolve(),
});

function createAppInsightsClient(connectionString: string, autoCollect: boolean): TelemetryClientLike {
  // Loaded only when telemetry is on: the OpenTelemetry stack is large and the CLI rarely needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TelemetryClient } = require('applicationinsights') as typeof import('applicationinsights');
  const client = new TelemetryClient(connectionString, { useGlobalProviders: autoCollect });
  // Uncaught-exception auto-collection would send raw messages; failures go through trackException instead.
  client.config.enableAutoCollectExceptions = false;
  client.config.enableAutoCollectConsole = false;
  client.config.enableAutoCollectExternalLoggers = false;
  client.config.enableSendLiveMetrics = false;
  client.initialize();
  return client;
}

/**
 * Telemetry from the environment: a no-op without APPLICATIONINSIGHTS_CONNECTION_STRING, else Application
 * Insights. Call once at start. Never throws: a bad connection string gives a disabled Telemetry.
 */
export function createTelemetry(env: Readonly<Record<string, string | undefined>> = process.env, options: TelemetryOptions = {}): Telemetry {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString && !options.client) return noopTelemetry;
  let client: TelemetryClientLike;
  try {
    client = options.client ?? createAppInsightsClient(connectionString ?? '', options.autoCollect ?? true);
  } catch {
    return noopTelemetry;
  }
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // Telemetry must never break a turn.
    }
  };
  return {
    enabled: true,
    trackTriage: (e) => guard(() => client.trackEvent(toTelemetryEvent(e))),
    trackFeedback: (e) => guard(() => client.trackEvent(toFeedbackEvent(e))),
    trackException: (err, where) =>
      guard(() => {
        const safe = toSafeException(err, where);
        const exception = new Error(safe.message);
        exception.name = safe.name;
        exception.stack = safe.stack;
        const properties: Record<string, string> = { where: safe.where };
        if (safe.code) properties.code = safe.code;
        client.trackException({ exception, properties });
      }),
    trackRequest: (e) =>
      guard(() => {
        const name = redact(String(e.name).slice(0, 256)).text;
        const method = (e.method ?? name.split(' ', 1)[0]).toUpperCase();
        client.trackRequest({
          name,
          url: safeUrl(e.url) ?? '',
          duration: millis(e.durationMs),
          resultCode: String(e.resultCode).slice(0, 16),
          success: e.success === true,
          // The 3.x shim sets the HTTP method only for unnamed requests; without one the exporter drops the
          // URL and status code from the request record. http.request.method is the OpenTelemetry name.
          ...(HTTP_METHODS.includes(method) ? { properties: { 'http.request.method': method } } : {}),
        });
      }),
    flush: async () => {
      try {
        await client.flush();
      } catch {
        // Ingestion down: nothing to do; the SDK retries from its own queue.
      }
    },
  };
}
