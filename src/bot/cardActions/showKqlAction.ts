// "Show KQL" (verb showKql, data {deviceId?}): the ready query, posted as a new reply in the thread.
import { kqlCard } from '../../cards';
import { kqlFor } from '../commands/kqlCommand';
import { isDeviceId } from '../intent';
import { botText, kqlAck } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

export function showKqlAction(data: Record<string, unknown>, ctx: HandlerContext): ActionResult {
  const raw = data.deviceId;
  const deviceId = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  if (raw !== undefined && raw !== null && raw !== '' && (deviceId === undefined || !isDeviceId(deviceId))) {
    return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  }
  ctx.services.logger.info({ event: 'card-action', verb: 'showKql', perDevice: deviceId !== undefined }, 'card action');
  return { type: 'post', reply: { type: 'card', card: kqlCard(kqlFor(deviceId), ctx.card, deviceId) }, ack: kqlAck(ctx.lang) };
}
