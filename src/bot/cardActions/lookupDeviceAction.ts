// "Look up device" (verb lookupDevice, data {deviceId}): the registry record, posted as a new reply in
// the thread so the verdict card stays as it was.
import { deviceCard } from '../../cards';
import { lookUpDevice } from '../commands/lookupCommand';
import { isDeviceId } from '../intent';
import { botText, lookupAck } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

export async function lookupDeviceAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  const deviceId = typeof data.deviceId === 'string' ? data.deviceId.trim() : '';
  if (!isDeviceId(deviceId)) return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  const result = await lookUpDevice(deviceId, ctx);
  ctx.services.logger.info({ event: 'card-action', verb: 'lookupDevice', found: result.record !== null, failure: result.failure?.reason, ms: result.ms }, 'card action');
  return {
    type: 'post',
    reply: { type: 'card', card: deviceCard(deviceId, result.record, { ...ctx.card, failure: result.failure }) },
    ack: lookupAck(deviceId, ctx.lang),
  };
}
