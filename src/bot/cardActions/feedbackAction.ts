// "Was this helpful?" (verb feedback, data {helpful, verdict}): logged and counted, acknowledged with a
// short message so the verdict card stays visible for everyone in the chat.
import { VERDICTS, type Verdict } from '../../triage/types';
import { botText } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';

function readHelpful(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return undefined;
}

export function feedbackAction(data: Record<string, unknown>, ctx: HandlerContext): ActionResult {
  const helpful = readHelpful(data.helpful);
  if (helpful === undefined) return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  const verdict: Verdict | 'unknown' = (VERDICTS as readonly unknown[]).includes(data.verdict) ? (data.verdict as Verdict) : 'unknown';
  ctx.services.logger.info({ event: 'feedback', helpful, verdict, lang: ctx.lang }, 'feedback');
  try {
    ctx.services.telemetry?.trackFeedback({ helpful, verdict });
  } catch (err) {
    ctx.services.logger.warn({ event: 'telemetry-failed', err }, 'telemetry failed');
  }
  return { type: 'message', text: botText('feedbackThanks', ctx.lang) };
}
