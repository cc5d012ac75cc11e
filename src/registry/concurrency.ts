// Run tasks with at most `limit` in flight, in input order; `stop()` lets a task halt the rest
// (e.g. after the hub said the bot is unauthorised, asking again per device only burns throttle budget).
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, stop: () => void) => Promise<void>,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
  };
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const item = items[next++];
      await task(item, stop);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
}
