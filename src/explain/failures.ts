// Maps whatever the openai client throws (or returns) onto the small ExplainFailure vocabulary.
import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  BadRequestError,
  RateLimitError,
} from 'openai';
import type { ExplainFailure } from './types';

function hasContentFilterCode(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { code?: unknown; innererror?: { code?: unknown } };
  return b.code === 'content_filter' || b.innererror?.code === 'ResponsibleAIPolicyViolation';
}

/** `aborted` = our own overall deadline fired (the client reports that as a user abort). */
export function classifyError(err: unknown, state: { throttled: boolean }): ExplainFailure {
  if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) return state.throttled ? 'throttled' : 'timeout';
  if (err instanceof RateLimitError) return 'throttled';
  // Azure answers a filtered prompt with 400 code content_filter (innererror ResponsibleAIPolicyViolation).
  if (err instanceof BadRequestError && (err.code === 'content_filter' || hasContentFilterCode(err.error))) return 'content-filter';
  // Anything else (401/403/404, connection refused, a token provider failure, a bug) is an error.
  return 'error';
}
