// `unwatch <hub>` (also `stop watching <hub>`; Dutch: `stop bewaken <hub>`, `niet meer bewaken <hub>`).
import { hubNameOf, removeWatch } from '../../watch/conversationWatches';
import { watchCommandStrings } from '../../watch/commandStrings';
import type { HandlerContext, Reply } from '../reply';
import { defineCommand } from './command';
import { watchDeps } from './watchDeps';

const UNWATCH = /^\/?(?:unwatch|stop\s+watching|stop\s+bewaken|niet\s+meer\s+bewaken)(?:\s+(.+))?$/i;

async function unwatchReply(args: string, ctx: HandlerContext): Promise<Reply> {
  const s = watchCommandStrings(ctx.lang);
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== 1) return { type: 'text', text: s.unwatchUsage };
  const hub = hubNameOf(tokens[0]);
  if (!hub) return { type: 'text', text: `${s.badHub(tokens[0].slice(0, 60).replace(/[`*_]/g, ''))} ${s.unwatchUsage}` };
  ctx.services.logger.info({ event: 'watch-command', op: 'unwatch', hub }, 'watch command');
  return { type: 'text', text: await removeWatch(watchDeps(ctx), ctx.conversation, hub, ctx.lang) };
}

export const unwatchCommand = defineCommand<{ args: string }>({
  name: 'unwatch',
  parse: (line) => {
    const m = UNWATCH.exec(line);
    return m ? { args: m[1] ?? '' } : undefined;
  },
  help: {
    en: { command: 'unwatch <hub-name>', text: 'stop watching a hub here' },
    nl: { command: 'stop bewaken <hubnaam>', text: 'stop met het bewaken van een hub hier' },
  },
  listed: (card) => card.hubCheckAvailable === true,
  examples: ['unwatch contoso-iot-prod', 'stop watching contoso-iot-prod', 'stop bewaken contoso-iot-prod', 'niet meer bewaken contoso-iot-prod', 'unwatch'],
  run: ({ args }, ctx) => unwatchReply(args, ctx),
});
