// What the watch commands and the Watch button take from the handler context (the logic is src/watch).
import { DEFAULT_WATCH_MAX_PER_CONVERSATION, DEFAULT_WATCH_MAX_PER_TENANT } from '../../config';
import type { WatchDeps } from '../../watch/conversationWatches';
import type { HandlerContext } from '../reply';

export function watchDeps(ctx: HandlerContext): WatchDeps {
  return {
    store: ctx.services.watchStore,
    fleetAvailable: ctx.services.fleet !== undefined,
    limits: ctx.options.watchLimits ?? { maxPerConversation: DEFAULT_WATCH_MAX_PER_CONVERSATION, maxPerTenant: DEFAULT_WATCH_MAX_PER_TENANT },
    clock: ctx.services.clock,
    onStoreError: (err) => ctx.services.logger.warn({ event: 'watch-store-error', errType: err instanceof Error ? err.name : typeof err }, 'watch store unavailable; the command changed nothing'),
  };
}
