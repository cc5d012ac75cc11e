// A typing indicator only when the answer is not ready soon: most pastes are judged in milliseconds, and a
// typing activity costs a whole outbound request and a slot of the thread's rate budget. The reply is never
// delayed by it and never overtaken: when the indicator has gone out, the reply follows it.

/** How long a reply may take before the user is shown that the bot is working on it. */
export const DEFAULT_TYPING_AFTER_MS = 1_000;

/** `afterMs` 0 or less: the indicator goes out first, whatever the reply's speed. */
export async function typingWhenSlow<T>(work: Promise<T>, sendTyping: () => Promise<unknown>, afterMs: number): Promise<T> {
  if (afterMs <= 0) {
    await sendTyping().catch(() => undefined);
    return work;
  }
  let timer: NodeJS.Timeout | undefined;
  let typing: Promise<unknown> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      // A failed indicator is not worth a failed reply.
      typing = sendTyping().catch(() => undefined);
      resolve();
    }, afterMs);
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), late]);
    const result = await work;
    if (typing) await typing;
    return result;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
