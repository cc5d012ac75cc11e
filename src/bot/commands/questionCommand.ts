// A question ("why do we get 401003 every hour?"). With evidence in it, the verdict card (with the
// explainer's answer when there is one); without, the explainer's answer, or the knowledge base.
import { failureMessage, pasteHint } from '../../explain/messages';
import type { ExplainFailure } from '../../explain';
import { knowledge, verdictText } from '../../triage/knowledge';
import type { FindingKind, Lang } from '../../triage/types';
import type { Explanation } from '../../explain/types';
import type { HandlerContext, Reply } from '../reply';
import { hasEvidence, triageText } from '../triageFlow';
import { recordTriage, verdictReply } from './pasteCommand';

export async function questionCommand(text: string, ctx: HandlerContext): Promise<Reply> {
  const run = await triageText(text, ctx.services, ctx.options, {
    lang: ctx.lang,
    explain: ctx.services.explainer ? { mode: 'answer', question: text } : undefined,
  });
  recordTriage(run, 'question', ctx);
  if (hasEvidence(run.triage)) return verdictReply(run, ctx);
  if (run.explanation) return { type: 'text', text: explanationText(run.explanation) };
  const unavailable = run.explainFailure ? `\n\n_${failureMessage(run.explainFailure as ExplainFailure, ctx.lang)}_` : '';
  return { type: 'text', text: knowledgeAnswer(text, ctx.lang) + unavailable };
}

function explanationText(e: Explanation): string {
  const follow = e.followUpQuestions.length > 0 ? `\n\n${e.followUpQuestions.map((q) => `- ${q}`).join('\n')}` : '';
  return `${e.text}${follow}`;
}

// Which knowledge-base entries a question is about, by the words in it (English and Dutch).
const TOPICS: ReadonlyArray<[RegExp, FindingKind]> = [
  [/401003|expir|verloop|verlopen|churn|every hour|elk uur|ieder uur|hourly|per uur|reconnect|opnieuw verbind/i, 'token-expiry-churn'],
  [/thumbprint|vingerafdruk|certificat|x\.?509/i, 'thumbprint-mismatch'],
  [/disabled|uitgeschakeld/i, 'device-disabled'],
  [/wrong hub|other hub|verkeerde hub|andere hub|\bdps\b|provision/i, 'device-in-other-hub'],
  [/not registered|niet geregistreerd|404001|devicenotfound|bestaat niet|does not exist/i, 'device-not-registered'],
  [/signature|handtekening|sig=/i, 'sas-signature-invalid'],
  [/clock|skew|klok|tijdsverschil/i, 'clock-skew'],
  [/rbac|role assignment|roltoewijzing|permission|machtiging/i, 'rbac-permission-missing'],
  [/shared access polic|access policy|toegangsbeleid|authorization rule/i, 'authorization-rule-denied'],
];

/** A short answer from the knowledge base, for when no explainer is configured (or it failed). */
export function knowledgeAnswer(question: string, lang: Lang): string {
  const kinds = TOPICS.filter(([re]) => re.test(question))
    .map(([, kind]) => kind)
    .slice(0, 2);
  const parts: string[] = [];
  if (kinds.length === 0) {
    for (const v of ['token-expiry-churn', 'credential-problem'] as const) {
      const vt = verdictText(v, lang);
      parts.push(`**${vt.headline}**: ${vt.summary}`);
    }
  } else {
    for (const kind of kinds) {
      const k = knowledge(kind, lang);
      const fix = k.fix.length > 0 ? `\n\n${k.fix.map((step, i) => `${i + 1}. ${step}`).join('\n')}` : '';
      const doc = k.docUrl ? `\n\n${k.docUrl}` : '';
      parts.push(`**${k.title}**: ${k.explanation}${fix}${doc}`);
    }
  }
  parts.push(pasteHint(lang));
  return parts.join('\n\n');
}
