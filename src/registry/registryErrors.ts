// Classifies what azure-iothub rejects with into the port's failure vocabulary, and decides what is
// worth retrying. Messages are written here from status codes and error codes only: the SDK's own
// error text is never echoed, so nothing from a response body (or a credential) reaches a card or log.
import type { RegistryFailure } from '../triage/types';

export type Outcome =
  | { kind: 'not-found' }
  | { kind: 'retry'; reason: RegistryFailure; message: string; retryAfterMs?: number }
  | { kind: 'fail'; reason: RegistryFailure; message: string };

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  responseBody?: unknown;
  response?: { statusCode?: number; headers?: Record<string, string | string[] | undefined> };
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The IoT Hub error code from a body like {"Message":"ErrorCode:DeviceNotFound;…"}; letters only, so nothing else leaks. */
export function hubErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const m = /ErrorCode\\?"?\s{0,2}[:=]\s{0,2}"?([A-Za-z]{3,60})/.exec(body);
  return m ? m[1] : undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (relative to `nowMs`). */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d{1,6}(\.\d+)?$/.test(v.trim())) return Math.round(Number(v.trim()) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function classify(err: unknown, host: string, nowMs: number): Outcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkError;
  const status = e.response?.statusCode;
  const code = hubErrorCode(e.responseBody);
  const tag = code ? ` ${code}` : '';
  if (status !== undefined) {
    if (status === 404 && code === 'DeviceNotFound') return { kind: 'not-found' };
    if (status === 404 && e.name === 'DeviceNotFoundError') return { kind: 'not-found' };
    if (status === 401 || status === 403) {
      return {
        kind: 'fail',
        reason: 'unauthorized',
        message: `IoT Hub ${host} refused the bot's own registry read (HTTP ${status}${tag}): its shared access policy or Entra ID role lacks RegistryRead (use e.g. the registryRead policy, or grant the IoT Hub Data Reader role). This is not the device's problem.`,
      };
    }
    if (status === 404) {
      return { kind: 'fail', reason: 'unreachable', message: `IoT Hub ${host} answered HTTP 404${tag}: check the hub host name.` };
    }
    if (status === 429) {
      return {
        kind: 'retry',
        reason: 'throttled',
        message: `IoT Hub ${host} is throttling registry reads (HTTP 429${tag}).`,
        retryAfterMs: parseRetryAfter(e.response?.headers?.['retry-after'], nowMs),
      };
    }
    if (status >= 500 || status === 408) {
      return {
        kind: 'retry',
        reason: 'error',
        message: `IoT Hub ${host} failed the registry read (HTTP ${status}${tag}).`,
        retryAfterMs: parseRetryAfter(e.response?.headers?.['retry-after'], nowMs),
      };
    }
    return { kind: 'fail', reason: 'error', message: `IoT Hub ${host} rejected the registry read (HTTP ${status}${tag}).` };
  }
  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    return { kind: 'fail', reason: 'unreachable', message: `IoT Hub ${host} could not be reached (${e.code}).` };
  }
  if (e.code && TRANSIENT_CODES.has(e.code)) {
    return { kind: 'retry', reason: 'unreachable', message: `The connection to IoT Hub ${host} broke (${e.code}).` };
  }
  // Entra ID: @azure/identity rejects getToken with these when no identity is available or it is refused.
  if (e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError' || e.name === 'AggregateAuthenticationError') {
    return {
      kind: 'fail',
      reason: 'unauthorized',
      message: `The bot could not get an Entra ID token for IoT Hub ${host} (${e.name}): check its managed identity or az login. This is not the device's problem.`,
    };
  }
  return { kind: 'fail', reason: 'error', message: `The registry read on IoT Hub ${host} failed (${e.name && /^[A-Za-z]{1,60}$/.test(e.name) ? e.name : 'unexpected error'}).` };
}
