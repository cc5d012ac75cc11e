// A time budget for optional work (registry lookup, LLM explanation): the reply must go out within a
// few seconds (Teams resends after ~15 s), so slow optional work is dropped rather than awaited.

export type Budgeted<T> = { done: true; value: T; ms: number } | { done: false; reason: 'timeout' | 'error'; ms: number };

/** Resolve with the promise's value if it settles within `ms`, else with `{done:false}`. Rejections count as not done. */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<Budgeted<T>> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  try {
    const result = await Promise.race([work.then((value) => ({ value })), timeout]);
    if (result === 'timeout') return { done: false, reason: 'timeout', ms: Date.now() - started };
    return { done: true, value: result.value, ms: Date.now() - started };
  } catch {
    return { done: false, reason: 'error', ms: Date.now() - started };
  } finally {
    if (timer) clearTimeout(timer);
    // A late rejection must not become an unhandled rejection.
    work.catch(() => undefined);
  }
}
