// `help` (and an empty message, or one that is only the @mention): what the bot does and how to use it.
import { helpCard } from '../../cards';
import type { HandlerContext, Reply } from '../reply';

export function helpCommand(ctx: HandlerContext): Reply {
  return { type: 'card', card: helpCard(ctx.card) };
}
