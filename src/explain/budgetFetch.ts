// A fetch wrapper that keeps one explain call inside its time budget. The openai client obeys a
// server's Retry-After however long it is (Azure can say 60 s); when the wait would outlast the budget we
// tell the client not to retry (x-should-retry: false), so the caller hears "throttled" now, not later.

export interface CallState {
  /** Set once a 429 was seen, so a deadline hit while backing off reads as throttled, not timeout. */
  throttled: boolean;
}

function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s)) return s * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? at - Date.now() : undefined;
}

export function budgetFetch(inner: typeof fetch, deadlineAt: number, state: CallState): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (res.status === 429) state.throttled = true;
    if (res.status < 400) return res;
    const wait = retryAfterMs(res.headers);
    if (wait === undefined || Date.now() + wait < deadlineAt) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
