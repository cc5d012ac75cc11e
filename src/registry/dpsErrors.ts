// What the DPS service client rejects with, in the port's failure vocabulary. As for the hub, messages are
// written from status and error codes only: nothing from a response body reaches a card or a log.
import type { RegistryFailure } from '../triage/types';
import { parseRetryAfter } from './registryErrors';

export type DpsOutcome = { kind: 'not-found' } | { kind: 'fail'; reason: RegistryFailure; message: string; retryAfterMs?: number };

interface SdkError {
  name?: string;
  code?: string;
  response?: { statusCode?: number; headers?: Record<string, string | string[] | undefined> };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function classifyDps(err: unknown, host: string, nowMs: number): DpsOutcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkError;
  const status = e.response?.statusCode;
  if (status === 404) return { kind: 'not-found' };
  if (status === 401 || status === 403) {
    return {
      kind: 'fail',
      reason: 'unauthorized',
      message: `DPS ${host} refused the bot's read (HTTP ${status}): grant its identity the Device Provisioning Service Data Reader role. This is not the device's problem.`,
    };
  }
  if (status === 429) {
    return { kind: 'fail', reason: 'throttled', message: `DPS ${host} is throttling reads (HTTP 429).`, retryAfterMs: parseRetryAfter(e.response?.headers?.['retry-after'], nowMs) };
  }
  if (status !== undefined) return { kind: 'fail', reason: 'error', message: `DPS ${host} failed the read (HTTP ${status}).` };
  if (e.code && UNREACHABLE.has(e.code)) return { kind: 'fail', reason: 'unreachable', message: `DPS ${host} could not be reached (${e.code}).` };
  if (e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError' || e.name === 'AggregateAuthenticationError') {
    return { kind: 'fail', reason: 'unauthorized', message: `The bot could not get an Entra ID token for DPS ${host} (${e.name}): check its managed identity or az login.` };
  }
  return { kind: 'fail', reason: 'error', message: `The read on DPS ${host} failed (${e.name && /^[A-Za-z]{1,60}$/.test(e.name) ? e.name : 'unexpected error'}).` };
}
