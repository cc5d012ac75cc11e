// One message in, one reply out: a registered command, a question or a paste, without botbuilder
// (teamsBot.ts is the edge).
import { helpReply } from './commands/helpCommand';
import { pasteCommand } from './commands/pasteCommand';
import { questionCommand } from './commands/questionCommand';
import { COMMANDS } from './commands/registry';
import type { BotCommand } from './commands/command';
import type { Intent } from './intent';
import type { HandlerContext, Reply } from './reply';

function commandOf(intent: Intent, commands: readonly BotCommand[]): BotCommand | undefined {
  return commands.find((c) => c.name === intent.kind);
}

export async function replyTo(intent: Intent, ctx: HandlerContext, commands: readonly BotCommand[] = COMMANDS): Promise<Reply> {
  if (intent.kind === 'question') return questionCommand((intent as { text: string }).text, ctx);
  if (intent.kind === 'paste') return pasteCommand((intent as { text: string }).text, ctx);
  const command = commandOf(intent, commands);
  // An empty message (or only the @mention) gets the help card.
  if (!command) return helpReply(ctx, commands);
  return command.run(intent, ctx, commands);
}

/** Work that takes a moment (and deserves a typing indicator in personal chat). */
export function isSlow(intent: Intent, commands: readonly BotCommand[] = COMMANDS): boolean {
  if (intent.kind === 'paste' || intent.kind === 'question') return true;
  return commandOf(intent, commands)?.slow?.(intent) ?? false;
}
