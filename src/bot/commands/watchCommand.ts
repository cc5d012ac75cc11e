// `watch <hub> [every 15m|30m|1h]` (Dutch: `bewaak <hub> [elke 15m|30m|1u]`): this conversation watches
// a hub; the scheduler (src/watch) posts here when devices get a credential problem, and once on recovery.
import { addWatch, parseWatchArgs } from '../../watch/conversationWatches';
import type { HandlerContext, Reply } from '../reply';
import { defineCommand } from './command';
import { watchDeps } from './watchDeps';

const WATCH = /^\/?(?:watch|bewaak)(?:\s+(.+))?$/i;

async function watchReply(args: string, ctx: HandlerContext): Promise<Reply> {
  const parsed = parseWatchArgs(args, ctx.lang);
  if (!parsed.ok) return { type: 'text', text: parsed.message };
  const text = await addWatch(watchDeps(ctx), ctx.conversation, parsed.hub, parsed.everyMinutes, ctx.lang);
  ctx.services.logger.info({ event: 'watch-command', op: 'watch', hub: parsed.hub, everyMinutes: parsed.everyMinutes }, 'watch command');
  return { type: 'text', text };
}

export const watchCommand = defineCommand<{ args: string }>({
  name: 'watch',
  parse: (line) => {
    const m = WATCH.exec(line);
    return m ? { args: m[1] ?? '' } : undefined;
  },
  help: {
    en: { command: 'watch <hub-name> [every 15m|30m|1h]', text: 'post here when devices on the hub get a credential problem (churn stays quiet)' },
    nl: { command: 'bewaak <hubnaam> [elke 15m|30m|1u]', text: 'meld hier als apparaten op de hub een probleem met referenties krijgen (token-verloop blijft stil)' },
  },
  listed: (card) => card.hubCheckAvailable === true,
  examples: ['watch contoso-iot-prod', 'watch contoso-iot-prod every 15m', 'bewaak contoso-iot-prod elke 1u', '/watch contoso-hub 30m', 'watch'],
  run: ({ args }, ctx) => watchReply(args, ctx),
});
