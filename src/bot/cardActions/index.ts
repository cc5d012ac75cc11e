// Routes an Action.Execute by its verb to one small handler.
import { VERBS } from '../../cards/verbs';
import { botText } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';
import { checkHubAction, fleetDeviceAction } from './checkHubAction';
import { explainAction } from './explainAction';
import { feedbackAction } from './feedbackAction';
import { lookupDeviceAction } from './lookupDeviceAction';
import { showKqlAction } from './showKqlAction';
import { watchHubAction } from './watchHubAction';

type ActionHandler = (data: Record<string, unknown>, ctx: HandlerContext) => ActionResult | Promise<ActionResult>;

const HANDLERS: Record<string, ActionHandler> = {
  [VERBS.lookupDevice]: lookupDeviceAction,
  [VERBS.showKql]: showKqlAction,
  [VERBS.feedback]: feedbackAction,
  [VERBS.explain]: explainAction,
  [VERBS.checkHub]: checkHubAction,
  [VERBS.watchHub]: watchHubAction,
  // The fleet card's drill-down (cards/fleet.json); not in VERBS yet.
  fleetDevice: fleetDeviceAction,
};

export async function handleCardAction(verb: unknown, data: unknown, ctx: HandlerContext): Promise<ActionResult> {
  const handler = typeof verb === 'string' && Object.prototype.hasOwnProperty.call(HANDLERS, verb) ? HANDLERS[verb] : undefined;
  if (!handler) {
    ctx.services.logger.warn({ event: 'card-action', verb: typeof verb === 'string' ? verb.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) : typeof verb, unknown: true }, 'unknown card verb');
    return { type: 'error', status: 400, code: 'NotSupported', message: botText('unknownAction', ctx.lang) };
  }
  const payload = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return handler(payload, ctx);
}
