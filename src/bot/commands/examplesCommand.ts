// `examples`: sample pastes the user can try.
import { examplesCard } from '../../cards';
import type { HandlerContext, Reply } from '../reply';

export function examplesCommand(ctx: HandlerContext): Reply {
  return { type: 'card', card: examplesCard(ctx.card) };
}
