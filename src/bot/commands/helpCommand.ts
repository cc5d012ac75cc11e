// `help` (and an empty message, or one that is only the @mention): what the bot does and how to use it.
import { helpCard } from '../../cards';
import type { HandlerContext, Reply } from '../reply';
import { defineCommand, helpLines, type BotCommand } from './command';

const HELP = /^\/?(?:help|hulp|\?|menu|commands|commando'?s)$/i;

export function helpReply(ctx: HandlerContext, commands: readonly BotCommand[]): Reply {
  // Which hubs a lookup searches, by name: the configured ones, and those discovery found (IOTHUB_DISCOVER).
  const directory = ctx.services.directory;
  const discovered = directory?.discovered?.() ?? [];
  const hubs = directory ? { configured: directory.hubs().filter((h) => !discovered.includes(h)), discovered } : undefined;
  return { type: 'card', card: helpCard(ctx.card, helpLines(commands, ctx.card), hubs) };
}

export const helpCommand = defineCommand({
  name: 'help',
  parse: (line) => (HELP.test(line) ? {} : undefined),
  help: { en: { command: 'help', text: 'this card' }, nl: { command: 'help', text: 'deze kaart' } },
  examples: ['help', 'HELP', 'hulp', '/help', 'commando\'s', '?'],
  run: (_args, ctx, commands) => helpReply(ctx, commands),
});
