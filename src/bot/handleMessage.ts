// One message in, one reply out: command or paste, without botbuilder (teamsBot.ts is the edge).
import { examplesCommand } from './commands/examplesCommand';
import { helpCommand } from './commands/helpCommand';
import { hubCommand } from './commands/hubCommand';
import { kqlCommand } from './commands/kqlCommand';
import { lookupCommand } from './commands/lookupCommand';
import { pasteCommand } from './commands/pasteCommand';
import { questionCommand } from './commands/questionCommand';
import type { Intent } from './intent';
import type { HandlerContext, Reply } from './reply';

export async function replyTo(intent: Intent, ctx: HandlerContext): Promise<Reply> {
  switch (intent.kind) {
    case 'empty':
    case 'help':
      return helpCommand(ctx);
    case 'examples':
      return examplesCommand(ctx);
    case 'lookup':
      return lookupCommand(intent.deviceId, intent.invalidId, ctx);
    case 'kql':
      return kqlCommand(intent.deviceId, intent.invalidId, ctx);
    case 'hub':
      return hubCommand(intent.args, ctx);
    case 'question':
      return questionCommand(intent.text, ctx);
    case 'paste':
      return pasteCommand(intent.text, ctx);
  }
}

/** Work that takes a moment (and deserves a typing indicator in personal chat). */
export function isSlow(intent: Intent): boolean {
  return intent.kind === 'paste' || intent.kind === 'question' || intent.kind === 'hub' || (intent.kind === 'lookup' && intent.deviceId !== undefined);
}
