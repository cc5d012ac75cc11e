// "Look up device" (verb lookupDevice, data {deviceId, refresh?}): the registry record. From a verdict
// card it is posted as a new reply in the thread, so the verdict stays as it was; the device card's own
// "Refresh" / "Look up device" button (refresh: true) replaces that device card in place, since nothing
// on it is lost by reading the registry again.
import { lookupCard, lookUpDevice } from '../commands/lookupCommand';
import { isDeviceId } from '../intent';
import { botText, lookupAck } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

export async function lookupDeviceAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  const deviceId = typeof data.deviceId === 'string' ? data.deviceId.trim() : '';
  if (!isDeviceId(deviceId)) return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  const refresh = data.refresh === true;
  const result = await lookUpDevice(deviceId, ctx);
  ctx.services.logger.info({ event: 'card-action', verb: 'lookupDevice', refresh, found: result.record !== null, failure: result.failure?.reason, ms: result.ms }, 'card action');
  if (refresh) {
    // The refreshed card says when it was read, so everyone in the chat sees it is not the old answer.
    const checked = { at: ctx.services.clock(), refreshed: true };
    return { type: 'card', card: lookupCard(deviceId, result, ctx, checked) };
  }
  const card = lookupCard(deviceId, result, ctx);
  return { type: 'post', reply: { type: 'card', card }, ack: lookupAck(deviceId, ctx.lang) };
}
