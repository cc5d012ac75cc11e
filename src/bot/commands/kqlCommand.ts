// `kql [deviceId]` (and the "Show KQL" button): a ready Log Analytics query for the Connections category.
import { kqlCard } from '../../cards';
import { connectionsKql } from '../../triage/kql';
import { botText } from '../messages';
import type { HandlerContext, Reply } from '../reply';

/** The engine's query builder owns the KQL text (and its quoting of device ids). */
export function kqlFor(deviceId: string | undefined): string {
  return connectionsKql({ deviceIds: deviceId ? [deviceId] : [] });
}

export function kqlCommand(deviceId: string | undefined, invalidId: boolean | undefined, ctx: HandlerContext): Reply {
  if (invalidId) return { type: 'text', text: botText('invalidDeviceId', ctx.lang) };
  return { type: 'card', card: kqlCard(kqlFor(deviceId), ctx.card, deviceId) };
}
