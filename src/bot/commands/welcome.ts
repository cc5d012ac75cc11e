// The welcome card, sent once when the bot is added to a chat or team.
import { welcomeCard } from '../../cards';
import type { HandlerContext, Reply } from '../reply';

export function welcome(ctx: HandlerContext): Reply {
  return { type: 'card', card: welcomeCard(ctx.card) };
}
