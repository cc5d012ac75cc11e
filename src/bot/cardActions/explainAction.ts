// "Explain" (verb explain, data {triage}: the compact triage the card carries, so the bot stays
// stateless): the same verdict card, now with the explainer's plain-words explanation.
import { verdictCard } from '../../cards';
import { containsSecret } from '../../triage/redact';
import { VERDICTS, type Triage } from '../../triage/types';
import { finalizeTriage } from '../../triage/verdict';
import { withinBudget } from '../budget';
import { botText } from '../messages';
import type { ActionResult, HandlerContext } from '../reply';
import { DEFAULT_EXPLAIN_BUDGET_MS } from '../services';

/** The card data comes back from the client: check it is a triage before using it. */
export function asTriage(v: unknown): Triage | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const t = v as Partial<Triage>;
  const ok =
    (VERDICTS as readonly unknown[]).includes(t.verdict) &&
    Array.isArray(t.findings) &&
    Array.isArray(t.devices) &&
    Array.isArray(t.notes) &&
    !!t.recognised &&
    typeof t.recognised === 'object' &&
    !!t.input &&
    typeof t.input === 'object' &&
    typeof t.now === 'string';
  if (!ok) return undefined;
  // The verdict is a function of the findings: recompute it rather than trust what the client sent back.
  return finalizeTriage({ kql: '', ...t } as Triage);
}

export async function explainAction(data: Record<string, unknown>, ctx: HandlerContext): Promise<ActionResult> {
  const explainer = ctx.services.explainer;
  if (!explainer) return { type: 'message', text: botText('explainUnavailable', ctx.lang) };
  const triage = asTriage(data.triage);
  if (!triage) return { type: 'error', status: 400, code: 'BadRequest', message: botText('badActionData', ctx.lang) };
  // Our cards carry redacted data only; anything else was edited on the way and must not reach the LLM.
  if (containsSecret(JSON.stringify(triage))) return { type: 'message', text: botText('secretInAction', ctx.lang) };
  const r = await withinBudget(explainer.explain(triage, ctx.lang), ctx.options.explainBudgetMs ?? DEFAULT_EXPLAIN_BUDGET_MS);
  const failure = !r.done ? r.reason : r.value.ok ? undefined : r.value.reason;
  ctx.services.logger.info({ event: 'card-action', verb: 'explain', verdict: triage.verdict, ok: failure === undefined, failure, ms: r.ms }, 'card action');
  if (!r.done || !r.value.ok) return { type: 'message', text: botText('explainFailed', ctx.lang) };
  return { type: 'card', card: verdictCard(triage, Object.assign({}, ctx.card, { explanation: r.value.explanation })) };
}
