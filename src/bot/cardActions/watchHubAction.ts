// The fleet card's "Watch this hub" (verb watchHub, data {hub}): the conversation watches the hub every
// hour, as `watch <hub>` would; the answer is a short message and the card stays as it is.
import { addWatch, hubNameOf } from '../../watch/conversationWatches';
import { watchDeps } from '../commands/watchDeps';
import { botText } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

export async function watchHubAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  const raw = typeof data.hub === 'string' ? data.hub.trim() : '';
  const hub = hubNameOf(raw);
  if (!hub || /\s/.test(raw)) return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  const text = await addWatch(watchDeps(ctx), ctx.conversation, hub, 60, ctx.lang);
  ctx.services.logger.info({ event: 'watch-command', op: 'watch-button', hub }, 'watch command');
  return { type: 'message', text };
}
