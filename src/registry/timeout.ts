// A deadline on an SDK call: the registry and DPS clients take no abort signal, so the call is raced.

/** What `withTimeout` rejects with when the deadline passes first. */
export class Timeout extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  // The losing SDK call may still settle later; swallow it so it cannot surface as an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
