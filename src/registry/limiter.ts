// A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order. One shared
// instance bounds the hub lookups of the whole process, however many chats ask at the same time.
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error('A limiter needs a limit of at least 1.');
  }

  /** Tasks running now (for tests and health output). */
  get running(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    // The releasing task hands its slot over directly, so `active` stays counted for the waiter.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Hub lookups in flight across the whole process (every chat, every directory). */
export const PROCESS_HUB_LOOKUPS = 8;
export const processHubLimiter = new Limiter(PROCESS_HUB_LOOKUPS);
