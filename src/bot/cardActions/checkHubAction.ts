// "Check the whole hub" (verb checkHub, data {hub, since?}) and the fleet card's per-device drill-down
// (verb fleetDevice, data {hub, since, deviceId}): the fleet card, posted as a new reply in the thread.
import { fleetCard } from '../../cards';
import { parseHubCommand } from '../../fleet/parse';
import { checkFleet } from '../commands/hubCommand';
import { isDeviceId } from '../intent';
import { botText, hubCheckAck } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

async function fleetAction(data: Record<string, unknown>, ctx: HandlerContext, perDevice: boolean): Promise<ActionResult> {
  if (!ctx.services.fleet) return { type: 'message', text: botText('hubCheckUnavailable', ctx.lang) };
  const hub = typeof data.hub === 'string' ? data.hub : '';
  const since = typeof data.since === 'string' ? data.since : '';
  // The same validation as the typed command: only a real hub name and a known window reach the query.
  const parsed = parseHubCommand(`${hub} ${since}`, ctx.lang);
  const deviceId = typeof data.deviceId === 'string' ? data.deviceId.trim() : undefined;
  if (!parsed.ok || /\s/.test(hub.trim()) || (perDevice && (deviceId === undefined || !isDeviceId(deviceId)))) {
    return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  }
  const outcome = await checkFleet({ hub: parsed.hub, since: parsed.since, ...(perDevice ? { deviceId } : {}) }, ctx);
  return { type: 'post', reply: { type: 'card', card: fleetCard(outcome, ctx.card) }, ack: hubCheckAck(parsed.hub, ctx.lang) };
}

export function checkHubAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  return fleetAction(data, ctx, false);
}

export function fleetDeviceAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  return fleetAction(data, ctx, true);
}
