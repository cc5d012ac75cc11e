// `watching` (Dutch: `bewaakt`, `wat bewaak je`): the hubs this conversation watches.
import { listWatchesText } from '../../watch/conversationWatches';
import type { Reply } from '../reply';
import { defineCommand } from './command';
import { watchDeps } from './watchDeps';

const WATCHING = /^\/?(?:watching|watches|list\s+watches|bewaakt|bewakingen|wat\s+bewaak\s+je\??)$/i;

export const watchingCommand = defineCommand({
  name: 'watching',
  parse: (line) => (WATCHING.test(line) ? {} : undefined),
  help: {
    en: { command: 'watching', text: 'the hubs watched here' },
    nl: { command: 'bewaakt', text: 'de hubs die hier bewaakt worden' },
  },
  listed: (card) => card.hubCheckAvailable === true,
  examples: ['watching', 'WATCHING', 'watches', 'bewaakt', 'wat bewaak je', 'wat bewaak je?'],
  run: async (_args, ctx): Promise<Reply> => ({ type: 'text', text: await listWatchesText(watchDeps(ctx), ctx.conversation, ctx.lang) }),
});
